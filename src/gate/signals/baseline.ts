/**
 * The baseline signal: the new version's probe latencies (this gate's HTTP votes) against the live
 * version's from before the deploy (collectBaseline). It fails only when the new median is more
 * than max-slowdown slower, a one-sided Mann-Whitney U test gives p < 0.01, and the difference is
 * above a small floor (judgeBaseline); with too few samples it abstains and says so, holding the
 * gate's pass until it has voted or the window has ended.
 */
import { Inputs } from '../../constants.js'
import { ConfigError, type InputReader } from '../../inputs.js'
import { durationText } from '../../timing.js'
import { percent } from '../policy.js'
import type { BaselineConfig } from '../types.js'
import type { SignalDefinition, SignalVote } from './types.js'

export const BASELINE_SUBJECT = 'baseline'

export const baselineSignal: SignalDefinition<BaselineConfig> = {
  id: 'baseline',
  inputs: [Inputs.BaselineDuration, Inputs.MaxSlowdown],
  abstain: 'wait',
  readsVotes: true,
  read: readBaseline,
  configOf: (g) => (g.baseline && g.urls.length ? g.baseline : undefined),
  describe: (c, g) =>
    `baseline: the live version's health-urls probed for ${durationText(c.durationMs)} before deploying, every ${durationText(g.intervalMs)}; fail when the new median is more than ${percent(c.maxSlowdown)} slower and a Mann-Whitney U test gives p < 0.01, over at least 30 samples a side`,
  start: (c, ctx) => {
    const candidate: number[] = []
    const baseline = ctx.baseline ?? []
    const rule = `median at most ${percent(c.maxSlowdown)} slower than the live version's (p < 0.01)`
    let passed: string | undefined
    return {
      passText: () => passed && `baseline: ${passed}`,
      async observe(round): Promise<SignalVote[]> {
        for (const v of round.votes) if (v.id === 'http' && v.kind === 'pass' && v.latencyMs !== undefined) candidate.push(v.latencyMs)
        // The statistics are loaded only when a baseline is configured.
        const { BASELINE_DEFAULTS, judgeBaseline } = await import('../baseline.js')
        const vote = judgeBaseline({ baseline, candidate, maxSlowdown: c.maxSlowdown })
        // A baseline too short to ever vote must not hold the gate's pass until the window ends.
        const short = baseline.length < BASELINE_DEFAULTS.minSamples
        const evidence = short && baseline.length === 0 ? 'no baseline was collected (baseline-duration runs before a deploy only)' : vote.evidence
        passed = vote.kind === 'pass' ? evidence : undefined
        return [
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
        ]
      },
    }
  },
}

function readBaseline(r: InputReader): BaselineConfig | undefined {
  const durationMs = r.duration(Inputs.BaselineDuration, '0s', { allowZero: true })
  const maxSlowdown = parseSlowdown(r.raw(Inputs.MaxSlowdown) || '50%')
  if (durationMs === 0) return undefined
  if (r.lines(Inputs.HealthUrls).length === 0) {
    throw new ConfigError(
      Inputs.BaselineDuration,
      'needs `health-urls`: the baseline is their latency on the live version; set health-urls, or baseline-duration: 0s.',
    )
  }
  return { durationMs, maxSlowdown }
}

/** `50%`, `20%`, `200%` → 0.5, 0.2, 2. */
export function parseSlowdown(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim())
  const value = m ? Number(m[1]) / 100 : NaN
  if (!(value > 0 && value <= 100))
    throw new ConfigError(
      Inputs.MaxSlowdown,
      `'${text}' is not a slowdown; expected a percentage above 0, e.g. 50% (the new median may be up to 1.5× the baseline's).`,
    )
  return value
}
