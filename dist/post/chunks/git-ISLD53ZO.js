import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGit,
  insideRepository,
  tagNames
} from "./chunk-MUHMCB5E.js";
import "./chunk-G4DCLK2N.js";
import "./chunk-HANBNIMK.js";
export {
  createGit,
  insideRepository,
  tagNames
};
