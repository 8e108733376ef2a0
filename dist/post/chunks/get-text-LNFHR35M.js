import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readBounded,
  requestHeaders,
  timeoutSignal
} from "./chunk-ZY5LA3EA.js";
import "./chunk-GPG3U3RS.js";
import {
  HttpDispatcher
} from "./chunk-MTZ6GK3U.js";
import "./chunk-HANBNIMK.js";

// src/http/get-text.ts
var BODY_LIMIT = 64 * 1024;
async function getText(url, o) {
  const dispatcher = new HttpDispatcher();
  try {
    const res = await dispatcher.request(url, {
      method: "GET",
      headers: requestHeaders(url, o.headers),
      signal: timeoutSignal(o.timeoutMs, o.signal),
      timeoutMs: o.timeoutMs
    });
    return (await readBounded(res.body, BODY_LIMIT)).text;
  } finally {
    await dispatcher.destroy().catch(() => void 0);
  }
}
export {
  getText
};
