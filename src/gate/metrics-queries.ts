/**
 * The `metrics-queries` input: one check per line, `name: <PromQL> <op> <number>`, and the
 * placeholders its queries may hold. Pure: the config parses once up front (wrapping our errors in
 * its ConfigError for `metrics-queries`); rendering a query for a round is promql.ts's, loaded only
 * when the Prometheus signal runs.
 *
 * Rules, chosen so a line means one thing:
 * - Blank lines and lines starting with `#` are skipped.
 * - The name is everything before the first `:` (names hold no colon; queries may, as in
 *   `job:rate5m` or `[5m:1m]`): letters, digits, `_` and `-`, unique.
 * - The threshold is the trailing `<op> <number>` of the line, op one of `<` `<=` `>` `>=`. A query
 *   may itself compare (`rate(x[5m]) > 0 < 5`): only the last comparison is the threshold. The
 *   number is a plain decimal with an optional sign and exponent (`0.05`, `-1`, `2e-3`); no `%`,
 *   since the query's value is compared as it is: 5 % of a ratio is `0.05`.
 * - `{{version}}`, `{{previous_version}}` and `{{environment}}` go inside double-quoted strings,
 *   e.g. `{version="{{version}}"}`, where their values are escaped by PromQL's string rules (a
 *   release tag is user-controlled). In a regex matcher (`=~"…"`, `!~"…"`) the value also has its
 *   regex metacharacters escaped, so `v1.2.3` matches only itself while `{{version}}|{{previous_version}}`
 *   still matches either. Anywhere else (single quotes, backquotes, bare) is an error: those
 *   strings cannot carry every value safely.
 * - A `#` outside quotes would start a PromQL comment and hide the threshold: an error.
 */

export type Comparison = '<' | '<=' | '>' | '>='

export const PLACEHOLDERS = ['version', 'previous_version', 'environment'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

/** A piece of a query: text as written, or a placeholder inside a double-quoted string. */
export type QueryPart = string | { placeholder: Placeholder; regex: boolean }

export interface MetricsQuery {
  /** As the user named it; votes and evidence use it. */
  name: string
  /** 1-based line of the input, for messages. */
  line: number
  /** The PromQL as written, placeholders unexpanded (for messages and the dry-run plan). */
  promql: string
  parts: QueryPart[]
  op: Comparison
  threshold: number
  /** The threshold as typed, for evidence (`0.05`, not `5e-2`'s rendering). */
  thresholdText: string
}

/** The values the placeholders stand for. previousVersion is undefined on a first deploy: it renders empty. */
export interface TemplateValues {
  version: string
  previousVersion?: string
  environment: string
}

/** What to type: the README's example and every message's. */
export const METRICS_QUERY_EXAMPLE =
  'error-rate: sum(rate(http_requests_total{code=~"5..",version="{{version}}"}[1m])) / sum(rate(http_requests_total{version="{{version}}"}[1m])) < 0.05'

const FORM = `expected \`name: <PromQL> <op> <number>\` with op one of < <= > >=, e.g. \`${METRICS_QUERY_EXAMPLE}\``

/** A bad line; config.ts wraps the message as `Invalid input 'metrics-queries': line N: …`. */
export class MetricsQueryError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`)
    this.name = 'MetricsQueryError'
  }
}

const NAME = /^[A-Za-z0-9_-]+$/
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`
/** Lazy query, so the op found is the last one that a number alone follows to the end of the line. */
const THRESHOLD = new RegExp(String.raw`^(.*?)\s*(<=|>=|<|>)\s*(${NUMBER})$`, 's')
const PERCENT = new RegExp(String.raw`(<=|>=|<|>)\s*${NUMBER}\s*%$`)

/** Parses the whole input; an empty input is no checks. Throws MetricsQueryError for the first bad line. */
export function parseMetricsQueries(text: string): MetricsQuery[] {
  const out: MetricsQuery[] = []
  const seen = new Map<string, number>()
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!line || line.startsWith('#')) return
    const q = parseLine(line, i + 1)
    const first = seen.get(q.name)
    if (first !== undefined) throw new MetricsQueryError(q.line, `the name '${q.name}' is already used on line ${first}; give each check its own name.`)
    seen.set(q.name, q.line)
    out.push(q)
  })
  return out
}

function parseLine(line: string, n: number): MetricsQuery {
  const colon = line.indexOf(':')
  if (colon < 0) throw new MetricsQueryError(n, `'${line}' has no name; ${FORM}.`)
  const name = line.slice(0, colon).trim()
  const rest = line.slice(colon + 1).trim()
  if (!NAME.test(name)) {
    throw new MetricsQueryError(
      n,
      `'${name}' is not a check name; use letters, digits, _ and - before the first colon (e.g. error-rate), then the query; ${FORM}.`,
    )
  }
  if (PERCENT.test(rest)) {
    throw new MetricsQueryError(n, `'${name}': the threshold cannot be a percentage; write the number the query returns, e.g. 0.05 for 5% of a ratio.`)
  }
  const m = THRESHOLD.exec(rest)
  if (!m) throw new MetricsQueryError(n, `'${name}' does not end with a threshold (an operator and a number, e.g. < 0.05); ${FORM}.`)
  const promql = m[1].trim()
  if (!promql) throw new MetricsQueryError(n, `'${name}' has a threshold but no query before it; ${FORM}.`)
  const scanned = scanQuery(promql)
  if (typeof scanned === 'string') throw new MetricsQueryError(n, `'${name}': ${scanned}.`)
  return { name, line: n, promql, parts: scanned, op: m[2] as Comparison, threshold: Number(m[3]), thresholdText: m[3] }
}

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' }
const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/y

/**
 * Splits a query into text and placeholders, checking what a typo would otherwise only show at
 * the first round: quotes closed, brackets balanced, placeholders known and inside double quotes,
 * no comment. Returns the reason as a string when the query is not well formed.
 */
function scanQuery(q: string): QueryPart[] | string {
  const parts: QueryPart[] = []
  const open: string[] = []
  let text = ''
  let quote: '"' | "'" | '`' | undefined
  let regexString = false
  for (let i = 0; i < q.length; i++) {
    const c = q[i]
    PLACEHOLDER.lastIndex = i
    const ph = c === '{' && q[i + 1] === '{' ? PLACEHOLDER.exec(q) : null
    if (ph) {
      const name = ph[1] as Placeholder
      if (!PLACEHOLDERS.includes(name)) return `'${ph[0]}' is not a placeholder; expected {{version}}, {{previous_version}} or {{environment}}`
      if (quote !== '"') return `put ${ph[0]} inside a double-quoted string, e.g. version="${ph[0]}", where its value can be escaped`
      parts.push(text, { placeholder: name, regex: regexString })
      text = ''
      i += ph[0].length - 1
      continue
    }
    text += c
    if (quote) {
      if (c === '\\' && quote !== '`') text += q[++i] ?? ''
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c
      regexString = /[=!]~\s*$/.test(q.slice(0, i))
    } else if (c === '#') {
      return 'a # outside quotes starts a PromQL comment, which would hide the rest of the line; remove it'
    } else if (c === '(' || c === '[' || c === '{') {
      open.push(c)
    } else if (c in CLOSERS) {
      if (open.pop() !== CLOSERS[c]) return `the ${c} at character ${i + 1} of the query closes nothing`
    }
  }
  if (quote) return `a string opened with ${quote} is not closed`
  if (open.length) return `the ${open[open.length - 1]} opened in the query is not closed`
  parts.push(text)
  return parts.filter((p) => p !== '')
}

/** A check's rule as the plan, votes and evidence show it: `<PromQL> <op> <threshold>`. */
export function queryRule(q: MetricsQuery): string {
  return `${q.promql} ${q.op} ${q.thresholdText}`
}
