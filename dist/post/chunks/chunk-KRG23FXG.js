import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  USER_AGENT
} from "./chunk-6PFF2QCX.js";

// src/gate/http.ts
function displayUrl(url) {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url;
  }
}
function requestHeaders(url, headers) {
  const out = { "user-agent": USER_AGENT };
  for (const [name, value] of headers) out[name.toLowerCase()] = value;
  try {
    const u = new URL(url);
    if ((u.username || u.password) && !out.authorization) {
      const user = decodeURIComponent(u.username);
      const pass = decodeURIComponent(u.password);
      out.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    }
  } catch {
  }
  return out;
}
function classifyError(err, timeoutMs, outer) {
  const e = err ?? {};
  const code = typeof e.code === "string" ? e.code : typeof e.cause?.code === "string" ? e.cause.code : "";
  const message = e.cause?.message ?? e.message ?? String(err);
  if (outer?.aborted) return { kind: "timeout", message: "cancelled" };
  const proxied = proxyFailure(message);
  if (proxied) return proxied;
  if (isClientSideError(code))
    return { kind: "config", message: `the request could not be sent (${code}: ${firstLine(message)}): a configuration error, not an answer from the service` };
  if (e.name === "TimeoutError" || e.name === "AbortError" || /TIMEOUT/.test(code)) return { kind: "timeout", message: `no answer within ${timeoutMs}ms` };
  if (code === "ECONNREFUSED") return { kind: "refused", message: "connection refused" };
  if (["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"].includes(code)) return { kind: "reset", message: "connection reset" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { kind: "dns", message: `DNS lookup failed (${code})` };
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|EPROTO)/.test(code) || /certificate|\bTLS\b|\bSSL\b/i.test(message)) {
    return { kind: "tls", message: `TLS error: ${code || firstLine(message)}` };
  }
  return { kind: "error", message: `${code ? `${code}: ` : ""}${firstLine(message)}` };
}
function isClientSideError(code) {
  return code === "UND_ERR_INVALID_ARG" || code === "UND_ERR_NOT_SUPPORTED" || /^ERR_(INVALID_|HTTP_INVALID_|UNESCAPED_CHARACTERS)/.test(code);
}
function proxyFailure(message) {
  const status = Number(/Proxy response \((\d+)\) !== 200/.exec(message)?.[1] ?? /Proxy Authentication Required \((\d+)\)/.exec(message)?.[1]);
  if (!status) return void 0;
  if (status === 407) return { kind: "error", message: "the proxy wants credentials (407): put user:password in the proxy URL (HTTP_PROXY / HTTPS_PROXY)" };
  if (status === 502 || status === 503 || status === 504) return { kind: "refused", message: `the proxy could not reach it (CONNECT answered ${status})` };
  return { kind: "error", message: `the proxy refused the tunnel (CONNECT answered ${status})` };
}
function firstLine(text) {
  return text.split("\n")[0].trim();
}

export {
  displayUrl,
  requestHeaders,
  classifyError
};
