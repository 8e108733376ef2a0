/** The baseline's samples: the live version's health-urls probed before the deploy (prepare.ts's collectBaseline). */
import { HttpDispatcher } from '../http/dispatcher.js'
import { sleep } from '../timing.js'
import { summarizeLatency } from './latency.js'
import { probe } from './probe.js'
import type { GateConfig } from './types.js'

export interface BaselineCollectOptions {
  signal?: AbortSignal
  log?: (line: string) => void
  /** The clock (ms); Date.now by default. */
  now?: () => number
}

/**
 * Probes the live version's health-urls every `intervalMs` for baseline-duration and returns the
 * latencies (ms) of the probes that passed. Cancel stops it at once with what it has.
 */
export async function collectSamples(cfg: GateConfig, durationMs: number, o: BaselineCollectOptions): Promise<number[]> {
  const now = o.now ?? Date.now
  const until = now() + durationMs
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
