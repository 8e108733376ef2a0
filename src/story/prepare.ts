import { describeExit } from '../shell.js'
import { durationText } from '../timing.js'
import type { Prepared, Preparation, Steps } from './steps.js'

export type { Prepared, Preparation }

/** Output lines kept of the prepare command; its log group shows them once it matters. */
const KEEP_LINES = 200

/** Starts preparing `previous` in the background, as the deploy starts; undefined when there is nothing to prepare. */
export function startPreparation(s: Steps, o: { previous?: string; version: string }): Preparation | undefined {
  const c = s.config
  const previous = o.previous
  // With rollback-command and nothing to build, the redeploy never uses a checkout.
  if (!previous || (c.rollbackCommand && !c.prepareRollbackCommand)) return undefined
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  s.ports.signal.addEventListener('abort', onAbort, { once: true })
  const lines: string[] = []
  let dir: string | undefined
  let discarded = false
  let settled = false
  const step = s.timeline.start('prepare-rollback', `Prepare rollback to ${previous}`, 'rollback')

  const run = async (): Promise<Prepared> => {
    // Said before a scratch directory is made: nothing to clean up, no git process to start.
    if (!s.ports.git.inRepository()) return { ok: false, detail: `could not check out ${previous}: the workspace is not in a git repository` }
    dir = await s.scratchDir(previous)
    await s.ports.git.addWorktree(previous, dir, { commit: s.saved.commits?.[previous], signal: stop.signal })
    if (stop.signal.aborted) return { ok: false, detail: 'stopped' }
    s.trees.set(previous, dir)
    if (!c.prepareRollbackCommand) return { ok: true, dir }
    const env = s.env({ version: previous, previous: o.version, phase: 'prepare' })
    const r = await s.ports.shell(c.prepareRollbackCommand, {
      cwd: dir,
      env,
      timeoutMs: c.deployTimeoutMs,
      signal: stop.signal,
      onLine: (l) => void (lines.push(l) > KEEP_LINES && lines.shift()),
    })
    const ok = r.exitCode === 0 && !r.timedOut && !r.cancelled
    return ok ? { ok, dir } : { ok, detail: `prepare-rollback-command failed (${describeExit(r, durationText(c.deployTimeoutMs))})` }
  }
  const done = run()
    .catch((err: Error): Prepared => ({ ok: false, detail: `could not check out ${previous}: ${err.message}` }))
    .then((p) => {
      settled = true
      s.ports.signal.removeEventListener('abort', onAbort)
      if (!discarded) s.timeline.end(step, p.ok ? 'passed' : 'failed', p.ok ? `${previous} ready in its own tree` : p.detail)
      return p
    })

  return {
    version: previous,
    done,
    async discard(why) {
      if (discarded) return
      discarded = true
      if (!settled) s.timeline.end(step, 'skipped', why)
      stop.abort()
      await done
      s.ports.signal.removeEventListener('abort', onAbort)
      s.trees.delete(previous)
      if (dir) await s.ports.git.removeWorktree(dir).catch((err: Error) => s.log.warning(`Could not remove the prepared tree ${dir}: ${err.message}`))
    },
    async showOutput() {
      if (!c.prepareRollbackCommand || lines.length === 0) return
      await s.log.group(`Prepare rollback to ${previous}: output`, () => {
        for (const l of lines) s.log.info(l)
        return Promise.resolve()
      })
    },
  }
}
