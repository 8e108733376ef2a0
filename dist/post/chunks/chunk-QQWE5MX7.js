import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/gate/policy.ts
var STARTING_STATUSES = /* @__PURE__ */ new Set([502, 503, 504]);
var GatePolicy = class {
  constructor(s, startedAt) {
    this.s = s;
    this.startedAt = startedAt;
    if (s.soakOnly) this.passedAt = startedAt;
  }
  s;
  startedAt;
  endpoints = /* @__PURE__ */ new Map();
  passes = 0;
  passedAt;
  /** The first round past the end of the soak, when a streak was still running: the grace runs from here. */
  overtimeFrom;
  /** The health check has passed (soaking now, when there is a soak). */
  get passed() {
    return this.passedAt !== void 0;
  }
  /** Consecutive passing rounds so far. */
  get passingRounds() {
    return this.passes;
  }
  observe(at, round) {
    let failed;
    for (const o of round) {
      const e = this.state(o.name, o.rule);
      if (o.abstain) {
        if (o.abstain === "required" && o.failure) {
          e.lastFailure = o.failure;
          e.lastFailedAt = at;
        }
        continue;
      }
      if (o.ok || o.answered && !STARTING_STATUSES.has(o.status ?? 0)) e.answered = true;
      if (o.ok) {
        e.streak = 0;
        continue;
      }
      e.lastFailure = o.failure;
      e.lastFailedAt = at;
      if (o.failure?.kind === "config") {
        e.streak++;
        failed ??= this.failure("config", e);
        continue;
      }
      if (!e.answered && !this.passed) continue;
      e.streak++;
      if (e.streak >= this.s.failureThreshold && !failed) {
        const check = o.rule ?? (this.passed ? "soak" : "health");
        failed = this.failure(check, e);
      }
    }
    if (failed) return failed;
    if (!this.passed) {
      const deadline = at - this.startedAt >= this.s.startupTimeoutMs;
      this.passes = round.every((o) => o.ok || o.abstain && o.abstain !== "required") ? this.passes + 1 : 0;
      const held = round.some((o) => o.abstain === "wait") && !deadline;
      if (this.passes >= this.s.successThreshold && !held) {
        this.passedAt = at;
        return this.s.soakMs > 0 ? { kind: "continue" } : { kind: "passed", phase: "health" };
      }
      if (deadline) return this.failure("startup-timeout", this.startupCulprit(round));
      return { kind: "continue" };
    }
    if (at - this.passedAt < this.s.soakMs) return { kind: "continue" };
    if (!this.counting()) return { kind: "passed", phase: "soak" };
    this.overtimeFrom ??= at;
    if (at >= this.dueAt()) return this.failure("soak", this.longestStreak());
    return { kind: "continue" };
  }
  /** Some endpoint is part-way to the failure threshold: the verdict may be near, so do not wait longer than the interval. */
  counting() {
    return [...this.endpoints.values()].some((e) => e.streak > 0);
  }
  /** Whether the endpoint has answered, and its counted streak (for the round's log line). */
  endpoint(name, rule) {
    const e = this.state(name, rule);
    return { answered: e.answered, streak: e.streak };
  }
  /** When the next decision falls due without a probe: the startup deadline, the end of the soak, then the end of its grace. */
  dueAt() {
    if (this.passedAt === void 0) return this.startedAt + this.s.startupTimeoutMs;
    if (this.overtimeFrom !== void 0) return this.overtimeFrom + this.s.failureThreshold * this.s.intervalMs;
    return this.passedAt + this.s.soakMs;
  }
  /** The endpoint closest to the threshold (the first of equals): the one blamed when the grace runs out. */
  longestStreak() {
    let worst;
    for (const e of this.endpoints.values()) if (e.streak > 0 && (!worst || e.streak > worst.streak)) worst = e;
    return worst;
  }
  /** The endpoint to blame at the deadline: one failing now, else the one that failed last. */
  startupCulprit(round) {
    const failingNow = round.find((o) => !o.ok && (!o.abstain || o.abstain === "required"));
    if (failingNow) return this.state(failingNow.name, failingNow.rule);
    let last;
    for (const e of this.endpoints.values()) if (e.lastFailedAt !== void 0 && (!last || e.lastFailedAt > last.lastFailedAt)) last = e;
    return last;
  }
  failure(check, e) {
    return {
      kind: "failed",
      check,
      endpoint: e?.name ?? "",
      ...e?.rule ? { rule: e.rule } : {},
      failures: e?.streak ?? 0,
      failure: e?.lastFailure,
      answered: e?.answered ?? false,
      passes: this.passes
    };
  }
  state(name, rule) {
    const key = `${rule ?? "url"} ${name}`;
    let e = this.endpoints.get(key);
    if (!e) {
      e = { name, rule, answered: false, streak: 0 };
      this.endpoints.set(key, e);
    }
    return e;
  }
};
var RETRY_AFTER_CAP = 4;
function nextDelay(o) {
  let wait = o.intervalMs;
  if (o.retryAfterMs !== void 0 && !o.counting) wait = Math.min(Math.max(wait, o.retryAfterMs), RETRY_AFTER_CAP * o.intervalMs);
  return Math.max(0, Math.min(wait - o.elapsedMs, o.untilDueMs));
}
function percent(x) {
  return `${(x * 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

export {
  GatePolicy,
  nextDelay,
  percent
};
