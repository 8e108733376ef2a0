/** One health probe: a GET through the HTTP layer, checked against every rule, with a failure that says what went wrong. */
import type { HttpDispatcher } from '../http/dispatcher.js'
import { redact } from '../secrets.js'
import { monotonicMs, parseRetryAfter } from '../timing.js'
import { classifyError, displayUrl, readBounded, requestHeaders, timeoutSignal } from './http.js'
import type { BodyMatcher, FailureKind, ProbeFailure, StatusRange } from './types.js'

export interface ProbeOptions {
  /** Sent on every request (also on redirects that stay on the same origin). */
  headers: Array<[string, string]>
  /** Limit for the whole probe: connect, redirects, headers and body. */
  requestTimeoutMs: number
  expectedStatus: StatusRange[]
  expectedBody?: BodyMatcher
  /** When set, the body must contain this version (expect-version). */
  version?: string
  maxLatencyMs?: number
  /** A shared pool, so rounds reuse connections. */
  dispatcher: HttpDispatcher
  /** Cancel (the job was cancelled). */
  signal?: AbortSignal
}

export interface ProbeResult {
  /** The probed URL without credentials. */
  url: string
  ok: boolean
  /** An HTTP response came back, whatever its status. */
  answered: boolean
  status?: number
  latencyMs: number
  failure?: ProbeFailure
  /** From Retry-After on 429/503. */
  retryAfterMs?: number
  /** Every hop followed, in order, without credentials. */
  redirects?: string[]
}

export const MAX_REDIRECTS = 5
/** Enough body to match a health document; the rest is never read. */
export const BODY_LIMIT = 64 * 1024
const EXCERPT_CHARS = 300
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

export async function probe(url: string, o: ProbeOptions): Promise<ProbeResult> {
  const started = monotonicMs()
  const at = new Date().toISOString()
  const shown = displayUrl(url)
  const signal = timeoutSignal(o.requestTimeoutMs, o.signal)
  const redirects: string[] = []
  const origin = originOf(url)
  let status: number | undefined

  const result = (failure?: { kind: FailureKind; message: string; bodyExcerpt?: string }, extra: Partial<ProbeResult> = {}): ProbeResult => ({
    url: shown,
    ok: !failure,
    answered: status !== undefined,
    status,
    latencyMs: monotonicMs() - started,
    ...(redirects.length ? { redirects } : {}),
    ...extra,
    ...(failure ? { failure: { at, kind: failure.kind, message: redact(failure.message), status, bodyExcerpt: failure.bodyExcerpt } } : {}),
  })

  let current = url
  try {
    for (;;) {
      // Configured headers are secrets: they follow a redirect only while it stays on the origin the
      // user named. Scheme and port count too: an https → http hop would send them in clear text.
      const sameOrigin = originOf(current) === origin
      status = undefined // answered means the last hop answered, not a redirect in front of it
      const res = await o.dispatcher.request(current, {
        method: 'GET',
        headers: requestHeaders(current, sameOrigin ? o.headers : []),
        signal,
        timeoutMs: o.requestTimeoutMs,
      })
      status = res.statusCode
      const location = header(res.headers.location)
      if (REDIRECT_STATUSES.has(status) && location) {
        // Read (so the connection is reused) unless it is large; then the connection is dropped.
        await readBounded(res.body, BODY_LIMIT)
        if (redirects.length >= MAX_REDIRECTS) {
          return result({ kind: 'redirect', message: `more than ${MAX_REDIRECTS} redirects (last: ${displayUrl(current)} → ${location})` })
        }
        const next = resolveLocation(location, current)
        // The service's Location is unusable: its answer, not our configuration.
        if (!next) return result({ kind: 'redirect', message: `redirect to an invalid location (${displayUrl(current)} → ${location.slice(0, 200)})` })
        current = next.toString()
        redirects.push(displayUrl(current))
        continue
      }

      const body = await readBounded(res.body, BODY_LIMIT).catch((err: unknown) => {
        // Headers came back, then the body stalled or broke: an answer, but a failing one.
        const c = classifyError(err, o.requestTimeoutMs, o.signal)
        throw Object.assign(new BodyError(`${c.message} while reading the body`), { kind: c.kind })
      })
      const latencyMs = monotonicMs() - started
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header(res.headers['retry-after'])) : undefined
      const extra: Partial<ProbeResult> = { latencyMs, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }
      const bodyExcerpt = excerpt(body.text)

      if (!o.expectedStatus.some((r) => status! >= r.min && status! <= r.max)) {
        return result({ kind: 'status', message: `status ${status} not in ${statusRangesText(o.expectedStatus)}`, bodyExcerpt }, extra)
      }
      if (o.expectedBody && !bodyMatches(body.text, o.expectedBody)) {
        const want = o.expectedBody.kind === 'regex' ? o.expectedBody.source : JSON.stringify(o.expectedBody.text)
        return result({ kind: 'body', message: `body does not match ${want}`, bodyExcerpt }, extra)
      }
      if (o.version && !containsVersion(body.text, o.version)) {
        return result({ kind: 'version', message: `body does not contain version ${o.version} (an old instance still answering?)`, bodyExcerpt }, extra)
      }
      if (o.maxLatencyMs !== undefined && latencyMs > o.maxLatencyMs) {
        return result({ kind: 'latency', message: `took ${Math.round(latencyMs)}ms, over max-latency ${o.maxLatencyMs}ms` }, extra)
      }
      return result(undefined, extra)
    }
  } catch (err) {
    if (err instanceof BodyError) return result({ kind: err.kind, message: err.message })
    return result(classifyError(err, o.requestTimeoutMs, o.signal))
  }
}

class BodyError extends Error {
  kind: FailureKind = 'error'
}

function bodyMatches(body: string, m: BodyMatcher): boolean {
  if (m.kind === 'substring') return body.includes(m.text)
  // A /g or /y regex keeps lastIndex between calls; every probe must start from the top.
  m.regex.lastIndex = 0
  return m.regex.test(body)
}

/**
 * Whether the body names this version as a whole token, so an old instance is not taken for the
 * new one: v1.1 is not in "v1.10" and v1.1.0 is not in "v1.1.0-rc.1". A leading v is optional
 * either way (tag v1.2.3, app reports 1.2.3), and a short commit SHA matches the full one.
 */
export function containsVersion(body: string, version: string): boolean {
  const core = /^v\d/.test(version) ? version.slice(1) : version
  const sha = /^[0-9a-f]{7,40}$/.test(core) ? '[0-9a-f]*' : ''
  const escaped = core.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  // Not glued to letters, digits or dots on the left; on the right, not continued by another
  // version part (".10", "-rc.1"), though a sentence may end with a dot.
  return new RegExp(`(?<![\\w.])v?${escaped}${sha}(?!\\w|[.-]\\w)`).test(body)
}

/** First ~300 characters, whitespace collapsed, secrets redacted before cutting so no secret is half shown. */
export function excerpt(body: string): string | undefined {
  const text = redact(redact(body).replace(/\s+/g, ' ').trim())
  if (!text) return undefined
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text
}

/** "200-299,304" */
export function statusRangesText(ranges: StatusRange[]): string {
  return ranges.map((r) => (r.min === r.max ? String(r.min) : `${r.min}-${r.max}`)).join(',')
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function resolveLocation(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base)
  } catch {
    return undefined
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return ''
  }
}
