// Run records for the pure views' tests: a realistic automatic rollback by default, every part overridable.
import type { EndpointEvidence, GateVerdict } from '../../src/gate/types.js'
import type { RunRecord, Step } from '../../src/timeline.js'

/** 2026-11-23T03:00:00Z: times in tests are readable in UTC. */
export const T0 = Date.UTC(2026, 10, 23, 3, 0, 0)

export const endpoint = (o: Partial<EndpointEvidence> = {}): EndpointEvidence => ({
  url: 'https://shop.example/health',
  probes: 4,
  passed: 1,
  failed: 3,
  latency: { p50: 12, p95: 40, max: 41 },
  verdict: 'failed',
  lastFailure: { at: '2026-11-23T03:00:20Z', kind: 'status', message: 'status 500 not in 200-299', status: 500, bodyExcerpt: 'db <down> & out' },
  ...o,
})

export const verdict = (o: Partial<GateVerdict> = {}): GateVerdict => ({
  passed: false,
  check: 'health',
  reason: 'health: https://shop.example/health failed 3 consecutive probes: status 500 not in 200-299',
  durationMs: 20_000,
  rounds: 4,
  endpoints: [endpoint()],
  ...o,
})

/** A step from `at` to `at + ms` (seconds after T0). */
export const step = (id: string, outcome: Step['outcome'], at: number, s: number, o: Partial<Step> = {}): Step => ({
  id,
  title: id,
  phase: 'deploy',
  startedAt: T0 + at * 1000,
  endedAt: T0 + (at + s) * 1000,
  outcome,
  ...o,
})

/** Deploy v1.1.0 to production, its gate fails, v1.0.0 is put back and passes. */
export function record(o: Partial<RunRecord> = {}): RunRecord {
  return {
    mode: 'deploy',
    environment: 'production',
    version: 'v1.1.0',
    previousVersion: 'v1.0.0',
    previousSource: 'tags',
    status: 'rolled-back',
    rolledBack: true,
    reason: 'health: https://shop.example/health failed 3 consecutive probes: status 500; rolled back to v1.0.0, healthy',
    commitSubject: 'Fix checkout @acme/oncall <b>now</b>',
    dryRun: false,
    startedAt: T0,
    endedAt: T0 + 65_000,
    steps: [
      step('resolve', 'passed', 0, 1, { title: 'Resolve versions' }),
      step('deploy', 'passed', 1, 9, { title: 'Deploy v1.1.0', summary: 'exit code 0' }),
      step('health', 'failed', 10, 20, {
        title: 'Health gate v1.1.0',
        summary: '1/4 probes passed',
        verdict: verdict(),
        output: ['starting', 'ERROR db down', ''],
      }),
      step('rollback', 'passed', 30, 15, { title: 'Roll back to v1.0.0', phase: 'rollback', summary: 'exit code 0' }),
      step('rollback-health', 'passed', 45, 20, {
        title: 'Health gate v1.0.0',
        phase: 'rollback',
        summary: '3/3 probes passed',
        verdict: verdict({ passed: true, endpoints: [] }),
      }),
    ],
    context: {
      repository: 'acme/shop',
      serverUrl: 'https://github.com',
      runUrl: 'https://github.com/acme/shop/actions/runs/9',
      actor: 'octocat',
      sha: 'abc',
      ref: 'refs/tags/v1.1.0',
      workflow: 'deploy',
      runId: '9',
    },
    ...o,
  }
}

/** The same run, with evidence far beyond every channel's limits. */
export function hugeRecord(o: Partial<RunRecord> = {}): RunRecord {
  const big = 'x'.repeat(20_000)
  const endpoints = Array.from({ length: 200 }, (_, i) =>
    endpoint({
      url: `https://shop.example/e${i}/${'p'.repeat(3000)}`,
      lastFailure: { at: '2026-11-23T03:00:20Z', kind: 'body', message: `body mismatch ${big}`, bodyExcerpt: big },
    }),
  )
  const r = record({ reason: `health failed: ${big}`, commitSubject: `subject ${big}`, environment: `production-${'e'.repeat(300)}`, ...o })
  const health = r.steps.find((s) => s.id === 'health')!
  health.title = `Health gate ${'t'.repeat(1000)}`
  health.summary = big
  health.verdict = verdict({ endpoints, reason: big })
  health.output = Array.from({ length: 500 }, (_, i) => `line ${i} ${big.slice(0, 2000)}`)
  return r
}
