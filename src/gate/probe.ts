import { request, type Dispatcher } from 'undici'
import { redact } from '../secrets.js'
import { parseRetryAfter } from '../timing.js'
import type { BodyMatcher, FailureKind, ProbeFailure, StatusRange } from './types.js'

export interface ProbeOptions {
  headers: Array<[string, string]>
  requestTimeoutMs: number
  expectedStatus: StatusRange[]
  expectedBody?: BodyMatcher
  /** When set, the body must contain it (expect-version). */
  version?: string
  maxLatencyMs?: number
  /** Shared pool, so rounds reuse connections. */
  dispatcher: Dispatcher
  /** Cancel (job cancelled). */
  signal?: AbortSignal
}

export interface ProbeResult {
  url: string
  ok: boolean
  /** An HTTP response came back, whatever its status. */
  answered: boolean
  status?: number
  latencyMs: number
  failure?: ProbeFailure
  /** From Retry-After on 429/503. */
  retryAfterMs?: number
  redirects?: string[]
}

const MAX_REDIRECTS = 5
/** Enough body to match a health document; the rest is discarded unread. */
const BODY_LIMIT = 64 * 1024
const EXCERPT = 300

/** One GET against a health URL, checked against every rule, with a failure that says what went wrong. */
export async function probe(url: string, o: ProbeOptions): Promise<ProbeResult> {
  const started = performance.now()
  const at = new Date().toISOString()
  const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(o.requestTimeoutMs)]) : AbortSignal.timeout(o.requestTimeoutMs)
  const redirects: string[] = []
  const fail = (kind: FailureKind, message: string, extra: Partial<ProbeResult> & { bodyExcerpt?: string } = {}): ProbeResult => {
    const { bodyExcerpt, ...rest } = extra
    return {
      url: displayUrl(url),
      ok: false,
      answered: false,
      latencyMs: performance.now() - started,
      redirects: redirects.length ? redirects : undefined,
      ...rest,
      failure: { at, kind, message: redact(message), status: rest.status, bodyExcerpt },
    }
  }

  let current = url
  try {
    for (;;) {
      const res = await request(current, {
        method: 'GET',
        headers: Object.fromEntries(o.headers),
        signal,
        dispatcher: o.dispatcher,
        headersTimeout: o.requestTimeoutMs,
        bodyTimeout: o.requestTimeoutMs,
      })
      const location = res.headers.location
      if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string') {
        await res.body.dump()
        if (redirects.length >= MAX_REDIRECTS) {
          return fail('redirect', `more than ${MAX_REDIRECTS} redirects`, { answered: true, status: res.statusCode })
        }
        current = new URL(location, current).toString()
        redirects.push(displayUrl(current))
        continue
      }
      const body = await readBody(res.body)
      const latencyMs = performance.now() - started
      const status = res.statusCode
      const base = { answered: true, status, latencyMs, retryAfterMs: retryAfter(status, res.headers['retry-after']), redirects: redirects.length ? redirects : undefined }
      const excerpt = excerptOf(body)
      if (!o.expectedStatus.some((r) => status >= r.min && status <= r.max)) {
        return fail('status', `status ${status} not in ${o.expectedStatus.map(rangeText).join(',')}`, { ...base, bodyExcerpt: excerpt })
      }
      if (o.expectedBody && !bodyMatches(body, o.expectedBody)) {
        const want = o.expectedBody.kind === 'regex' ? o.expectedBody.source : JSON.stringify(o.expectedBody.text)
        return fail('body', `body does not match ${want}`, { ...base, bodyExcerpt: excerpt })
      }
      if (o.version && !body.includes(o.version)) {
        return fail('version', `body does not contain version ${o.version} (an old instance still answering?)`, { ...base, bodyExcerpt: excerpt })
      }
      if (o.maxLatencyMs !== undefined && latencyMs > o.maxLatencyMs) {
        return fail('latency', `took ${Math.round(latencyMs)}ms, over max-latency ${o.maxLatencyMs}ms`, base)
      }
      return { url: displayUrl(url), ok: true, ...base }
    }
  } catch (err) {
    const [kind, message] = classify(err, o.requestTimeoutMs, o.signal)
    return fail(kind, message)
  }
}

/** Reads up to BODY_LIMIT and destroys the rest, so the socket goes back to the pool or is closed. */
async function readBody(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    chunks.push(chunk)
    size += chunk.length
    if (size >= BODY_LIMIT) {
      body.destroy()
      break
    }
  }
  return Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8')
}

function bodyMatches(body: string, m: BodyMatcher): boolean {
  return m.kind === 'substring' ? body.includes(m.text) : m.regex.test(body)
}

function excerptOf(body: string): string | undefined {
  const text = body.replace(/\s+/g, ' ').trim()
  if (!text) return undefined
  return redact(text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text)
}

function rangeText(r: StatusRange): string {
  return r.min === r.max ? String(r.min) : `${r.min}-${r.max}`
}

/** Retry-After counts only on 429/503. */
function retryAfter(status: number, header: string | string[] | undefined): number | undefined {
  return (status === 429 || status === 503) && typeof header === 'string' ? parseRetryAfter(header) : undefined
}

/** Network failures told apart, so the on-call person knows where to look. */
export function classify(err: unknown, timeoutMs: number, outer?: AbortSignal): [FailureKind, string] {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } }
  const code = e.code ?? e.cause?.code ?? ''
  if (outer?.aborted) return ['error', 'cancelled']
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code)) return ['timeout', `no answer within ${timeoutMs}ms`]
  if (code === 'ECONNREFUSED') return ['refused', 'connection refused']
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return ['reset', 'connection reset']
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return ['dns', `DNS lookup failed (${code})`]
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code) || /certificate|TLS|SSL/i.test(e.message ?? '')) {
    return ['tls', `TLS error: ${code || e.message}`]
  }
  return ['error', `${code ? `${code}: ` : ''}${e.cause?.message ?? e.message ?? String(err)}`]
}

/** A URL as we show it: without user:password. */
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
