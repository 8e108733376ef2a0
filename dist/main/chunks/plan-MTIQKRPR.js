import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan,
  planLines
} from "./chunk-3B46LWGG.js";
import "./chunk-KH4CCA5R.js";
import "./chunk-HANBNIMK.js";
export {
  plan,
  planLines
};
