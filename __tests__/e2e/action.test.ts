// The built action (dist/) run exactly as the runner runs it, against a real git origin, a real app
// on 127.0.0.1 and a real Slack receiver.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  appHealth,
  checkout,
  createJob,
  createOrigin,
  freePort,
  headSha,
  quickGate,
  runStep,
  scratch,
  startReceiver,
  stopApp,
  worktrees,
} from '../../demo/fixture.mjs'

const HEADER_SECRET = 'Bearer s3cr3t-health-token'

interface World {
  root: string
  origin: string
  port: number
  appState: string
  receiver: Awaited<ReturnType<typeof startReceiver>>
}

const worlds: World[] = []
const jobs: Array<{ cleanup(): void }> = []

beforeAll(() => {
  if (!existsSync('dist/main/index.js') || !existsSync('dist/post/index.js')) throw new Error('dist/ is missing: run npm run build first')
})

afterEach(async () => {
  for (const w of worlds.splice(0)) {
    stopApp(w.appState)
    await w.receiver.close()
    rmSync(w.root, { recursive: true, force: true })
  }
  for (const j of jobs.splice(0)) j.cleanup()
})

async function world(releases: Array<{ tag: string; behaviour: string; message?: string }>): Promise<World> {
  const root = scratch('rollback-e2e-')
  const w: World = {
    root,
    origin: createOrigin(root, releases),
    port: await freePort(),
    appState: join(root, 'app-state'),
    receiver: await startReceiver(),
  }
  mkdirSync(w.appState)
  worlds.push(w)
  return w
}

/** A job checked out at `tag` (as a tag push would), with the app's env. */
function job(w: World, tag: string, o: { ref?: string } = {}) {
  const workspace = checkout(w.origin, tag, join(w.root, `ws-${tag}-${jobs.length}`))
  const j = createJob({
    workspace,
    ref: o.ref ?? `refs/tags/${tag}`,
    sha: headSha(workspace),
    extraEnv: { APP_STATE: w.appState, APP_PORT: String(w.port) },
  })
  jobs.push(j)
  return { ...j, workspace }
}

function inputs(w: World, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'deploy-command': './deploy.sh',
    ...quickGate(w.port),
    'health-headers': `Authorization: ${HEADER_SECRET}`,
    'slack-webhook-url': w.receiver.url,
    'github-token': '',
    deployments: 'false',
    ...extra,
  }
}

/** v1.0.0 deployed and live; v1.1.0, with `behaviour`, is the next release. */
async function liveOnGood(behaviour: string): Promise<World> {
  const w = await world([
    { tag: 'v1.0.0', behaviour: 'ok' },
    { tag: 'v1.1.0', behaviour },
  ])
  expect((await runStep(job(w, 'v1.0.0'), 'main', inputs(w))).outputs.status).toBe('deployed')
  return w
}

/** The report post writes next to main's in RUNNER_TEMP (runner's run id 4242, no GITHUB_ACTION). */
function postReport(j: { runnerTemp: string }) {
  return JSON.parse(readFileSync(join(j.runnerTemp, 'rollback-action-report-4242-post.json'), 'utf8'))
}

function deploys(w: World): string[] {
  const f = join(w.appState, 'deploys')
  return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n') : []
}

/** `::add-mask::` lines are commands the runner consumes to mask values; they are never shown. Nothing else may hold a secret. */
function expectNoSecrets(w: World, texts: string[]): void {
  for (const raw of texts) {
    const text = raw
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    expect(text).not.toContain(w.receiver.url)
    expect(text).not.toContain('XXXXsecretXXXX')
    expect(text).not.toContain('s3cr3t-health-token')
  }
}

/** Running: signalable and not a zombie (an orphan whose parent never reaps it is not running). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return process.platform !== 'linux'
  }
}

describe('dist/ as the runner runs it', () => {
  it('first deploy: no previous version, deploys and passes the gate', async () => {
    const w = await world([{ tag: 'v1.0.0', behaviour: 'ok' }])
    const j = job(w, 'v1.0.0')
    const main = await runStep(j, 'main', inputs(w))
    expect(main.code, main.stdout + main.stderr).toBe(0)
    expect(main.outputs.status).toBe('deployed')
    expect(main.outputs.version).toBe('v1.0.0')
    expect(main.outputs['previous-version']).toBe('')
    expect(main.outputs['rolled-back']).toBe('false')
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    expect(w.receiver.received).toHaveLength(0) // notify-on defaults to rollback outcomes
    const post = await runStep(j, 'post', inputs(w))
    expect(post.code).toBe(0)
  })

  it('bad tag over a good one: rolls back, alerts once, fails the step, leaves no checkout', async () => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'fail', message: 'Break <!channel> & everything' },
    ])
    const good = job(w, 'v1.0.0')
    expect((await runStep(good, 'main', inputs(w))).outputs.status).toBe('deployed')

    const bad = job(w, 'v1.1.0')
    const main = await runStep(bad, 'main', inputs(w))
    expect(main.code).toBe(1)
    expect(main.fileErrors).toEqual([]) // every output and state line is one the runner can read
    expect(main.outputs.status).toBe('rolled-back')
    expect(main.outputs.version).toBe('v1.1.0')
    expect(main.outputs['previous-version']).toBe('v1.0.0')
    expect(main.outputs['rolled-back']).toBe('true')
    expect(main.outputs.reason).toMatch(/500/)
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    expect(deploys(w)).toEqual(['deploy v1.0.0 (replacing nothing)', 'deploy v1.1.0 (replacing v1.0.0)', 'rollback v1.0.0 (replacing v1.1.0)'])

    expect(w.receiver.received).toHaveLength(1)
    const alert = JSON.stringify(w.receiver.received[0].body)
    expect(alert).toContain('v1.1.0')
    expect(alert).toContain('v1.0.0')
    expect(alert).not.toContain('<!channel>')

    expect(main.summary).toContain('v1.0.0')
    const report = JSON.parse(readFileSync(main.outputs.report, 'utf8'))
    expect(report).toBeTruthy()

    // Main made a worktree of v1.0.0 under RUNNER_TEMP; the user's workspace stayed on v1.1.0.
    expect(worktrees(bad.workspace)).toHaveLength(2)
    expect(headSha(bad.workspace)).toBe(bad.env.GITHUB_SHA)
    const post = await runStep(bad, 'post', inputs(w))
    expect(post.conclusion, post.stdout).toBe('success')
    expect(worktrees(bad.workspace)).toEqual([bad.workspace])
    expect(readdirSync(bad.runnerTemp).filter((f) => !f.endsWith('.json'))).toEqual([])
    expect(existsSync(main.outputs.report)).toBe(true)

    expectNoSecrets(w, [
      main.stdout,
      main.stderr,
      main.summary,
      JSON.stringify(main.outputs),
      JSON.stringify(main.state),
      readFileSync(main.outputs.report, 'utf8'),
      post.stdout,
    ])
  })

  it('rollback failed: the previous version is unhealthy too', async () => {
    const w = await world([
      { tag: 'v0.9.0', behaviour: 'fail' },
      { tag: 'v1.0.0', behaviour: 'fail' },
    ])
    const j = job(w, 'v1.0.0')
    const main = await runStep(j, 'main', inputs(w, { 'previous-version': 'v0.9.0' }))
    expect(main.code).toBe(1)
    expect(main.outputs.status).toBe('rollback-failed')
    expect(main.outputs['rolled-back']).toBe('false')
    expect(main.outputs['previous-version']).toBe('v0.9.0')
    expect(main.stdout).toMatch(/ROLLBACK FAILED/)
    expect(w.receiver.received).toHaveLength(1)
    expect(JSON.stringify(w.receiver.received[0].body)).toMatch(/v0\.9\.0/)
    await runStep(j, 'post', inputs(w))
    expect(worktrees(j.workspace)).toEqual([j.workspace])
  })

  it('failed with nothing to roll back to: status failed, says so plainly', async () => {
    const w = await world([{ tag: 'v1.0.0', behaviour: 'crash' }])
    const j = job(w, 'v1.0.0')
    const main = await runStep(j, 'main', inputs(w, { 'notify-on': 'failed' }))
    expect(main.code).toBe(1)
    expect(main.outputs.status).toBe('failed')
    expect(main.outputs.reason).toMatch(/no previous version to roll back to/)
    expect(w.receiver.received).toHaveLength(1)
  })

  it('manual rollback: to a chosen version, and with no version to the release below the newest', async () => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'ok' },
    ])
    expect((await runStep(job(w, 'v1.1.0'), 'main', inputs(w))).outputs.status).toBe('deployed')

    const chosen = job(w, 'v1.1.0', { ref: 'refs/heads/main' })
    const main = await runStep(chosen, 'main', inputs(w, { mode: 'rollback', version: 'v1.0.0' }))
    expect(main.code, main.stdout).toBe(0)
    expect(main.outputs.status).toBe('rolled-back')
    expect(main.outputs.version).toBe('v1.0.0')
    expect(main.outputs['rolled-back']).toBe('true')
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    expect(w.receiver.received).toHaveLength(1)
    await runStep(chosen, 'post', inputs(w))
    expect(worktrees(chosen.workspace)).toEqual([chosen.workspace])

    const auto = job(w, 'v1.1.0', { ref: 'refs/heads/main' })
    const second = await runStep(auto, 'main', inputs(w, { mode: 'rollback' }))
    expect(second.code, second.stdout).toBe(0)
    expect(second.outputs.version).toBe('v1.0.0')
    expect(second.outputs['previous-version']).toBe('v1.1.0')
    expect(second.stdout).toMatch(/release tag below the newest/)
  })

  it('bad input: rejected before any command runs, naming the input', async () => {
    const w = await world([{ tag: 'v1.0.0', behaviour: 'ok' }])
    const j = job(w, 'v1.0.0')
    for (const [name, value] of [
      ['interval', '5'],
      ['expected-status', '200-abc'],
      ['slack-mention', '@here'],
      ['failure-threshold', '0'],
      ['mode', 'redeploy'],
    ]) {
      const main = await runStep(j, 'main', inputs(w, { [name]: value }))
      expect(main.code).toBe(1)
      expect(main.stdout).toContain(`Invalid input '${name}'`)
      expect(main.raw.state).toBe('')
    }
    const noCommand = await runStep(j, 'main', inputs(w, { 'deploy-command': '' }))
    expect(noCommand.stdout).toContain("Invalid input 'deploy-command'")
    expect(deploys(w)).toEqual([])
    expect(noCommand.raw.state).toBe('')
  })

  it('dry run: prints the plan and runs nothing', async () => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'ok' },
    ])
    const main = await runStep(job(w, 'v1.1.0'), 'main', inputs(w, { 'dry-run': 'true' }))
    expect(main.code).toBe(0)
    expect(main.outputs.status).toBe('planned')
    expect(main.outputs['previous-version']).toBe('v1.0.0')
    expect(main.stdout).toMatch(/Dry run: would deploy v1\.1\.0/)
    expect(deploys(w)).toEqual([])
  })

  it('cancel mid-deploy: main stops the command tree and exits fast; post rolls back', async () => {
    const w = await liveOnGood('ok')

    const j = job(w, 'v1.1.0')
    const marker = join(w.root, 'slow-child-alive')
    // The deploy starts the new version, then hangs in a child process (a slow migration, say).
    const hang = `bash -c 'while true; do touch ${marker}; sleep 0.1; done'`
    const slow = inputs(w, { 'deploy-command': `./deploy.sh && if [ "$DEPLOY_PHASE" = deploy ]; then ${hang}; fi` })
    const main = await runStep(j, 'main', slow, { cancelWhen: (out) => out.includes('started v1.1.0') })
    expect(main.exitAfterCancelMs).toBeLessThan(7500)
    expect(main.state['rollback-action-run']).toContain('"cancelled":true')
    expect(main.state['rollback-action-run']).toContain('"phase":"deploying"')
    // The hanging child was stopped with its tree.
    rmSync(marker, { force: true })
    await new Promise((r) => setTimeout(r, 400))
    expect(existsSync(marker)).toBe(false)

    const post = await runStep(j, 'post', slow)
    expect(post.code, post.stdout).toBe(0)
    expect(post.stdout).toMatch(/rolling back now/)
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    expect(deploys(w).at(-1)).toBe('rollback v1.0.0 (replacing v1.1.0)')
    expect(worktrees(j.workspace)).toEqual([j.workspace])
    expect(w.receiver.received).toHaveLength(1)
  })

  it('deploy-timeout: a child that left the process group (set -m) is stopped too; the rolled-back app, started by a command that finished, stays', async () => {
    const w = await liveOnGood('ok')
    const j = job(w, 'v1.1.0')
    const touched = join(w.root, 'escaped-child-alive')
    const pidFile = join(w.root, 'escaped-child-pid')
    // The deploy starts the new version, then a watcher in a process group of its own, then hangs.
    const escape = `set -m; (while :; do touch ${touched}; sleep 0.1; done) & echo $! >${pidFile}; sleep 300`
    const hanging = inputs(w, { 'deploy-command': `./deploy.sh && if [ "$DEPLOY_PHASE" = deploy ]; then ${escape}; fi`, 'deploy-timeout': '6s' }) // room for deploy.sh on a busy machine
    const main = await runStep(j, 'main', hanging)
    expect(main.outputs.status, main.stdout).toBe('rolled-back')
    expect(main.outputs.reason).toMatch(/timed out after 6s/)
    const escaped = Number(readFileSync(pidFile, 'utf8'))
    expect(escaped).toBeGreaterThan(1)
    // Gone: not signalable (or a zombie no one reaps), and it touches nothing any more.
    rmSync(touched, { force: true })
    await new Promise((r) => setTimeout(r, 500))
    expect(existsSync(touched)).toBe(false)
    expect(running(escaped)).toBe(false)
    // The rollback's deploy exited 0: the v1.0.0 server it left running is the deployed app.
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    await runStep(j, 'post', hanging)
  })

  it('cancel mid-rollback: post finishes the rollback without running before-rollback-command twice', async () => {
    const w = await liveOnGood('fail')

    const j = job(w, 'v1.1.0')
    const downs = join(w.root, 'down-migrations')
    // A down migration that takes a while: the cancel lands while it runs.
    const hooks = inputs(w, { 'before-rollback-command': `echo down >>${downs}; echo migrating down; sleep 30` })
    const main = await runStep(j, 'main', hooks, { cancelWhen: (out) => out.includes('migrating down') })
    expect(main.state['rollback-action-run']).toContain('"phase":"rolling-back"')
    expect(main.state['rollback-action-run']).toContain('"beforeRollbackStarted":true')
    expect(w.receiver.received).toHaveLength(0) // main hands the story, and the alert, to post

    const post = await runStep(j, 'post', hooks)
    expect(post.conclusion, post.stdout).toBe('success')
    expect(readFileSync(downs, 'utf8')).toBe('down\n')
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    // Post's outputs go nowhere on the runner: its report (and alert) carry the outcome.
    expect(post.outputs).toEqual({})
    expect(postReport(j).status).toBe('rolled-back')
    expect(w.receiver.received).toHaveLength(1)
    expect(JSON.stringify(w.receiver.received[0])).toMatch(/had already started before the cancel; not run again/)
  })

  it('cancel with rollback-on-cancel false: nothing rolled back, and post fails saying so', async () => {
    const w = await liveOnGood('ok')
    const j = job(w, 'v1.1.0')
    const slow = inputs(w, { 'deploy-command': './deploy.sh && sleep 30', 'rollback-on-cancel': 'false', 'notify-on': 'failed,rollback,rollback-failed' })
    await runStep(j, 'main', slow, { cancelWhen: (out) => out.includes('started v1.1.0') })
    const post = await runStep(j, 'post', slow)
    expect(post.code).toBe(1)
    expect(post.stdout).toMatch(/rollback-on-cancel is false: production may be on a partial deploy; check it now/)
    expect(deploys(w).at(-1)).toBe('deploy v1.1.0 (replacing v1.0.0)')
    expect(w.receiver.received).toHaveLength(1)
    expect(worktrees(j.workspace)).toEqual([j.workspace])
  })
})
