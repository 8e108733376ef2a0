import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-SH3GKZEL.js";
import "./chunk-2UXI2LCQ.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
