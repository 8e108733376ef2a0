import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-F5XYM2SJ.js";
import "./chunk-XQEZ2DXS.js";
import "./chunk-MVOKTADJ.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
