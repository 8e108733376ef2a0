import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGit,
  insideRepository,
  tagNames
} from "./chunk-2GDNEW2S.js";
import "./chunk-JXQCFANS.js";
import "./chunk-CLQH5R2E.js";
import "./chunk-6PFF2QCX.js";
import "./chunk-HANBNIMK.js";
export {
  createGit,
  insideRepository,
  tagNames
};
