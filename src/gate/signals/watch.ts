/**
 * The watch command: any provider's CLI (Datadog, CloudWatch, New Relic) run with bash every round
 * of the gate and the soak. Exit 0 passes the round, non-zero fails it, its last output line is the
 * evidence; it is bounded by request-timeout, and its whole process tree is stopped then. Its rounds
 * (watch-run.ts) load only when it is configured.
 */
import { Inputs } from '../../constants.js'
import type { InputReader } from '../../inputs.js'
import { durationText } from '../../timing.js'
import type { SignalDefinition } from './types.js'

export const watchSignal: SignalDefinition<string> = {
  id: 'watch',
  inputs: [Inputs.WatchCommand],
  abstain: 'required',
  read: (r: InputReader) => r.raw(Inputs.WatchCommand) || undefined,
  configOf: (g) => g.watchCommand,
  describe: (c, g) => `watch-command every round (exit 0 passes, within ${durationText(g.requestTimeoutMs)}): ${c}`,
  start: async (command, ctx) => (await import('./watch-run.js')).startWatch(command, ctx),
}
