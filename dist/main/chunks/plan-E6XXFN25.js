import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan,
  planLines
} from "./chunk-JJTHS6HR.js";
import "./chunk-TBK4Y2ZQ.js";
import "./chunk-JQ6SVAIG.js";
import "./chunk-HANBNIMK.js";
export {
  plan,
  planLines
};
