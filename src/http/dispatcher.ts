/**
 * The one place that decides how a request leaves the process: straight to its host, or through
 * the proxy the environment names for it. The choice is made per request (a redirect may cross
 * from a NO_PROXY host to a proxied one), and a proxy's agent is only created when a request first
 * needs it.
 *
 * Through a proxy, http URLs are sent as absolute-URI requests (`GET http://host/path`), which
 * every forward proxy accepts, and https URLs through a CONNECT tunnel, so TLS stays end to end.
 */
import type { ConnectionOptions } from 'node:tls'
import { Agent, Dispatcher, ProxyAgent } from 'undici'
import { NO_PROXY_SETTINGS, proxyFor, readProxyEnv, type ProxyServer, type ProxySettings } from './proxy-env.js'

export interface HttpDispatcherOptions {
  /** Where proxy settings come from; process.env by default. Ignored when `proxies` is given. */
  env?: NodeJS.ProcessEnv
  proxies?: ProxySettings
  /** TLS options for the target hosts (tests trust their own certificate authority). */
  tls?: ConnectionOptions
}

/** An undici dispatcher that routes each request by its origin. Destroy it when done: it owns its pools. */
export class HttpDispatcher extends Dispatcher {
  readonly proxies: ProxySettings
  readonly #tls?: ConnectionOptions
  #direct?: Agent
  readonly #viaProxy = new Map<string, Dispatcher>()

  constructor(o: HttpDispatcherOptions = {}) {
    super()
    this.proxies = o.proxies ?? readProxyEnvSafely(o.env ?? process.env)
    this.#tls = o.tls
  }

  /** The proxy a request to `url` goes through, or undefined when it goes direct. */
  proxyFor(url: string | URL): ProxyServer | undefined {
    return proxyFor(url, this.proxies)
  }

  /** The pool that carries a request to `origin`. */
  pick(origin: string | URL): Dispatcher {
    const proxy = this.proxyFor(origin)
    if (!proxy) return (this.#direct ??= new Agent(this.#tls ? { connect: this.#tls } : {}))
    const key = proxy.url.href
    let agent = this.#viaProxy.get(key)
    if (!agent) {
      agent = createProxyAgent(proxy, this.#tls)
      this.#viaProxy.set(key, agent)
    }
    return agent
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return this.pick(options.origin ?? '').dispatch(options, handler)
  }

  override close(): Promise<void>
  override close(callback: () => void): void
  override close(callback?: () => void): Promise<void> | void {
    const done = Promise.all(this.#pools().map((p) => p.close())).then(() => undefined)
    if (!callback) return done
    void done.then(callback, callback)
  }

  override destroy(): Promise<void>
  override destroy(err: Error | null): Promise<void>
  override destroy(callback: () => void): void
  override destroy(err: Error | null, callback: () => void): void
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const err = typeof a === 'function' ? null : (a ?? null)
    const callback = typeof a === 'function' ? a : b
    const done = Promise.all(this.#pools().map((p) => p.destroy(err))).then(() => undefined)
    if (!callback) return done
    void done.then(callback, callback)
  }

  #pools(): Dispatcher[] {
    return [...(this.#direct ? [this.#direct] : []), ...this.#viaProxy.values()]
  }
}

/**
 * The proxy path. Kept in one function so it can become a lazy import: undici is only needed when
 * a proxy applies.
 */
function createProxyAgent(proxy: ProxyServer, tls?: ConnectionOptions): Dispatcher {
  // proxyTunnel false: plain http goes as an absolute-URI request; https still tunnels with CONNECT.
  return new ProxyAgent({ uri: proxy.url.href, proxyTunnel: false, ...(tls ? { requestTls: tls } : {}) })
}

/** Config has already rejected a bad proxy variable with a clear message; anywhere else, a bad one means no proxy. */
function readProxyEnvSafely(env: NodeJS.ProcessEnv): ProxySettings {
  try {
    return readProxyEnv(env)
  } catch {
    return NO_PROXY_SETTINGS
  }
}
