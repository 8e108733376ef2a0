import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
} from "./chunk-TUCPWZ4Z.js";
import "./chunk-3HZTAZ4X.js";
import "./chunk-PP75D4GO.js";
import "./chunk-HANBNIMK.js";
export {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
};
