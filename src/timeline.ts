import type { GateVerdict } from './gate/types.js'

/** The final state of a run; also the `status` output. */
export type Outcome = 'deployed' | 'rolled-back' | 'rollback-failed' | 'failed' | 'planned'

export type StepOutcome = 'running' | 'passed' | 'failed' | 'skipped' | 'cancelled'

/** Every step the story records, in the order a run may take them. */
export type StepId =
  | 'resolve'
  | 'plan'
  | 'backup'
  | 'deploy'
  | 'health'
  | 'smoke'
  | 'soak'
  | 'before-rollback'
  | 'checkout'
  | 'rollback'
  | 'after-rollback'
  | 'rollback-health'
  | 'rollback-smoke'
  | 'live-checkout'
  | 'after-deploy'
  | 'prepare-rollback'
  | 'preflight'
  | 'baseline'
  | 'rollback-soak'

/** One step of the story, with the evidence that decided it. */
export interface Step {
  /** Stable key, e.g. 'deploy', 'health', 'rollback', 'rollback-health'. */
  id: string
  /** Human title, e.g. "Deploy v1.2.0". */
  title: string
  /** Whether the step belongs to putting the new version live or to putting the old one back. */
  phase: 'deploy' | 'rollback'
  startedAt: number
  endedAt?: number
  outcome: StepOutcome
  /** One line: what happened ("exit code 1", "3/3 probes passed"). */
  summary?: string
  /** Last output lines of a command, secrets redacted. */
  output?: string[]
  verdict?: GateVerdict
}

/** Where the previous version came from, so the log and views can say. */
export type PreviousSource = 'input' | 'deployments' | 'tags' | 'none'

/** Facts about the workflow run, for links and attribution. */
export interface RunContext {
  repository: string
  serverUrl: string
  runUrl: string
  actor: string
  sha: string
  ref: string
  workflow: string
  runId: string
}

/** Everything a run did: every view (outputs, summary, Slack, report) is built from this alone. */
export interface RunRecord {
  mode: 'deploy' | 'rollback'
  environment: string
  version: string
  previousVersion?: string
  previousSource: PreviousSource
  status: Outcome
  /** True only when the previous version is live and passed the gate. */
  rolledBack: boolean
  /** One line: which check failed and its evidence; for success a short confirmation. */
  reason: string
  /**
   * What a person must look at first, when something beyond the outcome needs them (a failed
   * before/after-rollback hook: "the down migration failed: check the data"). Views lead with it.
   */
  attention?: string
  /** First line of the deployed commit's message, when known. */
  commitSubject?: string
  deploymentId?: number
  dryRun: boolean
  /** True when the run was cancelled and the post step performed the rollback. */
  cancelled?: boolean
  /** Main stopped mid-deploy or mid-rollback: the post step finishes, reports and alerts. */
  handedToPost?: boolean
  /** Post: main ended part-way without a cancel (killed: out of memory, a lost runner). */
  mainKilled?: boolean
  /** Post could not finish the rollback (stopped by cancel-timeout or the runner, or it failed): where things stand is unknown. */
  unfinished?: boolean
  startedAt: number
  endedAt: number
  steps: Step[]
  context: RunContext
}

/** Records steps as they start and end; the run owns one. */
export class Timeline {
  readonly steps: Step[] = []

  constructor(private readonly now: () => number = Date.now) {}

  start(id: StepId, title: string, phase: Step['phase']): Step {
    const step: Step = { id, title, phase, startedAt: this.now(), outcome: 'running' }
    this.steps.push(step)
    return step
  }

  end(step: Step, outcome: Exclude<StepOutcome, 'running'>, summary?: string, extra: Partial<Step> = {}): Step {
    Object.assign(step, extra, { outcome, endedAt: this.now() })
    if (summary !== undefined) step.summary = summary
    return step
  }

  /** A step that was decided without running (e.g. no smoke command configured). */
  skip(id: StepId, title: string, phase: Step['phase'], summary: string): Step {
    return this.end(this.start(id, title, phase), 'skipped', summary)
  }

  /** Steps still running are marked cancelled: used when a signal stops the run. */
  cancelRunning(summary: string): void {
    for (const step of this.steps) if (step.outcome === 'running') this.end(step, 'cancelled', summary)
  }
}

/** Duration of a step in ms (0 while running). */
export function stepDuration(step: Step): number {
  return step.endedAt === undefined ? 0 : step.endedAt - step.startedAt
}
