/**
 * The one sender of alerts: a JSON POST through the HTTP layer (so proxies apply), retried on
 * network errors, 429 and 5xx, honouring Retry-After, all within one total deadline: an alert
 * never holds the step longer than that, however the receiver behaves. Never throws, and no
 * message ever contains the URL (for a webhook it is the secret).
 */
import { redact } from '../secrets.js'
import { durationText, parseRetryAfter, sleep as realSleep } from '../timing.js'
import { readBounded } from './body.js'
import { HttpDispatcher } from './dispatcher.js'

export type SendResult = { ok: true; attempts: number } | { ok: false; attempts: number; error: string }

export interface PostJsonOptions {
  /** Names the receiver in messages, e.g. "Slack". */
  service: string
  /** The whole send, every attempt and wait included. */
  deadlineMs?: number
  /** Total attempts, first included. */
  attempts?: number
  /** One attempt's limit (less when the deadline is nearer). */
  attemptTimeoutMs?: number
  /** Longest backoff between attempts when the receiver did not say (Retry-After is honoured as asked, within the deadline). */
  maxBackoffMs?: number
  headers?: Record<string, string>
  /** The body is already the exact text to send (a signed body must go byte for byte); otherwise it is JSON-encoded. */
  raw?: boolean
  /**
   * Reads a retry delay (ms) from a 429's body when the receiver gave no Retry-After header
   * (Discord answers `{"retry_after": 1.5}` in seconds).
   */
  retryAfterFromBody?: (reply: string) => number | undefined
  /** A pool to send through; by default one is made for this send and destroyed after it. */
  dispatcher?: HttpDispatcher
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/** What every alert channel may spend in all (DESIGN: "retries … within a total of 15 s"). */
export const ALERT_DEADLINE_MS = 15_000
const ATTEMPT_TIMEOUT_MS = 10_000
const BACKOFF_MS = [250, 500, 1000, 2000]
/** An attempt with less time than this left is not worth starting. */
const MIN_ATTEMPT_MS = 1000
const ERROR_BODY_CHARS = 100

export async function postJson(url: string, body: unknown, o: PostJsonOptions): Promise<SendResult> {
  const now = o.now ?? Date.now
  const deadline = now() + (o.deadlineMs ?? ALERT_DEADLINE_MS)
  const attempts = o.attempts ?? 4
  const wait = o.sleep ?? realSleep
  const own = o.dispatcher ? undefined : new HttpDispatcher()
  const dispatcher = o.dispatcher ?? own!
  const text = o.raw && typeof body === 'string' ? body : JSON.stringify(body)
  let error = ''
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const left = deadline - now()
      const answer = await attemptPost(url, text, {
        ...o,
        dispatcher,
        timeoutMs: Math.ceil(Math.min(o.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS, Math.max(left, 1))),
      })
      if (answer.ok) return { ok: true, attempts: attempt }
      error = answer.error
      if (!answer.retryable || attempt === attempts) return { ok: false, attempts: attempt, error }
      const asked = answer.retryAfterMs
      const pause = asked ?? Math.min(o.maxBackoffMs ?? 5000, BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)])
      const leftAfter = deadline - now() - pause
      if (leftAfter < MIN_ATTEMPT_MS) {
        const why = asked !== undefined ? `; it asked to retry after ${durationText(asked)}` : ''
        return {
          ok: false,
          attempts: attempt,
          error: `${error}${why}; gave up within the ${durationText(o.deadlineMs ?? ALERT_DEADLINE_MS)} an alert may take`,
        }
      }
      await wait(pause)
    }
    return { ok: false, attempts, error }
  } finally {
    // Destroyed, not closed: an idle keep-alive socket must not hold the step open.
    await own?.destroy().catch(() => undefined)
  }
}

type Attempt = { ok: true } | { ok: false; retryable: boolean; error: string; retryAfterMs?: number }

async function attemptPost(url: string, text: string, o: PostJsonOptions & { dispatcher: HttpDispatcher; timeoutMs: number }): Promise<Attempt> {
  try {
    const res = await o.dispatcher.request(url, {
      method: 'POST',
      headers: lowerCase({ 'content-type': 'application/json', 'user-agent': 'rollback-action', ...o.headers }),
      body: text,
      signal: AbortSignal.timeout(o.timeoutMs),
      timeoutMs: o.timeoutMs,
    })
    const reply = (await readBounded(res.body, 4096).catch(() => ({ text: '' }))).text
    const status = res.statusCode
    if (status >= 200 && status <= 299) return { ok: true }
    const retryAfter = res.headers['retry-after']
    const fromHeader = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined
    const said = reply.trim() ? ` (${oneLine(reply).slice(0, ERROR_BODY_CHARS)})` : ''
    return {
      ok: false,
      retryable: status === 429 || status >= 500,
      error: scrub(`${o.service} answered HTTP ${status}${said}`),
      // A receiver that says it in its body (Discord: seconds, with a fraction) is read first: its header may be rounded.
      retryAfterMs: (status === 429 ? o.retryAfterFromBody?.(reply) : undefined) ?? fromHeader,
    }
  } catch (err) {
    return { ok: false, retryable: true, error: scrub(`request failed: ${describeNetworkError(err, o.timeoutMs)}`) }
  }
}

function describeNetworkError(err: unknown, timeoutMs: number): string {
  const e = (err ?? {}) as { name?: string; code?: unknown; message?: string; cause?: { code?: unknown } }
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT') {
    return `no answer within ${durationText(timeoutMs)}`
  }
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : ''
  return code ? `${code}${/^UND_ERR/.test(code) ? `: ${oneLine(e.message ?? '')}` : ''}` : `${e.name ?? 'Error'}: ${oneLine(e.message ?? String(err))}`
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Secrets out, and any URL out: the receiver's address is itself a secret. */
function scrub(text: string): string {
  return redact(text).replace(/https?:\/\/\S+/g, '<webhook>')
}
