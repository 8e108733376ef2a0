import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-WTAJZCWR.js";
import "./chunk-MTZ6GK3U.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
