/**
 * Reading a Prometheus instant query's answer (`/api/v1/query`) and judging it against the
 * check's threshold. Pure: the Prometheus signal sends the request and hands us the status and
 * body. The API answers a JSON envelope both ways: `{"status":"success","data":{"resultType":…,
 * "result":…}}` or `{"status":"error","errorType":"bad_data","error":"…"}` (HTTP 400 for a bad
 * query, 422 when it cannot run, 503 on timeout); sample values are strings ("0.2", "NaN",
 * "+Inf"), as Prometheus 2.42 answers them here.
 */
import { redact } from '../secrets.js'
import type { MetricsQuery } from './metrics-queries.js'
import { meetsThreshold } from './promql.js'
import type { Vote } from './vote.js'

export type QueryResult =
  | { kind: 'value'; value: number }
  /** An empty vector (no series yet: the first seconds after a target appears) or NaN (`0/0`). */
  | { kind: 'no-data'; reason: 'empty result' | 'NaN' }
  /**
   * The query cannot give one number: Prometheus rejected it, the answer is not the API's, or it
   * holds several series or a range. Before the deploy this fails the run; in a round it abstains.
   */
  | { kind: 'error'; message: string }

export interface QueryResponse {
  /** The check's name, for messages. */
  name: string
  /** HTTP status. */
  status: number
  body: string
}

/** Longest body excerpt quoted in a message. */
const EXCERPT = 200
/** Series named when a query returns several. */
const SERIES_SHOWN = 3

export function parseQueryResponse(r: QueryResponse): QueryResult {
  const error = (message: string): QueryResult => ({ kind: 'error', message: redact(`query '${r.name}' ${message}`) })
  let json: unknown
  try {
    json = JSON.parse(r.body)
  } catch {
    return error(
      `got HTTP ${r.status} with ${r.body.trim() ? `a body that is not JSON: ${excerpt(r.body)}` : 'an empty body'}; is prometheus-url the Prometheus API's base URL?`,
    )
  }
  const envelope = json as { status?: unknown; errorType?: unknown; error?: unknown; data?: { resultType?: unknown; result?: unknown } }
  if (envelope?.status === 'error') {
    const type = typeof envelope.errorType === 'string' ? `${envelope.errorType}, ` : ''
    return error(
      `was rejected by Prometheus (${type}HTTP ${r.status}): '${typeof envelope.error === 'string' ? envelope.error : JSON.stringify(envelope.error ?? '')}'`,
    )
  }
  if (envelope?.status !== 'success' || typeof envelope.data !== 'object' || envelope.data === null) {
    return error(`got HTTP ${r.status} with JSON that is not a Prometheus API answer: ${excerpt(r.body)}`)
  }
  if (r.status < 200 || r.status > 299) return error(`got HTTP ${r.status}`)
  const { resultType, result } = envelope.data
  switch (resultType) {
    case 'scalar':
      return sampleValue(result, error)
    case 'vector':
      return vectorValue(result, error)
    case 'matrix':
      return error(
        'returned a range vector (a selector with [range]); a check needs one number: wrap it in a function like rate(…) and aggregate with sum(…) or max(…)',
      )
    case 'string':
      return error('returned a string; a check needs one number')
    default:
      return error(`returned an unknown result type ${JSON.stringify(resultType)}`)
  }
}

type ErrorOf = (message: string) => QueryResult

function vectorValue(result: unknown, error: ErrorOf): QueryResult {
  if (!Array.isArray(result)) return error('returned a vector that is not a list')
  if (result.length === 0) return { kind: 'no-data', reason: 'empty result' }
  if (result.length > 1) {
    const shown = result.slice(0, SERIES_SHOWN).map((s: { metric?: Record<string, string> }) => seriesName(s.metric ?? {}))
    const more = result.length > SERIES_SHOWN ? ` and ${result.length - SERIES_SHOWN} more` : ''
    return error(`returned ${result.length} series (${shown.join(', ')}${more}); a check needs one number: aggregate them, e.g. sum(…) or max(…)`)
  }
  const series = result[0] as { value?: unknown; histogram?: unknown }
  if (series.histogram !== undefined) return error('returned a native histogram; a check needs one number: use histogram_quantile(…) or histogram_count(…)')
  return sampleValue(series.value, error)
}

/** `[timestamp, "value"]`, the shape of a scalar result and of a vector's sample. */
function sampleValue(sample: unknown, error: ErrorOf): QueryResult {
  const text: unknown = Array.isArray(sample) ? (sample as unknown[])[1] : undefined
  if (typeof text !== 'string') return error(`returned a sample without a value: ${excerpt(JSON.stringify(sample) ?? '')}`)
  if (text === 'NaN') return { kind: 'no-data', reason: 'NaN' }
  if (text === '+Inf' || text === 'Inf') return { kind: 'value', value: Infinity }
  if (text === '-Inf') return { kind: 'value', value: -Infinity }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return error(`returned a value that is not a number: '${text}'`)
  return { kind: 'value', value: Number(text) }
}

/** `{code="500",job="api"}`, with the metric name in front when there is one. */
function seriesName(metric: Record<string, string>): string {
  const { __name__: name = '', ...labels } = metric
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`)
  return `${name}{${pairs.join(',')}}`
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return `'${flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat}'`
}

/** A vote of a `metrics-queries` check; `value` when the query gave one. */
export interface QueryVote extends Vote {
  value?: number
}

/**
 * The check's vote for one round: its value against the threshold, e.g. `error-rate = 0.2 (max < 0.05)`.
 * No data and errors abstain with the reason (the policy names a check that never voted when
 * the window ends).
 */
export function judgeQuery(q: MetricsQuery, result: QueryResult): QueryVote {
  if (result.kind === 'no-data') return { signal: q.name, kind: 'abstain', evidence: `${q.name}: no data (${result.reason})` }
  if (result.kind === 'error') return { signal: q.name, kind: 'abstain', evidence: result.message }
  const bound = q.op === '<' || q.op === '<=' ? 'max' : 'min'
  const evidence = `${q.name} = ${numberText(result.value, q.threshold)} (${bound} ${q.op} ${q.thresholdText})`
  return { signal: q.name, kind: meetsThreshold(result.value, q.op, q.threshold) ? 'pass' : 'fail', evidence, value: result.value }
}

/** Six significant digits, unless that would print the threshold for a value that is not it (0.0500001 failing < 0.05). */
function numberText(value: number, threshold: number): string {
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  const short = Number(value.toPrecision(6))
  return short === threshold && value !== threshold ? String(value) : String(short)
}
