/**
 * PromQL strings for the Prometheus signal's rounds: a `metrics-queries` check rendered with its
 * placeholders' values escaped, and its value held to the threshold. Loaded only when the signal
 * runs (the parsing of the input, needed up front, is metrics-queries.ts).
 */
import type { Comparison, MetricsQuery, Placeholder, TemplateValues } from './metrics-queries.js'

/** The query as sent to Prometheus, placeholders replaced by escaped values. */
export function renderQuery(q: MetricsQuery, values: TemplateValues): string {
  const valueOf: Record<Placeholder, string> = {
    version: values.version,
    previous_version: values.previousVersion ?? '',
    environment: values.environment,
  }
  return q.parts.map((p) => (typeof p === 'string' ? p : escapePromqlString(p.regex ? quoteRegex(valueOf[p.placeholder]) : valueOf[p.placeholder]))).join('')
}

/**
 * A value for the inside of a PromQL double-quoted string, which follows Go's escapes: backslash
 * and double quote escaped, newline, CR and tab as \n \r \t (a raw newline ends the string), other
 * control characters as \xNN. U+FFFD and lone surrogates become \uFFFD: Prometheus's lexer takes a
 * literal U+FFFD for invalid UTF-8 and rejects it.
 */
export function escapePromqlString(value: string): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    const code = value.charCodeAt(i)
    if (c === '\\' || c === '"') out += `\\${c}`
    else if (c === '\n') out += '\\n'
    else if (c === '\r') out += '\\r'
    else if (c === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`
    else if (code === 0xfffd) out += '\\uFFFD'
    else if (code >= 0xd800 && code <= 0xdbff && value.charCodeAt(i + 1) >= 0xdc00 && value.charCodeAt(i + 1) <= 0xdfff) out += c + value[++i]
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\uFFFD'
    else out += c
  }
  return out
}

/** RE2's metacharacters escaped (as Go's regexp.QuoteMeta), so the value matches only itself. */
export function quoteRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')
}

/** Whether a value meets the threshold. NaN never does (and is "no data" before it gets here). */
export function meetsThreshold(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold
    case '<=':
      return value <= threshold
    case '>':
      return value > threshold
    case '>=':
      return value >= threshold
  }
}
