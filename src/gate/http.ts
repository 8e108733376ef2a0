/** HTTP plumbing shared by the probe and the metrics reader: URLs as shown, credentials, bounded reads, error kinds. */
import { USER_AGENT } from '../constants.js'
import type { FailureKind } from './types.js'

export { readBounded, timeoutSignal } from '../http/body.js'

/** A URL as we show it: without user:password (they are credentials, not part of the address). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url)
    if (!u.username && !u.password) return url
    u.username = ''
    u.password = ''
    return u.toString()
  } catch {
    return url
  }
}

/**
 * undici silently drops user:password from a URL; curl and browsers send it as Basic auth, and so
 * do we (unless an Authorization header is configured), so `https://user:pw@host/health` works.
 */
export function requestHeaders(url: string, headers: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = { 'user-agent': USER_AGENT }
  for (const [name, value] of headers) out[name.toLowerCase()] = value
  try {
    const u = new URL(url)
    if ((u.username || u.password) && !out.authorization) {
      const user = decodeURIComponent(u.username)
      const pass = decodeURIComponent(u.password)
      out.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`
    }
  } catch {
    // An unparsable URL fails in request() with its own message.
  }
  return out
}

/** Network failures told apart, so the on-call person knows where to look. */
export function classifyError(err: unknown, timeoutMs: number, outer?: AbortSignal): { kind: FailureKind; message: string } {
  const e = (err ?? {}) as { name?: string; code?: unknown; message?: string; cause?: { code?: unknown; message?: string } }
  // DOMException codes are numbers; only Node's and undici's string codes mean something here.
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : ''
  const message = e.cause?.message ?? e.message ?? String(err)
  if (outer?.aborted) return { kind: 'timeout', message: 'cancelled' }
  const proxied = proxyFailure(message)
  if (proxied) return proxied
  if (isClientSideError(code))
    return { kind: 'config', message: `the request could not be sent (${code}: ${firstLine(message)}): a configuration error, not an answer from the service` }
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code)) return { kind: 'timeout', message: `no answer within ${timeoutMs}ms` }
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: 'connection refused' }
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code)) return { kind: 'reset', message: 'connection reset' }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', message: `DNS lookup failed (${code})` }
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|EPROTO)/.test(code) || /certificate|\bTLS\b|\bSSL\b/i.test(message)) {
    return { kind: 'tls', message: `TLS error: ${code || firstLine(message)}` }
  }
  return { kind: 'error', message: `${code ? `${code}: ` : ''}${firstLine(message)}` }
}

/**
 * The client refused to send the request (a bad header, URL or option): nothing reached the
 * service, and retrying cannot help, so this is never "still starting".
 */
export function isClientSideError(code: string): boolean {
  return code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED' || /^ERR_(INVALID_|HTTP_INVALID_|UNESCAPED_CHARACTERS)/.test(code)
}

/**
 * undici's proxy errors, in words: a tunnel the proxy could not open is the target not reachable
 * yet (as a refused connection is); a proxy that wants credentials is a setting to fix.
 */
function proxyFailure(message: string): { kind: FailureKind; message: string } | undefined {
  const status = Number(/Proxy response \((\d+)\) !== 200/.exec(message)?.[1] ?? /Proxy Authentication Required \((\d+)\)/.exec(message)?.[1])
  if (!status) return undefined
  if (status === 407) return { kind: 'error', message: 'the proxy wants credentials (407): put user:password in the proxy URL (HTTP_PROXY / HTTPS_PROXY)' }
  if (status === 502 || status === 503 || status === 504) return { kind: 'refused', message: `the proxy could not reach it (CONNECT answered ${status})` }
  return { kind: 'error', message: `the proxy refused the tunnel (CONNECT answered ${status})` }
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim()
}
