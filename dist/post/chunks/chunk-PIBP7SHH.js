import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  classifyError,
  displayUrl,
  requestHeaders
} from "./chunk-KRG23FXG.js";
import {
  readBounded,
  timeoutSignal
} from "./chunk-VGGPMC44.js";
import {
  monotonicMs,
  parseRetryAfter,
  redact
} from "./chunk-6PFF2QCX.js";

// src/gate/probe.ts
var MAX_REDIRECTS = 5;
var BODY_LIMIT = 64 * 1024;
var EXCERPT_CHARS = 300;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
async function probe(url, o) {
  const started = monotonicMs();
  const at = (/* @__PURE__ */ new Date()).toISOString();
  const shown = displayUrl(url);
  const signal = timeoutSignal(o.requestTimeoutMs, o.signal);
  const redirects = [];
  const origin = originOf(url);
  let status;
  const result = (failure, extra = {}) => ({
    url: shown,
    ok: !failure,
    answered: status !== void 0,
    status,
    latencyMs: monotonicMs() - started,
    ...redirects.length ? { redirects } : {},
    ...extra,
    ...failure ? { failure: { at, kind: failure.kind, message: redact(failure.message), status, bodyExcerpt: failure.bodyExcerpt } } : {}
  });
  let current = url;
  try {
    for (; ; ) {
      const sameOrigin = originOf(current) === origin;
      status = void 0;
      const res = await o.dispatcher.request(current, {
        method: "GET",
        headers: requestHeaders(current, sameOrigin ? o.headers : []),
        signal,
        timeoutMs: o.requestTimeoutMs
      });
      status = res.statusCode;
      const location = header(res.headers.location);
      if (REDIRECT_STATUSES.has(status) && location) {
        await readBounded(res.body, BODY_LIMIT);
        if (redirects.length >= MAX_REDIRECTS) {
          return result({ kind: "redirect", message: `more than ${MAX_REDIRECTS} redirects (last: ${displayUrl(current)} \u2192 ${location})` });
        }
        const next = resolveLocation(location, current);
        if (!next) return result({ kind: "redirect", message: `redirect to an invalid location (${displayUrl(current)} \u2192 ${location.slice(0, 200)})` });
        current = next.toString();
        redirects.push(displayUrl(current));
        continue;
      }
      const body = await readBounded(res.body, BODY_LIMIT).catch((err) => {
        const c = classifyError(err, o.requestTimeoutMs, o.signal);
        throw Object.assign(new BodyError(`${c.message} while reading the body`), { kind: c.kind });
      });
      const latencyMs = monotonicMs() - started;
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header(res.headers["retry-after"])) : void 0;
      const extra = { latencyMs, ...retryAfterMs !== void 0 ? { retryAfterMs } : {} };
      const bodyExcerpt = excerpt(body.text);
      if (!o.expectedStatus.some((r) => status >= r.min && status <= r.max)) {
        return result({ kind: "status", message: `status ${status} not in ${statusRangesText(o.expectedStatus)}`, bodyExcerpt }, extra);
      }
      if (o.expectedBody && !bodyMatches(body.text, o.expectedBody)) {
        const want = o.expectedBody.kind === "regex" ? o.expectedBody.source : JSON.stringify(o.expectedBody.text);
        return result({ kind: "body", message: `body does not match ${want}`, bodyExcerpt }, extra);
      }
      if (o.version && !containsVersion(body.text, o.version)) {
        return result({ kind: "version", message: `body does not contain version ${o.version} (an old instance still answering?)`, bodyExcerpt }, extra);
      }
      if (o.maxLatencyMs !== void 0 && latencyMs > o.maxLatencyMs) {
        return result({ kind: "latency", message: `took ${Math.round(latencyMs)}ms, over max-latency ${o.maxLatencyMs}ms` }, extra);
      }
      return result(void 0, extra);
    }
  } catch (err) {
    if (err instanceof BodyError) return result({ kind: err.kind, message: err.message });
    return result(classifyError(err, o.requestTimeoutMs, o.signal));
  }
}
var BodyError = class extends Error {
  kind = "error";
};
function bodyMatches(body, m) {
  if (m.kind === "substring") return body.includes(m.text);
  m.regex.lastIndex = 0;
  return m.regex.test(body);
}
function containsVersion(body, version) {
  const core = /^v\d/.test(version) ? version.slice(1) : version;
  const sha = /^[0-9a-f]{7,40}$/.test(core) ? "[0-9a-f]*" : "";
  const escaped = core.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.])v?${escaped}${sha}(?!\\w|[.-]\\w)`).test(body);
}
function excerpt(body) {
  const text = redact(redact(body).replace(/\s+/g, " ").trim());
  if (!text) return void 0;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}\u2026` : text;
}
function statusRangesText(ranges) {
  return ranges.map((r) => r.min === r.max ? String(r.min) : `${r.min}-${r.max}`).join(",");
}
function header(value) {
  return Array.isArray(value) ? value[0] : value;
}
function resolveLocation(location, base) {
  try {
    return new URL(location, base);
  } catch {
    return void 0;
  }
}
function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}

export {
  probe,
  statusRangesText
};
