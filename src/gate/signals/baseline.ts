/**
 * The baseline signal: the new version's probe latencies (this gate's HTTP votes) against the live
 * version's from before the deploy (collectBaseline). It fails only when the new median is more
 * than max-slowdown slower, a one-sided Mann-Whitney U test gives p < 0.01, and the difference is
 * above a small floor (judgeBaseline); with too few samples it abstains and says so, holding the
 * gate's pass until it has voted or the window has ended. Its rounds and statistics
 * (baseline-run.ts) load only when it is configured.
 */
import { Inputs } from '../../constants.js'
import { ConfigError, type InputReader } from '../../inputs.js'
import { durationText } from '../../timing.js'
import { percent } from '../policy.js'
import type { BaselineConfig } from '../types.js'
import type { SignalDefinition } from './types.js'

export const baselineSignal: SignalDefinition<BaselineConfig> = {
  id: 'baseline',
  inputs: [Inputs.BaselineDuration, Inputs.MaxSlowdown],
  abstain: 'wait',
  readsVotes: true,
  read: readBaseline,
  configOf: (g) => (g.baseline && g.urls.length ? g.baseline : undefined),
  describe: (c, g) =>
    `baseline: the live version's health-urls probed for ${durationText(c.durationMs)} before deploying, every ${durationText(g.intervalMs)}; fail when the new median is more than ${percent(c.maxSlowdown)} slower and a Mann-Whitney U test gives p < 0.01, over at least 30 samples a side`,
  start: async (c, ctx) => (await import('./baseline-run.js')).startBaseline(c, ctx),
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
