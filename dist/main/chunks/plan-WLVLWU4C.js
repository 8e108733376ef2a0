import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan,
  planLines
} from "./chunk-XPTJAZ6M.js";
import "./chunk-2CXAIZQM.js";
import "./chunk-HANBNIMK.js";
export {
  plan,
  planLines
};
