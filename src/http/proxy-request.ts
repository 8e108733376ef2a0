/**
 * The proxy path: undici's ProxyAgent, the one client here that speaks to forward proxies (CONNECT
 * tunnels for https, absolute-URI requests for http). This module is only ever imported lazily
 * (dispatcher.ts), so undici is loaded when a request first needs a proxy and runs without one never
 * pay for it. The lazy boundary is this ESM module, not undici itself: bundled, a dynamic import of
 * a CommonJS package yields only a default export, and a destructured class would be undefined.
 */
import type { ConnectionOptions } from 'node:tls'
import { ProxyAgent, request, type Dispatcher } from 'undici'
import type { ProxyServer } from './proxy-env.js'
import type { HttpRequest, HttpResponse } from './types.js'

/** One agent per proxy URL; destroy it with the dispatcher that made it. */
export function createProxyAgent(proxy: ProxyServer, tls?: ConnectionOptions): Dispatcher {
  // proxyTunnel false: plain http goes as an absolute-URI request; https still tunnels with CONNECT.
  return new ProxyAgent({ uri: proxy.url.href, proxyTunnel: false, ...(tls ? { requestTls: tls } : {}) })
}

export async function proxiedRequest(url: URL, r: HttpRequest, agent: Dispatcher): Promise<HttpResponse> {
  const res = await request(url, {
    method: r.method,
    headers: r.headers,
    body: r.body,
    dispatcher: agent,
    signal: r.signal,
    ...(r.timeoutMs !== undefined ? { headersTimeout: r.timeoutMs, bodyTimeout: r.timeoutMs } : {}),
  })
  return { statusCode: res.statusCode, headers: res.headers, body: res.body }
}
