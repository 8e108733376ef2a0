// dist/ against remotes that accept the connection and never answer: every wait is bounded, costs
// a known time, and leaves the outcome as it would be without them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkout, createJob, createOrigin, freePort, headSha, quickGate, runStep, scratch, stopApp } from '../../demo/fixture.mjs'

const cleanups: Array<() => unknown> = []
beforeAll(() => {
  if (!existsSync('dist/main/index.js')) throw new Error('dist/ is missing: run npm run build first')
})
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A server that records each request's arrival and answers only when `reply` does. */
async function remote(reply?: (n: number, req: IncomingMessage, res: ServerResponse) => void) {
  const hits: number[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    hits.push(Date.now())
    req.resume()
    reply?.(hits.length, req, res)
  })
  server.on('connection', (s: Socket) => sockets.add(s))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  cleanups.push(
    () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy()
        server.close(r)
      }),
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits }
}

async function deployJob(extraEnv: Record<string, string> = {}) {
  const root = scratch('deadlines-e2e-')
  const appState = join(root, 'app')
  mkdirSync(appState)
  const origin = createOrigin(root, [
    { tag: 'v1.0.0', behaviour: 'ok' },
    { tag: 'v1.1.0', behaviour: 'ok' },
  ])
  const port = await freePort()
  const ws = checkout(origin, 'v1.1.0', join(root, 'ws'))
  const job = createJob({ workspace: ws, ref: 'refs/tags/v1.1.0', sha: headSha(ws), extraEnv: { APP_STATE: appState, APP_PORT: String(port), ...extraEnv } })
  cleanups.push(
    () => rmSync(root, { recursive: true, force: true }),
    () => stopApp(appState),
    () => job.cleanup(),
  )
  return { job, inputs: { 'deploy-command': './deploy.sh', deployments: 'false', ...quickGate(port) } }
}

const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning'))

describe('bounded waits (dist/)', () => {
  it('a GitHub API that never answers: one warning after 10 s, previous version from tags, deployed', async () => {
    const api = await remote()
    const { job, inputs } = await deployJob({ GITHUB_API_URL: api.url })
    const main = await runStep(job, 'main', { ...inputs, deployments: 'true', 'github-token': 'ghs_hangingapi123' }, { timeoutMs: 40_000 })
    expect(main.outputs, main.stdout).toMatchObject({ status: 'deployed', 'previous-version': 'v1.0.0' })
    expect(warnings(main.stdout)).toEqual([
      '::warning::GitHub deployments skipped: GitHub API did not answer (no answer within 10s); deployments skipped this run',
    ])
    expect(api.hits).toHaveLength(1)
    // One request's bound, plus the deploy and the gate (about 2 s here).
    expect(main.ms).toBeLessThan(18_000)
    await runStep(job, 'post', inputs)
  }, 60_000)

  it('a webhook that never answers: the alert costs at most 15 s in all, and the run is still deployed', async () => {
    const hook = await remote()
    const { job, inputs } = await deployJob()
    const main = await runStep(
      job,
      'main',
      { ...inputs, 'slack-webhook-url': `${hook.url}/services/T0/B0/hangingsecret`, 'notify-on': 'deployed' },
      { timeoutMs: 40_000 },
    )
    const alertCost = Date.now() - hook.hits[0]
    expect(main.outputs, main.stdout).toMatchObject({ status: 'deployed' })
    expect(main.code).toBe(0)
    expect(alertCost).toBeLessThanOrEqual(15_500)
    expect(hook.hits).toHaveLength(2)
    // 10 s, a short backoff, then the rest of the 15 s.
    expect(warnings(main.stdout)).toEqual([
      expect.stringMatching(
        /^::warning::Slack alert NOT sent after 2 attempt\(s\): request failed: no answer within 4\.\d+s; gave up within the 15s an alert may take\. The run's outcome is deployed\.$/,
      ),
    ])
    expect(main.stdout.split('\n').filter((l: string) => !l.startsWith('::add-mask::') && l.includes('hangingsecret'))).toEqual([])
  }, 60_000)

  it('a 429 with Retry-After is honoured within the total, then the alert goes', async () => {
    const hook = await remote(
      (n, _req, res) => void res.writeHead(n === 1 ? 429 : 200, n === 1 ? { 'retry-after': '3' } : {}).end(n === 1 ? 'rate_limited' : 'ok'),
    )
    const { job, inputs } = await deployJob()
    const main = await runStep(job, 'main', { ...inputs, 'slack-webhook-url': `${hook.url}/services/T0/B0/limitedsecret`, 'notify-on': 'deployed' })
    expect(main.outputs).toMatchObject({ status: 'deployed' })
    expect(hook.hits).toHaveLength(2)
    expect(hook.hits[1] - hook.hits[0]).toBeGreaterThanOrEqual(2950)
    expect(main.stdout).toMatch(/Slack alert sent \(deployed\)/)
    expect(warnings(main.stdout)).toEqual([])
  }, 60_000)
})
