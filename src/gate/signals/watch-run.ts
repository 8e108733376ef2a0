/** The watch command's rounds: the command run once per round, its exit and last line the vote. */
import { describeExit, runShell } from '../../shell.js'
import { durationText } from '../../timing.js'
import type { GateContext, SignalRun, SignalVote } from './types.js'

export const WATCH_SUBJECT = 'watch-command'

export function startWatch(command: string, ctx: GateContext): SignalRun {
  return {
    async observe(): Promise<SignalVote[]> {
      const timeoutMs = ctx.cfg.requestTimeoutMs
      const r = await runShell(command, {
        cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
        env: { DEPLOY_VERSION: ctx.version, DEPLOY_PREVIOUS_VERSION: ctx.previousVersion ?? '', DEPLOY_ENVIRONMENT: ctx.environment ?? '' },
        timeoutMs,
        signal: ctx.signal,
        tailLines: 5,
      })
      const last = [...r.tail]
        .reverse()
        .find((l) => l.trim())
        ?.trim()
      const exit = describeExit(r, durationText(timeoutMs))
      const base = { id: 'watch' as const, signal: WATCH_SUBJECT, subject: WATCH_SUBJECT, rule: `${command} exits 0` }
      if (r.cancelled) return [{ ...base, kind: 'abstain', answered: false, evidence: 'cancelled' }]
      if (r.exitCode === 0 && !r.timedOut) return [{ ...base, kind: 'pass', answered: true, evidence: last ?? 'exit code 0' }]
      const message = last ? `${last} (${exit})` : exit
      return [
        {
          ...base,
          kind: 'fail',
          answered: true,
          evidence: message,
          failure: { at: new Date().toISOString(), kind: r.timedOut ? 'timeout' : 'error', message },
        },
      ]
    },
  }
}
