import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-QEVFDNA2.js";
import "./chunk-UCRVXHWS.js";
import "./chunk-VGGPMC44.js";
import "./chunk-ZU6RK5RC.js";
import "./chunk-OTFMFJMU.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
