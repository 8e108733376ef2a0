import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGit,
  insideRepository,
  tagNames
} from "./chunk-XGQRSQIF.js";
import "./chunk-JXQCFANS.js";
import "./chunk-W7DQBYF4.js";
import "./chunk-PP75D4GO.js";
import "./chunk-HANBNIMK.js";
export {
  createGit,
  insideRepository,
  tagNames
};
