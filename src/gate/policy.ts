/**
 * The health gate's decisions, pure: observations and the time come in, a decision comes out.
 * No timers and no I/O, so every rule is unit-tested exactly (gate.ts does the probing and sleeping).
 */
import type { AbstainRule } from './signals/types.js'
import type { ProbeFailure, SignalId } from './types.js'

/** A signal other than the HTTP probe: its failure streak fails the check of its own name. */
export type Rule = Exclude<SignalId, 'http'>

/** What one round saw of one subject: a health URL, or another signal's subject (a metrics URL, a query, the command). */
export interface Observation {
  /** The URL (without credentials); for another signal, its subject (the metrics URL, the query's name). */
  name: string
  /** Set for every signal but the HTTP probe: its failures fail the check of that name. */
  rule?: Rule
  /** The signal had no data this round; how that weighs on the round (see AbstainRule). Never counts as a failure. */
  abstain?: AbstainRule
  ok: boolean
  /** An HTTP response came back (for the error rate: the metrics endpoint answered). */
  answered: boolean
  status?: number
  failure?: ProbeFailure
}

/** `config`: a request could not be sent at all (a client-side configuration error); it fails at once. */
export type Check = 'health' | 'soak' | 'startup-timeout' | 'config' | Rule

export interface FailedDecision {
  kind: 'failed'
  check: Check
  /** The endpoint that decided; '' when none failed (the deadline came between passing rounds). */
  endpoint: string
  rule?: Rule
  /** Its consecutive counted failures. */
  failures: number
  failure?: ProbeFailure
  /** Whether that endpoint ever answered (a startup timeout says "never answered" otherwise). */
  answered: boolean
  /** Consecutive passing rounds at the time (for the startup-timeout evidence). */
  passes: number
}

export type Decision = { kind: 'continue' } | { kind: 'passed'; phase: 'health' | 'soak' } | FailedDecision

export interface PolicySettings {
  successThreshold: number
  failureThreshold: number
  startupTimeoutMs: number
  soakMs: number
  /** Between round starts: sizes the grace a failure streak still running at the end of the soak gets. */
  intervalMs: number
  /** Start already passed: the soak after the smoke command, where every failure counts from the first probe. */
  soakOnly?: boolean
}

interface EndpointState {
  name: string
  rule?: Rule
  answered: boolean
  /** Consecutive failures that count toward the threshold. */
  streak: number
  lastFailure?: ProbeFailure
  lastFailedAt?: number
}

/** Before the first answer these mean "still starting": a proxy in front of a service that is booting. */
const STARTING_STATUSES = new Set([502, 503, 504])

/**
 * - Before an endpoint first answers, failures without an HTTP answer (refused, timeout, reset,
 *   DNS, TLS) and 502/503/504 are "still starting" and do not count; any other response is an answer.
 * - Once it has answered, every failure counts; failureThreshold consecutive ones fail the gate at once.
 * - A request that could not be sent (kind `config`: an invalid header or URL) fails the gate at
 *   once, before or after the first answer: it is our configuration, and waiting cannot fix it.
 * - successThreshold consecutive rounds in which every endpoint passes pass the health check.
 * - With a soak, probing goes on for soakMs after that pass under the same failure rule; the soak
 *   ends only once no endpoint is part-way to the threshold (a blip must have recovered). A streak
 *   still running then gets a grace of failureThreshold × intervalMs from the first round past the
 *   soak's end; any streak still running at its end fails the soak (endpoints failing by turns
 *   would otherwise keep it going for ever).
 * - No pass within startupTimeoutMs of the start fails the gate with the evidence.
 */
export class GatePolicy {
  private readonly endpoints = new Map<string, EndpointState>()
  private passes = 0
  private passedAt?: number
  /** The first round past the end of the soak, when a streak was still running: the grace runs from here. */
  private overtimeFrom?: number

  constructor(
    private readonly s: PolicySettings,
    private readonly startedAt: number,
  ) {
    if (s.soakOnly) this.passedAt = startedAt
  }

  /** The health check has passed (soaking now, when there is a soak). */
  get passed(): boolean {
    return this.passedAt !== undefined
  }

  /** Consecutive passing rounds so far. */
  get passingRounds(): number {
    return this.passes
  }

  observe(at: number, round: Observation[]): Decision {
    let failed: FailedDecision | undefined
    for (const o of round) {
      const e = this.state(o.name, o.rule)
      if (o.abstain) {
        // No data is neither a pass nor a failure: the streak stands. It is remembered, so a
        // signal that never answered is named at the deadline.
        if (o.abstain === 'required' && o.failure) {
          e.lastFailure = o.failure
          e.lastFailedAt = at
        }
        continue
      }
      if (o.ok || (o.answered && !STARTING_STATUSES.has(o.status ?? 0))) e.answered = true
      if (o.ok) {
        e.streak = 0
        continue
      }
      e.lastFailure = o.failure
      e.lastFailedAt = at
      // Our request could not even be sent: no wait can fix that, so it is not "still starting".
      if (o.failure?.kind === 'config') {
        e.streak++
        failed ??= this.failure('config', e)
        continue
      }
      // Still starting: not counted. In a soak the service has passed, so everything counts.
      if (!e.answered && !this.passed) continue
      e.streak++
      if (e.streak >= this.s.failureThreshold && !failed) {
        const check: Check = o.rule ?? (this.passed ? 'soak' : 'health')
        failed = this.failure(check, e)
      }
    }
    if (failed) return failed

    if (!this.passed) {
      const deadline = at - this.startedAt >= this.s.startupTimeoutMs
      this.passes = round.every((o) => o.ok || (o.abstain && o.abstain !== 'required')) ? this.passes + 1 : 0
      // A signal still waiting for its vote (the baseline) holds the pass until the window ends.
      const held = round.some((o) => o.abstain === 'wait') && !deadline
      if (this.passes >= this.s.successThreshold && !held) {
        this.passedAt = at
        return this.s.soakMs > 0 ? { kind: 'continue' } : { kind: 'passed', phase: 'health' }
      }
      if (deadline) return this.failure('startup-timeout', this.startupCulprit(round))
      return { kind: 'continue' }
    }
    if (at - this.passedAt! < this.s.soakMs) return { kind: 'continue' }
    if (!this.counting()) return { kind: 'passed', phase: 'soak' }
    this.overtimeFrom ??= at
    if (at >= this.dueAt()) return this.failure('soak', this.longestStreak())
    return { kind: 'continue' }
  }

  /** Some endpoint is part-way to the failure threshold: the verdict may be near, so do not wait longer than the interval. */
  counting(): boolean {
    return [...this.endpoints.values()].some((e) => e.streak > 0)
  }

  /** Whether the endpoint has answered, and its counted streak (for the round's log line). */
  endpoint(name: string, rule?: Rule): { answered: boolean; streak: number } {
    const e = this.state(name, rule)
    return { answered: e.answered, streak: e.streak }
  }

  /** When the next decision falls due without a probe: the startup deadline, the end of the soak, then the end of its grace. */
  dueAt(): number {
    if (this.passedAt === undefined) return this.startedAt + this.s.startupTimeoutMs
    // From the first round past the soak's end, not the end itself: a round that straddled it (a
    // timeout) still leaves the blip time to recover.
    if (this.overtimeFrom !== undefined) return this.overtimeFrom + this.s.failureThreshold * this.s.intervalMs
    return this.passedAt + this.s.soakMs
  }

  /** The endpoint closest to the threshold (the first of equals): the one blamed when the grace runs out. */
  private longestStreak(): EndpointState | undefined {
    let worst: EndpointState | undefined
    for (const e of this.endpoints.values()) if (e.streak > 0 && (!worst || e.streak > worst.streak)) worst = e
    return worst
  }

  /** The endpoint to blame at the deadline: one failing now, else the one that failed last. */
  private startupCulprit(round: Observation[]): EndpointState | undefined {
    const failingNow = round.find((o) => !o.ok && (!o.abstain || o.abstain === 'required'))
    if (failingNow) return this.state(failingNow.name, failingNow.rule)
    let last: EndpointState | undefined
    for (const e of this.endpoints.values()) if (e.lastFailedAt !== undefined && (!last || e.lastFailedAt > last.lastFailedAt!)) last = e
    return last
  }

  private failure(check: Check, e: EndpointState | undefined): FailedDecision {
    return {
      kind: 'failed',
      check,
      endpoint: e?.name ?? '',
      ...(e?.rule ? { rule: e.rule } : {}),
      failures: e?.streak ?? 0,
      failure: e?.lastFailure,
      answered: e?.answered ?? false,
      passes: this.passes,
    }
  }

  private state(name: string, rule?: Rule): EndpointState {
    // Keyed by rule too: the metrics URL may also be a health URL, and their streaks are separate.
    const key = `${rule ?? 'url'} ${name}`
    let e = this.endpoints.get(key)
    if (!e) {
      e = { name, rule, answered: false, streak: 0 }
      this.endpoints.set(key, e)
    }
    return e
  }
}

/** A Retry-After never stretches the wait beyond this many intervals. */
export const RETRY_AFTER_CAP = 4

/**
 * How long to wait before the next round. Rounds start one interval apart; a Retry-After (429/503)
 * asks for longer, granted up to RETRY_AFTER_CAP intervals, but not while a failure streak is
 * running (the verdict must come within failureThreshold × interval + one request timeout), and
 * never past the moment the next decision is due (the startup deadline, the end of the soak or of
 * its grace): once that is past, the next round starts at once, since a decision is due.
 */
export function nextDelay(o: { intervalMs: number; elapsedMs: number; retryAfterMs?: number; counting: boolean; untilDueMs: number }): number {
  let wait = o.intervalMs
  if (o.retryAfterMs !== undefined && !o.counting) wait = Math.min(Math.max(wait, o.retryAfterMs), RETRY_AFTER_CAP * o.intervalMs)
  return Math.max(0, Math.min(wait - o.elapsedMs, o.untilDueMs))
}

/** 0.1 → "10%", 0.0123 → "1.23%". */
export function percent(x: number): string {
  return `${(x * 100).toFixed(2).replace(/\.?0+$/, '')}%`
}
