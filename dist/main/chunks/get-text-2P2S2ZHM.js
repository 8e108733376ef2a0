import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-KH4CCA5R.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
