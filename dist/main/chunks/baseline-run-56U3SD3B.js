import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  percent,
  percentile
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/gate/stats.ts
function mannWhitneyGreater(sample, reference) {
  const n1 = sample.length;
  const n2 = reference.length;
  if (![...sample, ...reference].every(Number.isFinite)) throw new RangeError("mannWhitneyGreater: every value must be a finite number");
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, p: 1 };
  const n = n1 + n2;
  const pooled = [...sample.map((v) => ({ v, first: true })), ...reference.map((v) => ({ v, first: false }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && pooled[j + 1].v === pooled[i].v) j++;
    const meanRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (pooled[k].first) rankSum += meanRank;
    const t = j - i + 1;
    ties += t * t * t - t;
    i = j + 1;
  }
  const u = rankSum - n1 * (n1 + 1) / 2;
  const variance = n1 * n2 / 12 * (n + 1 - ties / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, p: 1 };
  const z = (u - n1 * n2 / 2 - 0.5) / Math.sqrt(variance);
  return { u, z, p: normalUpperTail(z) };
}
function normalUpperTail(z) {
  return 0.5 * erfc(z / Math.SQRT2);
}
function erfc(x) {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-x * x + poly);
  return x >= 0 ? r : 2 - r;
}

// src/gate/baseline.ts
var BASELINE_SIGNAL = "baseline";
var BASELINE_DEFAULTS = {
  /** Below this many samples on either side the normal approximation is poor: the comparison abstains. */
  minSamples: 30,
  /** p below this counts as a real slowdown; 1 % keeps false rollbacks of an unchanged version rare. */
  alpha: 0.01,
  /** A median difference at or below this many ms never fails: 1 ms → 2 ms is "100 % slower" and harmless. */
  floorMs: 5
};
function judgeBaseline(input) {
  const minSamples = input.minSamples ?? BASELINE_DEFAULTS.minSamples;
  const alpha = input.alpha ?? BASELINE_DEFAULTS.alpha;
  const floorMs = input.floorMs ?? BASELINE_DEFAULTS.floorMs;
  const nb = input.baseline.length;
  const nc = input.candidate.length;
  if (nb < minSamples || nc < minSamples) {
    return { signal: BASELINE_SIGNAL, kind: "abstain", evidence: `only ${nb} baseline / ${nc} new samples, need ${minSamples}` };
  }
  const baseline = sampleOf(input.baseline);
  const candidate = sampleOf(input.candidate);
  const test = mannWhitneyGreater(input.candidate, input.baseline);
  const ratio = baseline.p50 > 0 ? candidate.p50 / baseline.p50 : candidate.p50 > 0 ? Infinity : 1;
  const comparison = { baseline, candidate, ratio, test };
  const limit = `max-slowdown ${percent(input.maxSlowdown)}`;
  const slower = candidate.p50 > baseline.p50 * (1 + input.maxSlowdown);
  const real = test.p < alpha;
  const big = candidate.p50 - baseline.p50 > floorMs;
  const facts = `${describe("baseline", baseline)} vs ${describe("new", candidate)}: ${ratioText(ratio)}, ${pText(test.p)}`;
  if (slower && real && big) return { signal: BASELINE_SIGNAL, kind: "fail", evidence: `${facts} (over ${limit})`, comparison };
  const why = !slower ? `within ${limit}` : !real ? `not significant (p \u2265 ${alpha})` : `difference within the ${msText(floorMs)} floor`;
  return { signal: BASELINE_SIGNAL, kind: "pass", evidence: `${facts} (${why})`, comparison };
}
function sampleOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: values.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}
function describe(label, s) {
  return `${label} p50 ${msText(s.p50)} p95 ${msText(s.p95)} (n=${s.n})`;
}
function msText(ms) {
  return `${ms < 10 ? Number(ms.toFixed(1)) : Math.round(ms)}ms`;
}
function ratioText(ratio) {
  if (ratio === Infinity) return "slower";
  const times = (r) => `${r < 10 ? Number(r.toFixed(2)) : Math.round(r)}\xD7`;
  if (ratio >= 1.005) return `${times(ratio)} slower`;
  if (ratio <= 1 / 1.005) return `${times(1 / ratio)} faster`;
  return "same median";
}
function pText(p) {
  return p < 1e-4 ? "p<0.0001" : `p=${Number(p.toPrecision(2))}`;
}

// src/gate/signals/baseline-run.ts
var BASELINE_SUBJECT = "baseline";
function startBaseline(c, ctx) {
  const candidate = [];
  const baseline = ctx.baseline ?? [];
  const rule = `median at most ${percent(c.maxSlowdown)} slower than the live version's (p < 0.01)`;
  let passed;
  return {
    passText: () => passed && `baseline: ${passed}`,
    observe(round) {
      for (const v of round.votes) if (v.id === "http" && v.kind === "pass" && v.latencyMs !== void 0) candidate.push(v.latencyMs);
      const vote = judgeBaseline({ baseline, candidate, maxSlowdown: c.maxSlowdown });
      const short = baseline.length < BASELINE_DEFAULTS.minSamples;
      const evidence = short && baseline.length === 0 ? "no baseline was collected (baseline-duration runs before a deploy only)" : vote.evidence;
      passed = vote.kind === "pass" ? evidence : void 0;
      return Promise.resolve([
        {
          id: "baseline",
          signal: BASELINE_SUBJECT,
          subject: BASELINE_SUBJECT,
          rule,
          kind: vote.kind,
          evidence,
          answered: vote.kind !== "abstain",
          ...vote.kind === "abstain" ? { abstain: short ? "free" : "wait" } : {}
        }
      ]);
    }
  };
}
export {
  BASELINE_SUBJECT,
  startBaseline
};
