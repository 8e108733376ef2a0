import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  manualRollback,
  proveHealthy,
  putBack
} from "./chunk-KXN3MYFK.js";
import "./chunk-XPTJAZ6M.js";
import "./chunk-2CXAIZQM.js";
import "./chunk-HANBNIMK.js";
export {
  manualRollback,
  proveHealthy,
  putBack
};
