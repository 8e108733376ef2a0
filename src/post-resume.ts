/**
 * The post step's real work, loaded only when main left the run mid-way (or a deployment open):
 * finish the rollback under cancel-timeout, or say plainly that it will not be finished, and alert.
 */
import * as core from '@actions/core'
import { readConfig, type Config } from './config.js'
import { coreLog, createPorts } from './ports.js'
import type { PostStop } from './post-stop.js'
import { publish } from './publish.js'
import { redact } from './secrets.js'
import { interruptedWhat, isMidway, type SavedRun, type StateStore } from './state.js'
import { abandonAfterCancel, closeUnstarted, resumeAfterCancel, unfinishedAfterCancel, type Ports } from './story/after-cancel.js'
import { durationText } from './timing.js'
import { headline } from './verdict.js'

/** The alert when post was stopped: a short, bounded send, so the report and the exit still fit the budget. */
const STOPPED_ALERT = { attempts: 2, timeoutMs: 1500, maxWaitMs: 250 }

/** Resumes what main saved; a failure to finish raises the alarm rather than throwing. */
export async function resumeRun(saved: SavedRun, stop: PostStop): Promise<void> {
  const midway = isMidway(saved.phase)
  let story: { config: Config; ports: Ports } | undefined
  try {
    // Inputs read (and secrets masked) once; post has no state file of its own to save to.
    const config = readConfig(core)
    // The whole rollback runs under cancel-timeout: past it, or on the runner's signals, post stops and reports.
    if (midway) stop.startDeadline(config.cancelTimeoutMs)
    const memory: StateStore = { save: () => undefined, load: () => undefined }
    story = { config, ports: await createPorts(config, stop.signal, { scratchRoot: saved.scratchRoot, state: memory }) }
    if (midway) await finishInterrupted(story.config, story.ports, saved, stop)
    else await closeUnstarted(story.config, saved, story.ports)
  } catch (err) {
    await raiseAlarm(saved, err, stop, story)
  }
}

/** Finishing the interrupted run threw: fail the step and still alert, since main left the alert to us. */
async function raiseAlarm(saved: SavedRun, err: unknown, stop: PostStop, story?: { config: Config; ports: Ports }): Promise<void> {
  const error = redact(err instanceof Error ? err.message : String(err))
  core.setFailed(`rollback-action post: the run stopped mid-way and finishing it failed: ${error}. Check the environment now.`)
  if (!story || !isMidway(saved.phase)) return
  try {
    await publish(unfinishedAfterCancel(story.config, saved, story.ports, error), story.config, coreLog, {
      reportSuffix: '-post',
      send: stop.signal.aborted ? STOPPED_ALERT : undefined,
    })
  } catch (again) {
    core.warning(`rollback-action post: could not send the alert either: ${redact(String(again))}`)
  }
}

async function finishInterrupted(config: Config, ports: Ports, saved: SavedRun, stop: PostStop): Promise<void> {
  let record
  if (config.rollbackOnCancel) {
    core.warning(
      `The run stopped while ${interruptedWhat(saved)}: ${saved.phase === 'deploying' ? 'rolling back' : 'finishing it'} now (within cancel-timeout ${durationText(config.cancelTimeoutMs)}).`,
    )
    record = await resumeAfterCancel(config, saved, ports)
  } else record = await abandonAfterCancel(config, saved, ports)
  await publish(record, config, coreLog, { reportSuffix: '-post', send: stop.signal.aborted ? STOPPED_ALERT : undefined })
  coreLog.info(headline(record))
  if (record.status === 'rollback-failed' || record.status === 'failed') core.setFailed(redact(`After the interrupted run: ${record.reason}`))
}
