import { afterEach, describe, expect, it } from 'vitest'
import { parseQueryResponse, judgeQuery, type QueryResult } from '../../src/gate/prometheus-result.js'
import { parseMetricsQueries } from '../../src/gate/metrics-queries.js'
import { addSecret, clearSecrets } from '../../src/secrets.js'

// Bodies as Prometheus 2.42 (Debian's package) answered /api/v1/query on this machine.
const BODIES = {
  vector: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795519070.897,"0.2"]}]}}',
  scalar: '{"status":"success","data":{"resultType":"scalar","result":[1795519070.904,"2"]}}',
  nan: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795519070.843,"NaN"]}]}}',
  empty: '{"status":"success","data":{"resultType":"vector","result":[]}}',
  inf: '{"status":"success","data":{"resultType":"scalar","result":[1795519070.978,"+Inf"]}}',
  negInf: '{"status":"success","data":{"resultType":"scalar","result":[1795519070.986,"-Inf"]}}',
  matrix: '{"status":"success","data":{"resultType":"matrix","result":[]}}',
  string: '{"status":"success","data":{"resultType":"string","result":[1795519070.926,"str"]}}',
  two: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1795519070.947,"1"]},{"metric":{"a":"2"},"value":[1795519070.947,"2"]}]}}',
  badQuery: '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:4: parse error: unexpected end of input inside braces"}',
}

const parse = (body: string, status = 200) => parseQueryResponse({ name: 'error-rate', status, body })

describe('parseQueryResponse', () => {
  afterEach(() => clearSecrets())

  it('reads a one-element vector and a scalar as a number', () => {
    expect(parse(BODIES.vector)).toEqual({ kind: 'value', value: 0.2 })
    expect(parse(BODIES.scalar)).toEqual({ kind: 'value', value: 2 })
  })

  it('reads an empty vector and NaN as no data', () => {
    expect(parse(BODIES.empty)).toEqual({ kind: 'no-data', reason: 'empty result' })
    expect(parse(BODIES.nan)).toEqual({ kind: 'no-data', reason: 'NaN' })
  })

  it('reads infinities (1/0) as numbers', () => {
    expect(parse(BODIES.inf)).toEqual({ kind: 'value', value: Infinity })
    expect(parse(BODIES.negInf)).toEqual({ kind: 'value', value: -Infinity })
  })

  it('names the query and the series when there are several, and says to aggregate', () => {
    expect(parse(BODIES.two)).toEqual({
      kind: 'error',
      message: `query 'error-rate' returned 2 series ({a="1"}, {a="2"}); a check needs one number: aggregate them, e.g. sum(…) or max(…)`,
    })
    const many = JSON.stringify({
      status: 'success',
      data: { resultType: 'vector', result: [1, 2, 3, 4, 5].map((i) => ({ metric: { __name__: 'http_requests_total', code: `50${i}` }, value: [1, '1'] })) },
    })
    expect((parse(many) as { message: string }).message).toContain(
      '5 series (http_requests_total{code="501"}, http_requests_total{code="502"}, http_requests_total{code="503"} and 2 more)',
    )
  })

  it("quotes Prometheus's error for a rejected query", () => {
    expect(parse(BODIES.badQuery, 400)).toEqual({
      kind: 'error',
      message: `query 'error-rate' was rejected by Prometheus (bad_data, HTTP 400): 'invalid parameter "query": 1:4: parse error: unexpected end of input inside braces'`,
    })
  })

  it('says what a range, a string or a native histogram is instead of one number', () => {
    expect(parse(BODIES.matrix)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^query 'error-rate' returned a range vector .*rate\(…\)/) })
    expect(parse(BODIES.string)).toMatchObject({ kind: 'error', message: "query 'error-rate' returned a string; a check needs one number" })
    const hist = '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{"count":"3","sum":"1"}]}]}}'
    expect(parse(hist)).toMatchObject({ kind: 'error', message: expect.stringContaining('native histogram; a check needs one number: use histogram_quantile') })
  })

  it('quotes an excerpt of a body that is not JSON, or not the API envelope', () => {
    const html = `<html>\n  <body>${'x'.repeat(300)}</body></html>`
    const r = parse(html, 502) as { kind: string; message: string }
    expect(r.kind).toBe('error')
    expect(r.message).toMatch(
      /^query 'error-rate' got HTTP 502 with a body that is not JSON: '<html> <body>x+…'; is prometheus-url the Prometheus API's base URL\?$/,
    )
    expect(r.message.length).toBeLessThan(330)
    expect(parse('', 404)).toMatchObject({ message: "query 'error-rate' got HTTP 404 with an empty body; is prometheus-url the Prometheus API's base URL?" })
    expect(parse('{"hello":"world"}')).toMatchObject({
      message: `query 'error-rate' got HTTP 200 with JSON that is not a Prometheus API answer: '{"hello":"world"}'`,
    })
    expect(parse('null')).toMatchObject({ kind: 'error' })
  })

  it('does not trust a success envelope under an error status, nor a value that is not a number', () => {
    expect(parse(BODIES.vector, 500)).toEqual({ kind: 'error', message: "query 'error-rate' got HTTP 500" })
    const odd = '{"status":"success","data":{"resultType":"scalar","result":[1,"twelve"]}}'
    expect(parse(odd)).toEqual({ kind: 'error', message: "query 'error-rate' returned a value that is not a number: 'twelve'" })
    expect(parse('{"status":"success","data":{"resultType":"scalar","result":[1]}}')).toMatchObject({ kind: 'error' })
  })

  it('redacts secrets from what it quotes', () => {
    addSecret('Bearer s3cr3t-token')
    const r = parse('<p>denied for Bearer s3cr3t-token</p>', 401) as { message: string }
    expect(r.message).toContain('denied for ***')
    expect(r.message).not.toContain('s3cr3t')
  })
})

describe('judgeQuery', () => {
  const [errorRate, throughput] = parseMetricsQueries('error-rate: sum(rate(e[1m])) / sum(rate(r[1m])) < 0.05\nthroughput: sum(rate(r[1m])) >= 10')
  const value = (v: number): QueryResult => ({ kind: 'value', value: v })

  it('passes and fails against the threshold, with the value and the rule', () => {
    expect(judgeQuery(errorRate, value(0.2))).toEqual({ signal: 'error-rate', kind: 'fail', evidence: 'error-rate = 0.2 (max < 0.05)', value: 0.2 })
    expect(judgeQuery(errorRate, value(0.012))).toMatchObject({ kind: 'pass', evidence: 'error-rate = 0.012 (max < 0.05)' })
    expect(judgeQuery(throughput, value(10))).toMatchObject({ kind: 'pass', evidence: 'throughput = 10 (min >= 10)' })
    expect(judgeQuery(throughput, value(3.14159265))).toMatchObject({ kind: 'fail', evidence: 'throughput = 3.14159 (min >= 10)' })
    expect(judgeQuery(errorRate, value(Infinity))).toMatchObject({ kind: 'fail', evidence: 'error-rate = +Inf (max < 0.05)' })
  })

  it('never prints the threshold for a value that only rounds to it', () => {
    expect(judgeQuery(errorRate, value(0.0500000001))).toMatchObject({ kind: 'fail', evidence: 'error-rate = 0.0500000001 (max < 0.05)' })
    expect(judgeQuery(errorRate, value(0.05))).toMatchObject({ kind: 'fail', evidence: 'error-rate = 0.05 (max < 0.05)' })
  })

  it('abstains on no data and on errors, saying why', () => {
    expect(judgeQuery(errorRate, { kind: 'no-data', reason: 'empty result' })).toEqual({
      signal: 'error-rate',
      kind: 'abstain',
      evidence: 'error-rate: no data (empty result)',
    })
    expect(judgeQuery(errorRate, { kind: 'no-data', reason: 'NaN' }).evidence).toBe('error-rate: no data (NaN)')
    const failed = parseQueryResponse({
      name: 'error-rate',
      status: 503,
      body: '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
    })
    expect(judgeQuery(errorRate, failed)).toEqual({
      signal: 'error-rate',
      kind: 'abstain',
      evidence: "query 'error-rate' was rejected by Prometheus (timeout, HTTP 503): 'query timed out in expression evaluation'",
    })
  })
})
