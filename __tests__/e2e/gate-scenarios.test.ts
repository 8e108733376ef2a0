// The health gate's verdicts through dist/, as the runner runs it: the "new version" is a scripted
// service on 127.0.0.1, and the rollback command "puts the good version back" by writing `ok` to a
// control file the service watches (it then answers as v1.0.0, healthy).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createJob, runStep, scratch } from '../../demo/fixture.mjs'
import { healthy, startScenario, type Behaviour, type ScenarioApp } from '../helpers/scenario-app.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface Setup {
  dir: string
  control: string
  app(b: Behaviour): Promise<ScenarioApp>
  run(inputs: Record<string, string>): ReturnType<typeof runStep>
}

function setup(): Setup {
  const dir = scratch('gate-e2e-')
  const control = join(dir, 'control')
  const job = createJob({ workspace: dir, ref: 'refs/tags/v1.1.0', sha: 'f'.repeat(40), extraEnv: { CONTROL: control } })
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => job.cleanup(),
  )
  return {
    dir,
    control,
    app: async (behaviour) => {
      const a = await startScenario({ behaviour, controlFile: control, goodVersion: 'v1.0.0' })
      cleanups.push(() => a.close())
      return a
    },
    run: (inputs) =>
      runStep(job, 'main', {
        'deploy-command': 'true',
        'rollback-command': 'echo ok > "$CONTROL"',
        'previous-version': 'v1.0.0',
        deployments: 'false',
        'github-token': '',
        interval: '100ms',
        'request-timeout': '500ms',
        'startup-timeout': '3s',
        'success-threshold': '2',
        'failure-threshold': '3',
        ...inputs,
      }),
  }
}

const v11 = healthy('v1.1.0')

describe('gate verdicts through dist/', () => {
  it('slow start (refused for 3 s, then healthy): deployed', async () => {
    const s = setup()
    const a = await s.app((r) => (r.ms < 3000 ? 'refuse' : v11(r)))
    const r = await s.run({ 'health-urls': a.url(), 'startup-timeout': '10s' })
    expect(r.outputs.status, r.stdout).toBe('deployed')
    expect(r.stdout).toMatch(/connection refused/)
  })

  it('a transient single 500 during the soak with failure-threshold 2: deployed', async () => {
    const s = setup()
    const a = await s.app((r) => (r.n === 5 ? { status: 500 } : v11(r)))
    const r = await s.run({ 'health-urls': a.url(), 'failure-threshold': '2', 'soak-duration': '1s' })
    expect(r.outputs.status, r.stdout).toBe('deployed')
    expect(r.stdout).toMatch(/status 500/)
  })

  it('crash at start: rolled back on the startup timeout', async () => {
    const s = setup()
    const a = await s.app(() => 'refuse')
    const r = await s.run({ 'health-urls': a.url(), 'startup-timeout': '1500ms' })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toMatch(/startup-timeout: .* never answered/)
  })

  it('healthy, then 500s during the soak: rolled back', async () => {
    const s = setup()
    const a = await s.app((r) => (r.n > 3 ? { status: 500, body: 'pool exhausted' } : v11(r)))
    const r = await s.run({ 'health-urls': a.url(), 'soak-duration': '30s' })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toMatch(/^soak: .*status 500.*pool exhausted/)
  })

  it('an old instance still answering, with expect-version: rolled back', async () => {
    const s = setup()
    const a = await s.app(healthy('v1.0.0'))
    const r = await s.run({ 'health-urls': a.url(), 'expect-version': 'true' })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toMatch(/does not contain version v1\.1\.0/)
  })

  it('one of three endpoints failing: rolled back, and that endpoint named', async () => {
    const s = setup()
    const good = await s.app(v11)
    const bad = await s.app((r) => (r.n > 1 ? { status: 500 } : v11(r)))
    const r = await s.run({ 'health-urls': [good.url('/a'), bad.url('/payments/health'), good.url('/b')].join('\n') })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toContain(bad.url('/payments/health'))
    expect(r.summary).toContain(bad.url('/payments/health'))
  })

  it('latency over max-latency: rolled back', async () => {
    const s = setup()
    const a = await s.app((r) => ({ ...(v11(r) as object), status: 200, delayMs: 150 }))
    const r = await s.run({ 'health-urls': a.url(), 'max-latency': '50ms' })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toMatch(/over max-latency 50ms/)
  })

  describe('error rate from a real Prometheus-format endpoint', () => {
    /** Counters that grow at `rate` errors per scrape until the control file says the good version is back. */
    async function metrics(s: Setup, errorsPerScrape: number): Promise<string> {
      let errors = 500
      let total = 10_000
      const server = createServer((_req, res) => {
        const good = existsSync(s.control) && readFileSync(s.control, 'utf8').trim() === 'ok'
        errors += good ? 0 : errorsPerScrape
        total += 100
        res.end(
          `# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\nhttp_requests_total{code="500"} ${errors}\nhttp_requests_total{code="200"} ${total - errors}\n`,
        )
      })
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
      cleanups.push(() => new Promise((r) => server.close(r)))
      return `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`
    }
    const query = { 'error-rate-query': 'http_requests_total{code=~"5.."} / http_requests_total', 'max-error-rate': '5%', 'soak-duration': '1s' }

    it('over max-error-rate: rolled back', async () => {
      const s = setup()
      const a = await s.app(v11)
      const r = await s.run({ 'health-urls': a.url(), 'metrics-url': await metrics(s, 12), ...query })
      expect(r.outputs.status, r.stdout).toBe('rolled-back')
      expect(r.outputs.reason).toMatch(/error-rate: error rate 12% over max-error-rate 5%/)
    })

    it('below it: deployed', async () => {
      const s = setup()
      const a = await s.app(v11)
      const r = await s.run({ 'health-urls': a.url(), 'metrics-url': await metrics(s, 2), ...query })
      expect(r.outputs.status, r.stdout).toBe('deployed')
      expect(r.outputs.reason).toMatch(/error rate 2%/)
    })
  })

  it('a smoke command failing after the gate: rolled back with its last output as evidence', async () => {
    const s = setup()
    const a = await s.app(v11)
    writeFileSync(join(s.dir, 'smoke.sh'), 'echo "checking /cart"\necho "expected 200, got 404 on /cart" >&2\nexit 1\n')
    const r = await s.run({ 'health-urls': a.url(), 'smoke-command': 'bash smoke.sh', 'smoke-timeout': '5s' })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs.reason).toMatch(/smoke-command failed \(exit code 1\): expected 200, got 404 on \/cart/)
    expect(r.summary).toMatch(/Last output of Smoke command/)
  })
})
