// The story over fake ports: which commands run, in which tree, with which env, and what the record says.
import { describe, expect, it } from 'vitest'
import type { Config } from '../../src/config.js'
import type { GateVerdict } from '../../src/gate/types.js'
import type { Git } from '../../src/git.js'
import { abandonAfterCancel, closeUnstarted, resumeAfterCancel, runStory, unfinishedAfterCancel, type DeploymentLog, type Ports } from '../../src/run.js'
import type { ShellOptions, ShellResult } from '../../src/shell.js'
import type { SavedRun } from '../../src/state.js'

function config(over: Partial<Config> = {}): Config {
  return {
    mode: 'deploy',
    deployCommand: './deploy.sh',
    version: 'v1.1.0',
    tagPattern: 'v*',
    environment: 'production',
    gate: {
      urls: ['http://127.0.0.1:1/health'],
      headers: [],
      expectedStatus: [{ min: 200, max: 299 }],
      expectVersion: false,
      startupTimeoutMs: 1000,
      intervalMs: 10,
      requestTimeoutMs: 100,
      successThreshold: 1,
      failureThreshold: 1,
      soakMs: 0,
    },
    smokeTimeoutMs: 1000,
    deployTimeoutMs: 1000,
    rollbackOnCancel: true,
    cancelTimeoutMs: 240_000,
    failOnRollback: true,
    sinks: { notifyOn: new Set(), configured: [] },
    github: { deployments: false, apiUrl: '', owner: 'acme', repo: 'web', concurrencyTimeoutMs: 1000 },
    dryRun: false,
    workspace: '/ws',
    runnerTemp: '/tmp',
    context: {
      repository: 'acme/web',
      serverUrl: 'https://github.com',
      runUrl: 'https://github.com/acme/web/actions/runs/1',
      actor: 'octocat',
      sha: 'abc',
      ref: 'refs/tags/v1.1.0',
      workflow: 'deploy',
      runId: '1',
    },
    ...over,
  }
}

interface Call {
  command: string
  cwd: string
  env: Record<string, string>
}

function world(o: { failing?: string[]; unhealthy?: string[]; tags?: string[]; deployments?: DeploymentLog; abortOn?: string; abortReason?: string } = {}) {
  const calls: Call[] = []
  const worktrees: Array<[string, string | undefined]> = []
  const gates: string[] = []
  const saved: SavedRun[] = []
  const controller = new AbortController()
  const git: Git = {
    remoteTags: async () => o.tags ?? ['v1.0.0', 'v1.1.0'],
    addWorktree: async (version, _dir, commit) => void worktrees.push([version, commit]),
    removeWorktree: async () => undefined,
    prune: async () => undefined,
    commitSubject: async () => 'Ship it',
  }
  const ports: Ports = {
    log: { info: () => undefined, warning: () => undefined, error: () => undefined, group: (_t, fn) => fn() },
    shell: async (command: string, s: ShellOptions): Promise<ShellResult> => {
      calls.push({ command, cwd: s.cwd, env: s.env })
      const key = `${s.env.DEPLOY_PHASE}:${command}:${s.env.DEPLOY_VERSION}`
      if (o.abortOn === key) controller.abort(o.abortReason)
      const failed = o.failing?.includes(key)
      return { exitCode: failed ? 1 : 0, signal: null, timedOut: false, cancelled: controller.signal.aborted, durationMs: 1, tail: failed ? ['boom'] : [] }
    },
    git,
    gate: async (_cfg, g): Promise<GateVerdict> => {
      gates.push(g.version)
      const ok = !o.unhealthy?.includes(g.version)
      return { passed: ok, check: ok ? 'health' : 'health', reason: ok ? 'all good' : `status 500 from ${g.version}`, durationMs: 1, rounds: 1, endpoints: [] }
    },
    deployments: o.deployments,
    state: { save: (s) => saved.push(structuredClone(s)), load: () => undefined },
    signal: controller.signal,
    scratchRoot: '/tmp/does-not-matter-' + Math.random(),
  }
  return { calls, gates, saved, ports, worktrees, controller }
}

/** A deployments log that records every call in order; its history is `history`, newest first. */
function deploymentLog(history: Array<{ version: string; commit?: string }> = []) {
  const events: string[] = []
  const created: Array<Parameters<DeploymentLog['create']>[0]> = []
  let next = 1
  const log: DeploymentLog = {
    available: true,
    async *successful() {
      yield* history
    },
    create: async (p) => (created.push(p), events.push(`create ${next} ${p.phase} ${p.version}`), next++),
    waitForTurn: async () => undefined,
    setStatus: async (id, state) => void events.push(`${id} ${state}`),
    markOlderInactive: async () => 0,
  }
  return { log, events, created }
}

const hooks = { backupCommand: 'backup', beforeRollbackCommand: 'down', afterRollbackCommand: 'flush', smokeCommand: 'smoke' }

describe('the deploy story', () => {
  it('deploys, gates, smokes: deployed', async () => {
    const w = world()
    const r = await runStory(config(hooks), w.ports)
    expect(r.status).toBe('deployed')
    expect(r.previousVersion).toBe('v1.0.0')
    expect(w.calls.map((c) => c.command)).toEqual(['backup', './deploy.sh', 'smoke'])
    expect(w.calls[1].env).toEqual({ DEPLOY_VERSION: 'v1.1.0', DEPLOY_PREVIOUS_VERSION: 'v1.0.0', DEPLOY_ENVIRONMENT: 'production', DEPLOY_PHASE: 'deploy' })
    expect(r.steps.map((s) => `${s.id}:${s.outcome}`)).toEqual(['resolve:passed', 'backup:passed', 'deploy:passed', 'health:passed', 'smoke:passed'])
    expect(w.saved.at(-1)?.phase).toBe('done')
  })

  it('an unhealthy release is rolled back with hooks in the right trees and env', async () => {
    const w = world({ unhealthy: ['v1.1.0'] })
    const r = await runStory(config({ ...hooks, rollbackCommand: undefined }), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.rolledBack).toBe(true)
    expect(r.reason).toMatch(/status 500 from v1\.1\.0; rolled back to v1\.0\.0/)
    expect(w.calls.map((c) => c.command)).toEqual(['backup', './deploy.sh', 'down', './deploy.sh', 'flush'])
    const [down, redeploy] = [w.calls[2], w.calls[3]]
    expect(down.cwd).toBe('/ws') // the new version's tree
    expect(redeploy.cwd).not.toBe('/ws') // its own checkout
    expect(redeploy.env).toMatchObject({ DEPLOY_VERSION: 'v1.0.0', DEPLOY_PREVIOUS_VERSION: 'v1.1.0', DEPLOY_PHASE: 'rollback' })
    expect(w.gates).toEqual(['v1.1.0', 'v1.0.0'])
    expect(w.saved.map((s) => s.phase)).toContain('rolling-back')
  })

  it('a failed smoke command also rolls back, and rollback-command replaces the checkout', async () => {
    const w = world({ failing: ['deploy:smoke:v1.1.0'] })
    const r = await runStory(config({ smokeCommand: 'smoke', rollbackCommand: 'undo' }), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.reason).toMatch(/smoke-command failed \(exit code 1\): boom/)
    expect(w.calls.at(-1)).toMatchObject({ command: 'undo', cwd: '/ws' })
  })

  it('rollback-failed when the previous version is unhealthy too', async () => {
    const w = world({ unhealthy: ['v1.1.0', 'v1.0.0'] })
    const r = await runStory(config(), w.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.rolledBack).toBe(false)
  })

  it('rollback-failed when the redeploy command fails', async () => {
    const w = world({ failing: ['deploy:./deploy.sh:v1.1.0', 'rollback:./deploy.sh:v1.0.0'] })
    const r = await runStory(config(), w.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.reason).toMatch(/deploy-command failed \(exit code 1\); then the rollback to v1\.0\.0 failed/)
    expect(w.gates).toEqual([])
  })

  it('failed, plainly, with nothing to roll back to', async () => {
    const w = world({ tags: ['v1.1.0'], unhealthy: ['v1.1.0'] })
    const r = await runStory(config(), w.ports)
    expect(r.status).toBe('failed')
    expect(r.reason).toMatch(/no previous version to roll back to/)
  })

  it('a failed backup deploys nothing', async () => {
    const w = world({ failing: ['deploy:backup:v1.1.0'] })
    const r = await runStory(config(hooks), w.ports)
    expect(r.status).toBe('failed')
    expect(r.reason).toMatch(/nothing was deployed/)
    expect(w.calls.map((c) => c.command)).toEqual(['backup'])
  })

  it('dry run resolves and runs nothing', async () => {
    const w = world()
    const r = await runStory(config({ ...hooks, dryRun: true }), w.ports)
    expect(r.status).toBe('planned')
    expect(r.reason).toMatch(/would deploy v1\.1\.0 to production \(previous v1\.0\.0\)/)
    expect(w.calls).toEqual([])
    expect(w.gates).toEqual([])
  })

  it('a cancel mid-deploy stops and records where it was, for post', async () => {
    const w = world({ abortOn: 'deploy:./deploy.sh:v1.1.0' })
    const r = await runStory(config(), w.ports)
    expect(r.status).toBe('failed')
    expect(r.reason).toMatch(/cancelled during deploying; the post step rolls back to v1\.0\.0/)
    expect(w.saved.at(-1)).toMatchObject({ phase: 'deploying', cancelled: true, previous: 'v1.0.0' })
    expect(w.gates).toEqual([])
  })

  it('post resumes a cancelled deploy by putting the previous version back', async () => {
    const w = world()
    const saved: SavedRun = {
      phase: 'deploying',
      mode: 'deploy',
      version: 'v1.1.0',
      previous: 'v1.0.0',
      previousSource: 'tags',
      scratchRoot: '/tmp/x',
      scratch: [],
      startedAt: 0,
      cancelled: true,
    }
    const r = await resumeAfterCancel(config(), saved, w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.cancelled).toBe(true)
    expect(w.calls.map((c) => `${c.env.DEPLOY_PHASE} ${c.env.DEPLOY_VERSION}`)).toEqual(['rollback v1.0.0'])
  })
})

describe('the way back, in detail', () => {
  it("the deploy's deployment stays in progress, holding the lock, until its rollback ends", async () => {
    const d = deploymentLog()
    const w = world({ unhealthy: ['v1.1.0'], deployments: d.log })
    expect((await runStory(config(), w.ports)).status).toBe('rolled-back')
    expect(d.events).toEqual([
      'create 1 deploy v1.1.0',
      '1 in_progress',
      '1 in_progress',
      'create 2 rollback v1.0.0',
      '2 in_progress',
      '1 failure',
      '2 success',
    ])
  })

  it('a commit from the history is checked out by its full SHA, and the deploy records its own', async () => {
    const full = 'a'.repeat(40)
    const d = deploymentLog([{ version: 'aaaaaaa', commit: full }])
    const w = world({ unhealthy: ['v1.1.0'], deployments: d.log })
    const sha = 'b'.repeat(40)
    const r = await runStory(config({ context: { ...config().context, sha } }), w.ports)
    expect(r).toMatchObject({ status: 'rolled-back', previousVersion: 'aaaaaaa', previousSource: 'deployments' })
    expect(w.worktrees).toEqual([['aaaaaaa', full]])
    expect(d.created.map((c) => [c.phase, c.ref, c.commit])).toEqual([
      ['deploy', sha, sha],
      ['rollback', full, full],
    ])
  })

  it('with smoke-command as the only check, the rollback is proven by it, never called healthy unchecked', async () => {
    const gateless = { gate: { ...config().gate, urls: [] }, smokeCommand: 'smoke' }
    const bad = world({ failing: ['deploy:smoke:v1.1.0', 'rollback:smoke:v1.0.0'] })
    const r = await runStory(config(gateless), bad.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.reason).toMatch(/rolled back to v1\.0\.0 but it is unhealthy too: smoke-command failed \(exit code 1\): boom/)
    const good = world({ failing: ['deploy:smoke:v1.1.0'] })
    expect((await runStory(config(gateless), good.ports)).status).toBe('rolled-back')
    expect(good.calls.map((c) => `${c.env.DEPLOY_PHASE}:${c.command}`)).toEqual([
      'deploy:./deploy.sh',
      'deploy:smoke',
      'rollback:./deploy.sh',
      'rollback:smoke',
    ])
    expect(good.gates).toEqual(['v1.1.0']) // the rollback's proof was the smoke command, not an empty gate
  })

  it('post, after a cancel mid-rollback, does not run before-rollback-command again (a down migration twice loses data)', async () => {
    const w = world()
    const saved: SavedRun = {
      phase: 'rolling-back',
      mode: 'deploy',
      version: 'v1.1.0',
      previous: 'v1.0.0',
      previousSource: 'tags',
      scratchRoot: '/tmp/x',
      scratch: [],
      startedAt: 0,
      cancelled: true,
      beforeRollbackStarted: true,
    }
    const r = await resumeAfterCancel(config(hooks), saved, w.ports)
    expect(r.status).toBe('rolled-back')
    expect(w.calls.map((c) => c.command)).toEqual(['./deploy.sh', 'flush'])
    expect(r.reason).toMatch(/before-rollback-command had already started before the cancel; not run again/)
  })

  it('a cancel during a status call before the rollback hook: the hook is not marked started, so post runs it', async () => {
    const d = deploymentLog()
    const w = world({ unhealthy: ['v1.1.0'], deployments: d.log })
    const setStatus = d.log.setStatus
    d.log.setStatus = async (id, state, o) => {
      if (o.description.includes('rolling back')) w.controller.abort() // the cancel arrives while GitHub answers
      return setStatus(id, state, o)
    }
    const r = await runStory(config(hooks), w.ports)
    expect(r).toMatchObject({ status: 'failed', handedToPost: true })
    expect(w.calls.map((c) => c.command)).toEqual(['backup', './deploy.sh'])
    const last = w.saved.at(-1)!
    expect(last).toMatchObject({ phase: 'rolling-back', cancelled: true })
    expect(last.beforeRollbackStarted).toBeUndefined()
    const post = world()
    await resumeAfterCancel(config(hooks), last, post.ports)
    expect(post.calls.map((c) => c.command)).toEqual(['down', './deploy.sh', 'flush'])
  })

  it('a cancel that lands before the deploy command deploys nothing and hands nothing to post', async () => {
    const w = world({ abortOn: 'deploy:backup:v1.1.0' })
    const r = await runStory(config(hooks), w.ports)
    expect(r).toMatchObject({ status: 'failed', handedToPost: false })
    expect(w.calls.map((c) => c.command)).toEqual(['backup'])
    expect(w.saved.at(-1)?.phase).toBe('resolved')
  })

  it('a cancel mid-deploy is handed to post, which alerts', async () => {
    const w = world({ abortOn: 'deploy:./deploy.sh:v1.1.0' })
    expect((await runStory(config(), w.ports)).handedToPost).toBe(true)
  })

  it('post with rollback-on-cancel false: a failed record that says to check, and both deployments closed', async () => {
    const d = deploymentLog()
    const w = world({ deployments: d.log })
    const saved: SavedRun = {
      phase: 'rolling-back',
      mode: 'deploy',
      version: 'v1.1.0',
      previous: 'v1.0.0',
      previousSource: 'tags',
      scratchRoot: '/tmp/x',
      scratch: [],
      startedAt: 0,
      deploymentId: 8,
      replacedDeploymentId: 7,
    }
    const r = await abandonAfterCancel(config({ rollbackOnCancel: false }), saved, w.ports)
    expect(r.status).toBe('failed')
    expect(r.reason).toMatch(/while rolling back to v1\.0\.0 and rollback-on-cancel is false: production may be on a partial deploy; check it now/)
    expect(d.events).toEqual(['8 failure', '7 failure'])
    expect(w.calls).toEqual([])
  })

  it('post, when finishing the run threw: a rollback-failed record, so the alarm still goes out', () => {
    const w = world()
    const saved: SavedRun = {
      phase: 'deploying',
      mode: 'deploy',
      version: 'v1.1.0',
      previous: 'v1.0.0',
      previousSource: 'tags',
      scratchRoot: '/tmp/x',
      scratch: [],
      startedAt: 0,
    }
    const r = unfinishedAfterCancel(config(), saved, w.ports, 'EACCES: permission denied')
    expect(r).toMatchObject({ status: 'rollback-failed', rolledBack: false, version: 'v1.1.0', previousVersion: 'v1.0.0' })
    expect(r.reason).toBe('the job stopped while deploying v1.1.0, and finishing the rollback failed: EACCES: permission denied; check production now')
  })

  it('post after main was killed (no cancel recorded): the reason says the main step ended without finishing', async () => {
    const w = world()
    const saved: SavedRun = {
      phase: 'deploying',
      mode: 'deploy',
      version: 'v1.1.0',
      previous: 'v1.0.0',
      previousSource: 'tags',
      scratchRoot: '/tmp/x',
      scratch: [],
      startedAt: 0,
    }
    const r = await resumeAfterCancel(config(), saved, w.ports)
    expect(r).toMatchObject({ status: 'rolled-back', mainKilled: true })
    expect(r.reason).toMatch(
      /^the main step ended without finishing \(killed: out of memory, or the runner was lost\) while v1\.1\.0 was being deployed; rolled back to v1\.0\.0, healthy$/,
    )
    expect(r.reason).not.toMatch(/cancel/)
    const cancelled = await resumeAfterCancel(config(), { ...saved, cancelled: true }, world().ports)
    expect(cancelled.reason).toMatch(/^the job was cancelled while v1\.1\.0/)
    expect(cancelled.mainKilled).toBe(false)
  })

  it('post stopped during the redeploy: rollback-failed, saying what finished, what is left, and closing both deployments', async () => {
    const d = deploymentLog()
    const w = world({ deployments: d.log, abortOn: 'rollback:./deploy.sh:v1.0.0', abortReason: 'cancel-timeout 2s ran out' })
    const saved: SavedRun = {
      phase: 'rolling-back',
      mode: 'deploy',
      version: 'v1.1.0',
      previous: 'v1.0.0',
      previousSource: 'tags',
      scratchRoot: '/tmp/x',
      scratch: [],
      startedAt: 0,
      cancelled: true,
      deploymentId: 7,
      replacedDeploymentId: 7,
    }
    const r = await resumeAfterCancel(config({ afterRollbackCommand: 'flush' }), saved, w.ports)
    expect(r).toMatchObject({ status: 'rollback-failed', rolledBack: false, unfinished: true })
    expect(r.reason).toBe(
      'the job was cancelled during the rollback to v1.0.0; then the post step was stopped (cancel-timeout 2s ran out): the redeploy of v1.0.0 was interrupted: production may be on v1.1.0 or partway; done: check out v1.0.0; left to do by hand: redeploy v1.0.0, after-rollback-command, health check of v1.0.0; check production now',
    )
    expect(w.calls.map((c) => c.command)).toEqual(['./deploy.sh'])
    expect(r.steps.map((s) => `${s.id}:${s.outcome}`)).toEqual(['checkout:passed', 'rollback:cancelled'])
    expect(d.events).toEqual(['create 1 rollback v1.0.0', '1 in_progress', '1 failure', '7 failure'])
  })

  it('post stopped in before-rollback-command: the environment may hold that command partway, and nothing after it ran', async () => {
    const w = world({ abortOn: 'rollback:down:v1.0.0', abortReason: 'the runner sent SIGINT' })
    const saved: SavedRun = {
      phase: 'deploying',
      mode: 'deploy',
      version: 'v1.1.0',
      previous: 'v1.0.0',
      previousSource: 'tags',
      scratchRoot: '/tmp/x',
      scratch: [],
      startedAt: 0,
      cancelled: true,
    }
    const r = await resumeAfterCancel(config({ ...hooks, rollbackCommand: 'undo' }), saved, w.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.reason).toMatch(
      /\(the runner sent SIGINT\): before-rollback-command was interrupted: production may be on v1\.1\.0, with that command partway .*; done: nothing; left to do by hand: before-rollback-command, rollback-command, after-rollback-command, health check of v1\.0\.0; check production now$/,
    )
  })

  it('post closes a deployment main opened but never started', async () => {
    const d = deploymentLog()
    const w = world({ deployments: d.log })
    await closeUnstarted(
      config(),
      { phase: 'resolved', mode: 'deploy', version: 'v1.1.0', previousSource: 'tags', scratchRoot: '/tmp/x', scratch: [], startedAt: 0, deploymentId: 3 },
      w.ports,
    )
    expect(d.events).toEqual(['3 failure'])
  })
})

describe('manual rollback', () => {
  it('puts the chosen version back and gates it', async () => {
    const w = world()
    const r = await runStory(config({ mode: 'rollback', version: 'v1.0.0', ...hooks }), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.mode).toBe('rollback')
    expect(w.calls.map((c) => c.command)).toEqual(['down', './deploy.sh', 'flush'])
    expect(w.gates).toEqual(['v1.0.0'])
  })

  it('fails before running anything when there is nothing to go back to', async () => {
    const w = world({ tags: ['v1.0.0'] })
    const r = await runStory(config({ mode: 'rollback', version: '' }), w.ports)
    expect(r.status).toBe('failed')
    expect(w.calls).toEqual([])
  })
})
