import { IncomingWebhook } from '@slack/webhook'
import { redact } from '../secrets.js'
import { parseRetryAfter, sleep } from '../timing.js'
import type { SlackPayload } from './slack-payload.js'

export type SendResult = { ok: true; attempts: number } | { ok: false; attempts: number; error: string }

export interface SendOptions {
  /** Total attempts, first included. */
  attempts?: number
  /** Longest single wait between attempts (also caps Retry-After). */
  maxWaitMs?: number
  /** One attempt's limit. */
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

const BACKOFF_MS = [250, 500, 1000, 2000]

/**
 * Posts the alert. @slack/webhook sends it; the retry policy is ours because the library does not
 * honour Retry-After: network errors, 5xx and 429 are retried a few times within seconds, other
 * 4xx are not. Never throws, and no message ever contains the URL (it is the secret).
 */
export async function sendSlack(url: string, payload: SlackPayload, o: SendOptions = {}): Promise<SendResult> {
  const attempts = o.attempts ?? 4
  const maxWait = o.maxWaitMs ?? 5000
  const wait = o.sleep ?? sleep
  let retryAfter: string | null = null
  const hook = new IncomingWebhook(url, {
    timeout: o.timeoutMs ?? 10_000,
    retryConfig: { retries: 0 },
    // Only to read Retry-After, which the library's errors do not carry.
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const res = await fetch(input, init)
      retryAfter = res.headers.get('retry-after')
      return res
    },
  })

  let error = ''
  for (let attempt = 1; attempt <= attempts; attempt++) {
    retryAfter = null
    try {
      await hook.send(payload)
      return { ok: true, attempts: attempt }
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode
      error = describe(err, status)
      const retryable = status === undefined || status >= 500 || status === 429
      if (!retryable || attempt === attempts) return { ok: false, attempts: attempt, error }
      const asked = parseRetryAfter(retryAfter)
      await wait(Math.min(maxWait, asked ?? BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)]))
    }
  }
  return { ok: false, attempts, error }
}

function describe(err: unknown, status: number | undefined): string {
  const e = err as { body?: string; original?: Error; message?: string }
  if (status !== undefined) return redact(`Slack answered HTTP ${status}${e.body ? ` (${e.body.slice(0, 100)})` : ''}`)
  const cause = e.original ?? (err as Error)
  const code = (cause as { cause?: { code?: string } }).cause?.code
  return redact(`request failed: ${code ?? cause.name}${code ? '' : `: ${cause.message}`}`).replace(/https?:\/\/\S+/g, '<webhook>')
}
