import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunks/chunk-TBK4Y2ZQ.js";
import "./chunks/chunk-JQ6SVAIG.js";
import "./chunks/chunk-HANBNIMK.js";
