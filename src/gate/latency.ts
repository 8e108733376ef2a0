/** Latency evidence: nearest-rank percentiles, the way load-test tools report them. */
import type { EndpointEvidence } from './types.js'

/** The q-quantile (0 < q ≤ 1) of ascending values by nearest rank: the smallest value with at least q of them at or below it. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/** p50/p95/max in whole ms; null when nothing answered. */
export function summarizeLatency(values: number[]): EndpointEvidence['latency'] {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return { p50: Math.round(percentile(sorted, 0.5)), p95: Math.round(percentile(sorted, 0.95)), max: Math.round(sorted[sorted.length - 1]) }
}
