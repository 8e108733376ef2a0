/**
 * The facts every alert channel tells, read from the run record once, so Discord, Teams,
 * PagerDuty and the incident issue say the same thing in the same words as Slack and the summary.
 * Every user- or app-controlled text here has been through redact(); the channels only shape it.
 */
import type { EndpointEvidence } from '../gate/types.js'
import { consequence, failedStep, formatDuration, headlineText, stepDurationText, truncate } from '../report/format.js'
import { redact } from '../secrets.js'
import type { Outcome, RunRecord, Step } from '../timeline.js'

/** One label and value, e.g. "Environment" / "production". */
export interface Fact {
  name: string
  value: string
}

export interface AlertFacts {
  status: Outcome
  /** What a person must look at first (a failed rollback hook: check the data), redacted; every channel leads with it. */
  attention?: string
  /** headlineText(), redacted. */
  headline: string
  /** consequence(), redacted; absent when there is nothing beyond the headline. */
  consequence?: string
  /** The run's reason line, redacted. */
  reason: string
  /** Environment, both versions and the trigger, labelled the way Slack labels them. */
  versions: Fact[]
  /** The first failed step, its title and summary; absent for a success. */
  failingCheck?: { title: string; summary: string }
  /** One line per failed endpoint or rule, most telling first (unbounded: channels cut). */
  evidence: string[]
  /** Last non-empty output lines of the failed step (unbounded: channels cut). */
  output: string[]
  commitSubject?: string
  /** `owner/repo`, or '' when unknown. */
  repository: string
  actor: string
  runUrl: string
  /** `<server>/<repo>/compare/<previous>...<version>` when both versions are known. */
  compareUrl?: string
  duration: string
  /** ISO time the run ended. */
  endedAt: string
}

/** Outcomes that carry a configured mention (same rule as the Slack alert). */
export function mentions(status: Outcome): boolean {
  return status === 'rolled-back' || status === 'rollback-failed'
}

/** Reads the facts of a run; pure. */
export function alertFacts(r: RunRecord): AlertFacts {
  const failed = failedStep(r)
  const c = consequence(r)
  return {
    status: r.status,
    attention: r.attention ? redact(r.attention) : undefined,
    headline: redact(headlineText(r)),
    consequence: c === undefined ? undefined : redact(c),
    reason: redact(r.reason),
    versions: versionFacts(r),
    failingCheck: failed && r.status !== 'deployed' ? { title: redact(failed.title), summary: redact(failed.summary ?? failed.outcome) } : undefined,
    evidence: r.status === 'deployed' ? [] : evidenceLines(r),
    output: r.status === 'deployed' ? [] : (failed?.output ?? []).filter((l) => l.trim()).map(redact),
    commitSubject: r.commitSubject === undefined ? undefined : redact(r.commitSubject),
    repository: redact(r.context.repository),
    actor: redact(r.context.actor),
    runUrl: r.context.runUrl,
    compareUrl: compareUrl(r),
    duration: formatDuration(r.endedAt - r.startedAt),
    endedAt: new Date(r.endedAt).toISOString(),
  }
}

function versionFacts(r: RunRecord): Fact[] {
  const deploy = r.mode === 'deploy'
  return [
    { name: 'Environment', value: redact(r.environment) },
    { name: deploy ? 'Deployed' : 'Put back', value: redact(r.version) },
    { name: deploy ? 'Last known good' : 'Replaced', value: r.previousVersion ? redact(r.previousVersion) : 'none' },
    { name: 'Trigger', value: r.cancelled ? 'cancelled run (post step)' : deploy ? 'automatic (health gate)' : 'manual rollback' },
  ]
}

/** What the gate saw, one line per failing endpoint, then the error-rate rule, as Slack says it. */
export function evidenceLines(r: RunRecord): string[] {
  const lines: string[] = []
  for (const s of r.steps) {
    if (s.outcome !== 'failed' || !s.verdict) continue
    for (const e of s.verdict.endpoints) if (e.verdict === 'failed' || e.failed > 0) lines.push(endpointLine(e))
    const er = s.verdict.errorRate
    if (er) lines.push(`error rate ${(er.rate * 100).toFixed(2)}% (${er.errors}/${er.total}), max ${(er.max * 100).toFixed(2)}%`)
  }
  // Steps without a verdict (a command) still have evidence: their one-line summary.
  const failed = failedStep(r)
  if (!lines.length && failed?.summary) lines.push(`${failed.title}: ${failed.summary}`)
  return lines.map(redact)
}

function endpointLine(e: EndpointEvidence): string {
  const lat = e.latency ? `, p95 ${e.latency.p95}ms` : ''
  const last = e.lastFailure ? `: ${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` — ${e.lastFailure.bodyExcerpt.slice(0, 200)}` : ''}` : ''
  return `${e.url} — ${e.passed}/${e.probes} passed${lat}${last}`
}

/** GitHub's compare view from the last known good to the new version (deploy) or back (manual rollback). */
export function compareUrl(r: RunRecord): string | undefined {
  const { serverUrl, repository } = r.context
  if (!r.previousVersion || !serverUrl || !repository) return undefined
  const [base, head] = r.mode === 'deploy' ? [r.previousVersion, r.version] : [r.version, r.previousVersion]
  return `${serverUrl}/${repository}/compare/${refPath(base)}...${refPath(head)}`
}

/** A ref in a URL path: slashes stay (GitHub reads `release/1.0` as one ref there), the rest is escaped. */
function refPath(ref: string): string {
  return encodeURIComponent(ref).replace(/%2F/gi, '/')
}

/** One row per step for details: title, outcome, duration, summary. */
export function stepLines(steps: Step[]): string[] {
  return steps.map((s) => redact(`${s.title}: ${s.outcome}, ${stepDurationText(s)}${s.summary ? ` — ${s.summary}` : ''}`))
}

/**
 * truncate() by UTF-16 units, without leaving half of a surrogate pair before the ellipsis (a
 * lone surrogate is not valid Unicode and some receivers reject it).
 */
export function clip(text: string, max: number): string {
  return truncate(text, max).replace(/[\uD800-\uDBFF]…$/, '…')
}

/** The headline, led by what needs attention when there is something: the one line a notification shows. */
export function leadLine(f: AlertFacts): string {
  return f.attention ? `${f.attention}. ${f.headline}` : f.headline
}

/** Bytes of a value as JSON, UTF-8: what a receiver's size limit counts. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value))
}
