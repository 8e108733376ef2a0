// The post step's part of the story: finishing or closing what main left. Kept apart from
// index.ts so main, which never resumes, does not load it (post loads it only with work to do).
import type { Config } from '../config.js'
import type { SavedRun } from '../state.js'
import type { RunRecord } from '../timeline.js'
import type { Ports } from './ports.js'
import * as resume from './resume.js'
import { Steps } from './steps.js'

export type { Ports } from './ports.js'

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
