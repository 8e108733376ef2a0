// The post step on a real runner's terms (dist/ through the faithful fixture): the runner's cancel
// signals reach post mid-rollback, cancel-timeout runs out, main is killed outright or gets SIGTERM.
// Real git origin, real app on 127.0.0.1, a real Slack-like receiver, real process trees.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { appHealth, checkout, createJob, createOrigin, freePort, headSha, quickGate, runStep, scratch, startReceiver, stopApp } from '../../demo/fixture.mjs'

interface World {
  root: string
  origin: string
  port: number
  appState: string
  receiver: Awaited<ReturnType<typeof startReceiver>>
}

const worlds: World[] = []
const jobs: Array<{ cleanup(): void }> = []
/** Process groups a killed main left behind (the runner kills them at the job's end). */
const orphanGroups: number[] = []

beforeAll(() => {
  if (!existsSync('dist/main/index.js') || !existsSync('dist/post/index.js')) throw new Error('dist/ is missing: run npm run build first')
})

afterEach(async () => {
  for (const pgid of orphanGroups.splice(0)) signal(-pgid, 'SIGKILL')
  for (const w of worlds.splice(0)) {
    stopApp(w.appState)
    await w.receiver.close()
    rmSync(w.root, { recursive: true, force: true })
  }
  for (const j of jobs.splice(0)) j.cleanup()
})

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch {
    // gone
  }
}

/** v1.0.0 deployed and live; v1.1.0 (healthy) is the next release. */
async function liveOnGood(): Promise<World> {
  const root = scratch('rollback-e2e-signals-')
  const w: World = {
    root,
    origin: createOrigin(root, [
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: 'ok' },
    ]),
    port: await freePort(),
    appState: join(root, 'app-state'),
    receiver: await startReceiver(),
  }
  mkdirSync(w.appState)
  worlds.push(w)
  const first = await runStep(job(w, 'v1.0.0'), 'main', inputs(w))
  expect(first.outputs.status, first.stdout).toBe('deployed')
  return w
}

function job(w: World, tag: string) {
  const workspace = checkout(w.origin, tag, join(w.root, `ws-${tag}-${jobs.length}`))
  const j = createJob({ workspace, ref: `refs/tags/${tag}`, sha: headSha(workspace), extraEnv: { APP_STATE: w.appState, APP_PORT: String(w.port) } })
  jobs.push(j)
  return { ...j, workspace }
}

function inputs(w: World, extra: Record<string, string> = {}): Record<string, string> {
  return { 'deploy-command': './deploy.sh', ...quickGate(w.port), 'slack-webhook-url': w.receiver.url, deployments: 'false', ...extra }
}

/** The deploy starts v1.1.0, then hangs (a slow migration), recording its process group for cleanup. */
function hangingDeploy(w: World): string {
  const deploying = '[ "$DEPLOY_PHASE" = deploy ]'
  return `if ${deploying}; then echo $$ >${join(w.root, 'deploy.pgid')}; fi; ./deploy.sh && if ${deploying}; then sleep 30; fi`
}

/** A rollback command that never ends on its own: a child loop touching `marker`, every pid in `pids`. */
function slowRollback(w: World): { command: string; pids: string; marker: string } {
  const pids = join(w.root, 'rollback.pids')
  const marker = join(w.root, 'rollback-alive')
  const command = `echo $$ >>${pids}; (while true; do touch ${marker}; sleep 0.1; done) & echo $! >>${pids}; sleep 60 & echo $! >>${pids}; echo "rolling back $((6*7))"; wait`
  return { command, pids, marker }
}

/** A process that is gone or a zombie (nobody reaps orphans in some containers) is not running. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

async function expectTreeGone(r: { pids: string; marker: string }): Promise<void> {
  const pids = readFileSync(r.pids, 'utf8').trim().split('\n').map(Number)
  expect(pids).toHaveLength(3)
  rmSync(r.marker, { force: true })
  await new Promise((done) => setTimeout(done, 400))
  expect(existsSync(r.marker)).toBe(false)
  expect(pids.filter(running)).toEqual([])
}

/** Any live process in the group (the command's bash leads it: its pid is the group's id). */
function groupRunning(pgid: number): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) found.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return found
}

/** The report post writes next to main's in RUNNER_TEMP. */
function postReport(j: { runnerTemp: string }) {
  return JSON.parse(readFileSync(join(j.runnerTemp, 'rollback-action-report-4242-post.json'), 'utf8'))
}

/** Main cancelled (the runner's SIGINT) while v1.1.0 is being deployed: post has a rollback to do. */
async function cancelledMidDeploy(w: World, extra: Record<string, string>) {
  const j = job(w, 'v1.1.0')
  const all = inputs(w, { 'deploy-command': hangingDeploy(w), ...extra })
  const main = await runStep(j, 'main', all, { cancelWhen: (out: string) => out.includes('started v1.1.0') })
  expect(main.exitAfterCancelMs).toBeLessThan(7500)
  expect(main.state['rollback-action-run']).toContain('"phase":"deploying"')
  return { j, all }
}

describe('the post step under the runner’s signals and deadlines', () => {
  it("the runner's SIGINT (then SIGTERM 7.5 s, SIGKILL 2.5 s) reaches post mid-rollback: tree stopped, rollback-failed alert within 5 s, report, non-zero exit", async () => {
    const w = await liveOnGood()
    const rb = slowRollback(w)
    const { j, all } = await cancelledMidDeploy(w, { 'rollback-command': rb.command, 'cancel-timeout': '10m' })

    const post = await runStep(j, 'post', all, { cancelWhen: (out: string) => out.includes('rolling back 42') })
    expect(post.signalsSent.map((s: { signal: string }) => s.signal)).toEqual(['SIGINT']) // done before the runner's SIGTERM
    expect(post.exitAfterCancelMs).toBeLessThan(5000)
    expect(post.code).toBe(1)
    expect(post.conclusion).toBe('failure')

    expect(w.receiver.received).toHaveLength(1)
    const alert = w.receiver.received[0]
    expect(alert.at - post.cancelledAt).toBeLessThan(5000)
    const text = JSON.stringify(alert.body)
    expect(text).toContain('ROLLBACK FAILED in production: the rollback from v1.1.0 to v1.0.0 did not finish')
    expect(text).toContain('the rollback did not finish, and which version is live is unknown. Act now.')
    expect(text).toMatch(/the runner sent SIGINT/)
    expect(text).toMatch(/the redeploy of v1\.0\.0 was interrupted: production may be on v1\.1\.0 or partway/)
    expect(text).toMatch(/left to do by hand: rollback-command, health check of v1\.0\.0/)

    const report = postReport(j)
    expect(report).toMatchObject({ status: 'rollback-failed', rolledBack: false, unfinished: true, cancelled: true, mainKilled: false })
    expect(report.reason).toMatch(/^the job was cancelled while v1\.1\.0 was being deployed; then the post step was stopped \(the runner sent SIGINT/)
    expect(post.stdout).toMatch(/rollback-action: rollback-failed — production .*the redeploy of v1\.0\.0 was interrupted/)
    await expectTreeGone(rb)
  }, 60_000)

  it('cancel-timeout runs out mid-rollback: post stops the command tree, alerts rollback-failed and reports on its own', async () => {
    const w = await liveOnGood()
    const rb = slowRollback(w)
    const { j, all } = await cancelledMidDeploy(w, { 'rollback-command': rb.command, 'cancel-timeout': '2s' })

    const post = await runStep(j, 'post', all)
    expect(post.signalsSent).toEqual([])
    expect(post.ms).toBeGreaterThanOrEqual(2000)
    expect(post.ms).toBeLessThan(2000 + 5000 + 2000) // the deadline, the 5 s budget, node's start and the git cleanup
    expect(post.conclusion).toBe('failure')
    expect(w.receiver.received).toHaveLength(1)
    expect(JSON.stringify(w.receiver.received[0].body)).toMatch(/stopped \(cancel-timeout 2s ran out\): the redeploy of v1\.0\.0 was interrupted/)
    expect(postReport(j)).toMatchObject({ status: 'rollback-failed', unfinished: true })
    await expectTreeGone(rb)
  }, 60_000)

  it('main killed outright (SIGKILL: out of memory, a lost runner): post rolls back and says the main step ended without finishing', async () => {
    const w = await liveOnGood()
    const j = job(w, 'v1.1.0')
    const all = inputs(w, { 'deploy-command': hangingDeploy(w) })
    const main = await runStep(j, 'main', all, { cancelWhen: (out: string) => out.includes('started v1.1.0'), cancelWith: [['SIGKILL', 0]] })
    orphanGroups.push(Number(readFileSync(join(w.root, 'deploy.pgid'), 'utf8')))
    expect(main.signal).toBe('SIGKILL')
    expect(main.state['rollback-action-run']).toContain('"phase":"deploying"')
    expect(main.state['rollback-action-run']).not.toContain('"cancelled":true')
    expect(w.receiver.received).toHaveLength(0)

    const post = await runStep(j, 'post', all)
    expect(post.conclusion, post.stdout).toBe('success')
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    const report = postReport(j)
    expect(report).toMatchObject({ status: 'rolled-back', rolledBack: true, cancelled: false, mainKilled: true })
    expect(report.reason).toBe(
      'the main step ended without finishing (killed: out of memory, or the runner was lost) while v1.1.0 was being deployed; rolled back to v1.0.0, healthy',
    )
    const alert = JSON.stringify(w.receiver.received.map((r: { body: unknown }) => r.body))
    expect(alert).toMatch(/main step ended without finishing/)
    expect(alert).not.toMatch(/cancel/i)
  }, 60_000)

  it('main handles SIGTERM alone as it does SIGINT: stops the tree, records the cancel, exits fast', async () => {
    const w = await liveOnGood()
    const j = job(w, 'v1.1.0')
    const all = inputs(w, { 'deploy-command': hangingDeploy(w) })
    const main = await runStep(j, 'main', all, {
      cancelWhen: (out: string) => out.includes('started v1.1.0'),
      cancelWith: [
        ['SIGTERM', 0],
        ['SIGKILL', 2500],
      ],
    })
    expect(main.signalsSent.map((s: { signal: string }) => s.signal)).toEqual(['SIGTERM'])
    expect(main.exitAfterCancelMs).toBeLessThan(2500)
    expect(main.stdout).toMatch(/SIGTERM received: the job is being cancelled/)
    expect(main.state['rollback-action-cancel-seen']).toBe('SIGTERM')
    expect(main.state['rollback-action-run']).toContain('"cancelled":true')
    const pgid = Number(readFileSync(join(w.root, 'deploy.pgid'), 'utf8'))
    expect(groupRunning(pgid)).toEqual([])

    const post = await runStep(j, 'post', all)
    expect(post.conclusion, post.stdout).toBe('success')
    expect(postReport(j).reason).toMatch(/^the job was cancelled while v1\.1\.0 was being deployed; rolled back to v1\.0\.0, healthy$/)
  }, 60_000)
})
