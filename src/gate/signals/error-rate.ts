/**
 * The error-rate signal: `errors / total` counters read from a Prometheus text endpoint, over the
 * gate's window. Its inputs are read here; its rounds (error-rate-run.ts, with the metrics page's
 * parser) load only when it is configured.
 */
import { Inputs } from '../../constants.js'
import { ConfigError, httpUrl, type InputReader } from '../../inputs.js'
import { parseErrorRateQuery, parseRate } from '../error-rate-query.js'
import { displayUrl } from '../http.js'
import { percent } from '../policy.js'
import type { ErrorRateRule } from '../types.js'
import type { SignalDefinition } from './types.js'

export const errorRateSignal: SignalDefinition<ErrorRateRule> = {
  id: 'error-rate',
  inputs: [Inputs.MetricsUrl, Inputs.ErrorRateQuery, Inputs.MaxErrorRate, Inputs.MinRequests],
  abstain: 'free',
  read: readErrorRate,
  configOf: (g) => g.errorRate,
  describe: (c) =>
    `error rate: ${c.query} from ${displayUrl(c.metricsUrl)} at most ${percent(c.maxErrorRate)} since the gate started, once ${c.minRequests ?? 0} requests were counted`,
  start: async (c, ctx) => (await import('./error-rate-run.js')).startErrorRate(c, ctx),
}

function readErrorRate(r: InputReader): ErrorRateRule | undefined {
  const metricsUrl = r.raw(Inputs.MetricsUrl)
  const query = r.raw(Inputs.ErrorRateQuery)
  const max = r.raw(Inputs.MaxErrorRate)
  // Checked even without metrics-url: the runner always passes its default, and a bad value is a typo to report.
  const minRequests = readMinRequests(r.raw(Inputs.MinRequests) || '20')
  if (!metricsUrl) {
    if (query || max)
      throw new ConfigError(Inputs.MetricsUrl, '`error-rate-query` and `max-error-rate` need `metrics-url`, the Prometheus text endpoint to read.')
    return undefined
  }
  httpUrl(Inputs.MetricsUrl, metricsUrl)
  if (!query) {
    throw new ConfigError(Inputs.ErrorRateQuery, 'required with `metrics-url`; expected e.g. http_requests_total{code=~"5.."} / http_requests_total.')
  }
  let selectors: ReturnType<typeof parseErrorRateQuery>
  try {
    selectors = parseErrorRateQuery(query)
  } catch (err) {
    throw new ConfigError(Inputs.ErrorRateQuery, (err as Error).message)
  }
  let maxErrorRate: number
  try {
    maxErrorRate = parseRate(max || '5%')
  } catch (err) {
    throw new ConfigError(Inputs.MaxErrorRate, (err as Error).message)
  }
  return { metricsUrl, query, errors: selectors.errors, total: selectors.total, maxErrorRate, minRequests }
}

function readMinRequests(min: string): number {
  if (!/^\d{1,9}$/.test(min))
    throw new ConfigError(Inputs.MinRequests, `'${min}' is not a number of requests; expected a whole number, e.g. 20 (0: vote from the first request).`)
  return Number(min)
}
