/**
 * The environment's lock: an older deployment of ours from another run that is still queued or in
 * progress keeps us waiting, unless its run has ended (a lost runner), in which case it is closed.
 */
import { sleep } from '../timing.js'
import { briefApiError, ours, runOf, type DeploymentsApi } from './deployments-api.js'
import { LockTimeoutError } from './lock-timeout.js'

const BUSY = new Set(['queued', 'pending', 'in_progress'])

export interface WaitOptions {
  timeoutMs: number
  pollMs: number
  signal?: AbortSignal
  onWait?: (msg: string) => void
}

interface Blocker {
  id: number
  run?: string
}

/** Waits while an older deployment of the environment from another run is queued or in progress. */
export async function waitForTurn(api: DeploymentsApi, environment: string, ownId: number, w: WaitOptions): Promise<void> {
  const started = Date.now()
  let told = ''
  // Runs whose state the token may not read (no `actions: read`): their deployments stay blockers.
  const unreadable = new Set<string>()
  for (;;) {
    const blocker = await findBlocker(api, { environment, ownId, unreadable, onWait: w.onWait })
    if (!blocker) return
    const who = `deployment ${blocker.id}${blocker.run ? ` (run ${blocker.run})` : ''}`
    if (Date.now() - started >= w.timeoutMs) {
      throw new LockTimeoutError(
        `another deployment of ${environment} is still in progress: ${who}; gave up after ${Math.round(w.timeoutMs / 1000)}s. Put deploy jobs in a workflow \`concurrency:\` group so runs queue instead of overlapping.`,
      )
    }
    if (told !== who) w.onWait?.(`Waiting for ${who} of ${environment} to finish…`)
    told = who
    await sleep(Math.min(w.pollMs, Math.max(0, w.timeoutMs - (Date.now() - started))), w.signal)
    if (w.signal?.aborted) return
  }
}

/** The newest older deployment that still holds the environment; deployments left by ended runs are closed on the way. */
async function findBlocker(
  api: DeploymentsApi,
  o: { environment: string; ownId: number; unreadable: Set<string>; onWait?: (msg: string) => void },
): Promise<Blocker | undefined> {
  for (const d of await api.recent(o.environment)) {
    const run = runOf(d)
    // GitHub's deployment for this job's `environment:` is in progress as long as the job is: not a lock.
    if (d.id >= o.ownId || !ours(d) || (run !== undefined && run === api.o.runId)) continue
    if (!BUSY.has((await api.latestState(d.id)) ?? '')) continue
    if (run !== undefined && !o.unreadable.has(run)) {
      const ended = await api.runEnded(run).catch((err: unknown) => {
        o.unreadable.add(run)
        o.onWait?.(
          `Could not tell whether run ${run} is still going (${briefApiError(err)}); add \`permissions: actions: read\` so deployments left behind by a lost runner are recognized.`,
        )
        return undefined
      })
      if (ended) {
        // The run is over and will never finish this deployment (its runner was lost): close it, do not wait on it.
        await api.postStatus(d.id, 'error', `Abandoned: run ${run} ended (${ended}) without finishing it`)
        o.onWait?.(`Deployment ${d.id} of ${o.environment} was left in progress by run ${run}, which ended (${ended}); marked it error.`)
        continue
      }
    }
    return { id: d.id, run }
  }
  return undefined
}
