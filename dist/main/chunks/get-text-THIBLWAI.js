import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-KZVT7J6D.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
