import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-TE2Q6HRJ.js";
import "./chunk-QYAIPIB3.js";
import "./chunk-YQK2E33Q.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
