// The story's world as fakes: a shell that records every command, a gate that fails the versions it is
// told to, git with fixed tags, a deployments log that records every call. For the story's unit tests.
import type { GateVerdict } from '../../src/gate/types.js'
import type { Git } from '../../src/git.js'
import type { ShellOptions, ShellResult } from '../../src/shell.js'
import type { SavedRun } from '../../src/state.js'
import type { DeploymentLog, Ports } from '../../src/story/ports.js'

export interface Call {
  command: string
  cwd: string
  env: Record<string, string>
}

export function world(
  o: {
    failing?: string[]
    unhealthy?: string[]
    tags?: string[]
    deployments?: DeploymentLog
    abortOn?: string
    abortReason?: string
    /** How long each gate takes (the background preparation runs meanwhile). */
    gateMs?: number
    /** What the health endpoint's body says, for a manual rollback that asks it what is live. */
    healthBody?: string
    /** Versions whose soak-only gate fails (a rollback that degrades after its gate). */
    unhealthySoak?: string[]
  } = {},
) {
  const warnings: string[] = []
  const errors: string[] = []
  const calls: Call[] = []
  const worktrees: Array<[string, string | undefined]> = []
  const removed: string[] = []
  const gates: string[] = []
  /** Every gate's options as the story passed them. */
  const gateCalls: Array<Parameters<Ports['gate']>[1]> = []
  const saved: SavedRun[] = []
  const controller = new AbortController()
  const git: Git = {
    remoteTags: async () => o.tags ?? ['v1.0.0', 'v1.1.0'],
    addWorktree: async (version, _dir, o) => void worktrees.push([version, o?.commit]),
    removeWorktree: async (dir) => void removed.push(dir),
    prune: async () => undefined,
    inRepository: () => true,
    commitSubject: async () => 'Ship it',
  }
  const ports: Ports = {
    log: { info: () => undefined, warning: (m) => void warnings.push(m), error: (m) => void errors.push(m), group: (_t, fn) => fn() },
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
      gateCalls.push(g)
      if (o.gateMs) await new Promise((r) => setTimeout(r, o.gateMs))
      const ok = !(g.soakOnly ? o.unhealthySoak : o.unhealthy)?.includes(g.version)
      return { passed: ok, check: ok ? 'health' : 'health', reason: ok ? 'all good' : `status 500 from ${g.version}`, durationMs: 1, rounds: 1, endpoints: [] }
    },
    deployments: o.deployments,
    state: { save: (s) => saved.push(structuredClone(s)), load: () => undefined },
    signal: controller.signal,
    scratchRoot: '/tmp/does-not-matter-' + Math.random(),
    ...(o.healthBody !== undefined ? { healthBody: async () => o.healthBody! } : {}),
  }
  return { calls, gates, gateCalls, saved, ports, worktrees, removed, controller, warnings, errors }
}

/** A deployments log that records every call in order; its history is `history`, newest first. */
export function deploymentLog(history: Array<{ version: string; commit?: string }> = []) {
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

export const hooks = { backupCommand: 'backup', beforeRollbackCommand: 'down', afterRollbackCommand: 'flush', smokeCommand: 'smoke' }

/** What main saved for post, mid-deploy of v1.1.0 (previous v1.0.0) unless told otherwise. */
export function savedRun(o: Partial<SavedRun> = {}): SavedRun {
  return {
    phase: 'deploying',
    mode: 'deploy',
    version: 'v1.1.0',
    previous: 'v1.0.0',
    previousSource: 'tags',
    scratchRoot: '/tmp/x',
    scratch: [],
    startedAt: 0,
    ...o,
  }
}
