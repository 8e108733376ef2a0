// Shared builders for the typed objects tests need: a GateConfig with quick, valid defaults.
import type { GateConfig } from '../../src/gate/types.js'

export function gateConfig(o: Partial<GateConfig> = {}): GateConfig {
  return {
    urls: [],
    headers: [],
    expectedStatus: [{ min: 200, max: 299 }],
    expectVersion: false,
    startupTimeoutMs: 5000,
    intervalMs: 50,
    requestTimeoutMs: 500,
    successThreshold: 2,
    failureThreshold: 3,
    soakMs: 0,
    ...o,
  }
}
