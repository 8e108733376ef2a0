import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunks/chunk-ZV2GJJP6.js";
import "./chunks/chunk-VNWZ2QHG.js";
import "./chunks/chunk-HANBNIMK.js";
