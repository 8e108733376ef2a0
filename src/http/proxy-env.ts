/**
 * The proxy settings a self-hosted runner passes to steps, read once from the environment. Pure:
 * the environment is a parameter.
 *
 * - http URLs go through HTTP_PROXY, https URLs through HTTPS_PROXY (no fallback from one to the
 *   other, as curl and the Actions toolkit do).
 * - Each variable is read in lower case first, then upper case (curl's rule, and undici's order);
 *   an empty value counts as unset.
 * - NO_PROXY (see no-proxy.ts) and the runner's own loopback addresses are reached directly.
 */
import { bypassesProxy, isLoopback, parseNoProxy, type NoProxyRule } from './no-proxy.js'

export interface ProxySettings {
  /** Proxy for http:// URLs, and the variable it came from. */
  http?: ProxyServer
  /** Proxy for https:// URLs. */
  https?: ProxyServer
  noProxy: readonly NoProxyRule[]
}

export interface ProxyServer {
  url: URL
  /** e.g. `https_proxy`, to name it in messages. */
  variable: string
}

/** A proxy variable that is not a proxy URL: named, with what to write instead. */
export class ProxyEnvError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message)
    this.name = 'ProxyEnvError'
  }
}

export const NO_PROXY_SETTINGS: ProxySettings = { noProxy: [] }

export function readProxyEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const http = proxyServer(env, 'http_proxy')
  const https = proxyServer(env, 'https_proxy')
  const noProxy = parseNoProxy(pick(env, 'no_proxy')?.value)
  return { ...(http ? { http } : {}), ...(https ? { https } : {}), noProxy }
}

/** The lower-case variable when set and not empty, else the upper-case one. */
function pick(env: NodeJS.ProcessEnv, lower: string): { variable: string; value: string } | undefined {
  for (const variable of [lower, lower.toUpperCase()]) {
    const value = env[variable]?.trim()
    if (value) return { variable, value }
  }
  return undefined
}

function proxyServer(env: NodeJS.ProcessEnv, lower: string): ProxyServer | undefined {
  const found = pick(env, lower)
  if (!found) return undefined
  const { variable, value } = found
  // `proxy:3128` without a scheme is common in runner .env files; curl reads it as http.
  const text = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`
  const expected = 'expected a proxy URL like http://proxy.example.com:3128 (or http://user:password@host:port)'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ProxyEnvError(variable, `the value is not a URL; ${expected}.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyEnvError(variable, `${url.protocol.slice(0, -1)} proxies are not supported; ${expected}.`)
  }
  if (!url.hostname) throw new ProxyEnvError(variable, `the value has no host; ${expected}.`)
  return { url, variable }
}

/** The proxy a request to `url` goes through, or undefined when it goes direct. */
export function proxyFor(url: URL | string, settings: ProxySettings): ProxyServer | undefined {
  let u: URL
  try {
    u = typeof url === 'string' ? new URL(url) : url
  } catch {
    return undefined
  }
  const server = u.protocol === 'https:' ? settings.https : u.protocol === 'http:' ? settings.http : undefined
  if (!server || isLoopback(u) || bypassesProxy(u, settings.noProxy)) return undefined
  return server
}

/** A proxy URL as we show it: without user:password. */
export function proxyText(server: ProxyServer): string {
  return `${server.url.protocol}//${server.url.host}`
}

/**
 * What is secret in the proxy settings: the password, `user:password`, and the Basic form of it
 * that goes in Proxy-Authorization.
 */
export function proxyCredentials(settings: ProxySettings): string[] {
  const out = new Set<string>()
  for (const server of [settings.http, settings.https]) {
    if (!server?.url.password) continue
    const user = decodeURIComponent(server.url.username)
    const password = decodeURIComponent(server.url.password)
    out.add(password)
    out.add(server.url.password)
    out.add(`${user}:${password}`)
    out.add(Buffer.from(`${user}:${password}`).toString('base64'))
  }
  return [...out]
}
