import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  HttpDispatcher,
  readBounded,
  requestHeaders,
  timeoutSignal
} from "./chunk-ZGLGAOJF.js";

// src/http/get-text.ts
var BODY_LIMIT = 64 * 1024;
async function boundedGet(dispatcher, url, o) {
  const res = await dispatcher.request(url, {
    method: "GET",
    headers: { ...requestHeaders(url, o.headers), ...o.accept ? { accept: o.accept } : {} },
    signal: timeoutSignal(o.timeoutMs, o.signal),
    timeoutMs: o.timeoutMs
  });
  const { text } = await readBounded(res.body, o.limit);
  return { status: res.statusCode, text };
}
async function getText(url, o) {
  const dispatcher = new HttpDispatcher();
  try {
    return (await boundedGet(dispatcher, url, { ...o, limit: BODY_LIMIT })).text;
  } finally {
    await dispatcher.destroy().catch(() => void 0);
  }
}

export {
  boundedGet,
  getText
};
