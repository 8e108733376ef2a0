/**
 * The incident issue: on an automatic rollback or a failed one, a GitHub issue holding the report a
 * post-mortem starts from; a repeat of the same environment and version comments on it; a later
 * healthy deploy of the environment comments and closes it. A hidden marker in the body finds it again.
 */
import { formatDuration, OUTCOME_WORDS, stepDurationText } from '../report/format.js'
import { redact } from '../secrets.js'
import type { RunRecord, Step } from '../timeline.js'
import { alertFacts, clip, type AlertFacts } from './facts.js'

/** GitHub rejects an issue or comment body over 65 536 characters; keep room. */
const MAX_BODY = 60_000
const MAX_TITLE = 256
const MAX_EVIDENCE = 25
const MAX_OUTPUT = 30
const MAX_CELL = 300

/** Which incident an issue is about. */
export interface IncidentKey {
  environment: string
  version: string
}

/** Steps whose passing end proves the old version is back and healthy. */
const PROOF_STEPS = new Set(['rollback-health', 'rollback-smoke', 'rollback-soak'])

/**
 * An automatic rollback (the deploy's gate failed and the old version was put back) and a failed
 * rollback open or update an incident. Manual rollbacks are decisions, not incidents; a cancelled
 * run that rolled back said nothing about the version; dry runs do nothing.
 */
export function shouldOpenIncident(r: RunRecord): boolean {
  if (r.dryRun) return false
  return r.status === 'rollback-failed' || (r.status === 'rolled-back' && r.mode === 'deploy' && !r.cancelled)
}

/** A healthy deploy of the environment closes its open incident. */
export function shouldCloseIncident(r: RunRecord): boolean {
  return !r.dryRun && r.mode === 'deploy' && r.status === 'deployed'
}

export function incidentKey(r: RunRecord): IncidentKey {
  return { environment: r.environment, version: r.version }
}

/**
 * `<!-- rollback-action:incident environment=<env> version=<v> -->`, values URI-encoded so no
 * name can end the comment or add a field. Not redacted: it must read back the same every run.
 */
export function incidentMarker(k: IncidentKey): string {
  return `<!-- rollback-action:incident environment=${encodeURIComponent(k.environment)} version=${encodeURIComponent(k.version)} -->`
}

/** The marker's key from an issue body, or undefined when it has none (or a damaged one). */
export function parseIncidentMarker(body: string | null | undefined): IncidentKey | undefined {
  const m = /<!--\s*rollback-action:incident environment=(\S+) version=(\S+)\s*-->/.exec(body ?? '')
  if (!m) return undefined
  try {
    return { environment: decodeURIComponent(m[1]), version: decodeURIComponent(m[2]) }
  } catch {
    return undefined
  }
}

/** Whether an issue body is the incident of this environment (and version, when given). */
export function isIncidentFor(body: string | null | undefined, environment: string, version?: string): boolean {
  const k = parseIncidentMarker(body)
  return !!k && k.environment === environment && (version === undefined || k.version === version)
}

/** `Rollback in production: v1.1.0 → v1.0.0`, or `Rollback failed in production: …`. */
export function incidentTitle(r: RunRecord): string {
  const env = redact(r.environment)
  const v = redact(r.version)
  const prev = r.previousVersion ? redact(r.previousVersion) : undefined
  const move = r.mode === 'deploy' ? `${v}${prev ? ` → ${prev}` : ''}` : `back to ${v}${prev ? ` from ${prev}` : ''}`
  return clip(`${r.status === 'rollback-failed' ? 'Rollback failed' : 'Rollback'} in ${env}: ${move}`, MAX_TITLE)
}

/**
 * From the deploy's start to the rollback's proof (the end of the last passing rollback check);
 * `end` is undefined while no version is proven healthy (a failed rollback: the impact goes on).
 */
export function impactWindow(r: RunRecord): { start: number; end?: number } {
  const deploy = r.steps.find((s) => s.id === 'deploy') ?? r.steps.find((s) => s.phase === 'rollback')
  const proofs = r.status === 'rolled-back' ? r.steps.filter((s) => PROOF_STEPS.has(s.id) && s.outcome === 'passed' && s.endedAt !== undefined) : []
  const end = proofs.length ? Math.max(...proofs.map((s) => s.endedAt as number)) : undefined
  return { start: deploy?.startedAt ?? r.startedAt, end }
}

/** `2026-11-23 03:00:05 UTC`. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** The issue body: marker, one line of what happened, facts, failing check, evidence, timeline, post-mortem checklist. */
export function incidentBody(r: RunRecord): string {
  const f = alertFacts(r)
  const head = [
    incidentMarker(incidentKey(r)),
    ...caution(f),
    `## ${OUTCOME_WORDS[r.status].emoji} ${md(f.headline)}`,
    '',
    `**What happened:** ${md(whatHappened(r, f))}`,
    '',
  ]
  const parts = [head.join('\n'), factsTable(r, f), failing(f), evidence(f), timeline(r.steps), postMortem(r)]
  let body = [...parts.slice(0, -2), output(f), ...parts.slice(-2)].join('\n')
  // Too long for GitHub: the command output goes first, then the end is cut (the marker is at the top).
  if (body.length > MAX_BODY) body = parts.join('\n')
  return clip(body, MAX_BODY)
}

/** What needs attention first (a failed rollback hook), as a caution above everything else. */
function caution(f: AlertFacts): string[] {
  return f.attention ? ['> [!CAUTION]', `> **${md(f.attention)}**`, ''] : []
}

function whatHappened(r: RunRecord, f: AlertFacts): string {
  const check = f.failingCheck ? `${f.failingCheck.title} failed (${f.failingCheck.summary})` : f.reason
  if (r.status === 'rolled-back') return `${check}, so ${f.versions[2].value} was put back and passed its health gate.`
  return `${check}; ${f.consequence ?? 'the rollback did not bring back a healthy version.'}`
}

function factsTable(r: RunRecord, f: AlertFacts): string {
  const w = impactWindow(r)
  const window =
    w.end === undefined ? `since ${utc(w.start)}, still going at ${utc(r.endedAt)}` : `${utc(w.start)} → ${utc(w.end)} (${formatDuration(w.end - w.start)})`
  const rows: Array<[string, string]> = [
    ...f.versions.map((v): [string, string] => [
      v.name,
      v.name === 'Environment' || v.name === 'Trigger' ? cell(v.value) : `\`${v.value.replace(/`/g, "'")}\``,
    ]),
  ]
  if (f.compareUrl) rows.push(['Changes', `[${cell(compareText(r))}](${f.compareUrl})`])
  rows.push(['Impact window', window])
  if (f.runUrl) rows.push(['Workflow run', `[run ${cell(r.context.runId || '')}](${f.runUrl})`])
  if (f.actor) rows.push(['Started by', cell(f.actor)])
  if (f.commitSubject) rows.push(['Commit', cell(f.commitSubject)])
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''].join('\n')
}

function compareText(r: RunRecord): string {
  const [base, head] = r.mode === 'deploy' ? [r.previousVersion, r.version] : [r.version, r.previousVersion]
  return redact(`${base}...${head}`)
}

function failing(f: AlertFacts): string {
  const lines = ['### Failing check', '']
  if (f.failingCheck) lines.push(`**${md(f.failingCheck.title)}** — ${md(f.failingCheck.summary)}`, '')
  lines.push(`**Reason:** ${md(f.reason)}`, '')
  return lines.join('\n')
}

function evidence(f: AlertFacts): string {
  if (!f.evidence.length) return ''
  const shown = f.evidence.slice(0, MAX_EVIDENCE).map((l) => `- ${md(clip(l, 1000))}`)
  if (f.evidence.length > MAX_EVIDENCE) shown.push(`- …and ${f.evidence.length - MAX_EVIDENCE} more (see the workflow run)`)
  return ['### Evidence', '', ...shown, ''].join('\n')
}

function output(f: AlertFacts): string {
  if (!f.output.length) return ''
  const title = f.failingCheck?.title ?? 'the failed step'
  const body = f.output
    .slice(-MAX_OUTPUT)
    .map((l) => clip(l, 1000))
    .join('\n')
  // A fence longer than any backtick run in the output cannot be closed by it.
  const fence = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)))
  return [`<details><summary>Last output of ${md(title)}</summary>`, '', fence, body, fence, '', '</details>', ''].join('\n')
}

function timeline(steps: Step[]): string {
  const rows = steps.map(
    (s) =>
      `| ${utc(s.startedAt).slice(11, 19)} | ${cell(s.title)} | ${s.outcome} | ${stepDurationText(s)} | ${cell(clip(redact(s.summary ?? ''), MAX_CELL))} |`,
  )
  const day = steps.length ? utc(steps[0].startedAt).slice(0, 10) : ''
  return [`### Timeline (UTC${day ? `, ${day}` : ''})`, '', '| Time | Step | Outcome | Duration | Detail |', '|---|---|---|---|---|', ...rows, ''].join('\n')
}

function postMortem(r: RunRecord): string {
  const failedRollback = r.status === 'rollback-failed'
  const items = [
    failedRollback ? `**Restore service:** ${md(redact(r.environment))} has no version proven healthy; bring one back and confirm it by hand` : '',
    `**Impact:** who and what was affected during the window above, and how badly`,
    `**Root cause:** why ${md(redact(r.version))} failed ${md(redact(r.environment))}'s check (the evidence above is where to start)`,
    `**Detection:** the health gate caught it; could a test, staging or an earlier check have caught it before production?`,
    failedRollback ? `**Rollback:** why the way back failed, and how to make it work next time` : '',
    `**Action items:** the fix, a test that would have caught it, monitoring or alerts, and this runbook — each as its own issue`,
    `**Redeploy:** the fixed version deployed and healthy (that closes this issue)`,
  ].filter(Boolean)
  return ['### Post-mortem', '', ...items.map((i) => `- [ ] ${i}`), ''].join('\n')
}

/** A comment on the open incident when the same environment and version fail again. */
export function incidentRepeatComment(r: RunRecord): string {
  const f = alertFacts(r)
  const lines = [...caution(f), `### ${OUTCOME_WORDS[r.status].emoji} Again at ${utc(r.endedAt)}: ${md(f.headline)}`, '']
  if (f.failingCheck) lines.push(`**Failing check:** ${md(f.failingCheck.title)} — ${md(f.failingCheck.summary)}`, '')
  lines.push(`**Reason:** ${md(f.reason)}`, '')
  const shown = f.evidence.slice(0, 5).map((l) => `- ${md(clip(l, 500))}`)
  if (shown.length) lines.push(...shown, '')
  const w = impactWindow(r)
  lines.push(
    `**Impact window:** ${w.end === undefined ? `since ${utc(w.start)}, still going` : `${utc(w.start)} → ${utc(w.end)} (${formatDuration(w.end - w.start)})`}`,
    '',
  )
  if (f.runUrl) lines.push(`[Workflow run](${f.runUrl})${f.actor ? ` · started by ${cell(f.actor)}` : ''}`, '')
  return clip(lines.join('\n'), MAX_BODY)
}

/** The comment that closes the incident: which version is now healthy, when, and where. */
export function incidentClosingComment(r: RunRecord): string {
  const f = alertFacts(r)
  const run = f.runUrl ? ` ([workflow run](${f.runUrl}))` : ''
  return clip(
    [
      `### ${OUTCOME_WORDS.deployed.emoji} Resolved: \`${redact(r.version).replace(/`/g, "'")}\` is deployed to ${md(redact(r.environment))} and passed its health gate at ${utc(r.endedAt)}${run}.`,
      '',
      'Closing this incident; finish the post-mortem checklist above if it is still open.',
      '',
    ].join('\n'),
    MAX_BODY,
  )
}

/**
 * Text from users and apps in Markdown: no HTML, and no @mention or team ping
 * (a commit message saying "@org/team" must not notify anyone from an incident).
 */
function md(text: string): string {
  return text
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=[\w-])/g, '@\u200b')
}

/** A table cell: Markdown-safe, no pipe or line break. */
function cell(text: string): string {
  return md(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
