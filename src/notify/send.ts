/** The Slack alert's delivery: a JSON POST through the shared sender (proxies, retries, the 15 s total). */
import { postJson, type SendResult } from '../http/post-json.js'
import type { SlackPayload } from './slack-payload.js'

export type { SendResult }

export interface SendOptions {
  /** Total attempts, first included. */
  attempts?: number
  /** Longest backoff between attempts when Slack did not send Retry-After. */
  maxWaitMs?: number
  /** One attempt's limit. */
  timeoutMs?: number
  /** The whole alert, retries included (15 s). */
  deadlineMs?: number
  sleep?: (ms: number) => Promise<void>
}

/** Posts the alert: network errors, 5xx and 429 are retried within the deadline, other 4xx are not. Never throws. */
export function sendSlack(url: string, payload: SlackPayload, o: SendOptions = {}): Promise<SendResult> {
  return postJson(url, payload, {
    service: 'Slack',
    attempts: o.attempts,
    maxBackoffMs: o.maxWaitMs,
    attemptTimeoutMs: o.timeoutMs,
    deadlineMs: o.deadlineMs,
    sleep: o.sleep,
  })
}
