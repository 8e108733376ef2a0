import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  manualRollback,
  proveHealthy,
  putBack
} from "./chunk-O3MLCBTE.js";
import "./chunk-JJTHS6HR.js";
import "./chunk-TBK4Y2ZQ.js";
import "./chunk-JQ6SVAIG.js";
import "./chunk-HANBNIMK.js";
export {
  manualRollback,
  proveHealthy,
  putBack
};
