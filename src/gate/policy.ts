import type { ProbeFailure } from './types.js'

/** What one round saw of one endpoint (a health URL, or the error rate as a pseudo-endpoint). */
export interface Observation {
  name: string
  ok: boolean
  /** An HTTP response came back (for the error rate: the metrics were read). */
  answered: boolean
  status?: number
  failure?: ProbeFailure
}

export type Decision =
  | { kind: 'continue' }
  | { kind: 'passed'; phase: 'health' | 'soak' }
  | { kind: 'failed'; check: 'health' | 'soak' | 'startup-timeout' | 'error-rate'; endpoint: string; failures: number; failure?: ProbeFailure }

export interface PolicySettings {
  successThreshold: number
  failureThreshold: number
  startupTimeoutMs: number
  soakMs: number
  /** Start already passed: the soak after the smoke command. */
  soakOnly?: boolean
  /** The name of the error-rate pseudo-endpoint, so its failure is reported as check 'error-rate'. */
  errorRateName?: string
}

interface EndpointState {
  answered: boolean
  consecutiveFailures: number
  lastFailure?: ProbeFailure
}

/** Before the first answer, these mean "still starting" (a proxy in front of a booting service). */
const STARTING_STATUSES = new Set([502, 503, 504])

/**
 * The gate's decision, pure: rounds of observations in, a decision out; time is passed in.
 * - An endpoint that has not yet answered is "starting": its failures do not count.
 * - Once it has answered, failureThreshold consecutive failures fail the gate at once.
 * - successThreshold consecutive all-passing rounds pass it; a soak then keeps the failure rule.
 * - No pass within startupTimeoutMs fails it.
 */
export class GatePolicy {
  private readonly endpoints = new Map<string, EndpointState>()
  private passes = 0
  private passedAt?: number

  constructor(
    private readonly s: PolicySettings,
    private readonly startedAt: number,
  ) {
    if (s.soakOnly) this.passedAt = startedAt
  }

  get passed(): boolean {
    return this.passedAt !== undefined
  }

  observe(at: number, round: Observation[]): Decision {
    let failed: Extract<Decision, { kind: 'failed' }> | undefined
    for (const o of round) {
      const e = this.state(o.name)
      // Any answer but a proxy's 502/503/504 means the service is up: from then on, failures count.
      if (o.answered && !STARTING_STATUSES.has(o.status ?? 0)) e.answered = true
      if (o.ok) {
        e.answered = true
        e.consecutiveFailures = 0
        continue
      }
      e.lastFailure = o.failure
      // Still starting: not counted (after the pass, in a soak, everything counts).
      if (!e.answered && !this.passed) continue
      e.consecutiveFailures++
      if (e.consecutiveFailures >= this.s.failureThreshold && !failed) {
        const check = o.name === this.s.errorRateName ? 'error-rate' : this.passed ? 'soak' : 'health'
        failed = { kind: 'failed', check, endpoint: o.name, failures: e.consecutiveFailures, failure: o.failure }
      }
    }
    if (failed) return failed

    if (!this.passed) {
      this.passes = round.every((o) => o.ok) ? this.passes + 1 : 0
      if (this.passes >= this.s.successThreshold) {
        this.passedAt = at
        if (this.s.soakMs <= 0) return { kind: 'passed', phase: 'health' }
        return { kind: 'continue' }
      }
      if (at - this.startedAt >= this.s.startupTimeoutMs) {
        const worst = round.find((o) => !o.ok) ?? round[0]
        return { kind: 'failed', check: 'startup-timeout', endpoint: worst?.name ?? '', failures: this.state(worst?.name ?? '').consecutiveFailures, failure: worst?.failure }
      }
      return { kind: 'continue' }
    }
    if (at - (this.passedAt ?? at) >= this.s.soakMs) return { kind: 'passed', phase: 'soak' }
    return { kind: 'continue' }
  }

  /** Whether an endpoint has answered at least once (for the evidence). */
  answered(name: string): boolean {
    return this.state(name).answered
  }

  /** When the soak ends, or undefined before the pass. */
  soakEndsAt(): number | undefined {
    return this.passedAt === undefined ? undefined : this.passedAt + this.s.soakMs
  }

  deadline(): number {
    return this.startedAt + this.s.startupTimeoutMs
  }

  private state(name: string): EndpointState {
    let e = this.endpoints.get(name)
    if (!e) {
      e = { answered: false, consecutiveFailures: 0 }
      this.endpoints.set(name, e)
    }
    return e
  }
}
