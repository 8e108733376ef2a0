import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunks/chunk-W7DQBYF4.js";
import "./chunks/chunk-PP75D4GO.js";
import "./chunks/chunk-HANBNIMK.js";
