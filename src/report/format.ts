import type { Outcome, RunRecord, Step } from '../timeline.js'

/** One vocabulary for the log, the summary and Slack. */
export const OUTCOME_WORDS: Record<Outcome, { emoji: string; slack: string; title: string }> = {
  deployed: { emoji: '✅', slack: ':white_check_mark:', title: 'Deployed' },
  'rolled-back': { emoji: '↩️', slack: ':rewind:', title: 'Rolled back' },
  'rollback-failed': { emoji: '🚨', slack: ':rotating_light:', title: 'ROLLBACK FAILED' },
  failed: { emoji: '❌', slack: ':x:', title: 'Deploy failed' },
  planned: { emoji: '📝', slack: ':memo:', title: 'Planned (dry run)' },
}

/** `850ms`, `12.3s`, `2m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')}s`
  const s = Math.round(ms / 1000)
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/** At most `max` characters, an ellipsis marking the cut (Slack blocks, deployment descriptions). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** The headline, in plain words: what happened, where, between which versions. */
export function headlineText(r: RunRecord): string {
  const w = OUTCOME_WORDS[r.status]
  const prev = r.previousVersion
  switch (r.status) {
    case 'deployed':
      return `${w.title} ${r.version} to ${r.environment}${prev ? ` (previous ${prev})` : ''}`
    case 'rolled-back':
      return r.mode === 'rollback'
        ? `${w.title} ${r.environment} to ${r.version}${prev ? ` (from ${prev})` : ''}`
        : `${w.title} ${r.environment}: ${r.version} → ${prev}`
    case 'rollback-failed':
      if (r.unfinished)
        return `${w.title} in ${r.environment}: the rollback ${r.mode === 'deploy' ? `from ${r.version} to ${prev}` : `to ${r.version}`} did not finish`
      return r.mode === 'rollback'
        ? `${w.title} in ${r.environment}: ${r.version} is unhealthy${prev ? `, ${prev} was live` : ''}`
        : `${w.title} in ${r.environment}: ${r.version} failed and ${prev} is unhealthy too`
    case 'failed':
      return `${w.title}: ${r.version} to ${r.environment}, nothing rolled back`
    case 'planned':
      return `${w.title}: ${r.mode === 'deploy' ? `${r.version} to ${r.environment}` : `roll ${r.environment} back to ${r.version}`}`
  }
}

/** What the on-call person must know beyond the headline, in one line. */
export function consequence(r: RunRecord): string | undefined {
  switch (r.status) {
    case 'rollback-failed':
      if (r.unfinished) return `${r.environment} may be broken right now: the rollback did not finish, and which version is live is unknown. Act now.`
      return `${r.environment} may be broken right now: neither version passed the health gate. Act now.`
    case 'failed':
      return failedConsequence(r)
    case 'rolled-back':
      return r.mode === 'rollback' ? undefined : `${r.previousVersion} is live again and healthy; ${r.version} needs a fix.`
    default:
      return undefined
  }
}

/** Steps whose commands act on the environment; resolve, backup, checkout and the checks do not. */
const CHANGES_ENVIRONMENT = new Set(['deploy', 'before-rollback', 'rollback', 'after-rollback'])

/**
 * `failed` covers runs that never reached the environment (resolution, backup, lock timeout, a
 * cancel before the deploy) as well as a deploy that failed with no way back: say which.
 */
function failedConsequence(r: RunRecord): string {
  const prev = r.previousVersion
  // Post's record has none of main's steps; post reports only when main had started deploying.
  const touched = r.cancelled || r.steps.some((s) => CHANGES_ENVIRONMENT.has(s.id) && s.outcome !== 'skipped')
  if (!touched) return `Nothing was deployed; ${r.mode === 'deploy' && prev ? `${prev} in ` : ''}${r.environment} was not touched.`
  // Main, cut short by a cancel: post rolls back (or says it will not) in its own report and alert.
  if (r.handedToPost) return `The job was cancelled while ${r.environment} was being changed; the post step takes over.`
  if (!prev) return 'There was no previous version to roll back to.'
  // Post with rollback-on-cancel false: it ends `failed` without trying the way back.
  if (r.cancelled) return `Nothing was rolled back after the cancel: ${r.environment} may be in a partial state.`
  return 'The rollback was not possible.'
}

/** The step that decided the outcome: the first failed one. */
export function failedStep(r: RunRecord): Step | undefined {
  return r.steps.find((s) => s.outcome === 'failed')
}

export function stepDurationText(s: Step): string {
  return s.endedAt === undefined ? '—' : formatDuration(s.endedAt - s.startedAt)
}
