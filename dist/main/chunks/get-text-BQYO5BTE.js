import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-PA37WKH4.js";
import "./chunk-NHSLQNZE.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
