import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
} from "./chunk-EW6K3TZW.js";
import "./chunk-XQEZ2DXS.js";
import "./chunk-MVOKTADJ.js";
import "./chunk-HANBNIMK.js";
export {
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  boundedFetch,
  createGitHubClient,
  lazyGitHubClient
};
