import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  manualRollback,
  proveHealthy,
  putBack
} from "./chunk-FQXTZTOP.js";
import "./chunk-OJT6OHQM.js";
import "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";
export {
  manualRollback,
  proveHealthy,
  putBack
};
