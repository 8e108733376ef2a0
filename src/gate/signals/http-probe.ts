/** The HTTP probe signal: every health URL, concurrently, checked against every probe rule; one subject per endpoint. */
import { Inputs } from '../../constants.js'
import { httpUrl, type InputReader } from '../../inputs.js'
import { durationText } from '../../timing.js'
import { displayUrl } from '../http.js'
import { summarizeLatency } from '../latency.js'
import { probe, statusRangesText, type ProbeResult } from '../probe.js'
import { parseBodyMatcher, parseStatusRanges } from '../rules.js'
import type { EndpointEvidence, HttpProbeConfig } from '../types.js'
import type { GateEnd, SignalDefinition, SignalRun, SignalVote } from './types.js'

interface Endpoint {
  url: string
  evidence: EndpointEvidence
  latencies: number[]
  lastOk: boolean
}

export const httpProbeSignal: SignalDefinition<HttpProbeConfig> = {
  id: 'http',
  inputs: [Inputs.HealthUrls, Inputs.HealthHeaders, Inputs.ExpectedStatus, Inputs.ExpectedBody, Inputs.ExpectVersion, Inputs.MaxLatency],
  abstain: 'required',
  read: (r: InputReader) => ({
    urls: r.lines(Inputs.HealthUrls).map((u) => httpUrl(Inputs.HealthUrls, u)),
    headers: r.headers(Inputs.HealthHeaders),
    expectedStatus: parseStatusRanges(r.raw(Inputs.ExpectedStatus) || '200-299'),
    expectedBody: parseBodyMatcher(r.text(Inputs.ExpectedBody)),
    expectVersion: r.bool(Inputs.ExpectVersion, false),
    maxLatencyMs: r.optionalDuration(Inputs.MaxLatency),
  }),
  configOf: (g) => (g.urls.length ? g : undefined),
  describe: (c, g) =>
    `health gate: ${c.urls.map(displayUrl).join(', ')} every ${durationText(g.intervalMs)}, ${g.successThreshold} passes to pass, ${g.failureThreshold} failures to fail`,
  // Every gate with health-urls runs it: nothing to load.
  start: (c, ctx) => Promise.resolve(startHttpProbe(c, ctx)),
}

/** The rule one probe is held to, as the summary shows it. */
function ruleText(c: HttpProbeConfig): string {
  const parts = [`status ${statusRangesText(c.expectedStatus)}`]
  if (c.expectedBody) parts.push(`body ${c.expectedBody.kind === 'regex' ? c.expectedBody.source : JSON.stringify(c.expectedBody.text)}`)
  if (c.expectVersion) parts.push('names the version')
  if (c.maxLatencyMs !== undefined) parts.push(`within ${c.maxLatencyMs}ms`)
  return parts.join(', ')
}

function startHttpProbe(c: HttpProbeConfig, ctx: Parameters<SignalDefinition<HttpProbeConfig>['start']>[1]): SignalRun {
  // A URL listed twice is probed once: it is one endpoint with one failure streak.
  const shown = [...new Map(c.urls.map((u) => [displayUrl(u), u])).entries()]
  const endpoints: Endpoint[] = shown.map(([name, url]) => ({
    url,
    evidence: { url: name, probes: 0, passed: 0, failed: 0, latency: null, verdict: 'pending' },
    latencies: [],
    lastOk: false,
  }))
  const rule = ruleText(c)
  return {
    async observe() {
      // Every endpoint at once: a slow one costs the round its own timeout, not the others' results.
      const probes = await Promise.all(
        endpoints.map((e) =>
          probe(e.url, {
            headers: c.headers,
            requestTimeoutMs: ctx.cfg.requestTimeoutMs,
            expectedStatus: c.expectedStatus,
            expectedBody: c.expectedBody,
            version: c.expectVersion ? ctx.version : undefined,
            maxLatencyMs: c.maxLatencyMs,
            dispatcher: ctx.dispatcher,
            signal: ctx.signal,
          }),
        ),
      )
      return probes.map((p, i) => {
        record(endpoints[i], p)
        return voteOf(p, rule)
      })
    },
    verdictPart: (end) => ({ endpoints: endpoints.map((e) => endpointEvidence(e, end)) }),
    passText() {
      const latency = summarizeLatency(endpoints.flatMap((e) => e.latencies))
      return latency ? `p95 ${latency.p95}ms` : undefined
    },
  }
}

function voteOf(p: ProbeResult, rule: string): SignalVote {
  const timing = p.answered ? `${p.status} ${Math.round(p.latencyMs)}ms` : ''
  const head = [p.url, timing].filter(Boolean).join(' ')
  return {
    id: 'http',
    signal: p.url,
    subject: p.url,
    rule,
    kind: p.ok ? 'pass' : 'fail',
    answered: p.answered,
    evidence: p.ok ? `${head} ok` : `${head} ${p.failure?.message ?? 'failed'}`,
    ...(p.status !== undefined ? { status: p.status } : {}),
    ...(p.failure ? { failure: p.failure } : {}),
    ...(p.retryAfterMs !== undefined ? { retryAfterMs: p.retryAfterMs } : {}),
    ...(p.answered ? { latencyMs: p.latencyMs } : {}),
  }
}

function record(e: Endpoint, p: ProbeResult): void {
  const ev = e.evidence
  ev.probes++
  if (p.ok) ev.passed++
  else ev.failed++
  e.lastOk = p.ok
  if (p.answered) e.latencies.push(p.latencyMs)
  // Per round, for the summary's latency chart; null where the probe got no answer.
  ev.roundLatenciesMs ??= []
  ev.roundLatenciesMs.push(p.answered ? Math.round(p.latencyMs) : null)
  if (p.failure) ev.lastFailure = p.failure
  if (p.redirects) ev.redirects = p.redirects
  else delete ev.redirects
}

/** The endpoint's verdict: the one that decided a failure failed, as did any failing at the end; a cancelled gate decided nothing. */
function endpointEvidence(e: Endpoint, end: GateEnd): EndpointEvidence {
  const decided = end.decidedById === 'http' && e.evidence.url === end.decidedBy
  const verdict = end.cancelled ? 'pending' : end.passed ? 'passed' : decided || !e.lastOk ? 'failed' : 'passed'
  return { ...e.evidence, verdict, latency: summarizeLatency(e.latencies) }
}
