import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  GatePolicy,
  activeSignals,
  nextDelay,
  redact
} from "./chunk-TBK4Y2ZQ.js";
import {
  HttpDispatcher,
  durationText,
  sleep
} from "./chunk-JQ6SVAIG.js";
import "./chunk-HANBNIMK.js";

// src/gate/reasons.ts
function failReason(cfg, d, facts) {
  const f = d.failure;
  const body = f?.bodyExcerpt ? ` (body: "${f.bodyExcerpt.length > 120 ? `${f.bodyExcerpt.slice(0, 120)}\u2026` : f.bodyExcerpt}")` : "";
  if (d.check === "config") return `config: ${d.endpoint} could not be probed: ${f?.message ?? "the request could not be sent"}`;
  if (d.check === "error-rate") return `error-rate: ${f?.message ?? "error rate over the maximum"} on ${d.failures} consecutive reads of ${d.endpoint}`;
  if (d.check !== "startup-timeout" && d.check !== "soak" && d.check !== "health") {
    return `${d.check}: ${f?.message ?? `${d.endpoint} failed`} on ${d.failures} consecutive round${d.failures === 1 ? "" : "s"}`;
  }
  if (d.check === "startup-timeout") {
    const within = `within ${durationText(cfg.startupTimeoutMs)}`;
    if (!d.endpoint) return `startup-timeout: only ${d.passes}/${cfg.successThreshold} consecutive rounds passed ${within}`;
    const probes = d.rule ? facts.rounds : facts.probesOf(d.endpoint) ?? facts.rounds;
    const what = d.answered ? "not healthy" : d.rule && d.rule !== "error-rate" ? "gave no data" : "never answered";
    const who = d.rule && d.rule !== "error-rate" ? `${d.rule} ${d.endpoint}` : d.endpoint;
    return `startup-timeout: ${who} ${what} ${within}: ${f?.message ?? "no passing round"}${body} (${probes} ${d.rule ? "reads" : "probes"})`;
  }
  if (d.check === "soak" && d.failures < cfg.failureThreshold) {
    const grace = durationText(cfg.failureThreshold * cfg.intervalMs);
    return `soak: ${d.endpoint} kept failing intermittently through the ${durationText(cfg.soakMs)} soak and had not recovered ${grace} after it: ${f?.message ?? "failed"}${body}`;
  }
  return `${d.check}: ${d.endpoint} failed ${d.failures} consecutive probes: ${f?.message ?? "failed"}${body}`;
}
function passReason(o) {
  const { cfg } = o;
  const parts = [];
  if (!o.soakOnly) parts.push(`${cfg.successThreshold}/${cfg.successThreshold} consecutive rounds ok`);
  if (cfg.soakMs > 0) {
    const blips = o.soakFailures ? ` (${o.soakFailures} failed probe${o.soakFailures === 1 ? "" : "s"}, recovered)` : "";
    parts.push(`healthy through a ${durationText(cfg.soakMs)} soak${blips}`);
  }
  parts.push(...o.facts);
  return `passed: ${parts.join(", ")}`;
}

// src/gate/tally.ts
var VoteTally = class {
  entries = /* @__PURE__ */ new Map();
  add(votes) {
    for (const v of votes) {
      const key = `${v.id} ${v.subject}`;
      const entry = this.entries.get(key) ?? { evidence: { id: v.id, name: v.subject, rule: v.rule, vote: "no data", evidence: "" }, votes: 0 };
      entry.votes++;
      if (v.kind !== "abstain" || entry.evidence.vote === "no data") {
        entry.evidence = { ...entry.evidence, vote: v.kind === "pass" ? "passed" : v.kind === "fail" ? "failed" : "no data", evidence: v.evidence };
      }
      this.entries.set(key, entry);
    }
  }
  /** How many rounds a subject voted in (for the probe count of "never answered"). */
  count(id, subject) {
    return this.entries.get(`${id} ${subject}`)?.votes;
  }
  evidence() {
    return [...this.entries.values()].map((e) => e.evidence);
  }
  /** "error-rate: no data (only 3 requests …)" for each subject that never voted: a pass is never claimed for it. */
  noData() {
    return this.evidence().filter((e) => e.vote === "no data").map((e) => `${e.name}: no data (${e.evidence})`);
  }
};

// src/gate/gate.ts
async function runGate(cfg, o) {
  const now = o.now ?? Date.now;
  const startedAt = now();
  const log = (line) => o.log?.(redact(line));
  const signals = activeSignals(cfg);
  const tally = new VoteTally();
  let rounds = 0;
  let soakFailures = 0;
  let runs = [];
  const verdict = (passed, check, reason, end) => ({
    passed,
    check,
    reason: redact(reason),
    durationMs: now() - startedAt,
    rounds,
    endpoints: [],
    ...runs.reduce((parts, r) => ({ ...parts, ...r.run.verdictPart?.(end) }), {}),
    signals: tally.evidence()
  });
  if (signals.length === 0) {
    return verdict(true, "none", "passed: nothing to probe (no health URLs and no error-rate rule)", { passed: true, cancelled: false, decidedBy: "" });
  }
  const policy = policyFor(cfg, o, startedAt);
  const agent = new HttpDispatcher();
  const ctx = {
    cfg,
    version: o.version,
    previousVersion: o.previousVersion,
    environment: o.environment,
    baseline: o.baseline,
    dispatcher: agent,
    signal: o.signal
  };
  runs = signals.map(({ def, config }) => ({ def, run: def.start(config, ctx) }));
  const cancelled = () => verdict(false, "cancelled", `cancelled: the gate was stopped after ${rounds} round${rounds === 1 ? "" : "s"}`, {
    passed: false,
    cancelled: true,
    decidedBy: ""
  });
  try {
    for (; ; ) {
      if (o.signal?.aborted) return cancelled();
      const roundStart = now();
      const soaking = policy.passed;
      const votes = await observeRound(runs, { round: rounds + 1, soaking, votes: [] });
      if (o.signal?.aborted) return cancelled();
      rounds++;
      if (soaking) soakFailures += votes.filter((v) => v.kind === "fail").length;
      tally.add(votes);
      const at = (/* @__PURE__ */ new Date()).toISOString();
      const decision = policy.observe(
        now(),
        votes.map((v) => observation(v, runs, at))
      );
      log(`round ${rounds}${soaking ? " (soak)" : ""}: ${votes.map((v) => voteText(v, policy, cfg.failureThreshold)).join("; ")}`);
      const done = decide(decision, { cfg, o, runs, tally, rounds, soakFailures, verdict });
      if (done) return done;
      const wait = delayAfter(cfg, policy, votes, now() - roundStart, now());
      if (wait > 0) await sleep(wait, o.signal);
    }
  } finally {
    await Promise.all(runs.map(async (r) => r.run.close?.()).map(async (p) => p.catch(() => void 0)));
    await agent.destroy().catch(() => void 0);
  }
}
function decide(decision, g) {
  if (decision.kind === "passed") {
    const facts = g.runs.map((r) => r.run.passText?.()).filter((t) => Boolean(t));
    const reason = passReason({ cfg: g.cfg, soakOnly: g.o.soakOnly, soakFailures: g.soakFailures, facts: [...facts, ...g.tally.noData()] });
    return g.verdict(true, decision.phase, reason, { passed: true, cancelled: false, decidedBy: "" });
  }
  if (decision.kind === "failed") {
    const end = { passed: false, cancelled: false, decidedBy: decision.endpoint, decidedById: decision.rule ?? "http" };
    const probesOf = (endpoint) => g.tally.count("http", endpoint);
    return g.verdict(false, decision.check, failReason(g.cfg, decision, { rounds: g.rounds, probesOf }), end);
  }
  return void 0;
}
function policyFor(cfg, o, startedAt) {
  const { successThreshold, failureThreshold, startupTimeoutMs, soakMs, intervalMs } = cfg;
  return new GatePolicy({ successThreshold, failureThreshold, startupTimeoutMs, soakMs, intervalMs, soakOnly: o.soakOnly }, startedAt);
}
function delayAfter(cfg, policy, votes, elapsedMs, t) {
  const retryAfters = votes.map((v) => v.retryAfterMs).filter((ms) => ms !== void 0);
  return nextDelay({
    intervalMs: cfg.intervalMs,
    elapsedMs,
    retryAfterMs: retryAfters.length ? Math.max(...retryAfters) : void 0,
    counting: policy.counting(),
    untilDueMs: policy.dueAt() - t
  });
}
async function observeRound(runs, round) {
  const first = await Promise.all(runs.filter((r) => !r.def.readsVotes).map((r) => r.run.observe(round)));
  const votes = first.flat();
  const later = await Promise.all(runs.filter((r) => r.def.readsVotes).map((r) => r.run.observe({ ...round, votes })));
  return [...votes, ...later.flat()];
}
function observation(v, runs, at) {
  const abstain = v.kind === "abstain" ? v.abstain ?? runs.find((r) => r.def.id === v.id)?.def.abstain ?? "free" : void 0;
  const failure = v.failure ?? (v.kind === "pass" ? void 0 : { at, kind: "error", message: v.evidence });
  return {
    name: v.subject,
    ...v.id === "http" ? {} : { rule: v.id },
    ...abstain ? { abstain } : {},
    ok: v.kind === "pass",
    answered: v.answered,
    ...v.status !== void 0 ? { status: v.status } : {},
    ...failure ? { failure } : {}
  };
}
function voteText(v, policy, threshold) {
  if (v.kind !== "fail") return v.evidence;
  const state = policy.endpoint(v.subject, v.id === "http" ? void 0 : v.id);
  return `${v.evidence} ${state.streak > 0 ? `(failure ${state.streak}/${threshold})` : "(starting)"}`;
}
export {
  runGate
};
