// The incident issue through dist/, against the OpenAPI-validated fake GitHub: opened by an
// automatic rollback, commented on when the same version fails again, closed by a healthy deploy;
// a token without `issues: write` is one warning naming the permission, and the run is unchanged.
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkout, createJob, createOrigin, freePort, headSha, quickGate, runStep, scratch, stopApp } from '../../demo/fixture.mjs'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const cleanups: Array<() => unknown> = []
beforeAll(() => {
  if (!existsSync('dist/main/index.js')) throw new Error('dist/ is missing: run npm run build first')
})
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function world(): Promise<{ api: FakeGitHub; run: (tag: string, extra?: Record<string, string>) => ReturnType<typeof runStep> }> {
  const root = scratch('incident-e2e-')
  const appState = join(root, 'app')
  mkdirSync(appState)
  const origin = createOrigin(root, [
    { tag: 'v1.0.0', behaviour: 'ok' },
    { tag: 'v1.1.0', behaviour: 'fail' },
    { tag: 'v1.2.0', behaviour: 'ok' },
  ])
  const port = await freePort()
  const api = await startFakeGitHub()
  cleanups.push(
    () => rmSync(root, { recursive: true, force: true }),
    () => stopApp(appState),
    () => api.close(),
  )
  let n = 0
  const run = async (tag: string, extra: Record<string, string> = {}) => {
    const ws = checkout(origin, tag, join(root, `ws-${tag}-${n++}`))
    const job = createJob({
      workspace: ws,
      ref: `refs/tags/${tag}`,
      sha: headSha(ws),
      extraEnv: { APP_STATE: appState, APP_PORT: String(port), GITHUB_API_URL: api.url },
    })
    cleanups.push(() => job.cleanup())
    const inputs = { 'deploy-command': './deploy.sh', deployments: 'false', 'incident-issue': 'true', ...quickGate(port), ...extra }
    const main = await runStep(job, 'main', inputs)
    await runStep(job, 'post', inputs)
    return main
  }
  return { api, run }
}

const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning'))

describe('incident issue (dist/)', () => {
  it('opened by a rollback, commented on for a repeat, closed by a healthy deploy', async () => {
    const { api, run } = await world()
    expect((await run('v1.0.0')).outputs).toMatchObject({ status: 'deployed', 'incident-url': '' })
    expect(api.issues).toEqual([])

    const first = await run('v1.1.0', { 'incident-labels': 'incident,rollback,web' })
    expect(first.outputs.status, first.stdout).toBe('rolled-back')
    expect(warnings(first.stdout)).toEqual([])
    expect(api.issues).toHaveLength(1)
    const issue = api.issues[0]
    expect(issue.labels).toEqual(['incident', 'rollback', 'web'])
    expect(issue.title).toBe('Rollback in production: v1.1.0 → v1.0.0')
    expect(issue.body).toMatch(/<!-- rollback-action:incident environment=production version=v1\.1\.0 -->/)
    expect(issue.body).toMatch(/Post-mortem/)
    expect(issue.body).toMatch(/compare\/v1\.0\.0\.\.\.v1\.1\.0/)
    expect(first.outputs['incident-url']).toBe('https://github.com/acme/web/issues/1')
    expect(first.stdout).toMatch(/Incident issue alert sent \(opened #1\)/)

    const again = await run('v1.1.0', { 'incident-labels': 'incident,rollback,web' })
    expect(again.outputs.status).toBe('rolled-back')
    expect(api.issues).toHaveLength(1)
    expect(api.issues[0].comments).toHaveLength(1)
    expect(api.issues[0].comments[0]).toMatch(/Again at/)
    expect(again.outputs['incident-url']).toBe('https://github.com/acme/web/issues/1')

    const fixed = await run('v1.2.0', { 'incident-labels': 'incident,rollback,web' })
    expect(fixed.outputs.status).toBe('deployed')
    expect(api.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(api.issues[0].comments[1]).toMatch(/Resolved: `v1\.2\.0` is deployed to production/)
    expect(api.invalid).toEqual([])
  }, 120_000)

  it('a token without issues: write is one warning naming the permission; the run is unchanged', async () => {
    const { api, run } = await world()
    api.fail({ status: 403, body: { message: 'Resource not accessible by integration' }, path: /\/issues/ })
    await run('v1.0.0')
    const main = await run('v1.1.0')
    expect(main.outputs.status).toBe('rolled-back')
    expect(main.code).toBe(1)
    expect(warnings(main.stdout)).toEqual([
      "::warning::Incident issue alert NOT sent: GitHub API refused (403: Resource not accessible by integration): add `permissions: issues: write` to the job. The run's outcome is rolled-back.",
    ])
    expect(main.outputs['incident-url']).toBe('')
  }, 90_000)
})
