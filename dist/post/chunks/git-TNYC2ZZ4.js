import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGit,
  insideRepository,
  tagNames
} from "./chunk-7OT6G5BG.js";
import "./chunk-JXQCFANS.js";
import "./chunk-MVOKTADJ.js";
import "./chunk-HANBNIMK.js";
export {
  createGit,
  insideRepository,
  tagNames
};
