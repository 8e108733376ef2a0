/**
 * What the gate needs before anything is deployed: each signal's preflight (every Prometheus query
 * sent once, so a typo fails the run up front), and the baseline (the live version's health-urls
 * probed at the gate's interval for baseline-duration).
 */
import { HttpDispatcher } from '../http/dispatcher.js'
import { redact } from '../secrets.js'
import { sleep } from '../timing.js'
import { summarizeLatency } from './latency.js'
import { probe } from './probe.js'
import { activeSignals } from './signals/index.js'
import type { PreflightContext } from './signals/types.js'
import type { GateConfig } from './types.js'

/** A signal's preflight failed: the message names the signal, the check and the server's error. */
export class PreflightError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'PreflightError'
  }
}

/** Runs every configured signal's preflight; throws PreflightError with the first failure. */
export async function preflightSignals(cfg: GateConfig, ctx: PreflightContext): Promise<void> {
  for (const { def, config } of activeSignals(cfg)) {
    if (!def.preflight) continue
    try {
      await def.preflight(config, cfg, { ...ctx, log: ctx.log && ((l) => ctx.log!(redact(l))) })
    } catch (err) {
      throw new PreflightError(redact((err as Error).message), { cause: err })
    }
  }
}

/**
 * Probes the live version's health-urls every `intervalMs` for baseline-duration and returns the
 * latencies (ms) of the probes that passed. Empty when no baseline is configured. Cancel stops it
 * at once with what it has.
 */
export async function collectBaseline(cfg: GateConfig, o: { signal?: AbortSignal; log?: (line: string) => void; now?: () => number }): Promise<number[]> {
  if (!cfg.baseline || cfg.urls.length === 0) return []
  const now = o.now ?? Date.now
  const until = now() + cfg.baseline.durationMs
  const samples: number[] = []
  let failed = 0
  const dispatcher = new HttpDispatcher()
  try {
    while (now() < until && !o.signal?.aborted) {
      const started = now()
      const probes = await Promise.all(
        cfg.urls.map((url) =>
          probe(url, {
            headers: cfg.headers,
            requestTimeoutMs: cfg.requestTimeoutMs,
            expectedStatus: cfg.expectedStatus,
            expectedBody: cfg.expectedBody,
            maxLatencyMs: cfg.maxLatencyMs,
            dispatcher,
            signal: o.signal,
          }),
        ),
      )
      for (const p of probes) {
        if (p.ok) samples.push(p.latencyMs)
        else failed++
      }
      const wait = Math.min(cfg.intervalMs - (now() - started), until - now())
      if (wait > 0) await sleep(wait, o.signal)
    }
  } finally {
    await dispatcher.destroy().catch(() => undefined)
  }
  const l = summarizeLatency(samples)
  const failures = failed ? `; ${failed} failed probe${failed === 1 ? '' : 's'} left out` : ''
  o.log?.(`baseline: ${samples.length} samples of the live version${l ? `, p50 ${l.p50}ms p95 ${l.p95}ms` : ''}${failures}`)
  return samples
}

/** Whether any configured signal checks something before the deploy. */
export function needsPreflight(cfg: GateConfig): boolean {
  return activeSignals(cfg).some((s) => s.def.preflight !== undefined)
}
