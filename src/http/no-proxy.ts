/**
 * NO_PROXY: which hosts are reached directly. Pure, so every form is unit-tested. The forms are the
 * ones curl, the Actions toolkit and undici agree on, plus IP ranges:
 *
 * - `*`                          every host
 * - `example.com`, `.example.com`, `*.example.com`   that domain and every host under it
 * - `example.com:8080`           the same, on that port only
 * - `10.1.2.3`, `::1`, `[::1]:8080`   that address (on that port)
 * - `10.0.0.0/8`, `fd00::/8`     every address in the range
 *
 * Entries are separated by commas or whitespace; case does not matter; an entry that is none of
 * these is ignored (as curl does), so one odd entry cannot take every request off the proxy.
 */
import { BlockList, isIP } from 'node:net'

export type NoProxyRule =
  | { kind: 'all' }
  | { kind: 'domain'; domain: string; port?: number }
  | { kind: 'ip'; address: string; port?: number }
  | { kind: 'range'; family: 'ipv4' | 'ipv6'; network: string; prefix: number }

export function parseNoProxy(text: string | undefined): NoProxyRule[] {
  const rules: NoProxyRule[] = []
  for (const raw of (text ?? '').split(/[\s,]+/)) {
    const rule = parseEntry(raw.trim().toLowerCase())
    if (rule) rules.push(rule)
  }
  return rules
}

function parseEntry(entry: string): NoProxyRule | undefined {
  if (!entry) return undefined
  if (entry === '*') return { kind: 'all' }
  if (entry.includes('/')) return parseRange(entry)
  // [v6] or [v6]:port
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return ipRule(bracketed[1], bracketed[2])
  // A bare IPv6 address has colons of its own: never read its last group as a port.
  if (isIP(entry)) return ipRule(entry)
  const withPort = /^(.+):(\d+)$/.exec(entry)
  const host = withPort ? withPort[1] : entry
  const port = withPort ? portOf(withPort[2]) : undefined
  if (withPort && port === undefined) return undefined
  if (isIP(host) === 4) return ipRule(host, withPort?.[2])
  const domain = host.replace(/^\*?\./, '')
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/.test(domain)) return undefined
  return { kind: 'domain', domain: domain.replace(/\.$/, ''), ...(port !== undefined ? { port } : {}) }
}

function ipRule(address: string, port?: string): NoProxyRule | undefined {
  const normal = normalizeIp(address)
  if (!normal) return undefined
  if (port === undefined) return { kind: 'ip', address: normal }
  const p = portOf(port)
  return p === undefined ? undefined : { kind: 'ip', address: normal, port: p }
}

function parseRange(entry: string): NoProxyRule | undefined {
  const m = /^\[?([^\]/]+)\]?\/(\d{1,3})$/.exec(entry)
  if (!m) return undefined
  const family = isIP(m[1])
  const prefix = Number(m[2])
  if (!family || prefix > (family === 4 ? 32 : 128)) return undefined
  return { kind: 'range', family: family === 4 ? 'ipv4' : 'ipv6', network: m[1], prefix }
}

function portOf(text: string): number | undefined {
  const port = Number(text)
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined
}

/** One spelling per address (`0:0::1` and `::1` are the same host), as the URL parser writes it. */
export function normalizeIp(address: string): string | undefined {
  const family = isIP(address)
  if (!family) return undefined
  try {
    const host = new URL(`http://${family === 6 ? `[${address}]` : address}/`).hostname
    return family === 6 ? host.slice(1, -1) : host
  } catch {
    return undefined
  }
}

/** A URL's host (brackets off, lower case) and port (the scheme's default when none is written). */
export function hostAndPort(url: URL): { host: string; port: number } {
  const host = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase()
    .replace(/\.$/, '')
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : url.protocol === 'http:' ? 80 : 0
  return { host, port }
}

/** Whether NO_PROXY says this URL is reached directly. */
export function bypassesProxy(url: URL, rules: readonly NoProxyRule[]): boolean {
  const { host, port } = hostAndPort(url)
  const ip = isIP(host) ? normalizeIp(host) : undefined
  return rules.some((r) => {
    switch (r.kind) {
      case 'all':
        return true
      case 'domain':
        return (r.port === undefined || r.port === port) && (host === r.domain || host.endsWith(`.${r.domain}`))
      case 'ip':
        return (r.port === undefined || r.port === port) && ip === r.address
      case 'range': {
        const family = ip ? (isIP(ip) === 4 ? 'ipv4' : 'ipv6') : undefined
        if (!ip || family !== r.family) return false
        const list = new BlockList()
        list.addSubnet(r.network, r.prefix, r.family)
        return list.check(ip, family)
      }
    }
  })
}

/** The runner's own machine is never behind its proxy: localhost, 127.0.0.0/8 and ::1 (as the Actions toolkit does). */
export function isLoopback(url: URL): boolean {
  const { host } = hostAndPort(url)
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  return isIP(host) === 6 && normalizeIp(host) === '::1'
}
