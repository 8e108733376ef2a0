// The story over fake ports: which commands run, in which tree, with which env, and what the record says.
import { describe, expect, it } from 'vitest'
import type { Config } from '../../src/config.js'
import type { GateVerdict } from '../../src/gate/types.js'
import type { Git } from '../../src/git.js'
import { resumeAfterCancel, runStory, type DeploymentLog, type Ports } from '../../src/run.js'
import type { ShellOptions, ShellResult } from '../../src/shell.js'
import type { SavedRun } from '../../src/state.js'

function config(over: Partial<Config> = {}): Config {
  return {
    mode: 'deploy',
    deployCommand: './deploy.sh',
    version: 'v1.1.0',
    tagPattern: 'v*',
    environment: 'production',
    gate: { urls: ['http://127.0.0.1:1/health'], headers: [], expectedStatus: [{ min: 200, max: 299 }], expectVersion: false, startupTimeoutMs: 1000, intervalMs: 10, requestTimeoutMs: 100, successThreshold: 1, failureThreshold: 1, soakMs: 0 },
    smokeTimeoutMs: 1000,
    deployTimeoutMs: 1000,
    rollbackOnCancel: true,
    failOnRollback: true,
    slack: { notifyOn: new Set() },
    github: { deployments: false, apiUrl: '', owner: 'acme', repo: 'web', concurrencyTimeoutMs: 1000 },
    dryRun: false,
    workspace: '/ws',
    runnerTemp: '/tmp',
    context: { repository: 'acme/web', serverUrl: 'https://github.com', runUrl: 'https://github.com/acme/web/actions/runs/1', actor: 'octocat', sha: 'abc', ref: 'refs/tags/v1.1.0', workflow: 'deploy', runId: '1' },
    ...over,
  }
}

interface Call {
  command: string
  cwd: string
  env: Record<string, string>
}

function world(o: { failing?: string[]; unhealthy?: string[]; tags?: string[]; deployments?: DeploymentLog; abortOn?: string } = {}) {
  const calls: Call[] = []
  const gates: string[] = []
  const saved: SavedRun[] = []
  const controller = new AbortController()
  const git: Git = {
    remoteTags: async () => o.tags ?? ['v1.0.0', 'v1.1.0'],
    addWorktree: async () => undefined,
    removeWorktree: async () => undefined,
    prune: async () => undefined,
    commitSubject: async () => 'Ship it',
  }
  const ports: Ports = {
    log: { info: () => undefined, warning: () => undefined, error: () => undefined, group: (_t, fn) => fn() },
    shell: async (command: string, s: ShellOptions): Promise<ShellResult> => {
      calls.push({ command, cwd: s.cwd, env: s.env })
      const key = `${s.env.DEPLOY_PHASE}:${command}:${s.env.DEPLOY_VERSION}`
      if (o.abortOn === key) controller.abort()
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
  return { calls, gates, saved, ports }
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
    const saved: SavedRun = { phase: 'deploying', mode: 'deploy', version: 'v1.1.0', previous: 'v1.0.0', previousSource: 'tags', scratchRoot: '/tmp/x', scratch: [], startedAt: 0, cancelled: true }
    const r = await resumeAfterCancel(config(), saved, w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.cancelled).toBe(true)
    expect(w.calls.map((c) => `${c.env.DEPLOY_PHASE} ${c.env.DEPLOY_VERSION}`)).toEqual(['rollback v1.0.0'])
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
