// The gate's signals through dist/, as the runner runs it: Prometheus queries against a real
// Prometheus scraping a service with real traffic, a watch command, the baseline comparison and the
// rollback soak. The deploy and rollback commands put a version live by writing it to a control
// file the service reads.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createJob, runStep, scratch } from '../../demo/fixture.mjs'
import { startPrometheus, type RealPrometheus } from '../helpers/prometheus.js'
import { startTrafficApp, type TrafficApp, type VersionBehaviour } from '../helpers/traffic-app.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface Setup {
  dir: string
  control: string
  app: TrafficApp
  run(inputs: Record<string, string>): ReturnType<typeof runStep>
}

async function setup(versions: Record<string, VersionBehaviour>, o: { initial?: string; path?: string } = {}): Promise<Setup> {
  const dir = scratch('signals-e2e-')
  const control = join(dir, 'control')
  const app = await startTrafficApp({ control, initial: o.initial ?? 'v1.0.0', versions })
  const job = createJob({ workspace: dir, ref: 'refs/tags/v1.1.0', sha: 'f'.repeat(40), extraEnv: { CONTROL: control, ...(o.path ? { PATH: o.path } : {}) } })
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => job.cleanup(),
    () => app.close(),
  )
  return {
    dir,
    control,
    app,
    run: (inputs) =>
      runStep(job, 'main', {
        'deploy-command': 'echo "$DEPLOY_VERSION" > "$CONTROL"',
        'rollback-command': 'echo "$DEPLOY_VERSION" > "$CONTROL"',
        'previous-version': 'v1.0.0',
        deployments: 'false',
        'github-token': '',
        'health-urls': app.url(),
        interval: '250ms',
        'request-timeout': '2s',
        'startup-timeout': '20s',
        'success-threshold': '2',
        'failure-threshold': '3',
        ...inputs,
      }),
  }
}

/** The share of 5xx among the version's real requests (not the gate's probes) over the last 5 s; `or vector(0)`: a version without a single 5xx has no 5xx series. */
const ERROR_RATIO =
  'error-rate: (sum(rate(http_requests_total{code=~"5..",version="{{version}}",path!="/health"}[5s])) or vector(0)) / sum(rate(http_requests_total{version="{{version}}",path!="/health"}[5s])) < 0.05'

describe('Prometheus queries against a real Prometheus', () => {
  let prometheus: RealPrometheus | undefined
  let app: TrafficApp | undefined
  let shared: Setup
  const versions: Record<string, VersionBehaviour> = { 'v1.0.0': {}, 'v1.1.0': { errorRate: 0.2 }, 'v1.2.0': {} }

  beforeAll(async () => {
    shared = await setup(versions)
    cleanups.splice(0) // this describe's app lives until afterAll
    app = shared.app
    prometheus = await startPrometheus([app.target])
  }, 40_000)
  afterAll(async () => {
    await prometheus?.stop()
    await app?.close()
    rmSync(shared.dir, { recursive: true, force: true })
  })

  it('a version with 20% 5xx on real traffic is rolled back via the query; the summary shows each vote', async () => {
    writeFileSync(shared.control, 'v1.0.0')
    const r = await shared.run({ version: 'v1.1.0', 'prometheus-url': prometheus!.url, 'metrics-queries': ERROR_RATIO })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toMatch(/prometheus: error-rate = 0\.[12]\d* \(max < 0\.05\) on 3 consecutive rounds/)
    // The first scrapes had no data: those rounds waited ("no data"), they did not fail.
    expect(r.stdout).toMatch(/error-rate: no data \(empty result\)|error-rate: no data \(NaN\)/)
    expect(r.summary).toMatch(/Signals \(gate failed on prometheus\)/)
    expect(r.summary).toMatch(/\| prometheus \| error-rate \| ❌ failed \|/)
    expect(r.summary).toMatch(/\| http \| http:\/\/127\.0\.0\.1:\d+\/health \| ✅ passed \|/)
    // Probes name themselves, so queries can leave them out.
    expect(app!.requests.find((q) => q.path === '/health')?.headers['user-agent']).toBe('rollback-action/1.0.0')
  }, 60_000)

  it('a healthy version is deployed, with the query value in the reason', async () => {
    writeFileSync(shared.control, 'v1.0.0')
    const r = await shared.run({ version: 'v1.2.0', 'prometheus-url': prometheus!.url, 'metrics-queries': ERROR_RATIO })
    expect(r.outputs.status, r.stdout).toBe('deployed')
    expect(r.outputs.reason).toMatch(/error-rate = 0 \(max < 0\.05\)/)
    expect(r.summary).toMatch(/\| prometheus \| error-rate \| ✅ passed \|/)
  }, 60_000)

  it('a query that never has data is named at the end of the window, never passed', async () => {
    writeFileSync(shared.control, 'v1.0.0')
    const r = await shared.run({
      version: 'v1.2.0',
      'startup-timeout': '3s',
      'prometheus-url': prometheus!.url,
      'metrics-queries': 'checkout-errors: sum(rate(checkout_failures_total{version="{{version}}"}[5s])) < 1',
    })
    expect(r.outputs.status, r.stdout).not.toBe('deployed')
    expect(r.outputs.reason).toMatch(/startup-timeout: prometheus checkout-errors gave no data within 3s: checkout-errors: no data \(empty result\)/)
  }, 60_000)

  it('a query Prometheus rejects fails the run before anything is deployed, quoting its error', async () => {
    writeFileSync(shared.control, 'v1.0.0')
    const r = await shared.run({ version: 'v1.2.0', 'prometheus-url': prometheus!.url, 'metrics-queries': 'typo: sum(rat(http_requests_total[5s])) < 1' })
    expect(r.outputs.status, r.stdout).toBe('failed')
    expect(r.outputs.reason).toMatch(
      /metrics-queries line 1: query 'typo' was rejected by Prometheus \(bad_data, HTTP 400\): '.*unknown function with name "rat".*'; nothing was deployed/,
    )
    expect(readFileSync(shared.control, 'utf8').trim()).toBe('v1.0.0')
  }, 30_000)
})

describe('watch-command', () => {
  it('a CloudWatch p99 over its limit rolls back with the command’s last line as evidence', async () => {
    const bin = scratch('signals-bin-')
    cleanups.push(() => rmSync(bin, { recursive: true, force: true }))
    // Stand-in for the AWS CLI: the p99 (seconds) CloudWatch would report for the live version.
    writeFileSync(join(bin, 'aws'), `#!/usr/bin/env bash\n[ "$(cat "$CONTROL")" = v1.1.0 ] && echo 2.3 || echo 0.12\n`)
    chmodSync(join(bin, 'aws'), 0o755)
    const s = await setup({ 'v1.0.0': {}, 'v1.1.0': {} }, { path: `${bin}:${process.env.PATH}` })
    mkdirSync(join(s.dir, 'scripts'), { recursive: true })
    writeFileSync(join(s.dir, 'scripts', 'check-p99.sh'), readmeRecipe('CloudWatch'))
    const r = await s.run({ version: 'v1.1.0', 'watch-command': 'bash scripts/check-p99.sh' })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toMatch(/watch: p99 2300ms over 800ms \(exit code 1\) on 3 consecutive rounds/)
    expect(r.summary).toMatch(/\| watch \| watch-command \| ❌ failed \|/)
  }, 60_000)

  it('a Datadog p99 (its query API, here a stand-in on loopback) within its limit: deployed', async () => {
    const queries: string[] = []
    const api = createServer((req, res) => {
      queries.push(new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '')
      res.end(
        JSON.stringify({
          status: 'ok',
          series: [
            {
              pointlist: [
                [Date.now(), 0.31],
                [Date.now(), 0.21],
              ],
            },
          ],
        }),
      )
    })
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()))
    cleanups.push(() => new Promise((r) => api.close(r)))
    const apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`
    const s = await setup({ 'v1.0.0': {}, 'v1.1.0': {} })
    mkdirSync(join(s.dir, 'scripts'), { recursive: true })
    writeFileSync(join(s.dir, 'scripts', 'check-datadog.sh'), readmeRecipe('Datadog'))
    const r = await s.run({ version: 'v1.1.0', 'watch-command': `DD_API_URL=${apiUrl} DD_API_KEY=k DD_APP_KEY=a bash scripts/check-datadog.sh` })
    expect(r.outputs.status, r.stdout).toBe('deployed')
    expect(r.stdout).toMatch(/p99 210ms/)
    expect(queries[0]).toBe('p99:trace.http.request{service:web,version:v1.1.0}')
  }, 60_000)
})

describe('baseline against the last known good', () => {
  const inputs = { 'baseline-duration': '4s', interval: '100ms', 'success-threshold': '3' }

  it('a 3× slower version is rolled back by the baseline, with both medians and the p-value', async () => {
    const s = await setup({ 'v1.0.0': { delayMs: 6 }, 'v1.1.0': { delayMs: 18 } })
    const r = await s.run({ version: 'v1.1.0', ...inputs })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toMatch(/baseline: baseline p50 \d+(\.\d)?ms p95 \d+(\.\d)?ms \(n=\d+\) vs new p50 .*slower, p<0\.0001 \(over max-slowdown 50%\)/)
    expect(r.summary).toMatch(/\| baseline \| baseline \| ❌ failed \|/)
  }, 60_000)

  it('the same latency is deployed, and the pass says the comparison voted', async () => {
    const s = await setup({ 'v1.0.0': { delayMs: 6 }, 'v1.1.0': { delayMs: 6 } })
    const r = await s.run({ version: 'v1.1.0', ...inputs })
    expect(r.outputs.status, r.stdout).toBe('deployed')
    expect(r.outputs.reason).toMatch(/baseline: baseline p50 .* \(within max-slowdown 50%\)|baseline: baseline p50 .* \(not significant/)
  }, 60_000)

  it('too few samples: the comparison abstains and says so; the gate does not claim it passed', async () => {
    const s = await setup({ 'v1.0.0': { delayMs: 6 }, 'v1.1.0': { delayMs: 18 } })
    const r = await s.run({ version: 'v1.1.0', ...inputs, 'baseline-duration': '1s' })
    expect(r.outputs.status, r.stdout).toBe('deployed')
    expect(r.outputs.reason).toMatch(/baseline: no data \(only \d+ baseline \/ \d+ new samples, need 30\)/)
    expect(r.summary).toMatch(/\| baseline \| baseline \| ➖ no data \|/)
  }, 60_000)
})

describe('rollback-soak-duration', () => {
  it('a rollback that degrades during its soak ends rollback-failed, naming the soak', async () => {
    const s = await setup({ 'v1.0.0': { degradesWhenBackMs: 1500 }, 'v1.1.0': { unhealthyAfterMs: 0 } })
    const r = await s.run({ version: 'v1.1.0', interval: '100ms', 'rollback-soak-duration': '4s' })
    expect(r.outputs.status, r.stdout).toBe('rollback-failed')
    expect(r.outputs.reason).toMatch(
      /rolled back to v1\.0\.0 but it is unhealthy too: rollback-soak-duration: soak: .* failed 3 consecutive probes: status 500/,
    )
    expect(r.summary).toMatch(/Soak v1\.0\.0 4s/)
  }, 60_000)
})

/** The README's recipe for a provider, so the documented script is the one tested. */
function readmeRecipe(provider: 'CloudWatch' | 'Datadog'): string {
  const readme = readFileSync('README.md', 'utf8')
  const section = readme.split('\n## Watch command\n')[1]?.split('\n## ')[0] ?? ''
  const script = new RegExp(`${provider} \\([\\s\\S]*?\`\`\`bash\\n([\\s\\S]*?)\`\`\``).exec(section)?.[1]
  if (!script) throw new Error(`no ${provider} recipe in the README's "Watch command" section`)
  return script
}
