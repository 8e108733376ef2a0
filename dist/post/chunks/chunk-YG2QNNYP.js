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
    const { proxiedRequest } = await import("./proxy-request-XTD2GZZH.js");
    return proxiedRequest(target, r, agent);
  }
  #proxyAgent(proxy) {
    const key = proxy.url.href;
    let agent = this.#viaProxy.get(key);
    if (!agent) {
      agent = import("./proxy-request-XTD2GZZH.js").then(({ createProxyAgent }) => createProxyAgent(proxy, this.#tls));
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

export {
  ProxyEnvError,
  readProxyEnv,
  proxyCredentials,
  HttpDispatcher
};
