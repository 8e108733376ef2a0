/**
 * The proxy path: undici's ProxyAgent, the one client here that speaks to forward proxies (CONNECT
 * tunnels for https, absolute-URI requests for http). undici is loaded only when a request first
 * needs a proxy, so runs without one never pay for it.
 */
import type { ConnectionOptions } from 'node:tls'
import type { Dispatcher } from 'undici'
import type { ProxyServer } from './proxy-env.js'
import type { HttpRequest, HttpResponse } from './types.js'

/** One agent per proxy URL; destroy it with the dispatcher that made it. */
export async function createProxyAgent(proxy: ProxyServer, tls?: ConnectionOptions): Promise<Dispatcher> {
  // Named export, not default interop: the bundled chunk must hand us the real class.
  const { ProxyAgent } = await import('undici')
  // proxyTunnel false: plain http goes as an absolute-URI request; https still tunnels with CONNECT.
  return new ProxyAgent({ uri: proxy.url.href, proxyTunnel: false, ...(tls ? { requestTls: tls } : {}) })
}

export async function proxiedRequest(url: URL, r: HttpRequest, agent: Dispatcher): Promise<HttpResponse> {
  const { request } = await import('undici')
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
