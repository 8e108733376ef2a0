import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-HANBNIMK.js";

// builtin:node:http
var require_node_http = __commonJS({
  "builtin:node:http"(exports, module) {
    module.exports = __require("node:http");
  }
});

// builtin:node:url
var require_node_url = __commonJS({
  "builtin:node:url"(exports, module) {
    module.exports = __require("node:url");
  }
});

// builtin:node:net
var require_node_net = __commonJS({
  "builtin:node:net"(exports, module) {
    module.exports = __require("node:net");
  }
});

// builtin:node:stream
var require_node_stream = __commonJS({
  "builtin:node:stream"(exports, module) {
    module.exports = __require("node:stream");
  }
});

// src/http/node-request.ts
var import_node_http = __toESM(require_node_http(), 1);
var import_node_url = __toESM(require_node_url(), 1);
var https = () => process.getBuiltinModule("node:https");
var DirectAgents = class {
  constructor(tls) {
    this.tls = tls;
  }
  tls;
  #http;
  #https;
  for(secure) {
    if (!secure) return this.#http ??= new import_node_http.Agent({ keepAlive: true });
    return this.#https ??= new (https()).Agent({ keepAlive: true, ...this.tls });
  }
  /** Closes every socket, idle ones included. */
  destroy() {
    this.#http?.destroy();
    this.#https?.destroy();
  }
};
var REFUSED_HEADERS = /* @__PURE__ */ new Set(["expect", "transfer-encoding", "upgrade", "keep-alive"]);
function refused(code, message) {
  return Object.assign(new Error(message), { code });
}
function checkHeaders(headers) {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (REFUSED_HEADERS.has(lower)) throw refused("ERR_HTTP_INVALID_HEADER_VALUE", `the ${lower} header cannot be sent by an HTTP client`);
    if (lower === "connection" && !/^(close|keep-alive)$/i.test(value)) throw refused("ERR_HTTP_INVALID_HEADER_VALUE", "invalid connection header");
  }
}
async function directRequest(url, r, agents) {
  try {
    return await once(url, r, agents);
  } catch (err) {
    if (err.reusedSocket && r.method === "GET" && !r.signal?.aborted) return once(url, r, agents);
    throw err;
  }
}
function once(url, r, agents) {
  return new Promise((resolve, reject) => {
    const signal = r.signal;
    if (signal?.aborted) return reject(signal.reason);
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") return reject(refused("ERR_INVALID_PROTOCOL", `protocol ${url.protocol} is not supported: use http or https`));
    checkHeaders(r.headers);
    const { auth: _auth, ...target } = (0, import_node_url.urlToHttpOptions)(url);
    const headers = r.body === void 0 ? r.headers : { ...r.headers, "content-length": String(Buffer.byteLength(r.body)) };
    const send = secure ? https().request : import_node_http.request;
    let res;
    const onAbort = () => {
      const reason = signal.reason;
      req.destroy(reason);
      res?.destroy(reason);
    };
    const done = () => signal?.removeEventListener("abort", onAbort);
    const req = send({ ...target, method: r.method, headers, agent: agents.for(secure) }, (answer) => {
      res = answer;
      answer.once("close", done);
      resolve({ statusCode: answer.statusCode ?? 0, headers: answer.headers, body: answer });
    });
    signal?.addEventListener("abort", onAbort, { once: true });
    req.once("error", (err) => {
      done();
      reject(Object.assign(err, { reusedSocket: req.reusedSocket && !res }));
    });
    req.end(r.body);
  });
}

// src/http/no-proxy.ts
var import_node_net = __toESM(require_node_net(), 1);
function parseNoProxy(text) {
  const rules = [];
  for (const raw of (text ?? "").split(/[\s,]+/)) {
    const rule = parseEntry(raw.trim().toLowerCase());
    if (rule) rules.push(rule);
  }
  return rules;
}
function parseEntry(entry) {
  if (!entry) return void 0;
  if (entry === "*") return { kind: "all" };
  if (entry.includes("/")) return parseRange(entry);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return ipRule(bracketed[1], bracketed[2]);
  if ((0, import_node_net.isIP)(entry)) return ipRule(entry);
  const withPort = /^(.+):(\d+)$/.exec(entry);
  const host = withPort ? withPort[1] : entry;
  const port = withPort ? portOf(withPort[2]) : void 0;
  if (withPort && port === void 0) return void 0;
  if ((0, import_node_net.isIP)(host) === 4) return ipRule(host, withPort?.[2]);
  const domain = host.replace(/^\*?\./, "");
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/.test(domain)) return void 0;
  return { kind: "domain", domain: domain.replace(/\.$/, ""), ...port !== void 0 ? { port } : {} };
}
function ipRule(address, port) {
  const normal = normalizeIp(address);
  if (!normal) return void 0;
  if (port === void 0) return { kind: "ip", address: normal };
  const p = portOf(port);
  return p === void 0 ? void 0 : { kind: "ip", address: normal, port: p };
}
function parseRange(entry) {
  const m = /^\[?([^\]/]+)\]?\/(\d{1,3})$/.exec(entry);
  if (!m) return void 0;
  const family = (0, import_node_net.isIP)(m[1]);
  const prefix = Number(m[2]);
  if (!family || prefix > (family === 4 ? 32 : 128)) return void 0;
  return { kind: "range", family: family === 4 ? "ipv4" : "ipv6", network: m[1], prefix };
}
function portOf(text) {
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : void 0;
}
function normalizeIp(address) {
  const family = (0, import_node_net.isIP)(address);
  if (!family) return void 0;
  try {
    const host = new URL(`http://${family === 6 ? `[${address}]` : address}/`).hostname;
    return family === 6 ? host.slice(1, -1) : host;
  } catch {
    return void 0;
  }
}
function hostAndPort(url) {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase().replace(/\.$/, "");
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : url.protocol === "http:" ? 80 : 0;
  return { host, port };
}
function bypassesProxy(url, rules) {
  const { host, port } = hostAndPort(url);
  const ip = (0, import_node_net.isIP)(host) ? normalizeIp(host) : void 0;
  return rules.some((r) => {
    switch (r.kind) {
      case "all":
        return true;
      case "domain":
        return (r.port === void 0 || r.port === port) && (host === r.domain || host.endsWith(`.${r.domain}`));
      case "ip":
        return (r.port === void 0 || r.port === port) && ip === r.address;
      case "range": {
        const family = ip ? (0, import_node_net.isIP)(ip) === 4 ? "ipv4" : "ipv6" : void 0;
        if (!ip || family !== r.family) return false;
        const list = new import_node_net.BlockList();
        list.addSubnet(r.network, r.prefix, r.family);
        return list.check(ip, family);
      }
    }
  });
}
function isLoopback(url) {
  const { host } = hostAndPort(url);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if ((0, import_node_net.isIP)(host) === 4) return host.startsWith("127.");
  return (0, import_node_net.isIP)(host) === 6 && normalizeIp(host) === "::1";
}

// src/http/proxy-env.ts
var ProxyEnvError = class extends Error {
  constructor(variable, message) {
    super(message);
    this.variable = variable;
    this.name = "ProxyEnvError";
  }
  variable;
};
var NO_PROXY_SETTINGS = { noProxy: [] };
function readProxyEnv(env) {
  const http = proxyServer(env, "http_proxy");
  const https2 = proxyServer(env, "https_proxy");
  const noProxy = parseNoProxy(pick(env, "no_proxy")?.value);
  return { ...http ? { http } : {}, ...https2 ? { https: https2 } : {}, noProxy };
}
function pick(env, lower) {
  for (const variable of [lower, lower.toUpperCase()]) {
    const value = env[variable]?.trim();
    if (value) return { variable, value };
  }
  return void 0;
}
function proxyServer(env, lower) {
  const found = pick(env, lower);
  if (!found) return void 0;
  const { variable, value } = found;
  const text = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const expected = "expected a proxy URL like http://proxy.example.com:3128 (or http://user:password@host:port)";
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ProxyEnvError(variable, `the value is not a URL; ${expected}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ProxyEnvError(variable, `${url.protocol.slice(0, -1)} proxies are not supported; ${expected}.`);
  }
  if (!url.hostname) throw new ProxyEnvError(variable, `the value has no host; ${expected}.`);
  return { url, variable };
}
function proxyFor(url, settings) {
  let u;
  try {
    u = typeof url === "string" ? new URL(url) : url;
  } catch {
    return void 0;
  }
  const server = u.protocol === "https:" ? settings.https : u.protocol === "http:" ? settings.http : void 0;
  if (!server || isLoopback(u) || bypassesProxy(u, settings.noProxy)) return void 0;
  return server;
}
function proxyCredentials(settings) {
  const out = /* @__PURE__ */ new Set();
  for (const server of [settings.http, settings.https]) {
    if (!server?.url.password) continue;
    const user = decodeURIComponent(server.url.username);
    const password = decodeURIComponent(server.url.password);
    out.add(password);
    out.add(server.url.password);
    out.add(`${user}:${password}`);
    out.add(Buffer.from(`${user}:${password}`).toString("base64"));
  }
  return [...out];
}

// src/http/dispatcher.ts
var HttpDispatcher = class {
  proxies;
  #tls;
  #direct;
  #viaProxy = /* @__PURE__ */ new Map();
  constructor(o = {}) {
    this.proxies = o.proxies ?? readProxyEnvSafely(o.env ?? process.env);
    this.#tls = o.tls;
  }
  /** The proxy a request to `url` goes through, or undefined when it goes direct. */
  proxyFor(url) {
    return proxyFor(url, this.proxies);
  }
  /** Sends one request (no redirects followed). Rejects on network errors, with Node's or undici's codes. */
  async request(url, r) {
    const target = typeof url === "string" ? new URL(url) : url;
    const proxy = this.proxyFor(target);
    if (!proxy) return directRequest(target, r, this.#direct ??= new DirectAgents(this.#tls));
    const agent = await this.#proxyAgent(proxy);
    const { proxiedRequest } = await import("./proxy-request-P75BLURH.js");
    return proxiedRequest(target, r, agent);
  }
  #proxyAgent(proxy) {
    const key = proxy.url.href;
    let agent = this.#viaProxy.get(key);
    if (!agent) {
      agent = import("./proxy-request-P75BLURH.js").then(({ createProxyAgent }) => createProxyAgent(proxy, this.#tls));
      this.#viaProxy.set(key, agent);
    }
    return agent;
  }
  /** Waits for requests under way, then closes every pool. */
  async close() {
    this.#closeDirect();
    await Promise.all([...this.#viaProxy.values()].map(async (p) => (await p).close()));
  }
  /** Closes every connection now, idle keep-alive ones included, so nothing holds the process. */
  async destroy() {
    this.#closeDirect();
    await Promise.all([...this.#viaProxy.values()].map(async (p) => (await p).destroy()));
  }
  #closeDirect() {
    this.#direct?.destroy();
    this.#direct = void 0;
  }
};
function readProxyEnvSafely(env) {
  try {
    return readProxyEnv(env);
  } catch {
    return NO_PROXY_SETTINGS;
  }
}

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

// src/timing.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
var MAX_DURATION_MS = 24 * 24 * 60 * 60 * 1e3;
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let timer;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const until = performance.now() + Math.max(0, ms);
    const wait = () => {
      timer = setTimeout(() => performance.now() >= until ? done() : wait(), Math.min(Math.max(0, until - performance.now()), MAX_TIMER_MS));
    };
    signal?.addEventListener("abort", done, { once: true });
    wait();
  });
}
function parseRetryAfter(header, now = Date.now()) {
  if (!header) return void 0;
  const h = header.trim();
  if (/^\d+$/.test(h)) return Number(h) * 1e3;
  const at = Date.parse(h);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function durationText(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${Number((ms / 1e3).toFixed(2))}s`;
  const s = Math.round(ms / 1e3);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor(s % 3600 / 60), s % 60];
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${sec ? `${sec}s` : ""}`;
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
    const started = performance.now();
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
      spent += performance.now() - started;
    }
  };
}

export {
  MAX_DURATION_MS,
  sleep,
  parseRetryAfter,
  durationText,
  ProxyEnvError,
  readProxyEnv,
  proxyCredentials,
  HttpDispatcher,
  API_REQUEST_TIMEOUT_MS,
  API_TOTAL_MS,
  ApiTimeoutError,
  createGitHubClient,
  lazyGitHubClient,
  boundedFetch
};
