import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
} from "./chunk-2545NL3H.js";
import "./chunk-5MTY23N6.js";
import "./chunk-MTZ6GK3U.js";
import "./chunk-HANBNIMK.js";
export {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
};
