/**
 * The Prometheus signal: each `metrics-queries` check sent as an instant query every round, its
 * placeholders replaced by escaped values; the value against the check's threshold is its vote. An
 * empty result or NaN abstains ("no data"), and a check that never gave data by the end of the
 * window fails the gate naming it. Every query is also sent once before anything is deployed.
 * Its inputs are read here; the client, the PromQL rendering and the answer's parser
 * (prometheus-run.ts) load only when it is configured.
 */
import { Inputs } from '../../constants.js'
import { urlCredentialForms } from '../../headers.js'
import { ConfigError, type InputReader } from '../../inputs.js'
import { displayUrl } from '../http.js'
import { MetricsQueryError, parseMetricsQueries, queryRule, type MetricsQuery } from '../metrics-queries.js'
import type { PrometheusConfig } from '../types.js'
import type { SignalDefinition } from './types.js'

export const prometheusSignal: SignalDefinition<PrometheusConfig> = {
  id: 'prometheus',
  inputs: [Inputs.PrometheusUrl, Inputs.PrometheusHeaders, Inputs.MetricsQueries],
  abstain: 'required',
  read: readPrometheus,
  configOf: (g) => g.prometheus,
  describe: (c) => `metrics-queries (${displayUrl(c.url)}): ${c.queries.map((q) => `${q.name}: ${queryRule(q)}`).join('; ')}`,
  preflight: async (c, g, ctx) => (await import('./prometheus-run.js')).preflightPrometheus(c, g, ctx),
  start: async (c, ctx) => (await import('./prometheus-run.js')).startPrometheus(c, ctx),
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
