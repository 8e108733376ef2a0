import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { readConfig } from './config.js'
import { createGit } from './git.js'
import { coreLog, createDeploymentLog, createPorts } from './ports.js'
import { publish } from './publish.js'
import { resumeAfterCancel } from './run.js'
import { redact } from './secrets.js'
import { createStateStore, type SavedRun, type StateStore } from './state.js'
import { headline } from './verdict.js'

/**
 * Entry of the post step: if main was interrupted mid-deploy (cancel, crash), put the previous
 * version back; then remove every checkout main made. It warns and never throws; it fails the
 * step only when a rollback it performed failed.
 */
async function post(): Promise<void> {
  const saved = createStateStore(core).load()
  if (!saved) {
    core.info('rollback-action post: main saved no state; nothing to do.')
    return
  }
  try {
    if (saved.phase === 'deploying' || saved.phase === 'rolling-back') await finishInterrupted(saved)
  } catch (err) {
    core.warning(`rollback-action post: ${redact(err instanceof Error ? err.message : String(err))}`)
  } finally {
    await cleanup(saved)
  }
}

async function finishInterrupted(saved: SavedRun): Promise<void> {
  const config = readConfig(core)
  const what = saved.mode === 'deploy' ? `deploying ${saved.version}` : `rolling back to ${saved.version}`
  if (!config.rollbackOnCancel) {
    core.warning(`The run stopped while ${what} and rollback-on-cancel is false: ${config.environment} may be on a partial deploy. Check it now.`)
    const d = createDeploymentLog(config, coreLog)
    if (saved.deploymentId) await d?.setStatus(saved.deploymentId, 'failure', { description: 'Cancelled; not rolled back (rollback-on-cancel false)' })
    return
  }
  core.warning(`The run stopped while ${what}: rolling back now.`)
  // Post has no GITHUB_STATE of its own to save to: keep its state in memory.
  const memory: StateStore = { save: () => undefined, load: () => undefined }
  const ports = createPorts(config, new AbortController().signal, { scratchRoot: saved.scratchRoot, state: memory })
  const record = await resumeAfterCancel(config, saved, ports)
  await publish(record, config, coreLog, { reportSuffix: '-post' })
  coreLog.info(headline(record))
  if (record.status === 'rollback-failed' || record.status === 'failed') core.setFailed(redact(`Rollback after the cancelled run did not succeed: ${record.reason}`))
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
  if (saved.scratchRoot) await rm(saved.scratchRoot, { recursive: true, force: true }).catch((err: Error) => core.warning(`Could not remove ${saved.scratchRoot}: ${err.message}`))
  // Worktrees made by this post step live in the same root; forget them too.
  await git.prune()
  core.info('rollback-action post: checkouts removed.')
}

post()
  .catch((err: unknown) => core.warning(`rollback-action post: ${redact(String(err))}`))
  .finally(() => process.exit())
