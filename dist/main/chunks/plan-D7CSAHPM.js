import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan,
  planLines
} from "./chunk-VDRYPDXW.js";
import "./chunk-KZVT7J6D.js";
import "./chunk-HANBNIMK.js";
export {
  plan,
  planLines
};
