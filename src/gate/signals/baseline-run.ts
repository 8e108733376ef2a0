/** The baseline signal's rounds: this gate's HTTP latencies against the live version's, judged by judgeBaseline. */
import { BASELINE_DEFAULTS, judgeBaseline } from '../baseline.js'
import { percent } from '../policy.js'
import type { BaselineConfig } from '../types.js'
import type { GateContext, SignalRun, SignalVote } from './types.js'

export const BASELINE_SUBJECT = 'baseline'

export function startBaseline(c: BaselineConfig, ctx: GateContext): SignalRun {
  const candidate: number[] = []
  const baseline = ctx.baseline ?? []
  const rule = `median at most ${percent(c.maxSlowdown)} slower than the live version's (p < 0.01)`
  let passed: string | undefined
  return {
    passText: () => passed && `baseline: ${passed}`,
    observe(round): Promise<SignalVote[]> {
      for (const v of round.votes) if (v.id === 'http' && v.kind === 'pass' && v.latencyMs !== undefined) candidate.push(v.latencyMs)
      const vote = judgeBaseline({ baseline, candidate, maxSlowdown: c.maxSlowdown })
      // A baseline too short to ever vote must not hold the gate's pass until the window ends.
      const short = baseline.length < BASELINE_DEFAULTS.minSamples
      const evidence = short && baseline.length === 0 ? 'no baseline was collected (baseline-duration runs before a deploy only)' : vote.evidence
      passed = vote.kind === 'pass' ? evidence : undefined
      return Promise.resolve([
        {
          id: 'baseline',
          signal: BASELINE_SUBJECT,
          subject: BASELINE_SUBJECT,
          rule,
          kind: vote.kind,
          evidence,
          answered: vote.kind !== 'abstain',
          ...(vote.kind === 'abstain' ? { abstain: short ? ('free' as const) : ('wait' as const) } : {}),
        },
      ])
    },
  }
}
