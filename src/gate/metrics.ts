import { request, type Dispatcher } from 'undici'
import type { LabelMatcher, MetricSelector } from './types.js'

/** One sample of the Prometheus text exposition format. */
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

// The exposition format is small and stable; the npm parsers for it are unmaintained, so we keep
// our own (about forty lines, tested against escapes, timestamps and special values).
const SAMPLE_RE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+-?\d+)?\s*$/

/** Parses Prometheus text exposition; comment, HELP and TYPE lines are skipped, bad lines ignored. */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const m = line.match(SAMPLE_RE)
    if (!m) continue
    const labels = m[2] ? parseLabels(m[2].slice(1, -1)) : {}
    if (!labels) continue
    out.push({ name: m[1], labels, value: parseValue(m[3]) })
  }
  return out
}

function parseValue(v: string): number {
  if (v === '+Inf' || v === 'Inf') return Infinity
  if (v === '-Inf') return -Infinity
  return Number(v)
}

/** `a="x",b="y\"z"` → {a:'x', b:'y"z'}; undefined when malformed. */
function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {}
  let i = 0
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === ',') i++
    if (i >= text.length) break
    const name = text.slice(i).match(/^[a-zA-Z_][a-zA-Z0-9_]*/)
    if (!name) return undefined
    i += name[0].length
    while (text[i] === ' ') i++
    if (text[i] !== '=' || text[i + 1] !== '"') return undefined
    i += 2
    let value = ''
    for (; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\') {
        const next = text[++i]
        value += next === 'n' ? '\n' : next
      } else value += text[i]
    }
    if (text[i] !== '"') return undefined
    i++
    labels[name[0]] = value
  }
  return labels
}

const QUERY_HELP = 'expected `errors / total` where each side is a counter selector, e.g. http_requests_total{code=~"5.."} / http_requests_total'

/** `http_requests_total{code=~"5.."} / http_requests_total` → the two selectors. */
export function parseErrorRateQuery(query: string): { errors: MetricSelector; total: MetricSelector } {
  const parts = splitTopLevel(query, '/')
  if (parts.length !== 2) throw new Error(`'${query}' is not a ratio; ${QUERY_HELP}.`)
  return { errors: parseSelector(parts[0], query), total: parseSelector(parts[1], query) }
}

function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\\' && quoted) i++
    else if (c === '"') quoted = !quoted
    else if (!quoted && c === '{') depth++
    else if (!quoted && c === '}') depth--
    else if (!quoted && depth === 0 && c === sep) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((p) => p.trim())
}

function parseSelector(text: string, query: string): MetricSelector {
  const m = text.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?$/s)
  if (!m) throw new Error(`'${text}' in '${query}' is not a metric selector; ${QUERY_HELP}.`)
  const matchers: LabelMatcher[] = []
  for (const part of splitTopLevel(m[2] ?? '', ',').filter(Boolean)) {
    const lm = part.match(/^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"$/s)
    if (!lm) throw new Error(`'${part}' in '${query}' is not a label matcher; expected label="value", label!="value", label=~"regex" or label!~"regex".`)
    const value = lm[3].replace(/\\(.)/g, '$1')
    if (lm[2] === '=~' || lm[2] === '!~') {
      try {
        new RegExp(`^(?:${value})$`)
      } catch {
        throw new Error(`'${value}' in '${query}' is not a valid regular expression.`)
      }
    }
    matchers.push({ label: lm[1], op: lm[2] as LabelMatcher['op'], value })
  }
  return { name: m[1], matchers }
}

/** Sum of every series matching the selector (regexes anchored, as in PromQL). */
export function sumSelector(samples: Sample[], sel: MetricSelector): number {
  const tests = sel.matchers.map((m) => {
    const re = m.op === '=~' || m.op === '!~' ? new RegExp(`^(?:${m.value})$`) : undefined
    return (labels: Record<string, string>) => {
      const v = labels[m.label] ?? ''
      switch (m.op) {
        case '=':
          return v === m.value
        case '!=':
          return v !== m.value
        case '=~':
          return re!.test(v)
        case '!~':
          return !re!.test(v)
      }
    }
  })
  let sum = 0
  for (const s of samples) if (s.name === sel.name && tests.every((t) => t(s.labels)) && Number.isFinite(s.value)) sum += s.value
  return sum
}

/** `5%`, `0.5%` or `0.05` → a fraction in [0, 1]. */
export function parseRate(text: string): number {
  const t = text.trim()
  const m = t.match(/^(\d+(?:\.\d+)?)(%?)$/)
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN
  if (!m || !(value >= 0 && value <= 1)) throw new Error(`'${text}' is not a rate; expected a percentage like 5% or 0.5%, or a fraction like 0.05.`)
  return value
}

/** Reads the metrics endpoint and sums the two selectors. */
export async function readCounters(
  url: string,
  sel: { errors: MetricSelector; total: MetricSelector },
  o: { dispatcher: Dispatcher; timeoutMs: number; headers?: Array<[string, string]>; signal?: AbortSignal },
): Promise<{ errors: number; total: number }> {
  const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]) : AbortSignal.timeout(o.timeoutMs)
  const res = await request(url, { dispatcher: o.dispatcher, signal, headers: Object.fromEntries(o.headers ?? []), headersTimeout: o.timeoutMs, bodyTimeout: o.timeoutMs })
  const text = await res.body.text()
  if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`metrics endpoint answered ${res.statusCode}`)
  const samples = parseExposition(text)
  return { errors: sumSelector(samples, sel.errors), total: sumSelector(samples, sel.total) }
}
