import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config.js'
import { METRICS_QUERY_EXAMPLE, parseMetricsQueries, type MetricsQuery } from '../../src/gate/metrics-queries.js'
import { escapePromqlString, meetsThreshold, quoteRegex, renderQuery } from '../../src/gate/promql.js'
import { mulberry32 } from '../helpers/seeded.js'

const one = (line: string): MetricsQuery => {
  const qs = parseMetricsQueries(line)
  expect(qs).toHaveLength(1)
  return qs[0]
}

const errorOf = (text: string): string => {
  try {
    parseMetricsQueries(text)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('no error')
}

/** Go-style unquoting of a PromQL double-quoted string's inside, written apart from the escaper it checks. */
function unquote(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/gs, (_, e: string) => {
    if (e[0] === 'x' || e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16))
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"' }
    if (!(e in simple)) throw new Error(`unknown escape \\${e}`)
    return simple[e]
  })
}

describe('parseMetricsQueries', () => {
  it('reads the documented example', () => {
    const q = one(METRICS_QUERY_EXAMPLE)
    expect(q).toMatchObject({ name: 'error-rate', line: 1, op: '<', threshold: 0.05, thresholdText: '0.05' })
    expect(q.promql).toBe('sum(rate(http_requests_total{code=~"5..",version="{{version}}"}[1m])) / sum(rate(http_requests_total{version="{{version}}"}[1m]))')
  })

  it('skips blank and # lines, keeps line numbers, accepts CRLF', () => {
    const qs = parseMetricsQueries(
      '# checks\r\n\r\nerrors: sum(rate(e[1m])) < 1\r\n  latency : histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m]))) <= 0.8\r\n',
    )
    expect(qs.map((q) => [q.name, q.line, q.op, q.threshold])).toEqual([
      ['errors', 3, '<', 1],
      ['latency', 4, '<=', 0.8],
    ])
    expect(parseMetricsQueries('')).toEqual([])
    expect(parseMetricsQueries('\n  \n# only a comment')).toEqual([])
  })

  it('takes the last comparison of the line as the threshold; a query may compare too', () => {
    const q = one('busy: sum(rate(x[5m])) > 0 < 5')
    expect([q.promql, q.op, q.threshold]).toEqual(['sum(rate(x[5m])) > 0', '<', 5])
    const r = one('odd: count(up{path!~"/a>b", note="x < 3"}) >= 1.5e-1')
    expect([r.promql, r.op, r.threshold, r.thresholdText]).toEqual(['count(up{path!~"/a>b", note="x < 3"})', '>=', 0.15, '1.5e-1'])
  })

  it('accepts signed, fractional and exponent thresholds, with or without spaces', () => {
    expect(one('a: x>-1').threshold).toBe(-1)
    expect(one('a: x <.5').threshold).toBe(0.5)
    expect(one('a: x >= 2E3').threshold).toBe(2000)
    expect(one('a: x <= +1.').threshold).toBe(1)
  })

  it('lets the query hold colons (recording rules, subqueries): the name ends at the first one', () => {
    const q = one('ratio: max_over_time(job:errors:rate5m[10m:1m]) / sum(job:requests:rate5m) <= 0.01')
    expect(q.name).toBe('ratio')
    expect(q.promql).toBe('max_over_time(job:errors:rate5m[10m:1m]) / sum(job:requests:rate5m)')
  })

  it.each([
    ['sum(rate(x[1m])) < 1', /line 1: 'sum\(rate\(x\[1m\]\)\) < 1' has no name; expected `name: <PromQL> <op> <number>`.*e\.g\. `error-rate: sum/],
    ['error rate: x < 1', /line 1: 'error rate' is not a check name; use letters, digits, _ and -/],
    ['errors: sum(rate(x[1m]))', /line 1: 'errors' does not end with a threshold \(an operator and a number, e\.g\. < 0\.05\); expected `name: /],
    ['errors: x < 5%', /line 1: 'errors': the threshold cannot be a percentage; write the number the query returns, e\.g\. 0\.05 for 5% of a ratio/],
    ['errors: < 5', /line 1: 'errors' has a threshold but no query before it/],
    [
      'errors: x{a="{{ver}}"} < 1',
      /line 1: 'errors': '\{\{ver\}\}' is not a placeholder; expected \{\{version\}\}, \{\{previous_version\}\} or \{\{environment\}\}/,
    ],
    ['errors: x{{version}} < 1', /'errors': put \{\{version\}\} inside a double-quoted string, e\.g\. version="\{\{version\}\}"/],
    ["errors: x{v='{{version}}'} < 1", /put \{\{version\}\} inside a double-quoted string/],
    ['errors: x{v=`{{version}}`} < 1', /put \{\{version\}\} inside a double-quoted string/],
    ['errors: x{v="a} < 1', /'errors': a string opened with " is not closed/],
    ['errors: sum(rate(x[1m]) < 1', /'errors': the \( opened in the query is not closed/],
    ['errors: sum(x)) < 1', /'errors': the \) at character 7 of the query closes nothing/],
    ['errors: sum(x[1m)] < 1', /the \) at character 9 of the query closes nothing/],
    ['errors: x # note < 1', /'errors': a # outside quotes starts a PromQL comment/],
  ])('rejects %s with a message saying what to type', (line, message) => {
    expect(errorOf(line)).toMatch(message)
  })

  it('rejects a name used twice, naming both lines', () => {
    expect(errorOf('a: x < 1\n\nb: y < 1\na: z > 2')).toBe("line 4: the name 'a' is already used on line 1; give each check its own name.")
  })

  it('reads as a ConfigError naming metrics-queries once config.ts wraps it', () => {
    const err = new ConfigError('metrics-queries', errorOf('ok: x < 1\nbad'))
    expect(err.message).toMatch(/^Invalid input 'metrics-queries': line 2: 'bad' has no name; expected `name: <PromQL> <op> <number>`/)
  })

  it('allows #, quotes and brackets inside strings', () => {
    const q = one(`a: count(x{path="/#[(", b='"\\'', c=\`\\\`}) > 0`)
    expect(q.promql).toBe(`count(x{path="/#[(", b='"\\'', c=\`\\\`})`)
  })
})

describe('renderQuery', () => {
  const values = { version: 'v1.2.3', previousVersion: 'v1.2.2', environment: 'prod "eu"\\1' }

  it('replaces placeholders with values escaped for a double-quoted string', () => {
    const q = one('e: sum(rate(r{env="{{environment}}", version="{{ version }}", before="{{previous_version}}"}[1m])) < 1')
    expect(renderQuery(q, values)).toBe('sum(rate(r{env="prod \\"eu\\"\\\\1", version="v1.2.3", before="v1.2.2"}[1m]))')
  })

  it('quotes regex metacharacters in regex matchers, so a version matches only itself', () => {
    const q = one('e: sum(r{version=~"{{version}}|{{previous_version}}", env !~ "{{environment}}.*"}) < 1')
    expect(renderQuery(q, values)).toBe('sum(r{version=~"v1\\\\.2\\\\.3|v1\\\\.2\\\\.2", env !~ "prod \\"eu\\"\\\\\\\\1.*"})')
    const re = new RegExp(`^(?:${quoteRegex('v1.2.3')})$`)
    expect(re.test('v1.2.3')).toBe(true)
    expect(re.test('v1x2x3')).toBe(false)
  })

  it('renders an unknown previous version as empty, and leaves a query without placeholders as written', () => {
    const q = one('e: r{before="{{previous_version}}"} < 1')
    expect(renderQuery(q, { version: 'v2', environment: 'prod' })).toBe('r{before=""}')
    expect(renderQuery(one('e: sum(r) < 1'), values)).toBe('sum(r)')
  })
})

describe('escapePromqlString', () => {
  it.each([
    ['v1.2.3', 'v1.2.3'],
    ['a"b\\c', 'a\\"b\\\\c'],
    ['line\nnext\r\ttab', 'line\\nnext\\r\\ttab'],
    ['\x01\x1f\x7f', '\\x01\\x1f\\x7f'],
    ["it's", "it's"],
    ['\ufffd', '\\uFFFD'],
    ['lone \ud800 surrogate', 'lone \\uFFFD surrogate'],
    ['emoji 🚀 ü', 'emoji 🚀 ü'],
  ])('%j → %j', (raw, escaped) => {
    expect(escapePromqlString(raw)).toBe(escaped)
  })

  it('round-trips through Go-style unquoting and never leaves a raw quote or newline', () => {
    const rand = mulberry32(3)
    const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\r', '\t', '\x00', '\x1b', '\x7f', "'", '`', '{', '}', 'é', '€', '🚀', '\ufffd']
    for (let t = 0; t < 500; t++) {
      const s = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('')
      const e = escapePromqlString(s)
      expect(unquote(e)).toBe(s)
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must not be left
      expect(e).not.toMatch(/[\n\r\x00-\x1f\x7f\ufffd]/)
      expect(e.replace(/\\./gs, '')).not.toContain('"')
    }
  })
})

describe('meetsThreshold', () => {
  it.each([
    [0.01, '<', 0.05, true],
    [0.05, '<', 0.05, false],
    [0.05, '<=', 0.05, true],
    [0.2, '<=', 0.05, false],
    [10, '>', 5, true],
    [5, '>', 5, false],
    [5, '>=', 5, true],
    [Infinity, '<', 0.05, false],
    [-Infinity, '<', 0.05, true],
    [NaN, '>=', 0, false],
  ] as const)('%d %s %d → %s', (value, op, threshold, want) => {
    expect(meetsThreshold(value, op, threshold)).toBe(want)
  })
})
