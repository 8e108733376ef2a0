import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGit,
  insideRepository,
  tagNames
} from "./chunk-OVMOK57T.js";
import "./chunk-JXQCFANS.js";
import "./chunk-CLQH5R2E.js";
import "./chunk-AD5NNK2V.js";
import "./chunk-HANBNIMK.js";
export {
  createGit,
  insideRepository,
  tagNames
};
