import type { GateVerdict } from '../gate/types.js'
import { redact } from '../secrets.js'
import type { RunRecord, Step } from '../timeline.js'
import { buildCharts, type LatencySeries } from './charts.js'
import { signalsTable } from './signals-table.js'
import { consequence, failedStep, formatDuration, headlineText, OUTCOME_WORDS, stepDurationText } from './format.js'

/** The runner's limit is 1 MiB per step; stay well under it. */
const MAX_BYTES = 900 * 1024
const SOURCES = { input: 'the previous-version input', deployments: 'GitHub deployments history', tags: 'release tags (semver)', none: 'none found' }

/** The job summary: one glance first (outcome, versions, why), then the steps and their evidence. */
export function buildSummary(r: RunRecord): string {
  const parts = [
    head(r),
    versions(r),
    steps(r),
    pictures(r),
    ...r.steps.filter((s) => s.verdict?.endpoints.length || s.verdict?.signals?.length).map(evidence),
    footer(r),
  ]
  const outputs = r.steps.filter((s) => s.output?.length).map(output)
  let text = [...parts.slice(0, -1), ...outputs, parts.at(-1)].join('\n')
  // Too big: drop the command output (the least important), then cut.
  if (Buffer.byteLength(text) > MAX_BYTES) text = parts.join('\n')
  if (Buffer.byteLength(text) > MAX_BYTES) text = `${Buffer.from(text).subarray(0, MAX_BYTES).toString('utf8')}\n\n…(summary truncated)\n`
  return redact(text)
}

function head(r: RunRecord): string {
  // What a person must look at first (a failed down migration) leads, before the outcome itself.
  const lines = [...(r.attention ? [`> [!CAUTION]`, `> **${md(r.attention)}**`, ''] : []), `## ${OUTCOME_WORDS[r.status].emoji} ${md(headlineText(r))}`, '']
  const c = consequence(r)
  if (c) lines.push(`**${md(c)}**`, '')
  lines.push(`**Reason:** ${md(r.reason)}`, '')
  const failed = failedStep(r)
  if (failed && r.status !== 'deployed') lines.push(`**Failing check:** ${md(failed.title)} — ${md(failed.summary ?? failed.outcome)}`, '')
  return lines.join('\n')
}

function versions(r: RunRecord): string {
  const rows = [
    ['Environment', r.environment],
    [r.mode === 'deploy' ? 'Version deployed' : 'Version put back', r.version],
    [r.mode === 'deploy' ? 'Last known good' : 'Replaced', r.previousVersion ?? '—'],
    ['Previous version from', SOURCES[r.previousSource]],
    ['Rolled back', r.rolledBack ? 'yes' : 'no'],
    ['Commit', r.commitSubject ?? '—'],
    ['Duration', formatDuration(r.endedAt - r.startedAt)],
  ]
  if (r.deploymentId !== undefined) rows.push(['GitHub deployment', String(r.deploymentId)])
  if (r.mainKilled) rows.push(['Main step', 'ended without finishing (killed); the post step took over'])
  else if (r.cancelled) rows.push(['Cancelled', 'yes: the post step took over'])
  return `${table(['', ''], rows)}\n`
}

function steps(r: RunRecord): string {
  const icon: Record<Step['outcome'], string> = { passed: '✅', failed: '❌', skipped: '⏭️', cancelled: '⏹️', running: '…' }
  return [
    '### Steps',
    '',
    table(
      ['Step', 'Phase', 'Outcome', 'Duration', 'Detail'],
      r.steps.map((s) => [s.title, s.phase, `${icon[s.outcome]} ${s.outcome}`, stepDurationText(s), s.summary ?? '']),
    ),
    '',
  ].join('\n')
}

/** The run as a gantt timeline and each gate's probe latency per round (Mermaid, downsampled to stay small). */
function pictures(r: RunRecord): string {
  return buildCharts(r, latencySeries(r))
}

/** One series per endpoint of each gate step that recorded per-round latencies; no answer is NaN (left out of the chart's maximum). */
export function latencySeries(r: RunRecord): LatencySeries[] {
  return r.steps.flatMap((s) =>
    (s.verdict?.endpoints ?? [])
      .filter((e) => e.roundLatenciesMs?.length)
      .map((e) => ({ endpoint: `${e.url} (${s.title})`, latenciesMs: (e.roundLatenciesMs ?? []).map((v) => v ?? NaN) })),
  )
}

function evidence(s: Step): string {
  const v = s.verdict as GateVerdict
  const rows = v.endpoints.map((e) => [
    e.url,
    e.verdict,
    `${e.passed}/${e.probes}`,
    e.latency ? `${e.latency.p50} / ${e.latency.p95} / ${e.latency.max} ms` : '—',
    e.lastFailure ? `${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` — \`${e.lastFailure.bodyExcerpt.slice(0, 120).replace(/`/g, "'")}\`` : ''}` : '',
  ])
  const lines = [`### Evidence: ${s.title}`, '', table(['Endpoint', 'Verdict', 'Passed', 'p50 / p95 / max', 'Last failure'], rows)]
  if (v.errorRate)
    lines.push(
      '',
      `Error rate: ${(v.errorRate.rate * 100).toFixed(2)}% (${v.errorRate.errors}/${v.errorRate.total}), max ${(v.errorRate.max * 100).toFixed(2)}%`,
    )
  lines.push(...signalsTable(v))
  lines.push('')
  return lines.join('\n')
}

function output(s: Step): string {
  const body = (s.output ?? []).join('\n')
  // A fence longer than any backtick run in the output cannot be closed by it.
  const fence = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)))
  return [`<details><summary>Last output of ${md(s.title)}</summary>`, '', fence, body, fence, '', '</details>', ''].join('\n')
}

function footer(r: RunRecord): string {
  return r.context.runUrl ? `[Workflow run](${r.context.runUrl}) · ${md(r.context.repository)} · by ${md(r.context.actor)}\n` : ''
}

function table(header: string[], rows: string[][]): string {
  const cell = (c: string) => md(c).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n')
}

/** Text from users or apps must not become markup (HTML in a summary is rendered). */
function md(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
