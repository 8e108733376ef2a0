import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-LON2RXNF.js";
import "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
