/** The error-rate signal: `errors / total` counters read from a Prometheus text endpoint, over the gate's window. */
import { Inputs } from '../../constants.js'
import { ConfigError, httpUrl, type InputReader } from '../../inputs.js'
import { displayUrl } from '../http.js'
import { parseErrorRateQuery, parseRate, readCounters } from '../metrics.js'
import { ErrorRateWindow, percent } from '../policy.js'
import type { ErrorRateEvidence, ErrorRateRule } from '../types.js'
import type { SignalDefinition, SignalRun, SignalVote } from './types.js'

export const errorRateSignal: SignalDefinition<ErrorRateRule> = {
  id: 'error-rate',
  inputs: [Inputs.MetricsUrl, Inputs.ErrorRateQuery, Inputs.MaxErrorRate, Inputs.MinRequests],
  abstain: 'free',
  read: readErrorRate,
  configOf: (g) => g.errorRate,
  describe: (c) =>
    `error rate: ${c.query} from ${displayUrl(c.metricsUrl)} at most ${percent(c.maxErrorRate)} since the gate started, once ${c.minRequests ?? 0} requests were counted`,
  start: (c, ctx) => startErrorRate(c, ctx),
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

function startErrorRate(rule: ErrorRateRule, ctx: Parameters<SignalDefinition<ErrorRateRule>['start']>[1]): SignalRun {
  const name = displayUrl(rule.metricsUrl)
  const window = new ErrorRateWindow(rule.maxErrorRate)
  const ruleText = `${rule.query} ≤ ${percent(rule.maxErrorRate)}`
  let last: ErrorRateEvidence | undefined
  const vote = (v: Omit<SignalVote, 'id' | 'signal' | 'subject' | 'rule'>): SignalVote => ({
    id: 'error-rate',
    signal: name,
    subject: name,
    rule: ruleText,
    ...v,
  })
  return {
    async observe() {
      const read = await readCounters(rule.metricsUrl, rule, { dispatcher: ctx.dispatcher, timeoutMs: ctx.cfg.requestTimeoutMs, signal: ctx.signal })
      const at = new Date().toISOString()
      if (!read.ok) return [vote({ kind: 'fail', answered: read.answered, evidence: read.message, failure: { at, kind: read.kind, message: read.message } })]
      last = window.add(read)
      const text = `error rate ${percent(last.rate)} (${last.errors}/${last.total})${read.seen ? '' : ` (no ${rule.total.name} series yet)`}`
      // Too few requests to judge: "0 % (0/0)" is not a healthy version, and one error in three is not a broken one.
      if (last.total < (rule.minRequests ?? 0)) {
        return [vote({ kind: 'abstain', answered: true, evidence: `only ${last.total} requests since the gate started (min-requests ${rule.minRequests})` })]
      }
      if (last.rate <= last.max) return [vote({ kind: 'pass', answered: true, evidence: `${text} ok` })]
      const message = `error rate ${percent(last.rate)} over max-error-rate ${percent(last.max)} (${last.errors} of ${last.total} requests since the gate started)`
      return [vote({ kind: 'fail', answered: true, evidence: message, failure: { at, kind: 'status', message } })]
    },
    verdictPart: () => (last ? { errorRate: last } : {}),
    passText: () => (last ? `error rate ${percent(last.rate)} (${last.errors}/${last.total})` : undefined),
  }
}
