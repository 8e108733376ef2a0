/** The error-rate rule's window: the counters' growth since the gate started. Loaded with the rule's rounds. */
import { percent, type Observation } from './policy.js'
import type { ErrorRateEvidence } from './types.js'

export interface Counters {
  errors: number
  total: number
}

/**
 * The error rate over the gate's window: the growth of both counters since the first read.
 * A counter that went down was reset (the service restarted), so its new value is all growth,
 * as PromQL's increase() treats it; errors from before the gate never count.
 */
export class ErrorRateWindow {
  private last?: Counters
  private errors = 0
  private total = 0

  constructor(private readonly max: number) {}

  /** Adds one read (the first is the baseline) and returns the rate so far. */
  add(now: Counters): ErrorRateEvidence {
    if (this.last) {
      this.errors += increase(this.last.errors, now.errors)
      this.total += increase(this.last.total, now.total)
    }
    this.last = now
    return this.evidence()
  }

  evidence(): ErrorRateEvidence {
    return { errors: this.errors, total: this.total, rate: this.total > 0 ? this.errors / this.total : 0, max: this.max }
  }
}

function increase(before: number, now: number): number {
  return now >= before ? now - before : now
}

/** The error-rate rule's observation for one round. */
export function errorRateObservation(name: string, ev: ErrorRateEvidence, at: string): Observation {
  if (ev.rate <= ev.max) return { name, rule: 'error-rate', ok: true, answered: true }
  const message = `error rate ${percent(ev.rate)} over max-error-rate ${percent(ev.max)} (${ev.errors} of ${ev.total} requests since the gate started)`
  return { name, rule: 'error-rate', ok: false, answered: true, failure: { at, kind: 'status', message } }
}
