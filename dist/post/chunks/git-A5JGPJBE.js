import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGit,
  tagNames
} from "./chunk-NEY66GYZ.js";
import "./chunk-G4DCLK2N.js";
import "./chunk-HANBNIMK.js";
export {
  createGit,
  tagNames
};
