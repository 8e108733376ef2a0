import { describe, expect, it } from 'vitest'
import { summarize } from '../../src/gate/gate.js'
import { parseErrorRateQuery, parseExposition, parseRate, sumSelector } from '../../src/gate/metrics.js'

const text = `# HELP http_requests_total Requests.
# TYPE http_requests_total counter
http_requests_total{code="200",path="/a"} 90
http_requests_total{code="500",path="/a"} 7 1700000000000
http_requests_total{code="503",path="/b \\"quoted\\" \\\\ x"} 3
http_requests_total{code="404"} 5
other_total 1e3
weird_gauge NaN
inf_gauge +Inf
`

describe('Prometheus exposition', () => {
  it('parses samples, labels with escapes, timestamps and special values', () => {
    const s = parseExposition(text)
    expect(s).toHaveLength(7)
    expect(s[2].labels.path).toBe('/b "quoted" \\ x')
    expect(s[1].value).toBe(7)
    expect(s.find((x) => x.name === 'other_total')?.value).toBe(1000)
    expect(s.find((x) => x.name === 'inf_gauge')?.value).toBe(Infinity)
  })

  it('sums the series a selector matches, regexes anchored as in PromQL', () => {
    const s = parseExposition(text)
    const q = parseErrorRateQuery('http_requests_total{code=~"5.."} / http_requests_total')
    expect(sumSelector(s, q.errors)).toBe(10)
    expect(sumSelector(s, q.total)).toBe(105)
    expect(sumSelector(s, parseErrorRateQuery('http_requests_total{code=~"5"} / x').errors)).toBe(0)
    expect(sumSelector(s, parseErrorRateQuery('http_requests_total{code!~"2..|404", path!="/a"} / x').errors)).toBe(3)
    expect(sumSelector(s, parseErrorRateQuery('http_requests_total{code="404"} / x').errors)).toBe(5)
  })

  it('rejects queries that are not a ratio of selectors, saying what is expected', () => {
    expect(() => parseErrorRateQuery('rate(http_requests_total[5m])')).toThrow(/expected `errors \/ total`/)
    expect(() => parseErrorRateQuery('a{code=5} / b')).toThrow(/label matcher/)
    expect(() => parseErrorRateQuery('a{code=~"("} / b')).toThrow(/regular expression/)
    expect(() => parseErrorRateQuery('a / b / c')).toThrow(/not a ratio/)
  })

  it('reads rates', () => {
    expect(parseRate('5%')).toBeCloseTo(0.05)
    expect(parseRate('0.5%')).toBeCloseTo(0.005)
    expect(parseRate('0.05')).toBeCloseTo(0.05)
    expect(() => parseRate('150%')).toThrow(/percentage/)
    expect(() => parseRate('five')).toThrow(/percentage/)
  })
})

describe('latency summary', () => {
  it('gives p50, p95 and max', () => {
    expect(summarize([])).toBeNull()
    expect(summarize(Array.from({ length: 100 }, (_, i) => i + 1))).toEqual({ p50: 50, p95: 95, max: 100 })
    expect(summarize([7])).toEqual({ p50: 7, p95: 7, max: 7 })
  })
})
