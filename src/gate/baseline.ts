/**
 * The baseline comparison, pure: the live version's latencies (probed before deploying) against
 * the new version's, and a vote. The rule, as in Kayenta's judge: fail only when the slowdown is
 * big (the new median more than max-slowdown above the baseline's), real (a one-sided rank test
 * gives p < alpha) and not trivial (the medians differ by more than a few milliseconds).
 */
import { percentile } from './latency.js'
import { percent } from './policy.js'
import { mannWhitneyGreater, type RankTest } from './stats.js'
import type { Vote } from './vote.js'

export const BASELINE_SIGNAL = 'baseline'

/** The rule's fixed parts; max-slowdown is the user's. */
export const BASELINE_DEFAULTS = {
  /** Below this many samples on either side the normal approximation is poor: the comparison abstains. */
  minSamples: 30,
  /** p below this counts as a real slowdown; 1 % keeps false rollbacks of an unchanged version rare. */
  alpha: 0.01,
  /** A median difference at or below this many ms never fails: 1 ms → 2 ms is "100 % slower" and harmless. */
  floorMs: 5,
} as const

export interface BaselineInput {
  /** Latencies of the live version in ms, from before the deploy. */
  baseline: readonly number[]
  /** Latencies of the new version in ms, from the gate and soak so far. */
  candidate: readonly number[]
  /** The input max-slowdown as a fraction: 0.5 means the new median may be up to 50 % above the baseline's. */
  maxSlowdown: number
  minSamples?: number
  alpha?: number
  floorMs?: number
}

export interface LatencySample {
  n: number
  /** Nearest-rank median and 95th percentile, in ms (as the endpoint evidence reports them). */
  p50: number
  p95: number
}

export interface BaselineComparison {
  baseline: LatencySample
  candidate: LatencySample
  /** candidate p50 / baseline p50. */
  ratio: number
  test: RankTest
}

/** A vote of the `baseline` signal; `comparison` is there once both sides have enough samples. */
export interface BaselineVote extends Vote {
  comparison?: BaselineComparison
}

export function judgeBaseline(input: BaselineInput): BaselineVote {
  const minSamples = input.minSamples ?? BASELINE_DEFAULTS.minSamples
  const alpha = input.alpha ?? BASELINE_DEFAULTS.alpha
  const floorMs = input.floorMs ?? BASELINE_DEFAULTS.floorMs
  const nb = input.baseline.length
  const nc = input.candidate.length
  if (nb < minSamples || nc < minSamples) {
    return { signal: BASELINE_SIGNAL, kind: 'abstain', evidence: `only ${nb} baseline / ${nc} new samples, need ${minSamples}` }
  }
  const baseline = sampleOf(input.baseline)
  const candidate = sampleOf(input.candidate)
  const test = mannWhitneyGreater(input.candidate, input.baseline)
  const ratio = baseline.p50 > 0 ? candidate.p50 / baseline.p50 : candidate.p50 > 0 ? Infinity : 1
  const comparison = { baseline, candidate, ratio, test }

  const limit = `max-slowdown ${percent(input.maxSlowdown)}`
  const slower = candidate.p50 > baseline.p50 * (1 + input.maxSlowdown)
  const real = test.p < alpha
  const big = candidate.p50 - baseline.p50 > floorMs
  const facts = `${describe('baseline', baseline)} vs ${describe('new', candidate)}: ${ratioText(ratio)}, ${pText(test.p)}`
  if (slower && real && big) return { signal: BASELINE_SIGNAL, kind: 'fail', evidence: `${facts} (over ${limit})`, comparison }
  // The first rule that let it pass, so the reader knows how close it came.
  const why = !slower ? `within ${limit}` : !real ? `not significant (p ≥ ${alpha})` : `difference within the ${msText(floorMs)} floor`
  return { signal: BASELINE_SIGNAL, kind: 'pass', evidence: `${facts} (${why})`, comparison }
}

function sampleOf(values: readonly number[]): LatencySample {
  const sorted = [...values].sort((a, b) => a - b)
  return { n: values.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) }
}

/** "baseline p50 42ms p95 60ms (n=50)". */
function describe(label: string, s: LatencySample): string {
  return `${label} p50 ${msText(s.p50)} p95 ${msText(s.p95)} (n=${s.n})`
}

/** Whole ms, with one decimal below 10 ms (loopback latencies are often under 1 ms). */
function msText(ms: number): string {
  return `${ms < 10 ? Number(ms.toFixed(1)) : Math.round(ms)}ms`
}

/** 3.1 → "3.1× slower", 0.5 → "2× faster"; within half a percent, "same median". */
function ratioText(ratio: number): string {
  if (ratio === Infinity) return 'slower'
  const times = (r: number) => `${r < 10 ? Number(r.toFixed(2)) : Math.round(r)}×`
  if (ratio >= 1.005) return `${times(ratio)} slower`
  if (ratio <= 1 / 1.005) return `${times(1 / ratio)} faster`
  return 'same median'
}

/** Two significant digits; below 0.0001 only the bound matters. */
function pText(p: number): string {
  return p < 0.0001 ? 'p<0.0001' : `p=${Number(p.toPrecision(2))}`
}
