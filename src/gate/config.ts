/**
 * The gate's part of the config: the round settings every signal shares, then each signal's own
 * inputs as it declares and reads them. config.ts only composes this with the story's inputs.
 */
import { Inputs } from '../constants.js'
import type { InputReader } from '../inputs.js'
import { urlCredentialForms } from '../headers.js'
import { baselineSignal } from './signals/baseline.js'
import { errorRateSignal } from './signals/error-rate.js'
import { httpProbeSignal } from './signals/http-probe.js'
import { prometheusSignal } from './signals/prometheus.js'
import { watchSignal } from './signals/watch.js'
import { activeSignals } from './signals/index.js'
import type { GateConfig } from './types.js'

export function readGateConfig(r: InputReader): GateConfig {
  // user:password in a probed URL is a credential, sent as Basic auth: masked in every form an echo may show.
  for (const u of [...r.lines(Inputs.HealthUrls), r.raw(Inputs.MetricsUrl)]) urlCredentialForms(u).forEach((v) => r.mask(v))
  const http = httpProbeSignal.read(r)!
  return {
    ...http,
    startupTimeoutMs: r.duration(Inputs.StartupTimeout, '5m'),
    intervalMs: r.duration(Inputs.Interval, '5s'),
    requestTimeoutMs: r.duration(Inputs.RequestTimeout, '10s'),
    successThreshold: r.positiveInt(Inputs.SuccessThreshold, '3'),
    failureThreshold: r.positiveInt(Inputs.FailureThreshold, '3'),
    soakMs: r.duration(Inputs.SoakDuration, '0s', { allowZero: true }),
    errorRate: errorRateSignal.read(r),
    prometheus: prometheusSignal.read(r),
    watchCommand: watchSignal.read(r),
    baseline: baselineSignal.read(r),
    rollbackSoakMs: r.duration(Inputs.RollbackSoakDuration, '0s', { allowZero: true }),
  }
}

/** Whether the gate has anything to observe (else the smoke command alone must prove the version). */
export function gateObserves(g: GateConfig): boolean {
  return activeSignals(g).length > 0
}
