import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-ZV2GJJP6.js";
import "./chunk-VNWZ2QHG.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
