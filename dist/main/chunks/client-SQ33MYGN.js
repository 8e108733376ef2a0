import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
} from "./chunk-PZYHS4PP.js";
import "./chunk-JQ6SVAIG.js";
import "./chunk-HANBNIMK.js";
export {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
};
