import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGit,
  insideRepository,
  tagNames
} from "./chunk-YNSRR26M.js";
import "./chunk-JXQCFANS.js";
import "./chunk-DNKOEJMG.js";
import "./chunk-HANBNIMK.js";
export {
  createGit,
  insideRepository,
  tagNames
};
