import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunks/chunk-6PFF2QCX.js";
import "./chunks/chunk-HANBNIMK.js";
