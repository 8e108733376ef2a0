// Input the action must trust only as far as it should, through dist/ as the runner runs it: masks
// only on secrets, a credential echoed back in base64, durations past Node's timer limit, and a
// header the HTTP client would refuse. The service is a real HTTP server on 127.0.0.1 that echoes
// the request headers it got in its 500 body, as a debug endpoint does.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createJob, runStep, scratch, startReceiver } from '../../demo/fixture.mjs'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

beforeAll(() => {
  if (!existsSync('dist/main/index.js')) throw new Error('dist/ is missing: run npm run build first')
})

/**
 * The new version v1.1.0 answers 500 with the request's headers (and the Basic credentials it
 * decoded) in its body; once the rollback command wrote `ok` to the control file, v1.0.0 answers 200.
 * `healthy` makes v1.1.0 healthy from the start.
 */
async function echoService(control: string, o: { healthy?: boolean } = {}) {
  const seen: IncomingMessage['headers'][] = []
  const server = createServer((req, res) => {
    seen.push(req.headers)
    const rolledBack = existsSync(control) && readFileSync(control, 'utf8').trim() === 'ok'
    if (o.healthy || rolledBack) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ status: 'ok', version: rolledBack ? 'v1.0.0' : 'v1.1.0' }))
      return
    }
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    res.writeHead(500, { 'content-type': 'application/json' })
    // The headers first, so the reason's body excerpt shows them.
    res.end(
      JSON.stringify({
        env: req.headers['x-env'],
        authorization: req.headers.authorization,
        decoded: basic && Buffer.from(basic, 'base64').toString(),
        error: 'boom',
      }),
    )
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanups.push(() => new Promise((r) => server.close(r)))
  return { port: (server.address() as { port: number }).port, seen }
}

function setup() {
  const dir = scratch('trust-e2e-')
  const control = join(dir, 'control')
  const deployed = join(dir, 'deployed')
  const job = createJob({ workspace: dir, ref: 'refs/tags/v1.1.0', sha: 'f'.repeat(40), extraEnv: { CONTROL: control, DEPLOYED: deployed } })
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => job.cleanup(),
  )
  const base = {
    'deploy-command': 'echo "$DEPLOY_VERSION" >> "$DEPLOYED"',
    'rollback-command': 'echo ok > "$CONTROL"',
    'previous-version': 'v1.0.0',
    deployments: 'false',
    'github-token': '',
    interval: '100ms',
    'request-timeout': '1s',
    'startup-timeout': '5s',
    'success-threshold': '2',
    'failure-threshold': '2',
  }
  return {
    control,
    deployed: () => (existsSync(deployed) ? readFileSync(deployed, 'utf8').trim().split('\n') : []),
    run: (inputs: Record<string, string>) => runStep(job, 'main', { ...base, ...inputs }),
  }
}

type Step = Awaited<ReturnType<typeof runStep>>

/** Every place the action writes, except `::add-mask::` lines (commands the runner consumes, never shown). */
function everythingWritten(r: Step, slack: unknown[]): Record<string, string> {
  const log = (text: string) =>
    text
      .split('\n')
      .filter((l: string) => !l.startsWith('::add-mask::'))
      .join('\n')
  return {
    log: log(r.stdout) + log(r.stderr),
    outputs: JSON.stringify(r.outputs),
    summary: r.summary,
    state: JSON.stringify(r.state),
    report: r.outputs.report ? readFileSync(r.outputs.report, 'utf8') : '',
    slack: JSON.stringify(slack),
  }
}

function masks(r: Step): string[] {
  return r.stdout
    .split('\n')
    .filter((l: string) => l.startsWith('::add-mask::'))
    .map((l: string) => l.slice('::add-mask::'.length))
}

describe('masks only on secrets (dist/)', () => {
  it('X-Env: production is sent, not masked and shown; Authorization: Bearer is masked and redacted everywhere', async () => {
    const s = setup()
    const app = await echoService(s.control)
    const slack = await startReceiver()
    cleanups.push(() => slack.close())
    const r = await s.run({
      'health-urls': `http://127.0.0.1:${app.port}/health`,
      'health-headers': 'X-Env: production\nAuthorization: Bearer e2e-bearer-token-4242',
      'slack-webhook-url': slack.url,
    })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(app.seen[0]['x-env']).toBe('production')
    expect(app.seen[0].authorization).toBe('Bearer e2e-bearer-token-4242')

    expect(masks(r)).toEqual(expect.arrayContaining(['Bearer e2e-bearer-token-4242', 'e2e-bearer-token-4242']))
    expect(masks(r).some((m) => m.includes('production'))).toBe(false)

    // The echoed body reached the reason: "production" is shown as it is, the token never.
    expect(r.outputs.reason).toContain('production')
    expect(r.outputs.reason).toContain('"authorization":"***"')
    expect(r.summary).toContain('production')
    expect(slack.received).toHaveLength(1)
    for (const [where, text] of Object.entries(everythingWritten(r, slack.received))) {
      expect(text, where).not.toContain('e2e-bearer-token-4242')
    }
  })
})

describe('a URL credential echoed back (dist/)', () => {
  it('user:password, its password and its base64 appear nowhere: log, outputs, summary, state, report, Slack', async () => {
    const s = setup()
    const app = await echoService(s.control)
    const slack = await startReceiver()
    cleanups.push(() => slack.close())
    const pair = 'deploy:hunter2-e2e-pw'
    const base64 = Buffer.from(pair).toString('base64')
    const r = await s.run({ 'health-urls': `http://${pair}@127.0.0.1:${app.port}/health`, 'slack-webhook-url': slack.url })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    // The service did get the credential, as Basic auth, and echoed it in both forms.
    expect(app.seen[0].authorization).toBe(`Basic ${base64}`)
    expect(r.outputs.reason).toContain('"authorization":"Basic ***"')
    expect(masks(r)).toEqual(expect.arrayContaining(['hunter2-e2e-pw', pair, base64]))

    expect(slack.received).toHaveLength(1)
    const written = everythingWritten(r, slack.received)
    expect(written.report).toContain('Basic ***')
    for (const [where, text] of Object.entries(written)) {
      for (const secret of ['hunter2-e2e-pw', pair, base64]) expect(text, `${where} holds ${secret}`).not.toContain(secret)
    }
  })
})

describe('durations at the timer limit (dist/)', () => {
  it('24d, the largest accepted, deploys a healthy release normally', async () => {
    const s = setup()
    const app = await echoService(s.control, { healthy: true })
    const day24 = '24d'
    const r = await s.run({
      'health-urls': `http://127.0.0.1:${app.port}/health`,
      'deploy-command': 'sleep 0.3; echo "$DEPLOY_VERSION" >> "$DEPLOYED"',
      'deploy-timeout': day24,
      'request-timeout': day24,
      'startup-timeout': day24,
      'smoke-command': 'sleep 0.2',
      'smoke-timeout': day24,
      'concurrency-timeout': day24,
      'max-latency': day24,
    })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.outputs.status).toBe('deployed')
    expect(s.deployed()).toEqual(['v1.1.0'])
    expect(r.stdout + r.stderr).not.toMatch(/timed out|TimeoutOverflowWarning/)
  })

  it.each(['deploy-timeout', 'request-timeout', 'smoke-timeout', 'startup-timeout', 'interval', 'soak-duration'])(
    '%s: 999h is refused before any command runs, naming the input and the maximum',
    async (name) => {
      const s = setup()
      const r = await s.run({ 'health-urls': 'http://127.0.0.1:9/health', 'smoke-command': 'true', [name]: '999h' })
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(`Invalid input '${name}': '999h' is too long: at most 24d (576h)`)
      expect(s.deployed()).toEqual([])
      expect(r.raw.state).toBe('')
    },
  )
})

describe('a header the HTTP client would refuse (dist/)', () => {
  it('CR/LF in a health-headers value: refused before the deploy command runs, the value not echoed', async () => {
    const s = setup()
    const app = await echoService(s.control, { healthy: true })
    const r = await s.run({
      'health-urls': `http://127.0.0.1:${app.port}/health`,
      'health-headers': 'X-Env: production\nAuthorization: Bearer cr-secret-777\rX-Injected: 1',
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("Invalid input 'health-headers': line 2: the value of 'Authorization' contains a carriage return")
    expect(r.stdout + r.stderr).not.toContain('cr-secret-777')
    expect(s.deployed()).toEqual([])
    expect(app.seen).toHaveLength(0)
    expect(r.outputs.status ?? '').toBe('')
  })
})
