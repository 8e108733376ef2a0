// Prepared rollbacks and a manual rollback to what is already live, through dist/ as the runner runs
// it: a real git origin, the demo app on 127.0.0.1, a real Slack receiver.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

interface World {
  root: string
  origin: string
  port: number
  appState: string
  receiver: Awaited<ReturnType<typeof startReceiver>>
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

beforeAll(() => {
  if (!existsSync('dist/main/index.js') || !existsSync('dist/post/index.js')) throw new Error('dist/ is missing: run npm run build first')
})

async function world(second: string): Promise<World> {
  const root = scratch('rollback-prepared-')
  const w: World = {
    root,
    origin: createOrigin(root, [
      { tag: 'v1.0.0', behaviour: 'ok' },
      { tag: 'v1.1.0', behaviour: second },
    ]),
    port: await freePort(),
    appState: join(root, 'app-state'),
    receiver: await startReceiver(),
  }
  mkdirSync(w.appState)
  cleanups.push(
    () => rmSync(root, { recursive: true, force: true }),
    () => w.receiver.close(),
    () => stopApp(w.appState),
  )
  return w
}

function job(w: World, tag: string, o: { ref?: string } = {}) {
  const workspace = checkout(w.origin, tag, join(w.root, `ws-${tag}-${Math.random().toString(36).slice(2, 6)}`))
  const j = createJob({ workspace, ref: o.ref ?? `refs/tags/${tag}`, sha: headSha(workspace), extraEnv: { APP_STATE: w.appState, APP_PORT: String(w.port) } })
  cleanups.push(() => j.cleanup())
  return { ...j, workspace }
}

const inputs = (w: World, extra: Record<string, string> = {}) => ({
  'deploy-command': './deploy.sh',
  ...quickGate(w.port),
  'slack-webhook-url': w.receiver.url,
  'notify-on': 'deployed,rollback,rollback-failed,failed',
  'github-token': '',
  deployments: 'false',
  ...extra,
})

async function liveOn(w: World, tag: string) {
  const j = job(w, tag)
  const r = await runStep(j, 'main', inputs(w))
  expect(r.outputs.status, r.stdout).toBe('deployed')
  await runStep(j, 'post', inputs(w))
}

/**
 * Running, on Linux: /proc has it and it is not a zombie. A stopped process that was reparented
 * stays a zombie until its new parent reaps it, and kill(pid, 0) still succeeds on a zombie.
 */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3))
  } catch {
    return false
  }
}

describe('prepared rollbacks, through dist/', () => {
  it('the redeploy runs in the tree the prepare command prepared (a file it wrote is there), its output in its own group', async () => {
    const w = await world('fail')
    await liveOn(w, 'v1.0.0')
    const j = job(w, 'v1.1.0')
    const r = await runStep(
      j,
      'main',
      inputs(w, {
        'prepare-rollback-command': 'echo "built $DEPLOY_VERSION ($DEPLOY_PHASE)" > PREPARED && echo "prepared $DEPLOY_VERSION here"',
        'deploy-command': '[ ! -f PREPARED ] || echo "$DEPLOY_PHASE $(cat PREPARED) in $DEPLOY_TREE" >> "$APP_STATE/seen"; ./deploy.sh',
      }),
    )
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(readFileSync(join(w.appState, 'seen'), 'utf8').trim()).toMatch(/^rollback built v1\.0\.0 \(prepare\) in \S+$/)
    expect(r.stdout).toMatch(/::group::Prepare rollback to v1\.0\.0: output\n(.*\n)?prepared v1\.0\.0 here\n::endgroup::/)
    expect(r.stdout).toMatch(/using the tree prepared while the gate ran/)
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    await runStep(j, 'post', inputs(w))
    expect(worktrees(j.workspace)).toEqual([j.workspace])
  })

  it('a passing deploy stops the preparation (its process tree) and removes its tree before main ends', async () => {
    const w = await world('ok')
    await liveOn(w, 'v1.0.0')
    const j = job(w, 'v1.1.0')
    const r = await runStep(
      j,
      'main',
      inputs(w, {
        // A long build that outlives the gate; it leaves a child of its own running too.
        'prepare-rollback-command': 'echo "$PWD" > "$APP_STATE/prep.dir"; sleep 60 & echo $! > "$APP_STATE/prep.child"; echo $$ > "$APP_STATE/prep.pid"; wait',
        // The deploy waits (bounded) until the preparation runs, so it surely overlaps the gate.
        'deploy-command': 'for _ in $(seq 100); do [ -f "$APP_STATE/prep.child" ] && break; sleep 0.1; done; ./deploy.sh',
      }),
    )
    expect(r.outputs.status, r.stdout).toBe('deployed')
    const dir = readFileSync(join(w.appState, 'prep.dir'), 'utf8').trim()
    expect(existsSync(dir)).toBe(false)
    for (const f of ['prep.pid', 'prep.child']) expect(alive(Number(readFileSync(join(w.appState, f), 'utf8')))).toBe(false)
    expect(worktrees(j.workspace)).toEqual([j.workspace]) // before post: main removed it itself
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8')) as { steps: Array<{ id: string; outcome: string; summary?: string }> }
    expect(report.steps.find((s) => s.id === 'prepare-rollback')).toMatchObject({
      outcome: 'skipped',
      summary: 'not needed: v1.1.0 passed; stopped and removed',
    })
    await runStep(j, 'post', inputs(w))
  })
})

describe('a workspace that is not a git repository (a deploy from a downloaded artifact), through dist/', () => {
  it('runs no git at all: nothing to prepare, and a failed gate ends rollback-failed saying to check the repository out', async () => {
    const w = await world('fail')
    await liveOn(w, 'v1.0.0')
    // v1.1.0's files without .git, as a workflow that downloads its build would have them.
    const built = checkout(w.origin, 'v1.1.0', join(w.root, 'built'))
    const workspace = join(w.root, 'artifact')
    cpSync(built, workspace, { recursive: true, filter: (src) => !src.split('/').includes('.git') })
    // A git first on PATH that records every call, then runs the real one.
    const shims = join(w.root, 'shims')
    mkdirSync(shims)
    const calls = join(w.root, 'git-calls')
    const realGit = process.env
      .PATH!.split(':')
      .map((d) => join(d, 'git'))
      .find((f) => existsSync(f))!
    writeFileSync(join(shims, 'git'), `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 })
    const j = createJob({
      workspace,
      ref: 'refs/tags/v1.1.0',
      sha: '',
      extraEnv: { APP_STATE: w.appState, APP_PORT: String(w.port), PATH: `${shims}:${process.env.PATH}` },
    })
    cleanups.push(() => j.cleanup())
    const r = await runStep(j, 'main', inputs(w, { 'previous-version': 'v1.0.0', 'prepare-rollback-command': 'echo never' }))
    expect(r.outputs.status, r.stdout).toBe('rollback-failed')
    expect(r.outputs.reason).toMatch(
      /could not check out v1\.0\.0: the workspace \(.*artifact\) is not in a git repository: check the repository out before this step/,
    )
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8')) as { steps: Array<{ id: string; outcome: string; summary?: string }> }
    expect(report.steps.find((s) => s.id === 'prepare-rollback')).toMatchObject({
      outcome: 'failed',
      summary: 'could not check out v1.0.0: the workspace is not in a git repository',
    })
    expect(existsSync(calls) ? readFileSync(calls, 'utf8') : '').toBe('')
    await runStep(j, 'post', inputs(w))
  })
})

describe('manual rollback to the version already live, through dist/', () => {
  it('nothing redeployed, no hook run, its health checked; rolled-back, exit 0, and the alert says already live', async () => {
    const w = await world('ok')
    await liveOn(w, 'v1.0.0')
    const j = job(w, 'v1.1.0', { ref: 'refs/heads/main' })
    const r = await runStep(
      j,
      'main',
      inputs(w, {
        mode: 'rollback',
        version: 'v1.0.0',
        'deploy-command': 'echo ran >> "$APP_STATE/manual-ran"; ./deploy.sh',
        'before-rollback-command': 'echo ran >> "$APP_STATE/hook-ran"',
      }),
    )
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back': 'true', version: 'v1.0.0' })
    expect(r.outputs.reason).toMatch(
      /^v1\.0\.0 is already live in production \(the health endpoint's body\): nothing redeployed, no hook run; v1\.0\.0 is healthy$/,
    )
    expect(existsSync(join(w.appState, 'manual-ran'))).toBe(false)
    expect(existsSync(join(w.appState, 'hook-ran'))).toBe(false)
    expect(readFileSync(join(w.appState, 'deploys'), 'utf8').trim().split('\n')).toHaveLength(1)
    expect(JSON.stringify(w.receiver.received.at(-1)?.body)).toMatch(/already live/)
    expect(r.summary).toMatch(/already live/)
    await runStep(j, 'post', inputs(w))
  })
})
