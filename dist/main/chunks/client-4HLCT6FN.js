import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
} from "./chunk-4SL3AIW5.js";
import "./chunk-VNWZ2QHG.js";
import "./chunk-HANBNIMK.js";
export {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
};
