import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-WXNOPY4I.js";
import "./chunk-2CXAIZQM.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
