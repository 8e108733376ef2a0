import { join } from 'node:path'
import type { Config } from '../config.js'
import { SCRATCH_PREFIX } from '../constants.js'
import { localId } from '../ids.js'
import { LockTimeoutError } from '../github/lock-timeout.js'
import type { RunRecord } from '../timeline.js'
import { deploy } from './deploy.js'
import type { Ports } from './ports.js'
import { Cancelled, Steps } from './steps.js'

export type { DeploymentLog, GateRunner, Log, Ports } from './ports.js'

/** Main: the whole story for the configured mode. A cancel hands the rest to post. */
export async function runStory(config: Config, ports: Ports): Promise<RunRecord> {
  const s = new Steps(config, ports)
  const record = await tell(s)
  const subject = await s.commitSubject
  return subject === undefined ? record : { ...record, commitSubject: subject }
}

async function tell(s: Steps): Promise<RunRecord> {
  try {
    // A manual rollback's story is loaded only for one: a deploy that passes never needs it.
    return s.config.mode === 'deploy' ? await deploy(s) : await (await import('./rollback.js')).manualRollback(s)
  } catch (err) {
    if (err instanceof LockTimeoutError) return s.finish('failed', err.message)
    if (!(err instanceof Cancelled)) throw err
    return (await import('./resume.js')).handOver(s)
  } finally {
    // A preparation nobody used (a cancel, a failure before the gate) stops with the run.
    await s.preparation?.discard('not used: the run ended')
  }
}

/** Where the scratch directories of one run live; post removes the whole root. */
export function scratchRoot(runnerTemp: string, runId: string): string {
  return join(runnerTemp, `${SCRATCH_PREFIX}${runId || 'local'}-${localId()}`)
}
