// The generic webhook: the JSON report as the exact body, signed with HMAC-SHA256.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/report/json.js'
import { signature, SIGNATURE_HEADER, webhookBody, webhookRequest } from '../../src/sinks/webhook-body.js'
import { record } from '../helpers/run-record.js'

/** HMAC-SHA256 from its definition (RFC 2104) over plain SHA-256, not node's createHmac. */
function hmacByHand(key: Buffer, data: Buffer): string {
  const block = 64
  const k = Buffer.alloc(block)
  ;(key.length > block ? createHash('sha256').update(key).digest() : key).copy(k)
  const pad = (b: number) => Buffer.from(k.map((x) => x ^ b))
  const inner = createHash('sha256')
    .update(Buffer.concat([pad(0x36), data]))
    .digest()
  return createHash('sha256')
    .update(Buffer.concat([pad(0x5c), inner]))
    .digest('hex')
}

describe('webhook body and signature', () => {
  it('signs per RFC 4231 test case 2', () => {
    expect(signature('what do ya want for nothing?', 'Jefe')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })

  it('signs the exact body bytes, including non-ASCII text and a long key', () => {
    const body = webhookBody(buildReport(record({ reason: 'Rückrollen → v1.0.0 🚀' })))
    const secret = 'k'.repeat(100)
    expect(signature(body, secret)).toBe(`sha256=${hmacByHand(Buffer.from(secret), Buffer.from(body, 'utf8'))}`)
    expect(signature(body, 'short-secret')).toBe(`sha256=${hmacByHand(Buffer.from('short-secret'), Buffer.from(body, 'utf8'))}`)
  })

  it('matches what openssl computes, the command the README gives receivers', () => {
    const body = webhookBody(buildReport(record()))
    const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', 'my-webhook-secret'], { input: body }).toString()
    expect(signature(body, 'my-webhook-secret')).toBe(`sha256=${out.trim().split(/\s+/).at(-1)}`)
  })

  it('is the report as compact JSON, schemaVersion kept or added first', () => {
    const report = buildReport(record())
    expect(webhookBody(report)).toBe(JSON.stringify(report))
    expect(JSON.parse(webhookBody(report)).schemaVersion).toBe(1)
    const bare = { status: 'deployed' }
    expect(webhookBody(bare)).toBe('{"schemaVersion":1,"status":"deployed"}')
    expect(webhookBody({ schemaVersion: 2, status: 'x' })).toBe('{"schemaVersion":2,"status":"x"}')
  })

  it('sends the signature header only with a secret', () => {
    const report = buildReport(record())
    const signed = webhookRequest(report, { secret: 's3cret' })
    expect(SIGNATURE_HEADER).toBe('X-Rollback-Signature-256')
    expect(signed.headers).toEqual({ 'content-type': 'application/json', 'X-Rollback-Signature-256': signature(signed.body, 's3cret') })
    expect(webhookRequest(report).headers).toEqual({ 'content-type': 'application/json' })
  })
})
