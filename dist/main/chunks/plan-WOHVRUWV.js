import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan,
  planLines
} from "./chunk-HPT5G5JO.js";
import "./chunk-ZV2GJJP6.js";
import "./chunk-VNWZ2QHG.js";
import "./chunk-HANBNIMK.js";
export {
  plan,
  planLines
};
