import { Agent } from 'undici'
import { sleep } from '../timing.js'
import { readCounters } from './metrics.js'
import { GatePolicy, type Decision, type Observation } from './policy.js'
import { displayUrl, probe, type ProbeResult } from './probe.js'
import type { EndpointEvidence, ErrorRateEvidence, GateConfig, GateVerdict, ProbeFailure } from './types.js'

export interface GateOptions {
  /** The version that must be live (expect-version). */
  version: string
  signal?: AbortSignal
  log?: (line: string) => void
  /** The soak after the smoke command: the service has passed, judge it from the first probe. */
  soakOnly?: boolean
}

/** Never wait longer than this many intervals for a Retry-After. */
const RETRY_AFTER_CAP = 4

/**
 * The health gate: every round probes all URLs at once (and reads the error rate), the policy
 * decides, and the verdict carries the evidence. The connection pool is destroyed before returning,
 * so no idle keep-alive socket holds the process once the verdict is known.
 */
export async function runGate(cfg: GateConfig, o: GateOptions): Promise<GateVerdict> {
  const startedAt = Date.now()
  const log = o.log ?? (() => undefined)
  const evidence = new Map(cfg.urls.map((u) => [displayUrl(u), newEvidence(displayUrl(u))]))
  const latencies = new Map<string, number[]>([...evidence.keys()].map((k) => [k, []]))
  const verdict = (passed: boolean, check: string, reason: string, rounds: number, errorRate?: ErrorRateEvidence): GateVerdict => ({
    passed,
    check,
    reason,
    durationMs: Date.now() - startedAt,
    rounds,
    endpoints: [...evidence.values()].map((e) => ({ ...e, latency: summarize(latencies.get(e.url) ?? []) })),
    errorRate,
  })

  if (cfg.urls.length === 0 && !cfg.errorRate) return verdict(true, 'none', 'no health URLs: the smoke command decides', 0)

  const rateName = cfg.errorRate ? `error rate (${displayUrl(cfg.errorRate.metricsUrl)})` : undefined
  const policy = new GatePolicy(
    { successThreshold: cfg.successThreshold, failureThreshold: cfg.failureThreshold, startupTimeoutMs: cfg.startupTimeoutMs, soakMs: cfg.soakMs, soakOnly: o.soakOnly, errorRateName: rateName },
    startedAt,
  )
  const dispatcher = new Agent({ connections: 8 })
  const errorRate = cfg.errorRate ? new ErrorRateReader(cfg, dispatcher, o.signal) : undefined
  try {
    await errorRate?.baseline()
    for (let round = 1; ; round++) {
      if (o.signal?.aborted) return verdict(false, 'cancelled', 'cancelled: the job was cancelled', round - 1)
      const roundStart = Date.now()
      const [probes, rate] = await Promise.all([
        Promise.all(
          cfg.urls.map((url) =>
            probe(url, {
              headers: cfg.headers,
              requestTimeoutMs: cfg.requestTimeoutMs,
              expectedStatus: cfg.expectedStatus,
              expectedBody: cfg.expectedBody,
              version: cfg.expectVersion ? o.version : undefined,
              maxLatencyMs: cfg.maxLatencyMs,
              dispatcher,
              signal: o.signal,
            }),
          ),
        ),
        errorRate?.observe(rateName!),
      ])
      if (o.signal?.aborted) return verdict(false, 'cancelled', 'cancelled: the job was cancelled', round)
      for (const p of probes) record(evidence.get(p.url)!, latencies.get(p.url)!, p)
      log(`round ${round}: ${[...probes.map(roundText), ...(rate ? [rate.text] : [])].join(' | ')}`)

      const observations: Observation[] = probes.map((p) => ({ name: p.url, ok: p.ok, answered: p.answered, status: p.status, failure: p.failure }))
      if (rate) observations.push(rate.observation)
      const decision = policy.observe(Date.now(), observations)
      if (decision.kind !== 'continue') {
        if (decision.kind === 'passed') {
          for (const e of evidence.values()) e.verdict = 'passed'
          return verdict(true, decision.phase, passReason(cfg, o, decision, evidence, latencies, errorRate?.evidence), round, errorRate?.evidence)
        }
        const culprit = evidence.get(decision.endpoint)
        if (culprit) culprit.verdict = 'failed'
        return verdict(false, decision.check, failReason(cfg, decision, evidence.get(decision.endpoint), errorRate?.evidence), round, errorRate?.evidence)
      }

      // Next round: one interval after this one started, longer when the service asked (Retry-After),
      // but never past the startup deadline or the end of the soak, where the decision is due.
      const asked = Math.max(0, ...probes.map((p) => p.retryAfterMs ?? 0))
      let wait = Math.min(Math.max(cfg.intervalMs, asked), cfg.intervalMs * RETRY_AFTER_CAP) - (Date.now() - roundStart)
      const due = policy.passed ? policy.soakEndsAt()! : policy.deadline()
      wait = Math.min(wait, due - Date.now())
      if (wait > 0) await sleep(wait, o.signal)
    }
  } finally {
    // destroy, not close: close would wait for idle keep-alive sockets.
    await dispatcher.destroy().catch(() => undefined)
  }
}

/** Reads the error/total counters at the start of the gate and at each round; the rate is the growth since the start. */
class ErrorRateReader {
  evidence?: ErrorRateEvidence
  private start?: { errors: number; total: number }

  constructor(
    private readonly cfg: GateConfig,
    private readonly dispatcher: Agent,
    private readonly signal?: AbortSignal,
  ) {}

  private read() {
    const r = this.cfg.errorRate!
    return readCounters(r.metricsUrl, r, { dispatcher: this.dispatcher, timeoutMs: this.cfg.requestTimeoutMs, signal: this.signal })
  }

  async baseline(): Promise<void> {
    this.start = await this.read().catch(() => undefined)
  }

  async observe(name: string): Promise<{ observation: Observation; text: string }> {
    const at = new Date().toISOString()
    const max = this.cfg.errorRate!.maxErrorRate
    try {
      const now = await this.read()
      // Without a baseline (first read failed), this read becomes it: errors before the deploy never count.
      this.start ??= now
      const errors = Math.max(0, now.errors - this.start.errors)
      const total = Math.max(0, now.total - this.start.total)
      const rate = total > 0 ? errors / total : 0
      this.evidence = { errors, total, rate, max }
      const ok = rate <= max
      const text = `error rate ${pct(rate)} (${errors}/${total}) ${ok ? 'ok' : `over ${pct(max)}`}`
      const failure: ProbeFailure | undefined = ok ? undefined : { at, kind: 'status', message: `error rate ${pct(rate)} over max-error-rate ${pct(max)} (${errors} of ${total} requests)` }
      return { observation: { name, ok, answered: true, failure }, text }
    } catch (err) {
      const failure: ProbeFailure = { at, kind: 'error', message: `metrics unreadable: ${(err as Error).message}` }
      return { observation: { name, ok: false, answered: true, failure }, text: failure.message }
    }
  }
}

function newEvidence(url: string): EndpointEvidence {
  return { url, probes: 0, passed: 0, failed: 0, latency: null, verdict: 'pending' }
}

function record(e: EndpointEvidence, lat: number[], p: ProbeResult): void {
  e.probes++
  if (p.ok) e.passed++
  else e.failed++
  if (p.answered) lat.push(p.latencyMs)
  if (p.failure) e.lastFailure = p.failure
  if (p.redirects) e.redirects = p.redirects
}

/** p50/p95/max of answered probes, in whole ms. */
export function summarize(lat: number[]): EndpointEvidence['latency'] {
  if (lat.length === 0) return null
  const sorted = [...lat].sort((a, b) => a - b)
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)])
  return { p50: at(0.5), p95: at(0.95), max: Math.round(sorted[sorted.length - 1]) }
}

function roundText(p: ProbeResult): string {
  if (p.ok) return `${p.url} ${p.status} ${Math.round(p.latencyMs)}ms ok`
  return `${p.url} ${p.failure?.message ?? 'failed'}`
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 2 : 1).replace(/\.?0+$/, '')}%`
}

function failReason(cfg: GateConfig, d: Extract<Decision, { kind: 'failed' }>, e: EndpointEvidence | undefined, rate?: ErrorRateEvidence): string {
  if (d.check === 'error-rate') return `error-rate: ${d.failure?.message ?? (rate ? `error rate ${pct(rate.rate)}` : 'metrics unreadable')}`
  const last = d.failure ?? e?.lastFailure
  const body = last?.bodyExcerpt ? ` (body: "${last.bodyExcerpt.slice(0, 120)}")` : ''
  if (d.check === 'startup-timeout') {
    const what = e && e.passed === 0 && e.lastFailure && ['refused', 'timeout', 'dns', 'tls', 'reset'].includes(e.lastFailure.kind) ? 'never answered' : 'not healthy'
    return `startup-timeout: ${d.endpoint} ${what} within ${cfg.startupTimeoutMs / 1000}s: ${last?.message ?? 'no passing round'}${body} (${e?.probes ?? 0} probes)`
  }
  return `${d.check}: ${d.endpoint} failed ${d.failures} consecutive probes: ${last?.message ?? 'failed'}${body}`
}

function passReason(
  cfg: GateConfig,
  o: GateOptions,
  d: Extract<Decision, { kind: 'passed' }>,
  evidence: Map<string, EndpointEvidence>,
  latencies: Map<string, number[]>,
  rate?: ErrorRateEvidence,
): string {
  const all = [...latencies.values()].flat()
  const p95 = summarize(all)?.p95
  const what = o.soakOnly || d.phase === 'soak' ? `healthy through a ${cfg.soakMs / 1000}s soak` : `${cfg.successThreshold}/${cfg.successThreshold} consecutive rounds passed`
  const probes = [...evidence.values()].reduce((n, e) => n + e.probes, 0)
  return `${what} (${probes} probes of ${evidence.size} endpoint${evidence.size === 1 ? '' : 's'}${p95 !== undefined ? `, p95 ${p95}ms` : ''}${rate ? `, error rate ${pct(rate.rate)}` : ''})`
}
