import { join } from 'node:path'
import type { Config } from '../config.js'
import { SCRATCH_PREFIX } from '../constants.js'
import { localId } from '../ids.js'
import { LockTimeoutError } from '../github/lock-timeout.js'
import type { SavedRun } from '../state.js'
import type { RunRecord } from '../timeline.js'
import { deploy } from './deploy.js'
import type { Ports } from './ports.js'
import * as resume from './resume.js'
import { manualRollback } from './rollback.js'
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
    return s.config.mode === 'deploy' ? await deploy(s) : await manualRollback(s)
  } catch (err) {
    if (err instanceof LockTimeoutError) return s.finish('failed', err.message)
    if (!(err instanceof Cancelled)) throw err
    return resume.handOver(s)
  } finally {
    // A preparation nobody used (a cancel, a failure before the gate) stops with the run.
    await s.preparation?.discard('not used: the run ended')
  }
}

/** Post step after a cancel (or a kill): finish what main could not. */
export async function resumeAfterCancel(config: Config, saved: SavedRun, ports: Ports): Promise<RunRecord> {
  return resume.resume(new Steps(config, ports), saved)
}

/** Post step after a cancel with rollback-on-cancel false: the record that says so. */
export async function abandonAfterCancel(config: Config, saved: SavedRun, ports: Ports): Promise<RunRecord> {
  return resume.abandon(new Steps(config, ports), saved)
}

/** Post step, when finishing an interrupted run threw: the record that raises the alarm. */
export function unfinishedAfterCancel(config: Config, saved: SavedRun, ports: Ports, error: string): RunRecord {
  return resume.unfinished(new Steps(config, ports), saved, error)
}

/** Post step after main stopped before deploying: close its deployment. */
export async function closeUnstarted(config: Config, saved: SavedRun, ports: Ports): Promise<void> {
  return resume.closeUnstarted(new Steps(config, ports), saved)
}

/** Where the scratch directories of one run live; post removes the whole root. */
export function scratchRoot(runnerTemp: string, runId: string): string {
  return join(runnerTemp, `${SCRATCH_PREFIX}${runId || 'local'}-${localId()}`)
}
