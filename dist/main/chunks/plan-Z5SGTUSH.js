import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan,
  planLines
} from "./chunk-EYGOGTQT.js";
import "./chunk-NHSLQNZE.js";
import "./chunk-HANBNIMK.js";
export {
  plan,
  planLines
};
