/**
 * The watch command: any provider's CLI (Datadog, CloudWatch, New Relic) run with bash every round
 * of the gate and the soak. Exit 0 passes the round, non-zero fails it, its last output line is the
 * evidence; it is bounded by request-timeout, and its whole process tree is stopped then.
 */
import { Inputs } from '../../constants.js'
import type { InputReader } from '../../inputs.js'
import { describeExit, runShell } from '../../shell.js'
import { durationText } from '../../timing.js'
import type { SignalDefinition, SignalVote } from './types.js'

export const WATCH_SUBJECT = 'watch-command'

export const watchSignal: SignalDefinition<string> = {
  id: 'watch',
  inputs: [Inputs.WatchCommand],
  abstain: 'required',
  read: (r: InputReader) => r.raw(Inputs.WatchCommand) || undefined,
  configOf: (g) => g.watchCommand,
  describe: (c, g) => `watch-command every round (exit 0 passes, within ${durationText(g.requestTimeoutMs)}): ${c}`,
  start: (command, ctx) => ({
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
  }),
}
