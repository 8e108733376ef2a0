/** Lists of outcomes (`notify-on`, `page-on`) and the rule every alert channel applies to them. */
import { ConfigError } from '../inputs.js'
import type { Outcome } from '../timeline.js'

const OUTCOME_ALIASES: Record<string, Outcome> = {
  deployed: 'deployed',
  'rolled-back': 'rolled-back',
  rollback: 'rolled-back',
  'rollback-failed': 'rollback-failed',
  failed: 'failed',
}

/** `rollback,rollback-failed`: comma- or newline-separated; the alias `rollback` is stored as `rolled-back`. */
export function parseOutcomes(input: string, text: string): Set<Outcome> {
  const out = new Set<Outcome>()
  for (const word of text
    .split(/[,\n]/)
    .map((w) => w.trim())
    .filter(Boolean)) {
    const outcome = OUTCOME_ALIASES[word]
    if (!outcome) {
      throw new ConfigError(
        input,
        `'${word}' is not an outcome; expected a comma-separated list of deployed, rolled-back (or rollback), rollback-failed, failed.`,
      )
    }
    out.add(outcome)
  }
  return out
}

/** Whether this outcome is in the list. Dry runs never alert. */
export function shouldNotify(status: Outcome, outcomes: ReadonlySet<string>): boolean {
  return status !== 'planned' && outcomes.has(status)
}
