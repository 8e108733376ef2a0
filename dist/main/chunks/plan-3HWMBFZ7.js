import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan,
  planLines
} from "./chunk-OJT6OHQM.js";
import "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";
export {
  plan,
  planLines
};
