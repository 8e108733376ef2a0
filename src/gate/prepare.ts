/**
 * What the gate needs before anything is deployed: each signal's preflight (every Prometheus query
 * sent once, so a typo fails the run up front), and the baseline (the live version's health-urls
 * probed at the gate's interval for baseline-duration).
 */
import { redact } from '../secrets.js'
import type { BaselineCollectOptions } from './baseline-collect.js'
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
 * at once with what it has. The probing loop (baseline-collect.ts) loads only when there is a baseline.
 */
export async function collectBaseline(cfg: GateConfig, o: BaselineCollectOptions): Promise<number[]> {
  if (!cfg.baseline || cfg.urls.length === 0) return []
  const { collectSamples } = await import('./baseline-collect.js')
  return collectSamples(cfg, cfg.baseline.durationMs, o)
}

/** Whether any configured signal checks something before the deploy. */
export function needsPreflight(cfg: GateConfig): boolean {
  return activeSignals(cfg).some((s) => s.def.preflight !== undefined)
}
