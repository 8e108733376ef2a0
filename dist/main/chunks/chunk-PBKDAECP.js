import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  HttpDispatcher,
  durationText,
  monotonicMs
} from "./chunk-ZGLGAOJF.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-HANBNIMK.js";

// builtin:node:stream
var require_node_stream = __commonJS({
  "builtin:node:stream"(exports, module) {
    module.exports = __require("node:stream");
  }
});

// src/http/fetch.ts
var import_node_stream = __toESM(require_node_stream(), 1);
var MAX_REDIRECTS = 20;
var NULL_BODY_STATUSES = /* @__PURE__ */ new Set([101, 103, 204, 205, 304]);
function layerFetch(dispatcher) {
  return async (input, init = {}) => {
    const first = new URL(input instanceof Request ? input.url : input.toString());
    let method = (init.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const headers = plainHeaders(init.headers ?? (input instanceof Request ? input.headers : void 0));
    let body = bodyOf(init.body);
    const signal = init.signal ?? void 0;
    let url = first;
    try {
      for (let hop = 0; ; hop++) {
        const res = await dispatcher.request(url, { method, headers, body, signal });
        const location = res.headers.location;
        if (init.redirect === "manual" || !location || ![301, 302, 303, 307, 308].includes(res.statusCode)) return toResponse(res, url, method);
        res.body.resume();
        if (init.redirect === "error" || hop >= MAX_REDIRECTS) throw new TypeError(`redirect not followed (${res.statusCode} to ${location})`);
        const next = new URL(location, url);
        if (res.statusCode === 303 || method === "POST" && res.statusCode <= 302) {
          method = "GET";
          body = void 0;
          delete headers["content-type"];
        }
        if (next.origin !== url.origin) delete headers.authorization;
        url = next;
      }
    } catch (err) {
      if (signal?.aborted && err === signal.reason) throw err;
      throw new TypeError("fetch failed", { cause: err });
    }
  };
}
function toResponse(res, url, method) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    for (const v of Array.isArray(value) ? value : value === void 0 ? [] : [value]) headers.append(name, v);
  }
  const empty = method === "HEAD" || NULL_BODY_STATUSES.has(res.statusCode);
  if (empty) res.body.resume();
  const out = new Response(empty ? null : import_node_stream.Readable.toWeb(res.body), { status: res.statusCode, headers });
  Object.defineProperty(out, "url", { value: url.toString() });
  return out;
}
function plainHeaders(h) {
  const out = {};
  new Headers(h).forEach((value, name) => out[name] = value);
  return out;
}
function bodyOf(body) {
  if (body === void 0 || body === null) return void 0;
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("this fetch sends string or byte bodies only");
}

// src/github/client.ts
var API_REQUEST_TIMEOUT_MS = 1e4;
var API_TOTAL_MS = 6e4;
var ApiTimeoutError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ApiTimeoutError";
  }
};
async function createGitHubClient(o) {
  const [{ Octokit }, { restEndpointMethods }] = await Promise.all([import("./dist-src-LQKONU2A.js"), import("./dist-src-VIIIUZXZ.js")]);
  const GitHub = Octokit.plugin(restEndpointMethods);
  return new GitHub({ auth: o.token, baseUrl: o.apiUrl, userAgent: "rollback-action", request: { fetch: boundedFetch(o) } });
}
function lazyGitHubClient(o) {
  let client;
  return () => client ??= createGitHubClient(o);
}
function boundedFetch(o) {
  const send = layerFetch(new HttpDispatcher({ env: o.env }));
  const perRequest = o.requestTimeoutMs ?? API_REQUEST_TIMEOUT_MS;
  const total = o.totalMs ?? API_TOTAL_MS;
  let spent = 0;
  return async (input, init = {}) => {
    const left = total - spent;
    if (left <= 0) throw new ApiTimeoutError(`no more time for GitHub: its ${durationText(total)} share of this step is used up`);
    const limit = Math.ceil(Math.min(perRequest, left));
    const timer = AbortSignal.timeout(limit);
    const caller = init.signal ?? void 0;
    const started = monotonicMs();
    try {
      return await send(input, { ...init, signal: caller ? AbortSignal.any([caller, timer]) : timer });
    } catch (err) {
      if (timer.aborted && !caller?.aborted) {
        throw new ApiTimeoutError(
          limit < perRequest ? `no answer within the ${durationText(limit)} left of GitHub's ${durationText(total)} share of this step` : `no answer within ${durationText(limit)}`
        );
      }
      throw err;
    } finally {
      spent += monotonicMs() - started;
    }
  };
}

export {
  ApiTimeoutError,
  createGitHubClient,
  lazyGitHubClient
};
