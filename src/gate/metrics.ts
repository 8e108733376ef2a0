/** The error-rate rule's rounds: the metrics page read and parsed (Prometheus text format), and the two selectors summed. */
import type { HttpDispatcher } from '../http/dispatcher.js'
import { redact } from '../secrets.js'
import { boundedGet } from '../http/get-text.js'
import { classifyError, displayUrl } from './http.js'
import { anchored } from './error-rate-query.js'
import type { FailureKind, MetricSelector } from './types.js'

/** One sample of the Prometheus text exposition format. */
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y
const LABEL = /[a-zA-Z_][a-zA-Z0-9_]*/y

/**
 * Parses the Prometheus text exposition format. Comments (# HELP, # TYPE, # EOF) and lines that
 * do not parse are skipped: one odd line from an exporter must not hide the counters we need.
 */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const sample = parseSampleLine(line)
    if (sample) out.push(sample)
  }
  return out
}

/** `name{a="x",b="y\"z"} value [timestamp]`, or undefined when malformed. */
function parseSampleLine(line: string): Sample | undefined {
  NAME.lastIndex = 0
  const name = NAME.exec(line)?.[0]
  if (!name) return undefined
  let i = name.length
  const skipSpaces = () => {
    while (line[i] === ' ' || line[i] === '\t') i++
  }
  skipSpaces()
  const labels: Record<string, string> = {}
  if (line[i] === '{') {
    i++
    for (;;) {
      skipSpaces()
      if (line[i] === '}') break
      LABEL.lastIndex = i
      const label = LABEL.exec(line)?.[0]
      if (!label) return undefined
      i += label.length
      skipSpaces()
      if (line[i] !== '=') return undefined
      i++
      skipSpaces()
      if (line[i] !== '"') return undefined
      i++
      let value = ''
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] !== '\\') {
          value += line[i]
          continue
        }
        const next = line[++i]
        value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next ?? ''}`
      }
      if (line[i] !== '"') return undefined
      i++
      labels[label] = value
      skipSpaces()
      if (line[i] === ',') i++
      else if (line[i] !== '}') return undefined
    }
    i++
  }
  // The value, then an optional timestamp (ignored: we compare reads, not sample times).
  const [valueText, timestamp, extra] = line.slice(i).trim().split(/\s+/)
  if (!valueText || extra !== undefined || (timestamp !== undefined && !/^-?\d+(\.\d+)?$/.test(timestamp))) return undefined
  const value = parseValue(valueText)
  return value === undefined ? undefined : { name, labels, value }
}

function parseValue(v: string): number | undefined {
  if (v === '+Inf' || v === 'Inf') return Infinity
  if (v === '-Inf') return -Infinity
  if (v === 'NaN') return NaN
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : undefined
}

/** Sum of every series the selector matches; a missing label is the empty string, as in PromQL. */
export function sumSelector(samples: Sample[], sel: MetricSelector): number {
  const tests = sel.matchers.map((m): ((v: string) => boolean) => {
    if (m.op === '=') return (v) => v === m.value
    if (m.op === '!=') return (v) => v !== m.value
    const re = anchored(m.value)
    return m.op === '=~' ? (v) => re.test(v) : (v) => !re.test(v)
  })
  let sum = 0
  for (const s of samples) {
    if (s.name !== sel.name || !Number.isFinite(s.value)) continue
    if (sel.matchers.every((m, i) => tests[i](s.labels[m.label] ?? ''))) sum += s.value
  }
  return sum
}

/** Metrics pages can be large (every series of a service); this bounds memory, not correctness. */
const METRICS_LIMIT = 16 * 1024 * 1024

export type CounterRead =
  /** `seen`: the total counter has at least one series (false hints at a typo, or no traffic yet). */
  | { ok: true; errors: number; total: number; seen: boolean }
  /** `answered`: an HTTP response came back (a bad status), as opposed to no connection at all. */
  | { ok: false; answered: boolean; kind: FailureKind; message: string }

/** Reads the metrics endpoint (bounded by the request timeout) and sums the two selectors. Never throws. */
export async function readCounters(
  url: string,
  sel: { errors: MetricSelector; total: MetricSelector },
  o: { dispatcher: HttpDispatcher; timeoutMs: number; signal?: AbortSignal },
): Promise<CounterRead> {
  try {
    // The health headers are not sent here: the metrics URL may be another host, and they are secrets.
    const { status, text } = await boundedGet(o.dispatcher, url, {
      headers: [],
      accept: 'text/plain',
      limit: METRICS_LIMIT,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
    })
    if (status < 200 || status > 299) {
      return { ok: false, answered: true, kind: 'status', message: redact(`metrics ${displayUrl(url)} answered status ${status}`) }
    }
    const samples = parseExposition(text)
    // Client libraries create labelled series on first use, so a missing counter is 0, not an error.
    const seen = samples.some((s) => s.name === sel.total.name)
    return { ok: true, errors: sumSelector(samples, sel.errors), total: sumSelector(samples, sel.total), seen }
  } catch (err) {
    const c = classifyError(err, o.timeoutMs, o.signal)
    return { ok: false, answered: false, kind: c.kind, message: redact(`metrics ${displayUrl(url)}: ${c.message}`) }
  }
}
