import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  manualRollback,
  proveHealthy,
  putBack
} from "./chunk-T752YYOS.js";
import "./chunk-HPT5G5JO.js";
import "./chunk-ZV2GJJP6.js";
import "./chunk-VNWZ2QHG.js";
import "./chunk-HANBNIMK.js";
export {
  manualRollback,
  proveHealthy,
  putBack
};
