// The gate's signals against real parts: a watch command as a real bash process tree, the
// error-rate rule's minimum sample against a real metrics endpoint, a Prometheus preflight against
// a real refused port, and the config each signal reads.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readConfig, type InputSource } from '../../src/config.js'
import { runGate } from '../../src/gate/gate.js'
import { parseErrorRateQuery } from '../../src/gate/error-rate-query.js'
import { collectBaseline, preflightSignals, PreflightError } from '../../src/gate/prepare.js'
import { parseMetricsQueries } from '../../src/gate/metrics-queries.js'
import { describeSignals } from '../../src/gate/signals/index.js'
import { planLines } from '../../src/story/plan.js'
import { clearSecrets } from '../../src/secrets.js'
import { gateConfig } from '../helpers/builders.js'
import { healthy, startScenario } from '../helpers/scenario-app.js'
import { freePort } from '../../demo/fixture.mjs'

const closers: Array<() => unknown> = []
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c()
  clearSecrets()
})

/** Running, on Linux: /proc has it and it is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0])
  } catch {
    return false
  }
}

describe('watch-command', () => {
  it('past request-timeout the round fails and the command’s whole process tree is stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watch-'))
    closers.push(() => rmSync(dir, { recursive: true, force: true }))
    const pidFile = join(dir, 'child')
    const command = `sleep 30 & echo $! > ${pidFile}; echo "querying"; wait`
    const v = await runGate(gateConfig({ watchCommand: command, requestTimeoutMs: 400, failureThreshold: 1 }), { version: 'v1' })
    expect(v).toMatchObject({ passed: false, check: 'watch' })
    expect(v.reason).toMatch(/^watch: querying \(timed out after 400ms \(process tree stopped\)\) on 1 consecutive round$/)
    expect(existsSync(pidFile)).toBe(true)
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false)
  })

  it('exit 0 passes the round with its last line; the version is in its environment', async () => {
    const v = await runGate(gateConfig({ watchCommand: 'echo "p99 120ms for $DEPLOY_VERSION in $DEPLOY_ENVIRONMENT"', soakMs: 0 }), {
      version: 'v9',
      environment: 'staging',
    })
    expect(v.passed).toBe(true)
    expect(v.signals).toEqual([
      { id: 'watch', name: 'watch-command', rule: expect.stringContaining('exits 0'), vote: 'passed', evidence: 'p99 120ms for v9 in staging' },
    ])
  })
})

describe('min-requests', () => {
  it('below it the error-rate rule abstains and says "only N requests"; the pass names it', async () => {
    let total = 0
    const server = createServer((_req, res) => res.end(`http_requests_total{code="500"} ${(total += 1)}\n`))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    closers.push(() => new Promise((r) => server.close(r)))
    const metricsUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`
    const a = await startScenario({ behaviour: healthy('v1') })
    closers.push(() => a.close())
    const errorRate = {
      metricsUrl,
      query: 'q',
      ...parseErrorRateQuery('http_requests_total{code=~"5.."} / http_requests_total'),
      maxErrorRate: 0.05,
      minRequests: 20,
    }
    const v = await runGate(gateConfig({ urls: [a.url()], errorRate }), { version: 'v1' })
    // Every request failed, but there were only a handful: no verdict on so few.
    expect(v.passed).toBe(true)
    expect(v.reason).toMatch(/: no data \(only \d requests since the gate started \(min-requests 20\)\)/)
    expect(v.signals?.find((s) => s.id === 'error-rate')).toMatchObject({ vote: 'no data' })
  })
})

describe('Prometheus preflight', () => {
  it('a Prometheus that cannot be reached fails before the deploy, naming the query', async () => {
    const port = await freePort()
    const prometheus = { url: `http://127.0.0.1:${port}`, headers: [], queries: parseMetricsQueries('errors: sum(x) < 1') }
    const err = await preflightSignals(gateConfig({ prometheus }), { version: 'v1' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PreflightError)
    expect((err as Error).message).toBe(`metrics-queries line 1: query 'errors': prometheus http://127.0.0.1:${port}: connection refused`)
  })
})

describe('collectBaseline', () => {
  it('probes the live version at the interval for the duration and keeps the passing latencies', async () => {
    const a = await startScenario({ behaviour: healthy('v1') })
    closers.push(() => a.close())
    const lines: string[] = []
    const started = Date.now()
    const samples = await collectBaseline(gateConfig({ urls: [a.url()], intervalMs: 50, baseline: { durationMs: 600, maxSlowdown: 0.5 } }), {
      log: (l) => lines.push(l),
    })
    expect(Date.now() - started).toBeLessThan(1500)
    expect(samples.length).toBeGreaterThanOrEqual(8)
    expect(samples.length).toBeLessThanOrEqual(13)
    expect(lines[0]).toMatch(new RegExp(`^baseline: ${samples.length} samples of the live version, p50 \\d+ms p95 \\d+ms$`))
  })
})

describe('the signals’ inputs and the plan', () => {
  const source = (inputs: Record<string, string>): InputSource => ({ getInput: (n) => inputs[n] ?? '', setSecret: () => undefined })
  const env = { GITHUB_SHA: '0123456789abcdef', GITHUB_REPOSITORY: 'acme/web' }
  const read = (inputs: Record<string, string>) => readConfig(source({ 'deploy-command': 'true', 'health-urls': 'http://127.0.0.1:1/h', ...inputs }), env)

  it('each bad or incomplete signal input is named, with what to type', () => {
    expect(() => read({ 'metrics-queries': 'e: up < 1' })).toThrow(/Invalid input 'prometheus-url': required with `metrics-queries`/)
    expect(() => read({ 'prometheus-url': 'http://127.0.0.1:9090' })).toThrow(/Invalid input 'metrics-queries': required with `prometheus-url`/)
    expect(() => read({ 'prometheus-url': 'http://p', 'metrics-queries': 'e: up' })).toThrow(
      /Invalid input 'metrics-queries': line 1: 'e' does not end with a threshold/,
    )
    expect(() => read({ 'baseline-duration': '1m', 'health-urls': '', 'smoke-command': 'true' })).toThrow(
      /Invalid input 'baseline-duration': needs `health-urls`/,
    )
    expect(() => read({ 'max-slowdown': 'fast' })).toThrow(/Invalid input 'max-slowdown': 'fast' is not a slowdown/)
    expect(() => read({ 'metrics-url': 'http://m', 'error-rate-query': 'a / b', 'min-requests': 'lots' })).toThrow(/Invalid input 'min-requests'/)
    // Checked without metrics-url too: the runner always passes min-requests (its default), so a typo there is still a typo.
    expect(() => read({ 'min-requests': '-1' })).toThrow(/Invalid input 'min-requests': '-1' is not a number of requests/)
  })

  it('a watch command or a query alone is enough to gate; the plan lists every signal with its rule', () => {
    const c = read({
      'health-urls': 'http://127.0.0.1:1/h',
      'prometheus-url': 'http://127.0.0.1:9090',
      'metrics-queries': 'error-rate: sum(rate(e[1m])) < 0.05',
      'watch-command': './check.sh',
      'baseline-duration': '1m',
      'rollback-soak-duration': '5m',
    })
    expect(read({ 'health-urls': '', 'watch-command': './check.sh' }).gate.watchCommand).toBe('./check.sh')
    const lines = planLines(c, { version: 'v2', previous: 'v1', source: 'input', note: 'previous v1 (input)', commits: {} } as never)
    expect(describeSignals(c.gate)).toHaveLength(4)
    for (const l of describeSignals(c.gate)) expect(lines).toContain(l)
    expect(lines.join('\n')).toMatch(/metrics-queries \(http:\/\/127\.0\.0\.1:9090\): error-rate: sum\(rate\(e\[1m\]\)\) < 0\.05/)
    expect(lines.join('\n')).toMatch(/watch-command every round .*: \.\/check\.sh/)
    expect(lines.join('\n')).toMatch(/baseline: .* for 1m before deploying/)
    expect(lines.join('\n')).toMatch(/rollback soak: .* 5m more/)
  })
})
