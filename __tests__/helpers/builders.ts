// Shared builders for tests: a Config as a run would have it, a GateConfig with quick, valid defaults,
// and (re-exported) RunRecords for the views.
import type { Config } from '../../src/config.js'
import type { GateConfig } from '../../src/gate/types.js'

export * from './run-record.js'

/** A deploy of v1.1.0 to production, probing one URL, with deployments off; every part overridable. */
export function config(over: Partial<Config> = {}): Config {
  return {
    mode: 'deploy',
    deployCommand: './deploy.sh',
    version: 'v1.1.0',
    tagPattern: 'v*',
    environment: 'production',
    gate: {
      urls: ['http://127.0.0.1:1/health'],
      headers: [],
      expectedStatus: [{ min: 200, max: 299 }],
      expectVersion: false,
      startupTimeoutMs: 1000,
      intervalMs: 10,
      requestTimeoutMs: 100,
      successThreshold: 1,
      failureThreshold: 1,
      soakMs: 0,
    },
    smokeTimeoutMs: 1000,
    deployTimeoutMs: 1000,
    rollbackOnCancel: true,
    cancelTimeoutMs: 240_000,
    failOnRollback: true,
    sinks: { notifyOn: new Set(), configured: [] },
    github: { deployments: false, apiUrl: '', owner: 'acme', repo: 'web', concurrencyTimeoutMs: 1000 },
    dryRun: false,
    workspace: '/ws',
    runnerTemp: '/tmp',
    context: {
      repository: 'acme/web',
      serverUrl: 'https://github.com',
      runUrl: 'https://github.com/acme/web/actions/runs/1',
      actor: 'octocat',
      sha: 'abc',
      ref: 'refs/tags/v1.1.0',
      workflow: 'deploy',
      runId: '1',
    },
    ...over,
  }
}

/** A GateConfig with quick, valid defaults and nothing to probe; every part overridable. */
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
