import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-MRA23TLV.js";
import "./chunk-QYPULSSZ.js";
import "./chunk-DNKOEJMG.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
