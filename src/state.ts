import { StateKeys } from './constants.js'
import type { PreviousSource } from './timeline.js'

/**
 * What main hands to post. Saved after every change of phase, so that whatever moment a cancel
 * lands on, post knows whether production may be on the new version.
 */
export interface SavedRun {
  /**
   * resolved: nothing touched yet. deploying: the new version may be (partly) live.
   * rolling-back: the previous version is being put back. done: main finished the story.
   */
  phase: 'resolved' | 'deploying' | 'rolling-back' | 'done'
  mode: 'deploy' | 'rollback'
  version: string
  previous?: string
  previousSource: PreviousSource
  /** The run's scratch root under RUNNER_TEMP, removed whole by post. */
  scratchRoot: string
  /** Worktrees inside it, unregistered from git before the root goes. */
  scratch: string[]
  deploymentId?: number
  /** The deploy's own deployment, kept in progress until its rollback ends (so it holds the lock). */
  replacedDeploymentId?: number
  /** Full SHAs of versions that are commits (git fetches a commit only by its full SHA). */
  commits?: Record<string, string>
  /** Mode rollback: the version known to be live when it started (before-rollback-command runs in its checkout). */
  live?: string
  /** before-rollback-command has started: post must not run it again (it may be a down migration). */
  beforeRollbackStarted?: boolean
  startedAt: number
  /**
   * Main saw a cancel signal (SIGINT/SIGTERM). Unset with a mid-way phase means main ended without
   * finishing and without a cancel: killed (out of memory, a lost runner), so the reason says so.
   */
  cancelled?: boolean
}

/** Main stopped part-way through changing the environment: post has work to do. */
export function isMidway(phase: SavedRun['phase']): boolean {
  return phase === 'deploying' || phase === 'rolling-back'
}

/** "deploying v1.1.0", "rolling back to v1.0.0": what main was doing when it stopped. */
export function interruptedWhat(saved: SavedRun): string {
  if (saved.phase === 'deploying') return `deploying ${saved.version}`
  const target = saved.mode === 'deploy' ? saved.previous : saved.version
  return target ? `rolling back to ${target}` : 'rolling back'
}

export interface StateStore {
  save(run: SavedRun): void
  /** Undefined when main saved nothing; throws when what it saved cannot be read. */
  load(): SavedRun | undefined
}

const PHASES = new Set(['resolved', 'deploying', 'rolling-back', 'done'])
const MODES = new Set(['deploy', 'rollback'])

/** How main stopped part-way, in the words of post's reasons. */
export function stoppedHow(saved: SavedRun): string {
  return saved.cancelled ? 'the job was cancelled' : 'the main step ended without finishing (killed: out of memory, or the runner was lost)'
}

type StateFiles = { saveState(name: string, value: string): void; getState(name: string): string }

/**
 * Main's signal handler: records at once that a cancel came, in a key of its own, so post can tell
 * a cancel from a kill even when main is killed before it saves its run again.
 */
export function saveCancelSeen(core: StateFiles, signal: string): void {
  core.saveState(StateKeys.CancelSeen, signal)
}

/**
 * State through the runner's files (GITHUB_STATE → STATE_* in post). Not redacted: it holds no
 * secret (versions are checked names, the rest numbers and paths), and redacting would corrupt it
 * wherever a secret happens to equal a word of it (a password "true" or "deploy").
 */
export function createStateStore(core: StateFiles): StateStore {
  return {
    save(run) {
      core.saveState(StateKeys.Run, JSON.stringify(run))
    },
    load() {
      const raw = core.getState(StateKeys.Run)
      if (!raw) return undefined
      let run: SavedRun
      try {
        run = JSON.parse(raw) as SavedRun
      } catch {
        throw new Error('the state main saved is not readable')
      }
      if (!PHASES.has(run?.phase) || !MODES.has(run?.mode) || !Array.isArray(run.scratch)) throw new Error('the state main saved is not one post understands')
      return core.getState(StateKeys.CancelSeen) ? { ...run, cancelled: true } : run
    },
  }
}
