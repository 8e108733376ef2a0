/**
 * PagerDuty Events API v2: a `trigger` for the outcomes that page, and a `resolve` with the same
 * dedup_key when a later run of the environment is healthy again, so the incident closes itself.
 */
import { createHash } from 'node:crypto'
import { redact } from '../secrets.js'
import type { Outcome, RunRecord } from '../timeline.js'
import { alertFacts, clip, leadLine, stepLines } from './facts.js'

export const PAGERDUTY_LIMITS = { dedupKey: 255, summary: 1024 } as const

/** The Events API's severities. */
export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info'

/**
 * Severity by outcome: a failed rollback leaves the environment possibly down (critical); a deploy
 * that failed without a way back may have (error); a rollback that worked left the old version
 * healthy and a fix to make (warning); the rest is information.
 */
export const PAGERDUTY_SEVERITY: Record<Outcome, PagerDutySeverity> = {
  'rollback-failed': 'critical',
  failed: 'error',
  'rolled-back': 'warning',
  deployed: 'info',
  planned: 'info',
}

export interface PagerDutyTrigger {
  routing_key: string
  event_action: 'trigger'
  dedup_key: string
  payload: {
    summary: string
    source: string
    severity: PagerDutySeverity
    timestamp: string
    component: string
    group: string
    class: string
    custom_details: Record<string, unknown>
  }
  links: Array<{ href: string; text: string }>
  client: string
  client_url?: string
}

export interface PagerDutyResolve {
  routing_key: string
  event_action: 'resolve'
  dedup_key: string
}

export interface PagerDutyOptions {
  /** The integration key (a secret; it is the request's credential, so it is never redacted here). */
  routingKey: string
}

/** Lists in custom_details are cut to these so an event stays far under the API's 512 KB. */
const MAX_EVIDENCE = 25
const MAX_LINE = 500
const MAX_OUTPUT = 20
const MAX_STEPS = 40

/** Whether this outcome triggers a page. Dry runs never page. */
export function shouldPage(status: Outcome, pageOn: ReadonlySet<string>): boolean {
  return status !== 'planned' && pageOn.has(status)
}

/**
 * Whether this run resolves the environment's open page: it ended healthy (`deployed`, or
 * `rolled-back` with the old version proven), and, when `pageOn` is given, it does not page itself
 * (with `page-on: rolled-back` a rollback triggers rather than resolves).
 */
export function shouldResolve(status: Outcome, pageOn?: ReadonlySet<string>): boolean {
  return (status === 'deployed' || status === 'rolled-back') && !(pageOn && shouldPage(status, pageOn))
}

/**
 * `rollback-action/<owner>/<repo>/<environment>`: one open alert per environment, which the
 * next healthy run resolves. Not redacted: it must be identical across runs, and a repository's
 * and an environment's names are not secrets. Over 255 characters, the tail becomes a hash so
 * the key stays unique and stable.
 */
export function pagerDutyDedupKey(repository: string, environment: string): string {
  const key = `rollback-action/${repository}/${environment}`
  if (key.length <= PAGERDUTY_LIMITS.dedupKey) return key
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16)
  return `${key.slice(0, PAGERDUTY_LIMITS.dedupKey - hash.length - 1)}~${hash}`
}

/** The trigger event for a run that pages. */
export function buildPagerDutyTrigger(r: RunRecord, o: PagerDutyOptions): PagerDutyTrigger {
  const f = alertFacts(r)
  const failed = r.steps.find((s) => s.outcome === 'failed')
  const links = [
    f.runUrl ? { href: f.runUrl, text: 'Workflow run' } : undefined,
    f.compareUrl ? { href: f.compareUrl, text: 'Changes between the versions' } : undefined,
  ]
  return {
    routing_key: o.routingKey,
    event_action: 'trigger',
    dedup_key: pagerDutyDedupKey(r.context.repository, r.environment),
    payload: {
      summary: clip(`${leadLine(f)} — ${f.reason}`, PAGERDUTY_LIMITS.summary),
      source: clip(`${f.repository || 'repository'}/${redact(r.environment)}`, 255),
      severity: PAGERDUTY_SEVERITY[r.status],
      timestamp: f.endedAt,
      component: clip(f.repository || 'repository', 255),
      group: clip(redact(r.environment), 255),
      // The kind of failure: the gate's check ('health', 'error-rate'…) or the failed step's id.
      class: clip(redact(failed?.verdict?.check ?? failed?.id ?? r.status), 255),
      custom_details: details(r, f),
    },
    links: links.filter((l): l is { href: string; text: string } => l !== undefined),
    client: 'rollback-action',
    ...(f.runUrl ? { client_url: f.runUrl } : {}),
  }
}

function details(r: RunRecord, f: ReturnType<typeof alertFacts>): Record<string, unknown> {
  const cut = (lines: string[], n: number, fromEnd = false) => (fromEnd ? lines.slice(-n) : lines.slice(0, n)).map((l) => clip(l, MAX_LINE))
  return {
    status: r.status,
    consequence: f.consequence ?? null,
    reason: f.reason,
    ...Object.fromEntries(f.versions.map((v) => [v.name.toLowerCase().replace(/ /g, '_'), v.value])),
    failing_check: f.failingCheck ? `${f.failingCheck.title} — ${f.failingCheck.summary}` : null,
    evidence: cut(f.evidence, MAX_EVIDENCE),
    more_evidence: Math.max(0, f.evidence.length - MAX_EVIDENCE),
    last_output: cut(f.output, MAX_OUTPUT, true),
    steps: cut(stepLines(r.steps), MAX_STEPS),
    commit: f.commitSubject ?? null,
    actor: f.actor,
    duration: f.duration,
    run_url: f.runUrl || null,
    compare_url: f.compareUrl ?? null,
  }
}

/** The resolve event: only the key and the action, as the API asks. */
export function buildPagerDutyResolve(r: RunRecord, o: PagerDutyOptions): PagerDutyResolve {
  return { routing_key: o.routingKey, event_action: 'resolve', dedup_key: pagerDutyDedupKey(r.context.repository, r.environment) }
}
