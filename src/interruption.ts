import type { Step, StepId } from './timeline.js'

/** One thing the way back does, keyed by the timeline step that does it. */
export interface PlannedStep {
  /** The timeline step that does it. */
  id: StepId
  /** Short words for the reason: "redeploy v1.0.0", "after-rollback-command". */
  what: string
}

/** What post knew when it was stopped mid-rollback: enough to tell the on-call person where things stand. */
export interface Interruption {
  environment: string
  /** The version being put back. */
  target: string
  /** The version it replaces, when known. */
  replacing?: string
  /** Why post was doing a rollback at all ("the job was cancelled while v1.1.0 was being deployed"). */
  because: string
  /** Why post stopped ("cancel-timeout 4m ran out", "the runner sent SIGINT"). */
  stoppedBy: string
  /** The way back, in order. */
  plan: PlannedStep[]
  /** Post's timeline so far. */
  steps: readonly Step[]
}

/**
 * The reason of a rollback that post could not finish: what was interrupted and what that leaves
 * production on, what finished, and what is left to do by hand. One line, like every reason.
 */
export function interruptedReason(i: Interruption): string {
  const ended = (id: string) => i.steps.find((s) => s.id === id && s.outcome !== 'running' && s.outcome !== 'cancelled')
  const cut = [...i.steps].reverse().find((s) => s.outcome === 'cancelled' || s.outcome === 'running')
  const done = i.plan.filter((p) => ended(p.id)).map((p) => (ended(p.id)!.outcome === 'failed' ? `${p.what} (failed)` : p.what))
  const left = i.plan.filter((p) => !ended(p.id)).map((p) => p.what)
  const where = cut
    ? whereThingsStand(i, cut.id)
    : `the rollback to ${i.target} was stopped before ${left[0] ?? 'its end'}: ${i.environment} may be on ${replaced(i)} or partway`
  return [
    `${i.because}; then the post step was stopped (${i.stoppedBy}): ${where}`,
    `done: ${done.length ? done.join(', ') : 'nothing'}`,
    `left to do by hand: ${left.length ? left.join(', ') : 'nothing'}; check ${i.environment} now`,
  ].join('; ')
}

function replaced(i: Interruption): string {
  return i.replacing ?? 'the version being replaced'
}

/** "the redeploy of v1.0.0 was interrupted: production may be on v1.1.0 or partway" */
function whereThingsStand(i: Interruption, stepId: string): string {
  const env = i.environment
  switch (stepId) {
    case 'before-rollback':
      return `before-rollback-command was interrupted: ${env} may be on ${replaced(i)}, with that command partway (a down migration, say)`
    case 'checkout':
      return `the checkout of ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`
    case 'rollback':
      return `the redeploy of ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`
    case 'after-rollback':
      return `after-rollback-command was interrupted: ${i.target} was redeployed, but that command is partway`
    case 'rollback-health':
    case 'rollback-smoke':
      return `the health check of ${i.target} was interrupted: ${i.target} was redeployed but is not proven healthy`
    default:
      return `the rollback to ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`
  }
}
