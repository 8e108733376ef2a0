import type { RunRecord } from './timeline.js'

/** The one log line that says what happened. */
export function headline(r: RunRecord): string {
  const prev = r.previousVersion ? ` (previous ${r.previousVersion})` : ''
  return `rollback-action: ${r.status} — ${r.environment} ${r.version}${prev}: ${r.reason}`
}

/**
 * Why the step fails, or undefined when it succeeds: `failed` and `rollback-failed` always fail;
 * an automatic rollback fails unless fail-on-rollback is false; a manual rollback that worked succeeds.
 */
export function exitVerdict(r: RunRecord, failOnRollback: boolean): string | undefined {
  switch (r.status) {
    case 'deployed':
    case 'planned':
      return undefined
    case 'rolled-back':
      if (r.mode === 'rollback' || !failOnRollback) return undefined
      return `Rolled back ${r.environment} from ${r.version} to ${r.previousVersion}: ${r.reason}`
    case 'rollback-failed':
      return `ROLLBACK FAILED in ${r.environment}: ${r.reason}`
    case 'failed':
      return `Deploy of ${r.version} to ${r.environment} failed: ${r.reason}`
  }
}
