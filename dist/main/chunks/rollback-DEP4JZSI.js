import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  manualRollback,
  proveHealthy,
  putBack
} from "./chunk-HITCSGF3.js";
import "./chunk-VDRYPDXW.js";
import "./chunk-KZVT7J6D.js";
import "./chunk-HANBNIMK.js";
export {
  manualRollback,
  proveHealthy,
  putBack
};
