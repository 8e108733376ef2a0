export const id = 829;
export const ids = [829];
export const modules = {

/***/ 3829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BASELINE_DEFAULTS: () => (/* binding */ BASELINE_DEFAULTS),
  judgeBaseline: () => (/* binding */ judgeBaseline)
});

// UNUSED EXPORTS: BASELINE_SIGNAL

// EXTERNAL MODULE: ./src/gate/latency.ts
var latency = __webpack_require__(6637);
// EXTERNAL MODULE: ./src/gate/policy.ts
var policy = __webpack_require__(2601);
;// CONCATENATED MODULE: ./src/gate/stats.ts
/**
 * The rank test behind the baseline comparison: one-sided Mann-Whitney U with the normal
 * approximation, and the normal tail it needs.
 *
 * Why our own: no small, maintained npm package does a tie-corrected one-sided test with a
 * p-value (mann-whitney-utest gives critical values only and ignores ties; simple-statistics has
 * the rank sum but no p-value; jstat and @stdlib have no two-sample rank test).
 */
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
function mannWhitneyGreater(sample, reference) {
    const n1 = sample.length;
    const n2 = reference.length;
    if (![...sample, ...reference].every(Number.isFinite))
        throw new RangeError('mannWhitneyGreater: every value must be a finite number');
    if (n1 === 0 || n2 === 0)
        return { u: 0, z: 0, p: 1 };
    const n = n1 + n2;
    const pooled = [...sample.map((v) => ({ v, first: true })), ...reference.map((v) => ({ v, first: false }))].sort((a, b) => a.v - b.v);
    let rankSum = 0;
    let ties = 0;
    for (let i = 0; i < n;) {
        let j = i;
        while (j + 1 < n && pooled[j + 1].v === pooled[i].v)
            j++;
        const meanRank = (i + j) / 2 + 1;
        for (let k = i; k <= j; k++)
            if (pooled[k].first)
                rankSum += meanRank;
        const t = j - i + 1;
        ties += t * t * t - t;
        i = j + 1;
    }
    const u = rankSum - (n1 * (n1 + 1)) / 2;
    const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
    if (!(variance > 0))
        return { u, z: 0, p: 1 };
    const z = (u - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
    return { u, z, p: normalUpperTail(z) };
}
/** P(Z > z) for a standard normal Z. */
function normalUpperTail(z) {
    return 0.5 * erfc(z / Math.SQRT2);
}
/**
 * The complementary error function by the Chebyshev fit of Press et al., Numerical Recipes (2nd
 * ed., §6.2, erfcc): relative error below 1.2e-7 for every x, so even the tiny p-values of a
 * clear slowdown keep their leading digits (a plain 1 − Φ(z) would round them to 0).
 */
function erfc(x) {
    const t = 1 / (1 + 0.5 * Math.abs(x));
    const poly = -1.26551223 +
        t *
            (1.00002368 +
                t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    const r = t * Math.exp(-x * x + poly);
    return x >= 0 ? r : 2 - r;
}

;// CONCATENATED MODULE: ./src/gate/baseline.ts
/**
 * The baseline comparison, pure: the live version's latencies (probed before deploying) against
 * the new version's, and a vote. The rule, as in Kayenta's judge: fail only when the slowdown is
 * big (the new median more than max-slowdown above the baseline's), real (a one-sided rank test
 * gives p < alpha) and not trivial (the medians differ by more than a few milliseconds).
 */



const BASELINE_SIGNAL = 'baseline';
/** The rule's fixed parts; max-slowdown is the user's. */
const BASELINE_DEFAULTS = {
    /** Below this many samples on either side the normal approximation is poor: the comparison abstains. */
    minSamples: 30,
    /** p below this counts as a real slowdown; 1 % keeps false rollbacks of an unchanged version rare. */
    alpha: 0.01,
    /** A median difference at or below this many ms never fails: 1 ms → 2 ms is "100 % slower" and harmless. */
    floorMs: 5,
};
function judgeBaseline(input) {
    const minSamples = input.minSamples ?? BASELINE_DEFAULTS.minSamples;
    const alpha = input.alpha ?? BASELINE_DEFAULTS.alpha;
    const floorMs = input.floorMs ?? BASELINE_DEFAULTS.floorMs;
    const nb = input.baseline.length;
    const nc = input.candidate.length;
    if (nb < minSamples || nc < minSamples) {
        return { signal: BASELINE_SIGNAL, kind: 'abstain', evidence: `only ${nb} baseline / ${nc} new samples, need ${minSamples}` };
    }
    const baseline = sampleOf(input.baseline);
    const candidate = sampleOf(input.candidate);
    const test = mannWhitneyGreater(input.candidate, input.baseline);
    const ratio = baseline.p50 > 0 ? candidate.p50 / baseline.p50 : candidate.p50 > 0 ? Infinity : 1;
    const comparison = { baseline, candidate, ratio, test };
    const limit = `max-slowdown ${(0,policy/* percent */.KN)(input.maxSlowdown)}`;
    const slower = candidate.p50 > baseline.p50 * (1 + input.maxSlowdown);
    const real = test.p < alpha;
    const big = candidate.p50 - baseline.p50 > floorMs;
    const facts = `${describe('baseline', baseline)} vs ${describe('new', candidate)}: ${ratioText(ratio)}, ${pText(test.p)}`;
    if (slower && real && big)
        return { signal: BASELINE_SIGNAL, kind: 'fail', evidence: `${facts} (over ${limit})`, comparison };
    // The first rule that let it pass, so the reader knows how close it came.
    const why = !slower ? `within ${limit}` : !real ? `not significant (p ≥ ${alpha})` : `difference within the ${msText(floorMs)} floor`;
    return { signal: BASELINE_SIGNAL, kind: 'pass', evidence: `${facts} (${why})`, comparison };
}
function sampleOf(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return { n: values.length, p50: (0,latency/* percentile */.Y)(sorted, 0.5), p95: (0,latency/* percentile */.Y)(sorted, 0.95) };
}
/** "baseline p50 42ms p95 60ms (n=50)". */
function describe(label, s) {
    return `${label} p50 ${msText(s.p50)} p95 ${msText(s.p95)} (n=${s.n})`;
}
/** Whole ms, with one decimal below 10 ms (loopback latencies are often under 1 ms). */
function msText(ms) {
    return `${ms < 10 ? Number(ms.toFixed(1)) : Math.round(ms)}ms`;
}
/** 3.1 → "3.1× slower", 0.5 → "2× faster"; within half a percent, "same median". */
function ratioText(ratio) {
    if (ratio === Infinity)
        return 'slower';
    const times = (r) => `${r < 10 ? Number(r.toFixed(2)) : Math.round(r)}×`;
    if (ratio >= 1.005)
        return `${times(ratio)} slower`;
    if (ratio <= 1 / 1.005)
        return `${times(1 / ratio)} faster`;
    return 'same median';
}
/** Two significant digits; below 0.0001 only the bound matters. */
function pText(p) {
    return p < 0.0001 ? 'p<0.0001' : `p=${Number(p.toPrecision(2))}`;
}


/***/ })

};
