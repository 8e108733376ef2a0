// Last known good from GitHub deployments, through dist/, against a local stand-in of the API that
// validates every request against the official OpenAPI description.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appHealth, checkout, createJob, createOrigin, freePort, headSha, quickGate, runStep, scratch, stopApp } from '../../demo/fixture.mjs'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function world(releases: Array<{ tag: string; behaviour: string }>) {
  const root = scratch('deployments-e2e-')
  const appState = join(root, 'app')
  mkdirSync(appState)
  const origin = createOrigin(root, releases)
  const port = await freePort()
  const gh = await startFakeGitHub()
  cleanups.push(
    () => rmSync(root, { recursive: true, force: true }),
    () => stopApp(appState),
    () => gh.close(),
  )
  let n = 0
  const job = (tag: string, o: { ref?: string; token?: string; runId?: string } = {}) => {
    const ws = checkout(origin, tag, join(root, `ws-${++n}`))
    const runId = o.runId ?? String(1000 + n)
    gh.runs.set(runId, { status: 'in_progress' })
    const j = createJob({
      workspace: ws,
      ref: o.ref ?? `refs/tags/${tag}`,
      sha: headSha(ws),
      runId,
      extraEnv: { APP_STATE: appState, APP_PORT: String(port), GITHUB_API_URL: gh.url },
    })
    cleanups.push(() => j.cleanup())
    return j
  }
  const inputs = (extra: Record<string, string> = {}) => ({
    'deploy-command': './deploy.sh',
    ...quickGate(port),
    'github-token': 'ghs_e2etoken5678',
    ...extra,
  })
  const deploy = async (tag: string, extra: Record<string, string> = {}, o: { ref?: string } = {}) => {
    const j = job(tag, o)
    const main = await runStep(j, 'main', inputs(extra))
    await runStep(j, 'post', inputs(extra))
    return main
  }
  return { gh, port, job, inputs, deploy }
}

const states = (gh: FakeGitHub) =>
  gh.deployments.map((d) => `${(d.payload as { 'rollback-action'?: { version: string } })['rollback-action']?.version}:${d.statuses[0]?.state}`)

describe('last known good from GitHub deployments (dist/)', () => {
  it('v1.2.0 failing goes back to v1.0.0, not to the broken v1.1.0', async () => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'fail' },
      { tag: 'v1.2.0', behaviour: 'fail' },
    ])
    const first = await w.deploy('v1.0.0', { 'environment-url': 'https://shop.example.com' })
    expect(first.outputs.status).toBe('deployed')
    expect(first.outputs['deployment-id']).toMatch(/^\d+$/)
    // The environment's link goes with the success status only.
    expect(w.gh.deployments[0].statuses.map((st) => `${st.state}:${st.environment_url}`)).toEqual([
      'success:https://shop.example.com',
      'in_progress:',
      'queued:',
    ])

    const second = await w.deploy('v1.1.0')
    expect(second.outputs).toMatchObject({ status: 'rolled-back', 'previous-version': 'v1.0.0' })
    expect(second.stdout).toMatch(/previous version v1\.0\.0: the last successful deployment of production/)

    const third = await w.deploy('v1.2.0')
    expect(third.outputs).toMatchObject({ status: 'rolled-back', 'previous-version': 'v1.0.0' })
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')

    // Each deploy and each rollback is a deployment; only the live one is success, the rest inactive or failure.
    expect(states(w.gh)).toEqual(['v1.0.0:inactive', 'v1.1.0:failure', 'v1.0.0:inactive', 'v1.2.0:failure', 'v1.0.0:success'])
    const rollback = w.gh.deployments[4]
    expect(rollback.payload).toMatchObject({ 'rollback-action': { phase: 'rollback', rolled_back_from: 'v1.2.0' } })
    expect(rollback.statuses[0].description).toBe('Rolled back to v1.0.0 from v1.2.0')
    expect(w.gh.deployments.every((d) => d.statuses.every((s) => s.log_url.includes('/actions/runs/')))).toBe(true)
    expect(w.gh.invalid).toEqual([])
  })

  it('manual rollback with no version goes to the last known good before what is live', async () => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'ok' },
      { tag: 'v1.2.0', behaviour: 'ok' },
    ])
    await w.deploy('v1.0.0')
    await w.deploy('v1.1.0')
    // Tags alone would say v1.1.0 (below the newest tag v1.2.0); the history knows v1.1.0 is live.
    const r = await w.deploy('v1.1.0', { mode: 'rollback' }, { ref: 'refs/heads/main' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', version: 'v1.0.0', 'previous-version': 'v1.1.0' })
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    expect(w.gh.invalid).toEqual([])
  })

  it.each([
    ['no token', { 'github-token': '' }, undefined, /GitHub deployments skipped: there is no github-token/],
    ['API answering 500', {}, { status: 500 }, /GitHub deployments skipped: GitHub API answered 500/],
    ['API answering 403', {}, { status: 403, body: { message: 'Resource not accessible by integration' } }, /add `permissions: deployments: write`/],
  ])('%s: still rolls back, from tags, and the log says why', async (_name, extra, fault, why) => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'fail' },
    ])
    await w.deploy('v1.0.0', { 'github-token': '' })
    w.gh.fail(fault)
    const r = await w.deploy('v1.1.0', extra)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', 'previous-version': 'v1.0.0', 'deployment-id': '' })
    expect(r.stdout).toMatch(why)
    expect(r.stdout).toMatch(/the highest release tag matching v\* below v1\.1\.0/)
    // Only the runner's own mask command carries it; the runner consumes that line.
    expect(r.stdout.replace(/^::add-mask::.*$/m, '')).not.toContain('ghs_e2etoken5678')
  })

  it('two runs for one environment: the second waits for the first; nothing is left in progress', async () => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'ok' },
    ])
    const slow = { 'deploy-command': './deploy.sh && sleep 1.5' }
    const a = w.job('v1.0.0')
    const b = w.job('v1.1.0')
    const first = runStep(a, 'main', w.inputs(slow))
    await new Promise((r) => setTimeout(r, 600)) // a has created its deployment and is deploying
    const second = await runStep(b, 'main', w.inputs(slow))
    const one = await first
    expect(one.outputs.status).toBe('deployed')
    expect(second.outputs.status, second.stdout).toBe('deployed')
    expect(second.stdout).toMatch(/Waiting for deployment \d+ \(run \d+\) of production to finish/)
    expect(states(w.gh)).toEqual(['v1.0.0:inactive', 'v1.1.0:success'])
    expect(w.gh.invalid).toEqual([])
  })

  it('a second run that waits too long fails clearly and leaves its deployment failed, not in progress', async () => {
    const w = await world([{ tag: 'v1.0.0', behaviour: 'ok' }])
    w.gh.seed({ ref: 'v0.9.0', version: 'v0.9.0', runId: '1', states: ['queued', 'in_progress'] })
    const r = await w.deploy('v1.0.0', { 'concurrency-timeout': '500ms' })
    expect(r.code).toBe(1)
    expect(r.outputs.status).toBe('failed')
    expect(r.outputs.reason).toMatch(/another deployment of production is still in progress.*concurrency:/)
    expect(states(w.gh).at(-1)).toBe('v1.0.0:failure')
    expect(w.gh.invalid).toEqual([])
  })
})

describe('a deployment left behind', () => {
  it('by a run whose runner was lost: closed as error, and the deploy goes ahead at once', async () => {
    const w = await world([{ tag: 'v1.0.0', behaviour: 'ok' }])
    const lost = w.gh.seed({ ref: 'v0.9.0', version: 'v0.9.0', runId: '1', states: ['queued', 'in_progress'] })
    w.gh.runs.set('1', { status: 'completed', conclusion: 'cancelled' })
    const r = await w.deploy('v1.0.0', { 'concurrency-timeout': '30s' })
    expect(r.outputs.status).toBe('deployed')
    expect(r.stdout).toContain(`Deployment ${lost.id} of production was left in progress by run 1, which ended (cancelled); marked it error.`)
    expect(r.ms).toBeLessThan(20_000)
    expect(states(w.gh)).toEqual(['v0.9.0:error', 'v1.0.0:success'])
    expect(w.gh.invalid).toEqual([])
  })
})

describe('many regions at once (the matrix pattern of examples/workflows/matrix.yml)', () => {
  it('one region fails its gate: every region ends on its own last known good', async () => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'fail-in:us-east' },
    ])
    // Each region is its own environment with its own app; run them as the matrix legs would.
    const regions = ['eu-west', 'us-east']
    const ports = Object.fromEntries(await Promise.all(regions.map(async (r) => [r, await freePort()] as const)))
    // The app's state (its pid) belongs to the region, not to one job: the next job replaces that app.
    const states = Object.fromEntries(regions.map((r) => [r, scratch(`region-${r}-`)]))
    for (const state of Object.values(states)) cleanups.push(() => (stopApp(state), rmSync(state, { recursive: true, force: true })))
    const leg = (region: string, tag: string, extra: Record<string, string> = {}, ref?: string) => {
      const j = w.job(tag, { ref })
      j.env.APP_STATE = states[region]
      j.env.APP_PORT = String(ports[region])
      const inputs = w.inputs({ environment: region, 'health-urls': `http://127.0.0.1:${ports[region]}/health`, ...extra })
      return runStep(j, 'main', inputs).then(async (r) => (await runStep(j, 'post', inputs), r))
    }
    for (const region of regions) expect((await leg(region, 'v1.0.0')).outputs.status).toBe('deployed')

    // The release: eu-west passes its gate, us-east fails and rolls itself back.
    const [eu, us] = await Promise.all(regions.map((region) => leg(region, 'v1.1.0')))
    expect(eu.outputs.status).toBe('deployed')
    expect(us.outputs.status).toBe('rolled-back')

    // The follow-up job: mode rollback, only-if-live = the release, in every region.
    const [euBack, usBack] = await Promise.all(
      regions.map((region) => leg(region, 'v1.1.0', { mode: 'rollback', 'only-if-live': 'v1.1.0' }, 'refs/heads/main')),
    )
    expect(euBack.outputs).toMatchObject({ status: 'rolled-back', version: 'v1.0.0', 'previous-version': 'v1.1.0' })
    expect(usBack.outputs.status).toBe('rolled-back')
    expect(usBack.outputs.reason).toMatch(/v1\.1\.0 is not live in us-east \(v1\.0\.0 is\): nothing to roll back; v1\.0\.0 is healthy/)
    for (const region of regions) {
      const health = await fetch(`http://127.0.0.1:${ports[region]}/health`).then((r) => r.json())
      expect(health.version).toBe('v1.0.0')
    }
    // us-east was not redeployed by the follow-up job: its last deployment is its own automatic rollback.
    const usDeployments = w.gh.deployments.filter((d) => d.environment === 'us-east')
    expect(usDeployments).toHaveLength(3)
    expect(w.gh.invalid).toEqual([])
  })
})
