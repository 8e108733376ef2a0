/**
 * Pictures for the job summary, in Mermaid, which GitHub renders in summaries: the run's steps as
 * a gantt timeline, and each endpoint's probe latency per round as a line chart. Text from users
 * (versions in step titles, endpoint URLs) is redacted and escaped so it cannot break the syntax.
 */
import { redact } from '../secrets.js'
import type { RunRecord, Step } from '../timeline.js'

/** Latencies of one endpoint, one value per gate round, in ms (the gate records them). */
export interface LatencySeries {
  endpoint: string
  /** A round without an answer may be NaN; it is left out of its bucket's maximum. */
  latenciesMs: number[]
}

export interface ChartOptions {
  /** Points per line at most; longer series are bucketed, each bucket's maximum kept. */
  maxPoints?: number
  /** Endpoints charted at most; the others are counted under the last chart. */
  maxCharts?: number
}

const MAX_POINTS = 100
const MAX_CHARTS = 10
const MAX_LABEL = 120

/** Words the gantt lexer reads as statements when a line starts with them. */
const GANTT_KEYWORDS =
  /^(gantt|title|section|dateformat|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|inclusiveenddates|topaxis|accdescr|acctitle|click|href|call|\d{4}-\d\d-\d\d)/i

/**
 * Text safe anywhere in a Mermaid line: Mermaid's entity codes (`#35;`) for the characters its
 * grammars treat as syntax (`#` `:` `;` `%` `"` `<` `>` and backslash), line breaks as spaces.
 */
export function mermaidText(text: string, max = MAX_LABEL): string {
  const flat = redact(text).replace(/\s+/g, ' ').trim()
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
  return short.replace(/[#:;%"<>\\`]/g, (c) => `#${c.charCodeAt(0)};`)
}

/** A gantt task name: escaped, and never starting with one of the gantt's own keywords. */
export function ganttTaskName(text: string): string {
  const safe = mermaidText(text) || 'step'
  return GANTT_KEYWORDS.test(safe) ? `#${safe.charCodeAt(0)};${safe.slice(1)}` : safe
}

/** The status tag of a step's bar: passed done, failed crit, running active; cancelled untagged. */
function tag(s: Step): string {
  switch (s.outcome) {
    case 'passed':
      return 'done, '
    case 'failed':
      return 'crit, '
    case 'running':
      return 'active, '
    default:
      return ''
  }
}

/**
 * The steps on a time axis, in sections by phase (deploy, roll back). Skipped steps did not run
 * and are left out. Times are epoch milliseconds (`dateFormat x`); the axis shows the reader's
 * local clock.
 */
export function ganttChart(r: RunRecord): string {
  const steps = r.steps.filter((s) => s.outcome !== 'skipped')
  if (!steps.length) return ''
  const lines = ['gantt', `  title ${mermaidText(`Steps of the run in ${r.environment}`)}`, '  dateFormat x', '  axisFormat %H:%M:%S', '  todayMarker off']
  let phase: Step['phase'] | undefined
  steps.forEach((s, i) => {
    if (s.phase !== phase) lines.push(`  section ${s.phase === 'deploy' ? 'Deploy' : 'Roll back'}`)
    phase = s.phase
    const end = Math.max(s.startedAt, s.endedAt ?? r.endedAt)
    const name = ganttTaskName(s.outcome === 'cancelled' ? `${s.title} (cancelled)` : s.title)
    lines.push(`  ${name} :${tag(s)}s${i}, ${Math.round(s.startedAt)}, ${Math.round(end)}`)
  })
  return fenced(lines)
}

/** Buckets of consecutive values, each kept as its maximum so a spike stays visible. */
export function downsampleMax(values: number[], maxPoints = MAX_POINTS): { points: number[]; bucket: number } {
  const bucket = Math.max(1, Math.ceil(values.length / Math.max(1, maxPoints)))
  const points: number[] = []
  for (let i = 0; i < values.length; i += bucket) {
    const finite = values.slice(i, i + bucket).filter(Number.isFinite)
    points.push(finite.length ? Math.max(...finite) : 0)
  }
  return { points, bucket }
}

/** One line chart of an endpoint's latency per round (x: round, y: ms). Empty for no rounds. */
export function latencyChart(series: LatencySeries, o: ChartOptions = {}): string {
  const rounds = series.latenciesMs.length
  if (!rounds) return ''
  const { points, bucket } = downsampleMax(series.latenciesMs, o.maxPoints ?? MAX_POINTS)
  const values = points.map((v) => Number(v.toFixed(v < 10 ? 1 : 0)))
  const top = niceCeiling(Math.max(...values))
  const what = bucket > 1 ? `ms, max of every ${bucket} rounds` : 'ms'
  return fenced([
    'xychart-beta',
    `  title "${mermaidText(`Latency of ${series.endpoint} (${what})`)}"`,
    // A range needs two different ends; a single round is drawn on 1 --> 2.
    `  x-axis "round" 1 --> ${Math.max(2, rounds)}`,
    `  y-axis "ms" 0 --> ${top}`,
    `  line [${values.join(', ')}]`,
  ])
}

/** The charts of all endpoints, at most `maxCharts`, then a line counting the rest. */
export function latencyCharts(series: LatencySeries[], o: ChartOptions = {}): string {
  const max = o.maxCharts ?? MAX_CHARTS
  const charts = series
    .slice(0, max)
    .map((s) => latencyChart(s, o))
    .filter(Boolean)
  if (series.length > max) charts.push(`…and ${series.length - max} more endpoints (their numbers are in the evidence table).\n`)
  return charts.join('\n')
}

/** The summary's pictures section: the timeline, then the latency charts when there are any. */
export function buildCharts(r: RunRecord, latencies: LatencySeries[] = [], o: ChartOptions = {}): string {
  const gantt = ganttChart(r)
  const lat = latencyCharts(latencies, o)
  const parts = [gantt ? `### Timeline\n\n${gantt}` : '', lat ? `### Probe latency per round\n\n${lat}` : '']
  return parts.filter(Boolean).join('\n')
}

/** 1, 2 or 5 times a power of ten at or above the value, so the axis reads well. */
function niceCeiling(v: number): number {
  if (!(v > 0)) return 1
  const p = 10 ** Math.floor(Math.log10(v))
  return [1, 2, 5, 10].map((m) => m * p).find((n) => n >= v) as number
}

function fenced(lines: string[]): string {
  return ['```mermaid', ...lines, '```', ''].join('\n')
}
