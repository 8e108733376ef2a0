/**
 * The gate's signals, in the order a round reads them and the plan lists them. Adding a signal is
 * one file in this folder and one line here.
 */
import type { GateConfig } from '../types.js'
import { baselineSignal } from './baseline.js'
import { errorRateSignal } from './error-rate.js'
import { httpProbeSignal } from './http-probe.js'
import { prometheusSignal } from './prometheus.js'
import { watchSignal } from './watch.js'
import type { SignalDefinition } from './types.js'

// Each entry's config type differs; the registry only hands a signal its own config back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySignal = SignalDefinition<any>

export const SIGNALS: readonly AnySignal[] = [httpProbeSignal, errorRateSignal, prometheusSignal, watchSignal, baselineSignal]

/** A configured signal with its config. */
export interface ActiveSignal {
  def: AnySignal
  config: unknown
}

/** The signals this gate config turns on. */
export function activeSignals(g: GateConfig): ActiveSignal[] {
  return SIGNALS.flatMap((def) => {
    const config: unknown = def.configOf(g)
    return config === undefined ? [] : [{ def, config }]
  })
}

/** The dry-run plan's lines: every configured signal with its rule. */
export function describeSignals(g: GateConfig): string[] {
  return activeSignals(g).map(({ def, config }) => def.describe(config, g))
}
