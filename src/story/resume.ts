import { interruptedReason } from '../interruption.js'
import { interruptedWhat, isMidway, stoppedHow, type SavedRun } from '../state.js'
import type { RunRecord } from '../timeline.js'
import { sleep } from '../timing.js'
import { putBack } from './rollback.js'
import { Cancelled, type Steps } from './steps.js'

/** After post was stopped, closing the deployments may take this long: the alert and report must still fit the runner's 7.5 s. */
const STOPPED_STATUS_BUDGET_MS = 1500

/**
 * Post, after main stopped part-way (a cancel, or a kill): put back what main was replacing. When
 * post itself is stopped (cancel-timeout, the runner's signals), the record says what is left.
 */
export async function resume(s: Steps, saved: SavedRun): Promise<RunRecord> {
  const how = stoppedHow(saved)
  s.adopt(saved)
  try {
    return await resumeWayBack(s, saved, how)
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err
    return stoppedMidway(s)
  }
}

async function resumeWayBack(s: Steps, saved: SavedRun, how: string): Promise<RunRecord> {
  if (saved.mode === 'deploy' && saved.phase === 'deploying') {
    const reason = `${how} while ${saved.version} was being deployed`
    if (!saved.previous) {
      await s.status(saved.deploymentId, 'failure', 'Cancelled; no previous version to roll back to')
      return s.finish('failed', `${reason}; no previous version to roll back to`)
    }
    return putBack(s, { target: saved.previous, replacing: saved.version, failure: { check: 'cancelled', reason }, replacedId: saved.deploymentId })
  }
  // Cancelled during a rollback (automatic or manual): finish that rollback.
  const [target, replacing] = saved.mode === 'deploy' ? [saved.previous!, saved.version] : [saved.version, saved.previous]
  const reason = `${how} during the rollback to ${target}`
  // deploymentId is the rollback's own once main had opened it (else still the replaced one).
  const existingId = saved.deploymentId !== saved.replacedDeploymentId ? saved.deploymentId : undefined
  return putBack(s, { target, replacing, failure: { check: 'cancelled', reason }, existingId, replacedId: saved.replacedDeploymentId })
}

/**
 * Post was stopped mid-rollback (cancel-timeout, or the runner's SIGINT/SIGTERM): the command's
 * tree is already stopped; say what finished and what is left, and close the deployments within
 * a short bound, since the alert and the report must still go out before the runner's SIGKILL.
 */
async function stoppedMidway(s: Steps): Promise<RunRecord> {
  const reason: unknown = s.ports.signal.reason
  const stoppedBy = typeof reason === 'string' ? reason : 'it was stopped'
  s.timeline.cancelRunning(`stopped: ${stoppedBy}`)
  const w = s.wayBack
  const env = s.config.environment
  const text = w
    ? interruptedReason({ environment: env, target: w.target, replacing: w.replacing, because: w.because, stoppedBy, plan: w.plan, steps: s.timeline.steps })
    : `the run stopped while ${interruptedWhat(s.saved)}; then the post step was stopped (${stoppedBy}) before its rollback started; check ${env} now`
  if (w) {
    const close = async () => {
      for (const id of new Set([w.ids.rollback, w.ids.replaced]))
        await s.status(id, 'failure', `Rollback to ${w.target} interrupted (${stoppedBy}); check ${env}`)
    }
    const bound = new AbortController()
    await Promise.race([close().finally(() => bound.abort()), sleep(STOPPED_STATUS_BUDGET_MS, bound.signal)])
  }
  s.record.unfinished = true
  return s.finish('rollback-failed', text)
}

/** Main was cancelled: record where it was; post does the rollback. */
export function handOver(s: Steps): RunRecord {
  s.timeline.cancelRunning('job cancelled')
  s.saveState({ cancelled: true })
  const { phase, mode, previous, version } = s.saved
  const next = isMidway(phase)
    ? s.config.rollbackOnCancel && (mode === 'rollback' || previous)
      ? `the post step rolls back to ${mode === 'deploy' ? previous : version}`
      : 'rollback-on-cancel is off or there is no previous version: nothing will be rolled back'
    : 'nothing was deployed'
  s.record.handedToPost = isMidway(phase)
  return s.finish('failed', `cancelled during ${phase === 'resolved' ? 'preparation' : phase}; ${next}`, { handOver: true })
}

/** Post, when the run stopped mid-way and will not be rolled back (rollback-on-cancel false): say so, close the deployments. */
export async function abandon(s: Steps, saved: SavedRun): Promise<RunRecord> {
  s.adopt(saved)
  for (const id of new Set([saved.deploymentId, saved.replacedDeploymentId]))
    await s.status(id, 'failure', 'Cancelled; not rolled back (rollback-on-cancel false)')
  return s.finish(
    'failed',
    `the job stopped while ${interruptedWhat(saved)} and rollback-on-cancel is false: ${s.config.environment} may be on a partial deploy; check it now`,
  )
}

/** Post, when finishing an interrupted run threw: the environment may be broken, and the alert must still go. */
export function unfinished(s: Steps, saved: SavedRun, error: string): RunRecord {
  s.adopt(saved)
  s.record.unfinished = true
  return s.finish(
    'rollback-failed',
    `the job stopped while ${interruptedWhat(saved)}, and finishing the rollback failed: ${error}; check ${s.config.environment} now`,
  )
}

/** Post, when the run stopped before deploying anything: its deployment must not stay queued or in progress. */
export async function closeUnstarted(s: Steps, saved: SavedRun): Promise<void> {
  await s.status(saved.deploymentId, 'failure', 'Stopped before deploying; nothing changed')
}
