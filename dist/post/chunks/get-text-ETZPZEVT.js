import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-QLGJX7TA.js";
import "./chunk-PIYAB7OD.js";
import "./chunk-VGGPMC44.js";
import "./chunk-HBWCWMJU.js";
import "./chunk-AD5NNK2V.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
