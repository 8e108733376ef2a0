// The shared alert sender against a real webhook receiver on 127.0.0.1.
import { createServer, type IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../../demo/fixture.mjs'
import { sendAlert, type SendOptions } from '../../src/sinks/send.js'
import { addSecret, clearSecrets } from '../../src/secrets.js'

type Reply = { status: number; headers?: Record<string, string> }
const servers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of servers.splice(0)) await close()
  clearSecrets()
})

async function receiver(replies: Reply[]) {
  const got: Array<{ at: number; body: unknown; type?: string }> = []
  const server = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      got.push({ at: Date.now(), body: JSON.parse(body), type: req.headers['content-type'] })
      const r = replies[Math.min(got.length - 1, replies.length - 1)]
      res.writeHead(r.status, r.headers).end(r.status === 200 ? 'ok' : 'no')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  servers.push(() => new Promise((r) => server.close(() => r())))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/services/T1/B1/secretpart123`
  addSecret(url)
  return { url, got }
}

const payload = { text: 'Rolled back', blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'hi' } }] }

const sendSlack = (url: string, body: unknown, o?: SendOptions) => sendAlert({ service: 'Slack', url, body }, o)

describe('sendAlert', () => {
  it('posts the JSON payload once when Slack says ok', async () => {
    const r = await receiver([{ status: 200 }])
    expect(await sendSlack(r.url, payload)).toEqual({ ok: true, attempts: 1 })
    expect(r.got[0]).toMatchObject({ body: payload, type: 'application/json' })
  })

  it('retries a 5xx', async () => {
    const r = await receiver([{ status: 500 }, { status: 200 }])
    expect(await sendSlack(r.url, payload)).toEqual({ ok: true, attempts: 2 })
  })

  it('honours Retry-After on 429', async () => {
    const r = await receiver([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }])
    expect(await sendSlack(r.url, payload)).toEqual({ ok: true, attempts: 2 })
    expect(r.got[1].at - r.got[0].at).toBeGreaterThanOrEqual(950)
  })

  it('does not retry other 4xx, and says what Slack answered', async () => {
    const r = await receiver([{ status: 404 }])
    const res = await sendSlack(r.url, payload)
    expect(res).toMatchObject({ ok: false, attempts: 1 })
    expect(r.got).toHaveLength(1)
    expect(!res.ok && res.error).toMatch(/HTTP 404/)
  })

  it('gives up after the attempts when nothing listens, without ever showing the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}/services/T1/B1/othersecret999`
    addSecret(url)
    const res = await sendSlack(url, payload, { attempts: 3, sleep: async () => undefined })
    expect(res.ok).toBe(false)
    expect(res.attempts).toBe(3)
    expect(!res.ok && res.error).not.toContain('othersecret999')
    expect(!res.ok && res.error).toMatch(/ECONNREFUSED|request failed/)
  })
})
