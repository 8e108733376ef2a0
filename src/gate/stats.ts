/**
 * The rank test behind the baseline comparison: one-sided Mann-Whitney U with the normal
 * approximation, and the normal tail it needs.
 *
 * Why our own: no small, maintained npm package does a tie-corrected one-sided test with a
 * p-value (mann-whitney-utest gives critical values only and ignores ties; simple-statistics has
 * the rank sum but no p-value; jstat and @stdlib have no two-sample rank test).
 */

export interface RankTest {
  /** U of the first sample: the pairs (x, y) with x > y, ties counting one half. */
  u: number
  /** Standardized U, continuity- and tie-corrected (0 when every value is equal). */
  z: number
  /** One-sided p-value: the chance of a U this large or larger if both samples came from one distribution. */
  p: number
}

/**
 * Is `sample` stochastically larger (for latencies: slower) than `reference`? Ranks the pooled
 * values (ties get their mean rank), then compares U with its null distribution through the
 * normal approximation: mean n1·n2/2, variance n1·n2/12 · (N + 1 − Σ(t³ − t) / (N(N − 1))) where
 * t runs over the sizes of the groups of tied values, and a continuity correction of ½. This is
 * what R's wilcox.test(exact = FALSE, correct = TRUE, alternative = "greater") and SciPy's
 * mannwhitneyu(method = "asymptotic", alternative = "greater") compute. The approximation is good
 * from about 20 values a side; the baseline rule asks for 30.
 *
 * An empty sample, or all values equal, gives p = 1: no evidence of a difference.
 */
export function mannWhitneyGreater(sample: readonly number[], reference: readonly number[]): RankTest {
  const n1 = sample.length
  const n2 = reference.length
  if (![...sample, ...reference].every(Number.isFinite)) throw new RangeError('mannWhitneyGreater: every value must be a finite number')
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, p: 1 }
  const n = n1 + n2
  const pooled = [...sample.map((v) => ({ v, first: true })), ...reference.map((v) => ({ v, first: false }))].sort((a, b) => a.v - b.v)
  let rankSum = 0
  let ties = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && pooled[j + 1].v === pooled[i].v) j++
    const meanRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) if (pooled[k].first) rankSum += meanRank
    const t = j - i + 1
    ties += t * t * t - t
    i = j + 1
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)))
  if (!(variance > 0)) return { u, z: 0, p: 1 }
  const z = (u - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance)
  return { u, z, p: normalUpperTail(z) }
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2)
}

/**
 * The complementary error function by the Chebyshev fit of Press et al., Numerical Recipes (2nd
 * ed., §6.2, erfcc): relative error below 1.2e-7 for every x, so even the tiny p-values of a
 * clear slowdown keep their leading digits (a plain 1 − Φ(z) would round them to 0).
 */
export function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x))
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  const r = t * Math.exp(-x * x + poly)
  return x >= 0 ? r : 2 - r
}
