import { describe, expect, it } from 'vitest'
import { parseErrorRateQuery, parseRate } from '../../src/gate/error-rate-query.js'
import { parseExposition, sumSelector } from '../../src/gate/metrics.js'

const text = [
  '# HELP http_requests_total Requests served.',
  '# TYPE http_requests_total counter',
  'http_requests_total{code="200",path="/a"} 90',
  'http_requests_total{code="500",path="/a"} 7 1700000000000',
  'http_requests_total{code="503",path="/b \\"quoted\\" \\\\ x\\ny"} 3',
  'http_requests_total{code="404"} 5',
  'http_requests_total { code = "502" , path="/c", } 2\r',
  'other_total 1e3',
  'weird_gauge NaN',
  'inf_gauge +Inf',
  'neg_gauge -Inf',
  'this is not a sample',
  'bad_value{code="200"} twelve',
  'unterminated{code="200} 4',
  '# EOF',
].join('\n')

describe('parseExposition', () => {
  const samples = parseExposition(text)

  it('reads samples, skipping comments and lines that do not parse', () => {
    expect(samples.map((s) => s.name)).toEqual([
      'http_requests_total',
      'http_requests_total',
      'http_requests_total',
      'http_requests_total',
      'http_requests_total',
      'other_total',
      'weird_gauge',
      'inf_gauge',
      'neg_gauge',
    ])
  })

  it('unescapes label values and ignores timestamps', () => {
    expect(samples[1]).toEqual({ name: 'http_requests_total', labels: { code: '500', path: '/a' }, value: 7 })
    expect(samples[2].labels.path).toBe('/b "quoted" \\ x\ny')
  })

  it('tolerates spaces, a trailing comma and CRLF', () => {
    expect(samples[4]).toEqual({ name: 'http_requests_total', labels: { code: '502', path: '/c' }, value: 2 })
  })

  it('reads exponents and special values', () => {
    expect(samples[5].value).toBe(1000)
    expect(samples[6].value).toBeNaN()
    expect(samples[7].value).toBe(Infinity)
    expect(samples[8].value).toBe(-Infinity)
  })
})

describe('parseErrorRateQuery and sumSelector', () => {
  const samples = parseExposition(text)
  const errors = (q: string) => sumSelector(samples, parseErrorRateQuery(`${q} / x`).errors)

  it('parses both sides, with every matcher operator', () => {
    expect(parseErrorRateQuery('http_requests_total{code=~"5..", path!="/b", job="web", env!~"dev|test"} / http_requests_total')).toEqual({
      errors: {
        name: 'http_requests_total',
        matchers: [
          { label: 'code', op: '=~', value: '5..' },
          { label: 'path', op: '!=', value: '/b' },
          { label: 'job', op: '=', value: 'web' },
          { label: 'env', op: '!~', value: 'dev|test' },
        ],
      },
      total: { name: 'http_requests_total', matchers: [] },
    })
  })

  it('keeps a / or , inside a quoted regex, and unescapes PromQL strings', () => {
    const q = parseErrorRateQuery('reqs{path=~"/api/(a|b),x", msg="say \\"hi\\"", re=~"\\\\d+"} / reqs{}')
    expect(q.errors.matchers.map((m) => m.value)).toEqual(['/api/(a|b),x', 'say "hi"', '\\d+'])
    expect(q.total).toEqual({ name: 'reqs', matchers: [] })
  })

  it('sums matching series; regexes are anchored as in PromQL', () => {
    expect(errors('http_requests_total{code=~"5.."}')).toBe(12) // 7 + 3 + 2
    expect(errors('http_requests_total')).toBe(107)
    expect(errors('http_requests_total{code=~"5"}')).toBe(0) // not a prefix match
    expect(errors('http_requests_total{code=~"50"}')).toBe(0)
    expect(errors('http_requests_total{code!~"2..|404", path!="/a"}')).toBe(5)
    expect(errors('http_requests_total{code="404"}')).toBe(5)
  })

  it('a missing label is the empty string', () => {
    expect(errors('http_requests_total{path=""}')).toBe(5)
    expect(errors('http_requests_total{path!=""}')).toBe(102)
  })

  it('does not sum NaN or infinite samples', () => {
    expect(errors('weird_gauge')).toBe(0)
    expect(errors('inf_gauge')).toBe(0)
  })

  it('rejects other queries, saying what form is expected', () => {
    const form = /expected `errors \/ total` where each side is a counter selector/
    expect(() => parseErrorRateQuery('rate(http_requests_total[5m])')).toThrow(form)
    expect(() => parseErrorRateQuery('sum(a) / sum(b)')).toThrow(/'sum\(a\)' .* is not a metric selector; expected `errors \/ total`/)
    expect(() => parseErrorRateQuery('a / b / c')).toThrow(/not a ratio of two selectors/)
    expect(() => parseErrorRateQuery('a /')).toThrow(form)
    expect(() => parseErrorRateQuery('')).toThrow(form)
    expect(() => parseErrorRateQuery('a{code=5} / b')).toThrow(
      /'code=5' in 'a\{code=5\} \/ b' is not a label matcher; expected label="value", label!="value", label=~"regex" or label!~"regex"/,
    )
    expect(() => parseErrorRateQuery('a{code=~"("} / b')).toThrow(/'\(' in .* is not a valid regular expression/)
    expect(() => parseErrorRateQuery('a{code="5"')).toThrow(form)
  })
})

describe('parseRate', () => {
  it('reads percentages and fractions', () => {
    expect(parseRate('5%')).toBeCloseTo(0.05)
    expect(parseRate('0.5%')).toBeCloseTo(0.005)
    expect(parseRate(' 2.5 % ')).toBeCloseTo(0.025)
    expect(parseRate('0.05')).toBeCloseTo(0.05)
    expect(parseRate('.1')).toBeCloseTo(0.1)
    expect(parseRate('0')).toBe(0)
    expect(parseRate('100%')).toBe(1)
  })

  it('rejects anything else with a message that says what to type', () => {
    const msg = /is not a rate; expected a percentage from 0% to 100% like 5% or 0.5%, or a fraction from 0 to 1 like 0.05/
    for (const bad of ['150%', '5', 'five', '', '-1%', '5%%', '0.05.1']) expect(() => parseRate(bad), bad).toThrow(msg)
  })
})
