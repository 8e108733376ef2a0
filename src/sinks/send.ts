/**
 * The one sender every alert channel uses: a POST through the HTTP layer (proxies), 429, 5xx and
 * network errors retried honouring Retry-After, within a total of 15 s per channel. Channels are
 * sent in parallel by the registry, so their deadlines do not add up. Never throws. The sender
 * (post-json.ts) loads with the first alert sent: a run that alerts no one never loads it.
 */
import type { SendResult } from '../http/post-json.js'
import type { SendOptions } from './types.js'

export type { SendOptions, SendResult }

/** One channel's request: who it is for (named in messages, never the URL: that is a secret) and what goes. */
export interface AlertRequest {
  service: string
  url: string
  /** A value sent as JSON, or, with `raw`, the exact text to send. */
  body: unknown
  raw?: boolean
  headers?: Record<string, string>
  /** A 429's delay from its JSON body when the header is missing (Discord). */
  retryAfterFromBody?: (reply: string) => number | undefined
}

export async function sendAlert(req: AlertRequest, o: SendOptions = {}): Promise<SendResult> {
  const { postJson } = await import('../http/post-json.js')
  return postJson(req.url, req.body, {
    service: req.service,
    raw: req.raw,
    headers: req.headers,
    retryAfterFromBody: req.retryAfterFromBody,
    attempts: o.attempts,
    maxBackoffMs: o.maxWaitMs,
    attemptTimeoutMs: o.timeoutMs,
    deadlineMs: o.deadlineMs,
    sleep: o.sleep,
  })
}
