// The whole gate against scripted services on 127.0.0.1, in-process: verdicts, evidence, speed.
import { createServer } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { runGate } from '../../src/gate/gate.js'
import { parseErrorRateQuery } from '../../src/gate/error-rate-query.js'
import type { GateConfig } from '../../src/gate/types.js'
import { healthy, startScenario, type Behaviour, type ScenarioApp } from '../helpers/scenario-app.js'

const apps: ScenarioApp[] = []
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close()
  for (const c of closers.splice(0)) await c()
})

async function app(behaviour: Behaviour): Promise<ScenarioApp> {
  const a = await startScenario({ behaviour })
  apps.push(a)
  return a
}

const gate = (urls: string[], o: Partial<GateConfig> = {}): GateConfig => ({
  urls,
  headers: [],
  expectedStatus: [{ min: 200, max: 299 }],
  expectVersion: false,
  startupTimeoutMs: 5000,
  intervalMs: 50,
  requestTimeoutMs: 500,
  successThreshold: 2,
  failureThreshold: 3,
  soakMs: 0,
  ...o,
})

describe('runGate', () => {
  it('slow start: refused for a while, then healthy → passed', async () => {
    const a = await app(({ ms }) => (ms < 800 ? 'refuse' : { status: 200 }))
    const v = await runGate(gate([a.url()]), { version: 'v1' })
    expect(v.passed).toBe(true)
    expect(v.endpoints[0].failed).toBeGreaterThan(0)
    expect(v.endpoints[0].lastFailure?.kind).toBe('refused')
  })

  it('a proxy answering 503 while the service boots is still starting', async () => {
    const a = await app(({ ms }) => (ms < 400 ? { status: 503 } : { status: 200 }))
    expect((await runGate(gate([a.url()], { failureThreshold: 1 }), { version: 'v1' })).passed).toBe(true)
  })

  it('a single 500 during the soak with failure-threshold 2 → passed', async () => {
    const a = await app(({ n }) => (n === 4 ? { status: 500 } : { status: 200 }))
    const v = await runGate(gate([a.url()], { failureThreshold: 2, soakMs: 500 }), { version: 'v1' })
    expect(v.passed).toBe(true)
    expect(v.check).toBe('soak')
    expect(v.endpoints[0].failed).toBe(1)
  })

  it('endpoints failing by turns during the soak → failed soak at the end of its grace, not a hang', async () => {
    const served: Record<string, number> = {}
    const a = await app(({ path }) => {
      if (path !== '/a' && path !== '/b') return { status: 200 }
      const k = (served[path] = (served[path] ?? 0) + 1)
      // After two good rounds, /a fails in odd rounds and /b in even ones: neither twice in a row.
      return k > 2 && k % 2 === (path === '/a' ? 1 : 0) ? { status: 500, body: 'flapping' } : { status: 200 }
    })
    // Before the bound this never decided; the signal turns a hang into a 'cancelled' verdict.
    const v = await runGate(gate([a.url('/a'), a.url('/b')], { failureThreshold: 2, soakMs: 300 }), { version: 'v1', signal: AbortSignal.timeout(3000) })
    expect(v).toMatchObject({ passed: false, check: 'soak' })
    const blamed = [a.url('/a'), a.url('/b')].find((u) => v.reason.startsWith(`soak: ${u} `))
    expect(blamed).toBeDefined()
    expect(v.reason).toContain(
      'kept failing intermittently through the 300ms soak and had not recovered 100ms after it: status 500 not in 200-299 (body: "flapping")',
    )
    expect(v.endpoints.find((e) => e.url === blamed)?.verdict).toBe('failed')
    // Two passing rounds, the soak, then 2 × 50ms of grace, with room for a slow machine.
    expect(v.durationMs).toBeLessThan(1500)
  })

  it('crash at start (never answers) → fails on the startup timeout and says it never answered', async () => {
    const a = await app(() => 'refuse')
    const v = await runGate(gate([a.url()], { startupTimeoutMs: 600 }), { version: 'v1' })
    expect(v).toMatchObject({ passed: false, check: 'startup-timeout' })
    expect(v.reason).toMatch(/never answered within 600ms: connection refused/)
  })

  it('healthy, then 500s during the soak → failed soak', async () => {
    const a = await app(({ n }) => (n > 3 ? { status: 500, body: 'db down' } : { status: 200 }))
    const v = await runGate(gate([a.url()], { soakMs: 5000 }), { version: 'v1' })
    expect(v).toMatchObject({ passed: false, check: 'soak' })
    expect(v.reason).toMatch(/failed 3 consecutive probes: status 500.*db down/)
  })

  it('an old instance still answering fails expect-version', async () => {
    const a = await app(healthy('v1.0.0'))
    const v = await runGate(gate([a.url()], { expectVersion: true, failureThreshold: 2 }), { version: 'v1.1.0' })
    expect(v).toMatchObject({ passed: false, check: 'health' })
    expect(v.endpoints[0].lastFailure?.kind).toBe('version')
  })

  it('one of three endpoints failing → failed, and named', async () => {
    const good1 = await app(healthy('v1'))
    const bad = await app(() => ({ status: 502 }))
    const good2 = await app(healthy('v1'))
    // 502 from the start is "still starting": it fails on the startup timeout, naming the endpoint.
    const v = await runGate(gate([good1.url(), bad.url('/api/health'), good2.url()], { startupTimeoutMs: 800 }), { version: 'v1' })
    expect(v.passed).toBe(false)
    expect(v.reason).toContain(bad.url('/api/health'))
    expect(v.endpoints.find((e) => e.url === bad.url('/api/health'))?.verdict).toBe('failed')
    const answering = await app(({ n }) => (n === 1 ? { status: 200 } : { status: 500 }))
    const v2 = await runGate(gate([good1.url(), answering.url('/x')]), { version: 'v1' })
    expect(v2).toMatchObject({ passed: false, check: 'health' })
    expect(v2.reason).toContain(answering.url('/x'))
  })

  it('a slow endpoint does not hold the others: every round probes all at once', async () => {
    const slow = await app(() => ({ status: 200, delayMs: 200 }))
    const fast = await app(() => ({ status: 200 }))
    const started = Date.now()
    const v = await runGate(gate([slow.url(), fast.url(), fast.url('/b')], { successThreshold: 3, intervalMs: 10 }), { version: 'v1' })
    expect(v.passed).toBe(true)
    // Three rounds of 200 ms, in parallel: well under the 9 × 200 ms a serial gate would take.
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('latency over max-latency → failed with the latency in evidence', async () => {
    const a = await app(() => ({ status: 200, delayMs: 120 }))
    const v = await runGate(gate([a.url()], { maxLatencyMs: 50, failureThreshold: 2 }), { version: 'v1' })
    expect(v.passed).toBe(false)
    expect(v.reason).toMatch(/over max-latency 50ms/)
    expect(v.endpoints[0].latency?.p95).toBeGreaterThanOrEqual(100)
  })

  it('decision speed: judged within failure-threshold × interval + one request-timeout of the first failure', async () => {
    const a = await app(({ n }) => (n <= 2 ? { status: 200 } : { status: 500 }))
    const cfg = gate([a.url()], { successThreshold: 100, failureThreshold: 3, intervalMs: 100, requestTimeoutMs: 300 })
    const v = await runGate(cfg, { version: 'v1' })
    const decidedAt = Date.now()
    expect(v.passed).toBe(false)
    // Exactly threshold failing probes after the two good ones: not one more.
    expect(a.requests.length).toBe(2 + 3)
    expect(decidedAt - a.firstFailureAt!).toBeLessThanOrEqual(3 * 100 + 300 + 100)
  })

  it('honours Retry-After while the service is starting, within the bound', async () => {
    const a = await app(({ n }) => (n === 1 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 }))
    const v = await runGate(gate([a.url()], { successThreshold: 2, intervalMs: 400 }), { version: 'v1' })
    expect(v.passed).toBe(true)
    const gap = a.requests[1].at - a.requests[0].at
    expect(gap).toBeGreaterThanOrEqual(900)
  })

  it('does not let Retry-After delay a verdict once failures count', async () => {
    const a = await app(({ n }) => (n === 1 ? { status: 200 } : { status: 503, headers: { 'retry-after': '30' } }))
    const v = await runGate(gate([a.url()], { successThreshold: 5, failureThreshold: 2, intervalMs: 200 }), { version: 'v1' })
    expect(v).toMatchObject({ passed: false, check: 'health' })
    expect(a.requests[2].at - a.requests[1].at).toBeLessThan(1000)
  })

  it('stops at once when cancelled', async () => {
    const a = await app(() => 'refuse')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 150)
    const started = Date.now()
    const v = await runGate(gate([a.url()], { intervalMs: 1000 }), { version: 'v1', signal: controller.signal })
    expect(v.check).toBe('cancelled')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  describe('error rate from a Prometheus endpoint', () => {
    async function metrics(errorsPerScrape: number, okPerScrape: number) {
      let errors = 1000 // errors from before the deploy must not count
      let ok = 5000
      const server = createServer((_req, res) => {
        errors += errorsPerScrape
        ok += okPerScrape
        res.end(`# TYPE http_requests_total counter\nhttp_requests_total{code="500"} ${errors}\nhttp_requests_total{code="200"} ${ok}\n`)
      })
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
      closers.push(() => new Promise((r) => server.close(() => r())))
      return `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`
    }
    const rule = (metricsUrl: string, max: number) => ({
      metricsUrl,
      query: 'q',
      ...parseErrorRateQuery('http_requests_total{code=~"5.."} / http_requests_total'),
      maxErrorRate: max,
    })

    it('over max-error-rate → failed check error-rate', async () => {
      const a = await app(healthy('v1'))
      const v = await runGate(gate([a.url()], { failureThreshold: 2, soakMs: 2000, errorRate: rule(await metrics(10, 90), 0.05) }), { version: 'v1' })
      expect(v).toMatchObject({ passed: false, check: 'error-rate' })
      expect(v.errorRate?.rate).toBeCloseTo(0.1)
      expect(v.reason).toMatch(/error rate 10% over max-error-rate 5%/)
    })

    it('below it → passed', async () => {
      const a = await app(healthy('v1'))
      const v = await runGate(gate([a.url()], { soakMs: 300, errorRate: rule(await metrics(1, 99), 0.05) }), { version: 'v1' })
      expect(v.passed).toBe(true)
      expect(v.errorRate?.rate).toBeCloseTo(0.01)
    })
  })

  it('with nothing to probe, passes at once and says the smoke command decides', async () => {
    expect(await runGate(gate([]), { version: 'v1' })).toMatchObject({ passed: true, check: 'none' })
  })
})
