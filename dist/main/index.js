import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunks/chunk-ZGLGAOJF.js";
import "./chunks/chunk-HANBNIMK.js";
