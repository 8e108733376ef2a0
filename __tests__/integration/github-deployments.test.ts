// The deployments client against a local stand-in of the API that validates every request
// against GitHub's official OpenAPI description.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDeployments, describeApiError, LockTimeoutError, safeDeployments, type Deployments } from '../../src/github/deployments.js'
import { requestErrors } from '../helpers/fake-github.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

let gh: FakeGitHub
let client: Deployments
beforeEach(async () => {
  gh = await startFakeGitHub()
  // The runs of these tests are going on, unless a test ends one.
  for (const run of ['1', '76', '77', '78']) gh.runs.set(run, { status: 'in_progress' })
  client = createDeployments({
    token: 'ghs_faketoken1234',
    apiUrl: gh.url,
    owner: 'acme',
    repo: 'web',
    runId: '77',
    logUrl: 'https://github.com/acme/web/actions/runs/77',
  })
})
afterEach(async () => {
  await gh.close()
})

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

describe('the validator itself', () => {
  it('rejects what the real API would reject', () => {
    const u = (p: string) => new URL(`http://x${p}`)
    expect(requestErrors('POST', u('/repos/a/b/deployments'), { environment: 'production' })).toContain('body.ref is required')
    expect(requestErrors('POST', u('/repos/a/b/deployments/1/statuses'), { state: 'done' }).join()).toMatch(/must be one of/)
    expect(requestErrors('POST', u('/repos/a/b/deployments/1/statuses'), { state: 'success', description: 'x'.repeat(141) }).join()).toMatch(/140/)
    expect(requestErrors('GET', u('/repos/a/b/deployments?bogus=1'), undefined).join()).toMatch(/bogus/)
    expect(requestErrors('DELETE', u('/repos/a/b/deployments/1/statuses'), undefined).join()).toMatch(/not allowed/)
    expect(requestErrors('POST', u('/repos/a/b/deployments'), { ref: 'v1', auto_merge: 'no' }).join()).toMatch(/boolean/)
    expect(requestErrors('POST', u('/repos/a/b/deployments'), { ref: 'v1', auto_merge: false, required_contexts: [] })).toEqual([])
  })
})

describe('createDeployments', () => {
  it('creates a deployment, queued at once, then moves it through its statuses', async () => {
    const id = await client.create({ environment: 'production', ref: 'v1.0.0', version: 'v1.0.0', phase: 'deploy', description: 'Deploying v1.0.0' })
    expect(gh.latest(id)).toBe('queued')
    await client.setStatus(id, 'in_progress', { description: 'Deploying v1.0.0' })
    await client.setStatus(id, 'success', { description: 'x'.repeat(300), environmentUrl: 'https://shop.example' })
    expect(gh.deployments[0].statuses.map((s) => s.state)).toEqual(['success', 'in_progress', 'queued'])
    expect(gh.deployments[0].statuses[0].log_url).toBe('https://github.com/acme/web/actions/runs/77')
    expect(gh.deployments[0].payload).toEqual({ 'rollback-action': { version: 'v1.0.0', phase: 'deploy', run_id: '77' } })
    const create = gh.requests.find((r) => r.method === 'POST' && r.path.endsWith('/deployments'))!.body
    expect(create).toMatchObject({ auto_merge: false, required_contexts: [], production_environment: true })
    expect(gh.invalid).toEqual([])
  })

  it('reads successful deployments only, newest first, beyond the first page', async () => {
    gh.seed({ ref: 'abc', version: 'v0.9.0', states: ['queued', 'success'] })
    gh.seed({ ref: 'v1.0.0', version: 'v1.0.0', states: ['in_progress', 'success'] })
    gh.seed({ ref: 'main', states: ['in_progress', 'success'] }) // GitHub's own, for a job's environment: not ours
    for (let i = 0; i < 230; i++) gh.seed({ ref: `v2.${i}.0`, version: `v2.${i}.0`, states: ['in_progress', i % 2 ? 'failure' : 'inactive'] })
    gh.seed({ ref: 'v1.0.0', version: 'v1.0.0', environment: 'staging', states: ['success'] })
    expect((await all(client.successful('production'))).map((d) => d.version)).toEqual(['v1.0.0', 'v0.9.0'])
    expect(gh.requests.filter((r) => r.path.includes('/deployments?')).length).toBe(3)
    expect(gh.invalid).toEqual([])
  })

  it('counts superseded deployments as good, but not a version a later rollback moved away from', async () => {
    gh.seed({ ref: 'v1', version: 'v1', states: ['success', 'inactive'] })
    gh.seed({ ref: 'v2', version: 'v2', states: ['success', 'inactive'] }) // passed the gate, then rolled back by hand
    gh.seed({ ref: 'v1', version: 'v1', rolledBackFrom: 'v2', states: ['success', 'inactive'] })
    gh.seed({ ref: 'v3', version: 'v3', states: ['failure'] })
    gh.seed({ ref: 'v1', version: 'v1', rolledBackFrom: 'v3', states: ['success'] })
    expect((await all(client.successful('production'))).map((d) => d.version)).toEqual(['v1', 'v1', 'v1'])
  })

  it('waits for an older deployment of another run, then takes its turn', async () => {
    const other = gh.seed({ ref: 'v1.0.0', version: 'v1.0.0', runId: '76', states: ['queued', 'in_progress'] })
    const own = await client.create({ environment: 'production', ref: 'v1.1.0', version: 'v1.1.0', phase: 'deploy', description: 'Deploying v1.1.0' })
    const waits: string[] = []
    setTimeout(() => other.statuses.unshift({ id: 1, state: 'success', description: '', log_url: '', environment_url: '', created_at: '' }), 300)
    const started = Date.now()
    await client.waitForTurn('production', own, { timeoutMs: 5000, pollMs: 50, onWait: (m) => waits.push(m) })
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(waits).toEqual([`Waiting for deployment ${other.id} (run 76) of production to finish…`])
    expect(gh.invalid).toEqual([])
  })

  it('a deployment left in progress by a run that ended (a lost runner) is closed as error, not waited on', async () => {
    const lost = gh.seed({ ref: 'v1.0.0', version: 'v1.0.0', runId: '75', states: ['queued', 'in_progress'] })
    gh.runs.set('75', { status: 'completed', conclusion: 'failure' })
    const own = await client.create({ environment: 'production', ref: 'v1.1.0', version: 'v1.1.0', phase: 'deploy', description: 'Deploying v1.1.0' })
    const waits: string[] = []
    await client.waitForTurn('production', own, { timeoutMs: 200, pollMs: 20, onWait: (m) => waits.push(m) })
    expect(gh.latest(lost.id)).toBe('error')
    expect(lost.statuses[0].description).toBe('Abandoned: run 75 ended (failure) without finishing it')
    expect(waits).toEqual([`Deployment ${lost.id} of production was left in progress by run 75, which ended (failure); marked it error.`])
    expect(gh.invalid).toEqual([])
  })

  it('without `actions: read` the run cannot be checked: its deployment stays a blocker, and the log says what to add', async () => {
    gh.seed({ ref: 'v1.0.0', version: 'v1.0.0', runId: '75', states: ['in_progress'] })
    gh.runs.set('75', { status: 'completed', conclusion: 'failure' })
    const own = await client.create({ environment: 'production', ref: 'v1.1.0', version: 'v1.1.0', phase: 'deploy', description: 'Deploying v1.1.0' })
    gh.fail({ status: 403, method: 'GET', path: /\/actions\/runs\//, body: { message: 'Resource not accessible by integration' } })
    const waits: string[] = []
    await expect(client.waitForTurn('production', own, { timeoutMs: 150, pollMs: 20, onWait: (m) => waits.push(m) })).rejects.toThrow(LockTimeoutError)
    expect(waits[0]).toMatch(/^Could not tell whether run 75 is still going \(403: Resource not accessible by integration\); add `permissions: actions: read`/)
    // Asked once, not on every poll.
    expect(gh.requests.filter((r) => r.path.includes('/actions/runs/')).length).toBe(1)
  })

  it("GitHub's own deployment for the job's environment (no payload of ours) is neither a lock nor history, and is left alone", async () => {
    const jobs = gh.seed({ ref: 'main', states: ['in_progress'] })
    const done = gh.seed({ ref: 'main', states: ['success'] })
    const own = await client.create({ environment: 'production', ref: 'v1.1.0', version: 'v1.1.0', phase: 'deploy', description: 'Deploying v1.1.0' })
    await client.waitForTurn('production', own, { timeoutMs: 100, pollMs: 20 })
    await client.setStatus(own, 'success', { description: 'ok' })
    expect(await client.markOlderInactive('production', own)).toBe(0)
    expect((await all(client.successful('production'))).map((d) => d.version)).toEqual(['v1.1.0'])
    expect([gh.latest(jobs.id), gh.latest(done.id)]).toEqual(['in_progress', 'success'])
  })

  it('two runs at once: the older goes first, the newer waits', async () => {
    const peer = createDeployments({ token: 'ghs_faketoken1234', apiUrl: gh.url, owner: 'acme', repo: 'web', runId: '78' })
    const [a, b] = await Promise.all([
      client.create({ environment: 'production', ref: 'v1', version: 'v1', phase: 'deploy', description: 'a' }),
      peer.create({ environment: 'production', ref: 'v2', version: 'v2', phase: 'deploy', description: 'b' }),
    ])
    const [first, second, firstClient, secondClient] = a < b ? [a, b, client, peer] : [b, a, peer, client]
    await firstClient.waitForTurn('production', first, { timeoutMs: 1000, pollMs: 20 }) // returns at once
    await expect(secondClient.waitForTurn('production', second, { timeoutMs: 200, pollMs: 20 })).rejects.toThrow(LockTimeoutError)
    await expect(secondClient.waitForTurn('production', second, { timeoutMs: 200, pollMs: 20 })).rejects.toThrow(
      /still in progress: deployment \d+ \(run 7\d\); gave up after 0s\. Put deploy jobs in a workflow `concurrency:` group/,
    )
    await firstClient.setStatus(first, 'success', { description: 'done' })
    await secondClient.waitForTurn('production', second, { timeoutMs: 1000, pollMs: 20 })
  })

  it('marks older successful deployments inactive', async () => {
    const old = gh.seed({ ref: 'v1', version: 'v1', states: ['success'] })
    const failed = gh.seed({ ref: 'v2', version: 'v2', states: ['failure'] })
    const id = await client.create({ environment: 'production', ref: 'v3', version: 'v3', phase: 'deploy', description: 'c' })
    await client.setStatus(id, 'success', { description: 'ok' })
    expect(await client.markOlderInactive('production', id)).toBe(1)
    expect([gh.latest(old.id), gh.latest(failed.id), gh.latest(id)]).toEqual(['inactive', 'failure', 'success'])
    expect(gh.invalid).toEqual([])
  })
})

describe('API faults', () => {
  const cases: Array<[string, Parameters<FakeGitHub['fail']>[0], RegExp]> = [
    ['403 missing permission', { status: 403, body: { message: 'Resource not accessible by integration' } }, /add `permissions: deployments: write`/],
    ['401', { status: 401, body: { message: 'Bad credentials' } }, /rejected the token/],
    ['404', { status: 404, body: { message: 'Not Found' } }, /not found or the token cannot see it/],
    ['500', { status: 500 }, /answered 500; deployments skipped/],
    [
      'rate limit',
      { status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795000000' } },
      /rate limit reached until 2026/,
    ],
  ]

  it.each(cases)('%s: one warning with the fix, and the client stands aside', async (_name, rule, message) => {
    gh.fail(rule)
    const warnings: string[] = []
    const safe = safeDeployments(client, (m) => warnings.push(m))
    expect(await all(safe.successful('production'))).toEqual([])
    expect(await safe.create({ environment: 'production', ref: 'v1', version: 'v1', phase: 'deploy', description: 'x' })).toBeUndefined()
    await safe.setStatus(1, 'in_progress', { description: 'x' })
    await safe.waitForTurn('production', 1, { timeoutMs: 10, pollMs: 10 })
    expect(safe.available).toBe(false)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(message)
    expect(warnings[0]).not.toContain('ghs_faketoken1234')
    expect(gh.requests).toHaveLength(1) // after the first fault it makes no more calls…
    await safe.setStatus(1, 'failure', { description: 'x' })
    expect(gh.requests).toHaveLength(2) // …but a final status is still tried, so nothing stays in progress
    expect(warnings).toHaveLength(1)
  })

  it('an unreachable API is a warning too', () => {
    expect(describeApiError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {}))).toMatch(/unreachable/)
  })

  it('a passing 502 on the in_progress status does not leave the deployment open: its final status still goes', async () => {
    const safe = safeDeployments(client, () => undefined)
    const id = await safe.create({ environment: 'production', ref: 'v1', version: 'v1', phase: 'deploy', description: 'x' })
    gh.fail({ status: 502, method: 'POST', path: /statuses$/ })
    await safe.setStatus(id!, 'in_progress', { description: 'x' })
    gh.fail(undefined)
    await safe.setStatus(id!, 'success', { description: 'ok' })
    expect(gh.latest(id!)).toBe('success')
    expect(gh.invalid).toEqual([])
  })

  it('a lock timeout is not an API fault: it still fails clearly', async () => {
    gh.seed({ ref: 'v0', version: 'v0', runId: '1', states: ['in_progress'] })
    const safe = safeDeployments(client, () => undefined)
    const id = await safe.create({ environment: 'production', ref: 'v1', version: 'v1', phase: 'deploy', description: 'x' })
    await expect(safe.waitForTurn('production', id!, { timeoutMs: 50, pollMs: 10 })).rejects.toThrow(LockTimeoutError)
    expect(safe.available).toBe(true)
  })
})
