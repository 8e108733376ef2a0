import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { readConfig, type Config } from './config.js'
import { createGit } from './git.js'
import { coreLog, createPorts } from './ports.js'
import { createPostStop, type PostStop } from './post-stop.js'
import { publish } from './publish.js'
import { abandonAfterCancel, closeUnstarted, resumeAfterCancel, unfinishedAfterCancel, type Ports } from './story/index.js'
import { redact } from './secrets.js'
import { createStateStore, interruptedWhat, isMidway, type SavedRun, type StateStore } from './state.js'
import { durationText } from './timing.js'
import { headline } from './verdict.js'

/** The alert when post was stopped: a short, bounded send, so the report and the exit still fit the budget. */
const STOPPED_ALERT = { attempts: 2, timeoutMs: 1500, maxWaitMs: 250 }

/**
 * The post step: if main was interrupted mid-deploy (cancel, crash), put the previous
 * version back (or, with rollback-on-cancel false, say plainly that it did not); close a deployment
 * main left open; then remove every checkout main made. It never throws; it fails the step only
 * when the environment may be left broken: a rollback it performed or tried failed, or post was
 * stopped (cancel-timeout, the runner's signals) before the rollback finished.
 */
export async function run(o: PostRunOptions = {}): Promise<void> {
  const stop = createPostStop({
    onStop: (why) => core.warning(`rollback-action post: stopping (${why}): stopping the running command, then alerting and writing the report.`),
    onOverrun: (why) => {
      core.setFailed(`rollback-action post: stopped (${why}) and could not finish alerting and reporting in time. Check the environment now.`)
      o.exit?.(1)
    },
  })
  try {
    await post(stop)
  } catch (err) {
    core.warning(`rollback-action post: ${redact(String(err))}`)
  } finally {
    stop.dispose()
  }
}

export interface PostRunOptions {
  /**
   * Ends the process when post overran its budget after being stopped (src/entry/post.ts passes
   * process.exit): without it, run() only fails the step and returns.
   */
  exit?: (code: number) => void
}

async function post(stop: PostStop): Promise<void> {
  let saved: SavedRun | undefined
  try {
    saved = createStateStore(core).load()
  } catch (err) {
    // Main saved something post cannot read: it may have stopped mid-deploy, and nobody would know.
    core.setFailed(`rollback-action post: ${(err as Error).message}; the run may have stopped mid-deploy. Check the environment now.`)
    return
  }
  if (!saved) {
    core.info('rollback-action post: main saved no state; nothing to do.')
    return
  }
  const midway = isMidway(saved.phase)
  let story: { config: Config; ports: Ports } | undefined
  try {
    if (midway || (saved.phase === 'resolved' && saved.deploymentId)) {
      // Inputs read (and secrets masked) once; post has no state file of its own to save to.
      const config = readConfig(core)
      // The whole rollback runs under cancel-timeout: past it, or on the runner's signals, post stops and reports.
      if (midway) stop.startDeadline(config.cancelTimeoutMs)
      const memory: StateStore = { save: () => undefined, load: () => undefined }
      story = { config, ports: createPorts(config, stop.signal, { scratchRoot: saved.scratchRoot, state: memory }) }
      if (midway) await finishInterrupted(story.config, story.ports, saved, stop)
      else await closeUnstarted(story.config, saved, story.ports)
    }
  } catch (err) {
    await raiseAlarm(saved, err, stop, story)
  } finally {
    await cleanup(saved)
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

/** Removes the worktrees and the scratch root; the JSON report (outside the root) stays for upload. */
async function cleanup(saved: SavedRun): Promise<void> {
  const git = createGit(process.env.GITHUB_WORKSPACE || process.cwd())
  for (const dir of saved.scratch) {
    try {
      await git.removeWorktree(dir)
    } catch (err) {
      core.warning(`Could not remove the checkout ${dir}: ${(err as Error).message}`)
    }
  }
  if (saved.scratchRoot)
    await rm(saved.scratchRoot, { recursive: true, force: true }).catch((err: Error) => core.warning(`Could not remove ${saved.scratchRoot}: ${err.message}`))
  // Worktrees made by this post step live in the same root; forget them too. A run that made none
  // and that post did not resume has nothing for git to forget (and a git process costs the step).
  if (saved.scratch.length > 0 || isMidway(saved.phase)) await git.prune()
  core.info('rollback-action post: checkouts removed.')
}
