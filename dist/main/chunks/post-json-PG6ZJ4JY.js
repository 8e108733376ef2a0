import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  HttpDispatcher,
  durationText,
  parseRetryAfter,
  readBounded,
  redact,
  sleep
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/http/post-json.ts
var ALERT_DEADLINE_MS = 15e3;
var ATTEMPT_TIMEOUT_MS = 1e4;
var BACKOFF_MS = [250, 500, 1e3, 2e3];
var MIN_ATTEMPT_MS = 1e3;
var ERROR_BODY_CHARS = 100;
async function postJson(url, body, o) {
  const now = o.now ?? Date.now;
  const deadline = now() + (o.deadlineMs ?? ALERT_DEADLINE_MS);
  const attempts = o.attempts ?? 4;
  const wait = o.sleep ?? sleep;
  const own = o.dispatcher ? void 0 : new HttpDispatcher();
  const dispatcher = o.dispatcher ?? own;
  const text = o.raw && typeof body === "string" ? body : JSON.stringify(body);
  let error = "";
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const left = deadline - now();
      const answer = await attemptPost(url, text, {
        ...o,
        dispatcher,
        timeoutMs: Math.ceil(Math.min(o.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS, Math.max(left, 1)))
      });
      if (answer.ok) return { ok: true, attempts: attempt };
      error = answer.error;
      if (!answer.retryable || attempt === attempts) return { ok: false, attempts: attempt, error };
      const asked = answer.retryAfterMs;
      const pause = asked ?? Math.min(o.maxBackoffMs ?? 5e3, BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)]);
      const leftAfter = deadline - now() - pause;
      if (leftAfter < MIN_ATTEMPT_MS) {
        const why = asked !== void 0 ? `; it asked to retry after ${durationText(asked)}` : "";
        return {
          ok: false,
          attempts: attempt,
          error: `${error}${why}; gave up within the ${durationText(o.deadlineMs ?? ALERT_DEADLINE_MS)} an alert may take`
        };
      }
      await wait(pause);
    }
    return { ok: false, attempts, error };
  } finally {
    await own?.destroy().catch(() => void 0);
  }
}
async function attemptPost(url, text, o) {
  try {
    const res = await o.dispatcher.request(url, {
      method: "POST",
      headers: lowerCase({ "content-type": "application/json", "user-agent": "rollback-action", ...o.headers }),
      body: text,
      signal: AbortSignal.timeout(o.timeoutMs),
      timeoutMs: o.timeoutMs
    });
    const reply = (await readBounded(res.body, 4096).catch(() => ({ text: "" }))).text;
    const status = res.statusCode;
    if (status >= 200 && status <= 299) return { ok: true };
    const retryAfter = res.headers["retry-after"];
    const fromHeader = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : void 0;
    const said = reply.trim() ? ` (${oneLine(reply).slice(0, ERROR_BODY_CHARS)})` : "";
    return {
      ok: false,
      retryable: status === 429 || status >= 500,
      error: scrub(`${o.service} answered HTTP ${status}${said}`),
      // A receiver that says it in its body (Discord: seconds, with a fraction) is read first: its header may be rounded.
      retryAfterMs: (status === 429 ? o.retryAfterFromBody?.(reply) : void 0) ?? fromHeader
    };
  } catch (err) {
    return { ok: false, retryable: true, error: scrub(`request failed: ${describeNetworkError(err, o.timeoutMs)}`) };
  }
}
function describeNetworkError(err, timeoutMs) {
  const e = err ?? {};
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.code === "UND_ERR_HEADERS_TIMEOUT" || e.code === "UND_ERR_BODY_TIMEOUT") {
    return `no answer within ${durationText(timeoutMs)}`;
  }
  const code = typeof e.code === "string" ? e.code : typeof e.cause?.code === "string" ? e.cause.code : "";
  return code ? `${code}${/^UND_ERR/.test(code) ? `: ${oneLine(e.message ?? "")}` : ""}` : `${e.name ?? "Error"}: ${oneLine(e.message ?? String(err))}`;
}
function lowerCase(headers) {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}
function scrub(text) {
  return redact(text).replace(/https?:\/\/\S+/g, "<webhook>");
}
export {
  ALERT_DEADLINE_MS,
  postJson
};
