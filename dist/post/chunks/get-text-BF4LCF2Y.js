import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-TEKSHHYX.js";
import "./chunk-KRG23FXG.js";
import "./chunk-VGGPMC44.js";
import "./chunk-YG2QNNYP.js";
import "./chunk-6PFF2QCX.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
