/**
 * The Prometheus signal: each `metrics-queries` check sent as an instant query every round, its
 * placeholders replaced by escaped values; the value against the check's threshold is its vote. An
 * empty result or NaN abstains ("no data"), and a check that never gave data by the end of the
 * window fails the gate naming it. Every query is also sent once before anything is deployed.
 */
import { Inputs } from '../../constants.js'
import { urlCredentialForms } from '../../headers.js'
import { HttpDispatcher } from '../../http/dispatcher.js'
import { ConfigError, type InputReader } from '../../inputs.js'
import { displayUrl } from '../http.js'
import { parseQueryResponse, judgeQuery, type QueryResult } from '../prometheus-result.js'
import { MetricsQueryError, parseMetricsQueries, renderQuery, type MetricsQuery, type TemplateValues } from '../promql.js'
import type { PrometheusConfig } from '../types.js'
import { instantQuery } from './prometheus-client.js'
import type { SignalDefinition, SignalVote } from './types.js'

export const prometheusSignal: SignalDefinition<PrometheusConfig> = {
  id: 'prometheus',
  inputs: [Inputs.PrometheusUrl, Inputs.PrometheusHeaders, Inputs.MetricsQueries],
  abstain: 'required',
  read: readPrometheus,
  configOf: (g) => g.prometheus,
  describe: (c) => `metrics-queries (${displayUrl(c.url)}): ${c.queries.map((q) => `${q.name}: ${ruleOf(q)}`).join('; ')}`,
  async preflight(c, g, ctx) {
    const dispatcher = new HttpDispatcher()
    try {
      for (const q of c.queries) {
        const result = await ask(c, q, { ...ctx, dispatcher, timeoutMs: g.requestTimeoutMs })
        // "No data" before the deploy is normal (the new version's series do not exist yet); a query Prometheus rejects is not.
        if (result.kind === 'error') throw new Error(`metrics-queries line ${q.line}: ${result.message}`)
        ctx.log?.(`metrics-queries: ${q.name} answers (${result.kind === 'value' ? `now ${result.value}` : `no data yet: ${result.reason}`})`)
      }
    } finally {
      await dispatcher.destroy().catch(() => undefined)
    }
  },
  start: (c, ctx) => {
    const last = new Map<string, string>()
    return {
      async observe() {
        const votes = await Promise.all(c.queries.map(async (q) => voteOf(q, await ask(c, q, { ...ctx, timeoutMs: ctx.cfg.requestTimeoutMs }))))
        for (const v of votes) if (v.kind === 'pass') last.set(v.subject, v.evidence)
        return votes
      },
      passText: () => (last.size ? [...last.values()].join(', ') : undefined),
    }
  },
}

function ruleOf(q: MetricsQuery): string {
  return `${q.promql} ${q.op} ${q.thresholdText}`
}

function voteOf(q: MetricsQuery, result: QueryResult): SignalVote {
  const v = judgeQuery(q, result)
  return { ...v, id: 'prometheus', subject: q.name, rule: ruleOf(q), answered: v.kind !== 'abstain' }
}

async function ask(
  c: PrometheusConfig,
  q: MetricsQuery,
  o: Partial<TemplateValues> & { version: string; dispatcher: Parameters<typeof instantQuery>[0]['dispatcher']; timeoutMs: number; signal?: AbortSignal },
): Promise<QueryResult> {
  const values: TemplateValues = { version: o.version, previousVersion: o.previousVersion, environment: o.environment ?? '' }
  const answer = await instantQuery({
    baseUrl: c.url,
    query: renderQuery(q, values),
    headers: c.headers,
    dispatcher: o.dispatcher,
    timeoutMs: o.timeoutMs,
    signal: o.signal,
  })
  if (!answer.ok) return { kind: 'error', message: `query '${q.name}': ${answer.message}` }
  return parseQueryResponse({ name: q.name, status: answer.status, body: answer.body })
}

function readPrometheus(r: InputReader): PrometheusConfig | undefined {
  urlCredentialForms(r.raw(Inputs.PrometheusUrl)).forEach((v) => r.mask(v))
  const url = r.url(Inputs.PrometheusUrl)
  const headers = r.headers(Inputs.PrometheusHeaders)
  let queries: MetricsQuery[]
  try {
    queries = parseMetricsQueries(r.text(Inputs.MetricsQueries))
  } catch (err) {
    if (err instanceof MetricsQueryError) throw new ConfigError(Inputs.MetricsQueries, err.message)
    throw err
  }
  if (!url) {
    if (queries.length)
      throw new ConfigError(Inputs.PrometheusUrl, 'required with `metrics-queries`: the base URL of the Prometheus API, e.g. http://prometheus:9090.')
    if (headers.length) throw new ConfigError(Inputs.PrometheusHeaders, 'needs `prometheus-url` and `metrics-queries`.')
    return undefined
  }
  if (!queries.length) throw new ConfigError(Inputs.MetricsQueries, 'required with `prometheus-url`: one check per line, `name: <PromQL> <op> <number>`.')
  return { url, headers, queries }
}
