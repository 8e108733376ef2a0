import type { GateConfig, GateVerdict } from '../gate/types.js'
import type { Git } from '../git.js'
import type { SafeDeployments } from '../github/deployments.js'
import type { Shell } from '../shell.js'
import type { StateStore } from '../state.js'
import type { History } from '../versions.js'

/** The log as the story writes it: every line already redacted by the real one. */
export interface Log {
  info(message: string): void
  warning(message: string): void
  error(message: string): void
  group<T>(title: string, fn: () => Promise<T>): Promise<T>
}

/**
 * GitHub deployments as the story uses them: the history, the lock and the statuses. One interface
 * for the adapter (src/github/deployments.ts makes it); every method already turns API faults into
 * a warning, except a lock timeout, which it throws. The history is read as versions.ts needs it.
 */
export type DeploymentLog = Omit<SafeDeployments, 'successful'> & History

export type GateRunner = (
  cfg: GateConfig,
  o: {
    version: string
    signal?: AbortSignal
    log?: (line: string) => void
    soakOnly?: boolean
    /** For the gate's signals: `{{previous_version}}`, `{{environment}}` in queries, and the baseline's latencies. */
    previousVersion?: string
    environment?: string
    baseline?: readonly number[]
  },
) => Promise<GateVerdict>

/** Everything the story touches in the world. src/ports.ts wires the real ones; tests pass their own. */
export interface Ports {
  log: Log
  shell: Shell
  git: Git
  gate: GateRunner
  /** Undefined when deployments are off or there is no token. */
  deployments?: DeploymentLog
  state: StateStore
  /** Aborted when the job is cancelled (main) or post is stopped. */
  signal: AbortSignal
  /** Directory under RUNNER_TEMP for this run's checkouts; post removes it whole. */
  scratchRoot: string
  now?: () => number
  /** One GET of a health URL's body (a manual rollback asks it which version is live); absent: never asked. */
  healthBody?: (url: string, o: { headers: Array<[string, string]>; timeoutMs: number; signal?: AbortSignal }) => Promise<string>
}
