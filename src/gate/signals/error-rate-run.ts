/** The error-rate signal's rounds: the metrics page read each round, the rate since the gate started judged. */
import { displayUrl } from '../http.js'
import { readCounters } from '../metrics.js'
import { ErrorRateWindow } from '../error-rate-window.js'
import { percent } from '../policy.js'
import type { ErrorRateEvidence, ErrorRateRule } from '../types.js'
import type { GateContext, SignalRun, SignalVote } from './types.js'

export function startErrorRate(rule: ErrorRateRule, ctx: GateContext): SignalRun {
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
