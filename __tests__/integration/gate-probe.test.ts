// One probe against real servers on 127.0.0.1: every check and every network failure told apart.
import { createServer } from 'node:http'
import { Agent } from 'undici'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { probe, type ProbeOptions } from '../../src/gate/probe.js'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import { freePort } from '../../demo/fixture.mjs'
import { startScenario, type ScenarioApp } from '../helpers/scenario-app.js'

const dispatcher = new Agent()
const apps: ScenarioApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close()
  clearSecrets()
})
afterAll(() => dispatcher.destroy())

const opts = (o: Partial<ProbeOptions> = {}): ProbeOptions => ({ headers: [], requestTimeoutMs: 1000, expectedStatus: [{ min: 200, max: 299 }], dispatcher, ...o })
async function app(behaviour: Parameters<typeof startScenario>[0]['behaviour']) {
  const a = await startScenario({ behaviour })
  apps.push(a)
  return a
}

describe('probe', () => {
  it('passes a healthy answer and measures it', async () => {
    const a = await app(() => ({ status: 200, body: '{"status":"ok","version":"v2.0.0"}' }))
    const r = await probe(a.url(), opts({ version: 'v2.0.0', expectedBody: { kind: 'substring', text: '"ok"' } }))
    expect(r).toMatchObject({ ok: true, answered: true, status: 200 })
    expect(r.latencyMs).toBeGreaterThan(0)
  })

  it('tells a refused connection from a reset and a timeout', async () => {
    const port = await freePort()
    expect((await probe(`http://127.0.0.1:${port}/health`, opts())).failure?.kind).toBe('refused')
    const reset = await app(() => 'destroy')
    expect((await probe(reset.url(), opts())).failure?.kind).toBe('reset')
    const slow = await app(() => ({ status: 200, delayMs: 2000 }))
    const t = await probe(slow.url(), opts({ requestTimeoutMs: 200 }))
    expect(t.failure).toMatchObject({ kind: 'timeout', message: 'no answer within 200ms' })
    expect(t.answered).toBe(false)
  })

  it('fails a status outside the accepted ranges, with a redacted body excerpt', async () => {
    addSecret('leaked-token-123')
    const a = await app(() => ({ status: 500, body: 'boom: leaked-token-123' }))
    const r = await probe(a.url(), opts({ expectedStatus: [{ min: 200, max: 204 }, { min: 304, max: 304 }] }))
    expect(r).toMatchObject({ ok: false, answered: true, status: 500 })
    expect(r.failure).toMatchObject({ kind: 'status', message: 'status 500 not in 200-204,304', bodyExcerpt: 'boom: ***' })
  })

  it('checks the body by substring and by regex', async () => {
    const a = await app(() => ({ status: 200, body: '{"status": "degraded"}' }))
    expect((await probe(a.url(), opts({ expectedBody: { kind: 'substring', text: '"ok"' } }))).failure?.kind).toBe('body')
    expect((await probe(a.url(), opts({ expectedBody: { kind: 'regex', regex: /"status":\s*"degraded"/, source: '/…/' } }))).ok).toBe(true)
  })

  it('catches an old instance still answering with expect-version', async () => {
    const a = await app(() => ({ status: 200, body: '{"version":"v1.0.0"}' }))
    const r = await probe(a.url(), opts({ version: 'v1.1.0' }))
    expect(r.failure).toMatchObject({ kind: 'version' })
    expect(r.failure?.message).toMatch(/v1\.1\.0/)
  })

  it('fails a probe slower than max-latency', async () => {
    const a = await app(() => ({ status: 200, delayMs: 150 }))
    expect((await probe(a.url(), opts({ maxLatencyMs: 50 }))).failure?.kind).toBe('latency')
  })

  it('follows redirects up to a bound and reports them', async () => {
    const a = await app(({ path }) => {
      const hop = Number(path.match(/hop(\d+)/)?.[1] ?? 0)
      if (path.startsWith('/loop')) return { status: 302, headers: { location: `/loop${hop + 1}` } }
      return hop < 2 ? { status: 301, headers: { location: `/hop${hop + 1}` } } : { status: 200, body: 'ok' }
    })
    const r = await probe(a.url('/hop0'), opts())
    expect(r.ok).toBe(true)
    expect(r.redirects).toEqual([a.url('/hop1'), a.url('/hop2')])
    expect((await probe(a.url('/loop0'), opts())).failure?.kind).toBe('redirect')
  })

  it('sends the health headers on every probe', async () => {
    const a = await app(() => ({ status: 200 }))
    await probe(a.url(), opts({ headers: [['Authorization', 'Bearer abc'], ['X-Probe', '1']] }))
    expect(a.requests[0].headers).toMatchObject({ authorization: 'Bearer abc', 'x-probe': '1' })
  })

  it('reads Retry-After on 503 and 429', async () => {
    const a = await app(({ n }) => (n === 1 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 429, headers: { 'retry-after': new Date(Date.now() + 3000).toUTCString() } }))
    expect((await probe(a.url(), opts())).retryAfterMs).toBe(2000)
    const second = (await probe(a.url(), opts())).retryAfterMs!
    expect(second).toBeGreaterThan(1000)
    expect(second).toBeLessThanOrEqual(3000)
  })

  it('does not read an endless body, and leaves no socket hanging', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200)
      const chunk = 'x'.repeat(16 * 1024)
      const pump = () => {
        while (res.write(chunk)) {
          /* fill */
        }
      }
      res.on('drain', pump)
      pump()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
    const r = await probe(url, opts({ expectedBody: { kind: 'substring', text: 'y' } }))
    expect(r.failure?.kind).toBe('body')
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  })

  it('hides credentials in the URL it reports', async () => {
    const a = await app(() => ({ status: 200 }))
    const r = await probe(a.url().replace('http://', 'http://user:pw@'), opts())
    expect(r.url).toBe(a.url())
  })
})
