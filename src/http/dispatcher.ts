/**
 * The one place that decides how a request leaves the process: straight to its host on Node's own
 * client, or through the proxy the environment names for it (undici's ProxyAgent, loaded only
 * then). The choice is made per request (a redirect may cross from a NO_PROXY host to a proxied
 * one), and a proxy's agent is only created when a request first needs it.
 *
 * Through a proxy, http URLs are sent as absolute-URI requests (`GET http://host/path`), which
 * every forward proxy accepts, and https URLs through a CONNECT tunnel, so TLS stays end to end.
 */
import type { ConnectionOptions } from 'node:tls'
import type { Dispatcher } from 'undici'
import { DirectAgents, directRequest } from './node-request.js'
import { NO_PROXY_SETTINGS, proxyFor, readProxyEnv, type ProxyServer, type ProxySettings } from './proxy-env.js'
import type { HttpRequest, HttpResponse } from './types.js'

export type { HttpRequest, HttpResponse } from './types.js'

export interface HttpDispatcherOptions {
  /** Where proxy settings come from; process.env by default. Ignored when `proxies` is given. */
  env?: NodeJS.ProcessEnv
  proxies?: ProxySettings
  /** TLS options for the target hosts (tests trust their own certificate authority). */
  tls?: ConnectionOptions
}

/** Routes each request by its origin, over keep-alive pools. Destroy it when done: it owns its pools. */
export class HttpDispatcher {
  readonly proxies: ProxySettings
  readonly #tls?: ConnectionOptions
  #direct?: DirectAgents
  readonly #viaProxy = new Map<string, Promise<Dispatcher>>()

  constructor(o: HttpDispatcherOptions = {}) {
    this.proxies = o.proxies ?? readProxyEnvSafely(o.env ?? process.env)
    this.#tls = o.tls
  }

  /** The proxy a request to `url` goes through, or undefined when it goes direct. */
  proxyFor(url: string | URL): ProxyServer | undefined {
    return proxyFor(url, this.proxies)
  }

  /** Sends one request (no redirects followed). Rejects on network errors, with Node's or undici's codes. */
  async request(url: string | URL, r: HttpRequest): Promise<HttpResponse> {
    // An unparsable URL throws here (ERR_INVALID_URL): a configuration error for the caller to classify.
    const target = typeof url === 'string' ? new URL(url) : url
    const proxy = this.proxyFor(target)
    if (!proxy) return directRequest(target, r, (this.#direct ??= new DirectAgents(this.#tls)))
    const agent = await this.#proxyAgent(proxy)
    const { proxiedRequest } = await import('./proxy-request.js')
    return proxiedRequest(target, r, agent)
  }

  #proxyAgent(proxy: ProxyServer): Promise<Dispatcher> {
    const key = proxy.url.href
    let agent = this.#viaProxy.get(key)
    if (!agent) {
      agent = import('./proxy-request.js').then(({ createProxyAgent }) => createProxyAgent(proxy, this.#tls))
      this.#viaProxy.set(key, agent)
    }
    return agent
  }

  /** Waits for requests under way, then closes every pool. */
  async close(): Promise<void> {
    this.#closeDirect()
    await Promise.all([...this.#viaProxy.values()].map(async (p) => (await p).close()))
  }

  /** Closes every connection now, idle keep-alive ones included, so nothing holds the process. */
  async destroy(): Promise<void> {
    this.#closeDirect()
    await Promise.all([...this.#viaProxy.values()].map(async (p) => (await p).destroy()))
  }

  #closeDirect(): void {
    this.#direct?.destroy()
    this.#direct = undefined
  }
}

/** Config has already rejected a bad proxy variable with a clear message; anywhere else, a bad one means no proxy. */
function readProxyEnvSafely(env: NodeJS.ProcessEnv): ProxySettings {
  try {
    return readProxyEnv(env)
  } catch {
    return NO_PROXY_SETTINGS
  }
}
