import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan,
  planLines
} from "./chunk-77KYQRCD.js";
import "./chunk-2UXI2LCQ.js";
import "./chunk-HANBNIMK.js";
export {
  plan,
  planLines
};
