import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet,
  getText
} from "./chunk-YRI4SRO3.js";
import "./chunk-W7DQBYF4.js";
import "./chunk-3HZTAZ4X.js";
import "./chunk-PP75D4GO.js";
import "./chunk-HANBNIMK.js";
export {
  boundedGet,
  getText
};
