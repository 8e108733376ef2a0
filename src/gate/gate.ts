/**
 * The health gate: rounds of concurrent probes (and error-rate reads) fed to the policy, until it
 * decides. The verdict carries the evidence and a one-line reason.
 */
import { HttpDispatcher } from '../http/dispatcher.js'
import { redact } from '../secrets.js'
import { durationText, sleep } from '../timing.js'
import { displayUrl } from './http.js'
import { summarizeLatency } from './latency.js'
import { readCounters } from './metrics.js'
import { ErrorRateWindow, GatePolicy, errorRateObservation, nextDelay, percent, type FailedDecision, type Observation } from './policy.js'
import { probe, type ProbeResult } from './probe.js'
import type { EndpointEvidence, ErrorRateEvidence, GateConfig, GateVerdict } from './types.js'

export interface GateOptions {
  /** The version that must be live (expect-version). */
  version: string
  /** Cancel: the verdict is then `cancelled`, returned as soon as in-flight requests are aborted. */
  signal?: AbortSignal
  /** One line per round. */
  log?: (line: string) => void
  /** The clock (ms); Date.now by default. */
  now?: () => number
  /** The soak after the smoke command: the service has passed already, so every failure counts from the first probe. */
  soakOnly?: boolean
}

interface Endpoint {
  url: string
  evidence: EndpointEvidence
  latencies: number[]
  lastOk: boolean
}

export async function runGate(cfg: GateConfig, o: GateOptions): Promise<GateVerdict> {
  const now = o.now ?? Date.now
  const startedAt = now()
  const log = (line: string) => o.log?.(redact(line))
  // A URL listed twice is probed once: it is one endpoint with one failure streak.
  const shown = [...new Map(cfg.urls.map((u) => [displayUrl(u), u])).entries()]
  const endpoints: Endpoint[] = shown.map(([name, url]) => ({
    url,
    evidence: { url: name, probes: 0, passed: 0, failed: 0, latency: null, verdict: 'pending' },
    latencies: [],
    lastOk: false,
  }))
  const rate = cfg.errorRate && { rule: cfg.errorRate, name: displayUrl(cfg.errorRate.metricsUrl), window: new ErrorRateWindow(cfg.errorRate.maxErrorRate) }
  let errorRate: ErrorRateEvidence | undefined
  let rounds = 0
  let soakFailures = 0

  const verdict = (passed: boolean, check: string, reason: string): GateVerdict => ({
    passed,
    check,
    reason: redact(reason),
    durationMs: now() - startedAt,
    rounds,
    endpoints: endpoints.map((e) => ({ ...e.evidence, latency: summarizeLatency(e.latencies) })),
    ...(errorRate ? { errorRate } : {}),
  })

  if (endpoints.length === 0 && !rate) return verdict(true, 'none', 'passed: nothing to probe (no health URLs and no error-rate rule)')

  const policy = new GatePolicy(
    {
      successThreshold: cfg.successThreshold,
      failureThreshold: cfg.failureThreshold,
      startupTimeoutMs: cfg.startupTimeoutMs,
      soakMs: cfg.soakMs,
      intervalMs: cfg.intervalMs,
      soakOnly: o.soakOnly,
    },
    startedAt,
  )
  // One pool for the whole gate, so rounds reuse connections (direct, or through the proxy the
  // environment names for each URL); destroyed (not closed: close would wait for idle keep-alive
  // sockets) before the verdict is returned, so nothing holds the process.
  const agent = new HttpDispatcher()
  const cancelled = () => {
    for (const e of endpoints) e.evidence.verdict = 'pending'
    return verdict(false, 'cancelled', `cancelled: the gate was stopped after ${rounds} round${rounds === 1 ? '' : 's'}`)
  }
  try {
    for (;;) {
      if (o.signal?.aborted) return cancelled()
      const roundStart = now()
      const soaking = policy.passed
      // Every endpoint at once: a slow one costs the round its own timeout, not the others' results.
      const [probes, read] = await Promise.all([
        Promise.all(
          endpoints.map((e) =>
            probe(e.url, {
              headers: cfg.headers,
              requestTimeoutMs: cfg.requestTimeoutMs,
              expectedStatus: cfg.expectedStatus,
              expectedBody: cfg.expectedBody,
              version: cfg.expectVersion ? o.version : undefined,
              maxLatencyMs: cfg.maxLatencyMs,
              dispatcher: agent,
              signal: o.signal,
            }),
          ),
        ),
        rate ? readCounters(rate.rule.metricsUrl, rate.rule, { dispatcher: agent, timeoutMs: cfg.requestTimeoutMs, signal: o.signal }) : undefined,
      ])
      if (o.signal?.aborted) return cancelled()
      rounds++

      if (soaking) soakFailures += probes.filter((p) => !p.ok).length
      const observations: Observation[] = probes.map((p, i) => {
        record(endpoints[i], p)
        return { name: p.url, ok: p.ok, answered: p.answered, status: p.status, failure: p.failure }
      })
      let rateText = ''
      if (rate && read) {
        const at = new Date().toISOString()
        if (read.ok) {
          errorRate = rate.window.add(read)
          observations.push(errorRateObservation(rate.name, errorRate, at))
          rateText = `error rate ${percent(errorRate.rate)} (${errorRate.errors}/${errorRate.total})${read.seen ? '' : ` (no ${rate.rule.total.name} series yet)`}`
        } else {
          observations.push({
            name: rate.name,
            rule: 'error-rate',
            ok: false,
            answered: read.answered,
            failure: { at, kind: read.kind, message: read.message },
          })
        }
      }

      const decision = policy.observe(now(), observations)
      const parts = probes.map((p) => probeText(p, policy.endpoint(p.url), cfg.failureThreshold))
      if (rate) {
        const obs = observations[observations.length - 1]
        const state = policy.endpoint(rate.name, 'error-rate')
        parts.push(obs.ok ? `${rateText} ok` : `${obs.failure?.message ?? 'error rate failing'} ${streakText(state, cfg.failureThreshold)}`)
      }
      log(`round ${rounds}${soaking ? ' (soak)' : ''}: ${parts.join('; ')}`)

      if (decision.kind === 'passed') {
        for (const e of endpoints) e.evidence.verdict = 'passed'
        return verdict(true, decision.phase, passReason(cfg, o, endpoints, soakFailures, errorRate))
      }
      if (decision.kind === 'failed') {
        for (const e of endpoints) e.evidence.verdict = e.evidence.url === decision.endpoint || !e.lastOk ? 'failed' : 'passed'
        return verdict(false, decision.check, failReason(cfg, decision, endpoints, rounds))
      }

      const retryAfters = probes.map((p) => p.retryAfterMs).filter((ms): ms is number => ms !== undefined)
      const t = now()
      const wait = nextDelay({
        intervalMs: cfg.intervalMs,
        elapsedMs: t - roundStart,
        retryAfterMs: retryAfters.length ? Math.max(...retryAfters) : undefined,
        counting: policy.counting(),
        untilDueMs: policy.dueAt() - t,
      })
      if (wait > 0) await sleep(wait, o.signal)
    }
  } finally {
    await agent.destroy().catch(() => undefined)
  }
}

function record(e: Endpoint, p: ProbeResult): void {
  const ev = e.evidence
  ev.probes++
  if (p.ok) ev.passed++
  else ev.failed++
  e.lastOk = p.ok
  if (p.answered) e.latencies.push(p.latencyMs)
  ev.roundLatenciesMs ??= []
  ev.roundLatenciesMs.push(p.answered ? Math.round(p.latencyMs) : null)
  if (p.failure) ev.lastFailure = p.failure
  if (p.redirects) ev.redirects = p.redirects
  else delete ev.redirects
}

function probeText(p: ProbeResult, state: { answered: boolean; streak: number }, threshold: number): string {
  const timing = p.answered ? `${p.status} ${Math.round(p.latencyMs)}ms` : ''
  const head = [p.url, timing].filter(Boolean).join(' ')
  if (p.ok) return `${head} ok`
  return `${head} ${p.failure?.message ?? 'failed'} ${streakText(state, threshold)}`
}

/** "(failure 2/3)" when the failure counts, "(starting)" while it does not. */
function streakText(state: { answered: boolean; streak: number }, threshold: number): string {
  return state.streak > 0 ? `(failure ${state.streak}/${threshold})` : '(starting)'
}

function failReason(cfg: GateConfig, d: FailedDecision, endpoints: Endpoint[], rounds: number): string {
  const f = d.failure
  const body = f?.bodyExcerpt ? ` (body: "${f.bodyExcerpt.length > 120 ? `${f.bodyExcerpt.slice(0, 120)}…` : f.bodyExcerpt}")` : ''
  if (d.check === 'config') return `config: ${d.endpoint} could not be probed: ${f?.message ?? 'the request could not be sent'}`
  if (d.check === 'error-rate') return `error-rate: ${f?.message ?? 'error rate over the maximum'} on ${d.failures} consecutive reads of ${d.endpoint}`
  if (d.check === 'startup-timeout') {
    const within = `within ${durationText(cfg.startupTimeoutMs)}`
    if (!d.endpoint) return `startup-timeout: only ${d.passes}/${cfg.successThreshold} consecutive rounds passed ${within}`
    const probes = d.rule === 'error-rate' ? rounds : (endpoints.find((e) => e.evidence.url === d.endpoint)?.evidence.probes ?? rounds)
    const what = d.answered ? 'not healthy' : 'never answered'
    return `startup-timeout: ${d.endpoint} ${what} ${within}: ${f?.message ?? 'no passing round'}${body} (${probes} ${d.rule ? 'reads' : 'probes'})`
  }
  if (d.check === 'soak' && d.failures < cfg.failureThreshold) {
    // Under the threshold, the soak's grace ran out: the failures came by turns and never stopped.
    const grace = durationText(cfg.failureThreshold * cfg.intervalMs)
    return `soak: ${d.endpoint} kept failing intermittently through the ${durationText(cfg.soakMs)} soak and had not recovered ${grace} after it: ${f?.message ?? 'failed'}${body}`
  }
  return `${d.check}: ${d.endpoint} failed ${d.failures} consecutive probes: ${f?.message ?? 'failed'}${body}`
}

function passReason(cfg: GateConfig, o: GateOptions, endpoints: Endpoint[], soakFailures: number, rate?: ErrorRateEvidence): string {
  const parts: string[] = []
  if (!o.soakOnly) parts.push(`${cfg.successThreshold}/${cfg.successThreshold} consecutive rounds ok`)
  if (cfg.soakMs > 0) {
    const blips = soakFailures ? ` (${soakFailures} failed probe${soakFailures === 1 ? '' : 's'}, recovered)` : ''
    parts.push(`healthy through a ${durationText(cfg.soakMs)} soak${blips}`)
  }
  const latency = summarizeLatency(endpoints.flatMap((e) => e.latencies))
  if (latency) parts.push(`p95 ${latency.p95}ms`)
  if (rate) parts.push(`error rate ${percent(rate.rate)} (${rate.errors}/${rate.total})`)
  return `passed: ${parts.join(', ')}`
}
