/** The Prometheus signal's queries: sent once before the deploy (preflight) and every round. */
import { HttpDispatcher } from '../../http/dispatcher.js'
import { queryRule, type MetricsQuery, type TemplateValues } from '../metrics-queries.js'
import { parseQueryResponse, judgeQuery, type QueryResult } from '../prometheus-result.js'
import { renderQuery } from '../promql.js'
import type { GateConfig, PrometheusConfig } from '../types.js'
import { instantQuery } from './prometheus-client.js'
import type { GateContext, PreflightContext, SignalRun, SignalVote } from './types.js'

/** Every query once; throws with the first that Prometheus rejects. */
export async function preflightPrometheus(c: PrometheusConfig, g: GateConfig, ctx: PreflightContext): Promise<void> {
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
}

export function startPrometheus(c: PrometheusConfig, ctx: GateContext): SignalRun {
  const last = new Map<string, string>()
  return {
    async observe() {
      const votes = await Promise.all(c.queries.map(async (q) => voteOf(q, await ask(c, q, { ...ctx, timeoutMs: ctx.cfg.requestTimeoutMs }))))
      for (const v of votes) if (v.kind === 'pass') last.set(v.subject, v.evidence)
      return votes
    },
    passText: () => (last.size ? [...last.values()].join(', ') : undefined),
  }
}

function voteOf(q: MetricsQuery, result: QueryResult): SignalVote {
  const v = judgeQuery(q, result)
  return { ...v, id: 'prometheus', subject: q.name, rule: queryRule(q), answered: v.kind !== 'abstain' }
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
