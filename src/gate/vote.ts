/**
 * What one signal says about one round of the gate. Every signal (HTTP probe, error rate,
 * Prometheus query, watch command, baseline) answers in this shape, so the policy counts rounds
 * without knowing where a vote came from, and the views print the evidence as it is.
 */

/** `abstain`: the signal has no data this round (too few samples, an empty query result, no answer). */
export type VoteKind = 'pass' | 'fail' | 'abstain'

export interface Vote {
  /** The signal's name as the user knows it: a query's name, `baseline`, `watch-command`. */
  signal: string
  kind: VoteKind
  /** One line for humans: the value and the rule, e.g. `error-rate = 0.2 (max < 0.05)`. */
  evidence: string
}
