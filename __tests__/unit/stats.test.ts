import { describe, expect, it } from 'vitest'
import { erfc, mannWhitneyGreater, normalUpperTail } from '../../src/gate/stats.js'
import { lognormal, mulberry32, normal } from '../helpers/seeded.js'

/** Relative difference, for values that span many orders of magnitude. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

/** U by its definition, pair by pair (independent of the ranking in the code under test). */
function pairU(x: number[], y: number[]): number {
  let u = 0
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0
  return u
}

/** Every split of the pooled values into groups of n1 and n2: the exact null distribution of U, ties included. */
function permutationUs(x: number[], y: number[]): number[] {
  const pooled = [...x, ...y]
  const us: number[] = []
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === x.length) {
      const set = new Set(chosen)
      us.push(
        pairU(
          chosen.map((i) => pooled[i]),
          pooled.filter((_, i) => !set.has(i)),
        ),
      )
      return
    }
    for (let i = start; i <= pooled.length - (x.length - chosen.length); i++) pick(i + 1, [...chosen, i])
  }
  pick(0, [])
  return us
}

function exactP(x: number[], y: number[]): number {
  const observed = pairU(x, y)
  const us = permutationUs(x, y)
  return us.filter((u) => u >= observed - 1e-9).length / us.length
}

describe('erfc', () => {
  // Reference values: Python's math.erfc (correctly rounded libm), and the identity erfc(-x) = 2 - erfc(x).
  const known: Array<[number, number]> = [
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-5],
    [5, 1.5374597944280349e-12],
    [-1, 1.8427007929497148],
  ]
  it.each(known)('erfc(%d) within the stated relative error 1.2e-7', (x, want) => {
    expect(rel(erfc(x), want)).toBeLessThan(1.2e-7)
  })

  it('gives the textbook normal quantiles', () => {
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 7)
    expect(normalUpperTail(2.326347874040841)).toBeCloseTo(0.01, 7)
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7)
    expect(normalUpperTail(-3)).toBeCloseTo(1 - 0.0013498980316301, 7)
  })
})

describe('mannWhitneyGreater', () => {
  it('matches the published ClickHouse example (no ties)', () => {
    // mannWhitneyUTest('greater') over (10, 11, 12) vs (1, 2, 3) → (9, 0.04042779918503192), ClickHouse docs.
    const r = mannWhitneyGreater([10, 11, 12], [1, 2, 3])
    expect(r.u).toBe(9)
    expect(rel(r.p, 0.04042779918503192)).toBeLessThan(1e-6)
  })

  // R's ?wilcox.test example (Hollander & Wolfe): wilcox.test(x, y, alternative = "g") → W = 35, p-value = 0.1272 (exact).
  const rx = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
  const ry = [1.15, 0.88, 0.9, 0.74, 1.21]

  it("matches R's published example: W = 35, and the exact permutation p 0.1272 is near the approximation", () => {
    const r = mannWhitneyGreater(rx, ry)
    expect(r.u).toBe(35)
    expect(exactP(rx, ry)).toBeCloseTo(0.1272, 4) // our enumeration reproduces R's exact value
    // SciPy 1.17 mannwhitneyu(x, y, alternative='greater', method='asymptotic') → 0.12231180256349167.
    expect(rel(r.p, 0.12231180256349167)).toBeLessThan(1e-6)
  })

  it('corrects for ties as SciPy does', () => {
    // SciPy 1.17 mannwhitneyu(a, b, alternative='greater', method='asymptotic') → (47.5, 0.11654019949938615).
    const r = mannWhitneyGreater([1, 2, 2, 3, 3, 3, 4, 5, 5, 6], [1, 1, 2, 2, 3, 4, 4])
    expect(r.u).toBe(47.5)
    expect(rel(r.p, 0.11654019949938615)).toBeLessThan(1e-6)
  })

  it('keeps the leading digits of tiny p-values (latencies in whole ms, 30 a side, many ties)', () => {
    const base = [40, 44, 37, 31, 35, 30, 41, 60, 35, 33, 46, 45, 41, 30, 40, 49, 27, 35, 23, 27, 23, 37, 27, 43, 42, 38, 19, 34, 39, 41]
    const slow = [38, 52, 45, 47, 82, 47, 59, 78, 50, 58, 62, 61, 42, 61, 90, 38, 78, 62, 49, 109, 75, 42, 61, 71, 57, 74, 59, 73, 92, 49]
    // SciPy 1.17: (843.5, 3.063239997033585e-09).
    const r = mannWhitneyGreater(slow, base)
    expect(r.u).toBe(843.5)
    expect(rel(r.p, 3.063239997033585e-9)).toBeLessThan(1e-5)
    // SciPy 1.17, 40 a side with no overlap: 7.17542653196834e-15; the other way round is all but 1.
    const high = Array.from({ length: 40 }, (_, i) => 100 + i)
    const low = Array.from({ length: 40 }, (_, i) => i)
    expect(rel(mannWhitneyGreater(high, low).p, 7.17542653196834e-15)).toBeLessThan(1e-5)
    expect(mannWhitneyGreater(low, high).p).toBeGreaterThan(0.999999)
  })

  it('uses the exact null variance with ties, and U agrees with pair counting', () => {
    const rand = mulberry32(11)
    for (let trial = 0; trial < 5; trial++) {
      // Values from a small set: heavy ties.
      const x = Array.from({ length: 6 }, () => Math.floor(rand() * 4))
      const y = Array.from({ length: 7 }, () => Math.floor(rand() * 4))
      const r = mannWhitneyGreater(x, y)
      expect(r.u).toBe(pairU(x, y))
      const us = permutationUs(x, y)
      const mean = us.reduce((s, u) => s + u, 0) / us.length
      const variance = us.reduce((s, u) => s + (u - mean) ** 2, 0) / us.length
      expect(mean).toBeCloseTo((6 * 7) / 2, 9)
      if (r.z !== 0) expect((r.u - mean - 0.5) / r.z).toBeCloseTo(Math.sqrt(variance), 9)
    }
  })

  it('is close to the exact permutation p on small tied samples', () => {
    const gauss = normal(mulberry32(5))
    for (let trial = 0; trial < 4; trial++) {
      const x = lognormal(gauss, 8, 50, 0.3).map(Math.round)
      const y = lognormal(gauss, 8, 40, 0.3).map(Math.round)
      expect(Math.abs(mannWhitneyGreater(x, y).p - exactP(x, y))).toBeLessThan(0.02)
    }
  })

  it('says "no evidence" for empty samples and for all-equal values, and refuses non-numbers', () => {
    expect(mannWhitneyGreater([], [1, 2])).toEqual({ u: 0, z: 0, p: 1 })
    expect(mannWhitneyGreater([5, 5, 5], [5, 5])).toMatchObject({ z: 0, p: 1 })
    expect(() => mannWhitneyGreater([1, NaN], [1])).toThrow(/finite/)
    expect(() => mannWhitneyGreater([1], [Infinity])).toThrow(/finite/)
  })
})
