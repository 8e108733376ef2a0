import * as core from '@actions/core'
import { rm } from './fs-async.js'
import { createPostStop, type PostStop } from './post-stop.js'
import { redact } from './secrets.js'
import type { Git } from './git.js'
import { createStateStore, isMidway, type SavedRun } from './state.js'

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
  try {
    // Only a run main left mid-way (or with a deployment open) needs the story, the config and the
    // sinks: loaded then, so the usual post step (main finished) costs little more than node itself.
    if (isMidway(saved.phase) || (saved.phase === 'resolved' && saved.deploymentId)) {
      const { resumeRun } = await import('./post-resume.js')
      await resumeRun(saved, stop)
    }
  } finally {
    await cleanup(saved)
  }
}

/** Removes the worktrees and the scratch root; the JSON report (outside the root) stays for upload. */
async function cleanup(saved: SavedRun): Promise<void> {
  // A run that made no checkout and that post did not resume leaves nothing for git to forget: git
  // (and the code that runs it) is loaded only when there is.
  const git = saved.scratch.length > 0 || isMidway(saved.phase) ? await workspaceGit() : undefined
  for (const dir of saved.scratch) {
    try {
      await git?.removeWorktree(dir)
    } catch (err) {
      core.warning(`Could not remove the checkout ${dir}: ${(err as Error).message}`)
    }
  }
  if (saved.scratchRoot)
    await rm(saved.scratchRoot, { recursive: true, force: true }).catch((err: Error) => core.warning(`Could not remove ${saved.scratchRoot}: ${err.message}`))
  // Worktrees made by this post step live in the same root; forget them too.
  await git?.prune()
  core.info('rollback-action post: checkouts removed.')
}

async function workspaceGit(): Promise<Git> {
  const { createGit } = await import('./git.js')
  return createGit(process.env.GITHUB_WORKSPACE || process.cwd())
}
