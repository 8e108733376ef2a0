/**
 * The generic webhook: the run's JSON report as the body, signed so the receiver can tell it came
 * from this workflow: `X-Rollback-Signature-256: sha256=<hex HMAC-SHA256 of the exact body>`,
 * the scheme GitHub's own webhooks use, so receivers can reuse their verification code.
 */
import { createHmac } from 'node:crypto'

export const SIGNATURE_HEADER = 'X-Rollback-Signature-256'

/** The report's shape version; a receiver checks it before reading fields. */
export const REPORT_SCHEMA_VERSION = 1

/**
 * The exact bytes to POST (and to sign): the report as compact JSON, with `schemaVersion` first
 * when the report does not carry one. The report is expected redacted already (buildReport()
 * redacts it as one text); nothing is redacted here, because the body must be what was signed.
 */
export function webhookBody(report: object): string {
  const withVersion = 'schemaVersion' in report ? report : { schemaVersion: REPORT_SCHEMA_VERSION, ...report }
  return JSON.stringify(withVersion)
}

/** `sha256=<lowercase hex HMAC-SHA256 of body keyed by secret>`; the body as UTF-8. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

/** Body and headers of the request; the signature header only when a secret is configured. */
export function webhookRequest(report: object, o: { secret?: string } = {}): { body: string; headers: Record<string, string> } {
  const body = webhookBody(report)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (o.secret) headers[SIGNATURE_HEADER] = signature(body, o.secret)
  return { body, headers }
}
