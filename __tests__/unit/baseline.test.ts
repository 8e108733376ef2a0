import { describe, expect, it } from 'vitest'
import { judgeBaseline, type BaselineInput } from '../../src/gate/baseline.js'
import { mannWhitneyGreater } from '../../src/gate/stats.js'
import { lognormal, mulberry32, normal } from '../helpers/seeded.js'

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i)

describe('judgeBaseline', () => {
  const base = range(30, 50) // p50 54, p95 77 by nearest rank

  it('abstains below 30 samples on either side, and says how many it has', () => {
    expect(judgeBaseline({ baseline: range(1, 29), candidate: range(1, 50), maxSlowdown: 0.5 })).toEqual({
      signal: 'baseline',
      kind: 'abstain',
      evidence: 'only 29 baseline / 50 new samples, need 30',
    })
    expect(judgeBaseline({ baseline: base, candidate: range(1, 12), maxSlowdown: 0.5 }).evidence).toBe('only 50 baseline / 12 new samples, need 30')
    expect(judgeBaseline({ baseline: range(1, 30), candidate: range(1, 30), maxSlowdown: 0.5 }).kind).not.toBe('abstain')
    expect(judgeBaseline({ baseline: range(1, 30), candidate: range(1, 30), maxSlowdown: 0.5, minSamples: 31 }).kind).toBe('abstain')
  })

  it('fails a version three times slower, with both medians, p95s, counts and the p-value', () => {
    const v = judgeBaseline({ baseline: base, candidate: base.map((x) => x * 3), maxSlowdown: 0.5 })
    expect(v.kind).toBe('fail')
    expect(v.evidence).toBe('baseline p50 54ms p95 77ms (n=50) vs new p50 162ms p95 231ms (n=50): 3× slower, p<0.0001 (over max-slowdown 50%)')
    expect(v.comparison).toMatchObject({ baseline: { n: 50, p50: 54, p95: 77 }, candidate: { n: 50, p50: 162, p95: 231 }, ratio: 3 })
    expect(v.comparison!.test.p).toBeLessThan(1e-10)
  })

  it('passes a slowdown within max-slowdown, however significant', () => {
    const v = judgeBaseline({ baseline: base, candidate: base.map((x) => x * 1.4), maxSlowdown: 0.5 })
    expect(v.kind).toBe('pass')
    expect(v.evidence).toMatch(/: 1\.4× slower, p<0\.0001 \(within max-slowdown 50%\)$/)
    expect(v.comparison!.test.p).toBeLessThan(0.01)
  })

  it('passes a higher median that the rank test does not back (most of the new samples are faster)', () => {
    const baseline = [...Array(15).fill(10), ...Array(15).fill(100)] // median 10
    const candidate = [...Array(14).fill(1), ...Array(16).fill(20)] // median 20: "2× slower"
    const v = judgeBaseline({ baseline, candidate, maxSlowdown: 0.5 })
    expect(v.kind).toBe('pass')
    expect(v.evidence).toMatch(/: 2× slower, p=[\d.]+ \(not significant \(p ≥ 0\.01\)\)$/)
  })

  it('passes a real, large relative slowdown of a few milliseconds (the absolute floor)', () => {
    const baseline = range(0, 40).map((i) => 2 + (i % 10) / 10) // about 2.5ms
    const candidate = baseline.map((x) => x + 3) // 5.5ms: 2.2× slower, certainly real, 3 ms
    const v = judgeBaseline({ baseline, candidate, maxSlowdown: 0.5 })
    expect(v.kind).toBe('pass')
    expect(v.evidence).toBe('baseline p50 2.4ms p95 2.9ms (n=40) vs new p50 5.4ms p95 5.9ms (n=40): 2.25× slower, p<0.0001 (difference within the 5ms floor)')
    expect(judgeBaseline({ baseline, candidate, maxSlowdown: 0.5, floorMs: 1 }).kind).toBe('fail')
  })

  it('says when the new version is faster or the same', () => {
    expect(judgeBaseline({ baseline: base, candidate: base.map((x) => x / 2), maxSlowdown: 0.5 }).evidence).toMatch(/: 2× faster, p=1 \(within/)
    expect(judgeBaseline({ baseline: base, candidate: base, maxSlowdown: 0.5 }).evidence).toMatch(/: same median, p=0\.5\d* \(within/)
  })

  it('honours alpha and max-slowdown as given', () => {
    const candidate = base.map((x) => x * 1.3)
    expect(judgeBaseline({ baseline: base, candidate, maxSlowdown: 0.2 }).kind).toBe('fail')
    expect(judgeBaseline({ baseline: base, candidate, maxSlowdown: 0.2, alpha: 1e-12 }).kind).toBe('pass')
  })
})

/**
 * Decision accuracy on simulated latencies: lognormal (median 40 ms, log-scale spread 0.4, a
 * typical service), 1 000 seeded trials per case. Counts of rollbacks, not timings.
 */
describe('judgeBaseline decision accuracy', () => {
  const TRIALS = 1000
  const MEDIAN = 40
  const SIGMA = 0.4

  function failRate(o: { seed: number; n: number; slowdown: number } & Omit<BaselineInput, 'baseline' | 'candidate'>): number {
    const gauss = normal(mulberry32(o.seed))
    let fails = 0
    for (let t = 0; t < TRIALS; t++) {
      const baseline = lognormal(gauss, o.n, MEDIAN, SIGMA)
      const candidate = lognormal(gauss, o.n, MEDIAN * o.slowdown, SIGMA)
      if (judgeBaseline({ ...o, baseline, candidate }).kind === 'fail') fails++
    }
    return fails / TRIALS
  }

  it.each([30, 50, 100])('rolls back an unchanged version in at most 1 percent of trials at %i samples a side', (n) => {
    expect(failRate({ seed: n, n, slowdown: 1, maxSlowdown: 0.5 })).toBeLessThanOrEqual(0.01)
  })

  // With max-slowdown 0 and no floor the rule is the rank test alone, whose false alarms are
  // alpha by construction: about 1 %, not at most 1 %. The medians rule is what keeps them rarer.
  it('the rank test alone is calibrated: about alpha of unchanged trials reach p < 0.01', () => {
    const gauss = normal(mulberry32(99))
    let hits = 0
    for (let t = 0; t < TRIALS; t++) if (mannWhitneyGreater(lognormal(gauss, 50, MEDIAN, SIGMA), lognormal(gauss, 50, MEDIAN, SIGMA)).p < 0.01) hits++
    expect(hits / TRIALS).toBeGreaterThan(0.002)
    expect(hits / TRIALS).toBeLessThan(0.02)
  })

  it('catches a 1.5× slowdown in at least 90% of trials at 50 samples a side (max-slowdown 20%)', () => {
    expect(failRate({ seed: 7, n: 50, slowdown: 1.5, maxSlowdown: 0.2 })).toBeGreaterThanOrEqual(0.9)
  })

  it('catches a 2× slowdown in at least 90% of trials at 50 samples a side with the default max-slowdown 50%', () => {
    expect(failRate({ seed: 8, n: 50, slowdown: 2, maxSlowdown: 0.5 })).toBeGreaterThanOrEqual(0.9)
  })

  it('treats a slowdown of exactly max-slowdown as the boundary it is: caught about half the time', () => {
    // "More than 50 % slower" compares sample medians; a true 1.5× sits on the line.
    const rate = failRate({ seed: 9, n: 50, slowdown: 1.5, maxSlowdown: 0.5 })
    expect(rate).toBeGreaterThan(0.3)
    expect(rate).toBeLessThan(0.7)
  })
})
