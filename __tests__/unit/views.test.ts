// The pure views of a run record: Slack payload, job summary, outputs, JSON report.
import { afterEach, describe, expect, it } from 'vitest'
import type { GateVerdict } from '../../src/gate/types.js'
import { buildSlackPayload, shouldNotify } from '../../src/notify/slack-payload.js'
import { formatDuration } from '../../src/report/format.js'
import { buildReport } from '../../src/report/json.js'
import { buildOutputs } from '../../src/report/outputs.js'
import { buildSummary } from '../../src/report/summary.js'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import type { RunRecord, Step } from '../../src/timeline.js'

afterEach(() => clearSecrets())

const verdict = (o: Partial<GateVerdict> = {}): GateVerdict => ({
  passed: false,
  check: 'health',
  reason: 'health: https://shop.example/health failed 3 consecutive probes: status 500 not in 200-299',
  durationMs: 1200,
  rounds: 4,
  endpoints: [
    { url: 'https://shop.example/health', probes: 4, passed: 1, failed: 3, latency: { p50: 12, p95: 40, max: 41 }, verdict: 'failed', lastFailure: { at: '2026-11-23T03:00:00Z', kind: 'status', message: 'status 500 not in 200-299', status: 500, bodyExcerpt: 'db <down> & out' } },
  ],
  ...o,
})

const step = (id: string, outcome: Step['outcome'], o: Partial<Step> = {}): Step => ({ id, title: id, phase: 'deploy', startedAt: 1000, endedAt: 2500, outcome, ...o })

function record(o: Partial<RunRecord> = {}): RunRecord {
  return {
    mode: 'deploy',
    environment: 'production',
    version: 'v1.1.0',
    previousVersion: 'v1.0.0',
    previousSource: 'tags',
    status: 'rolled-back',
    rolledBack: true,
    reason: 'health: https://shop.example/health failed 3 consecutive probes: status 500; rolled back to v1.0.0, healthy',
    commitSubject: 'Fix <!channel> & <b>everything</b>',
    dryRun: false,
    startedAt: 0,
    endedAt: 65_000,
    steps: [step('resolve', 'passed'), step('deploy', 'passed'), step('health', 'failed', { title: 'Health gate v1.1.0', verdict: verdict() }), step('rollback', 'passed', { phase: 'rollback' }), step('rollback-health', 'passed', { phase: 'rollback', verdict: verdict({ passed: true, endpoints: [] }) })],
    context: { repository: 'acme/shop', serverUrl: 'https://github.com', runUrl: 'https://github.com/acme/shop/actions/runs/9', actor: 'octocat', sha: 'abc', ref: 'refs/tags/v1.1.0', workflow: 'deploy', runId: '9' },
    ...o,
  }
}

describe('Slack payload', () => {
  it('names the outcome, environment and both versions in the header and fallback text', () => {
    const p = buildSlackPayload(record(), { mention: '<!here>' })
    expect(p.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Rolled back production: v1.1.0 → v1.0.0' } })
    expect(p.text).toMatch(/^<!here> Rolled back: production v1\.1\.0 \/ previous v1\.0\.0/)
    const all = JSON.stringify(p.blocks)
    expect(all).toContain('Health gate v1.1.0')
    expect(all).toContain('p95 40ms')
    expect(all).toContain('<https://github.com/acme/shop/actions/runs/9|workflow run>')
    expect(all).toContain('octocat')
  })

  it('escapes user-controlled text so a commit message cannot ping a channel', () => {
    const all = JSON.stringify(buildSlackPayload(record(), {}).blocks)
    expect(all).toContain('Fix &lt;!channel&gt; &amp; &lt;b&gt;everything&lt;/b&gt;')
    expect(all).not.toContain('<!channel>')
    expect(all).toContain('db &lt;down&gt; &amp; out')
  })

  it('mentions only on rollback outcomes', () => {
    expect(buildSlackPayload(record({ status: 'deployed', rolledBack: false }), { mention: '<!here>' }).text).not.toContain('<!here>')
    expect(buildSlackPayload(record({ status: 'rollback-failed', rolledBack: false }), { mention: '<!subteam^S1>' }).text).toContain('<!subteam^S1>')
  })

  it('makes a failed rollback unmistakable, and says plainly when there was nothing to roll back to', () => {
    const rf = JSON.stringify(buildSlackPayload(record({ status: 'rollback-failed', rolledBack: false }), {}))
    expect(rf).toContain('ROLLBACK FAILED')
    expect(rf).toMatch(/may be broken right now/)
    const failed = JSON.stringify(buildSlackPayload(record({ status: 'failed', rolledBack: false, previousVersion: undefined }), {}))
    expect(failed).toMatch(/no previous version to roll back to/)
  })

  it('says a manual rollback is manual', () => {
    const p = buildSlackPayload(record({ mode: 'rollback', version: 'v1.0.0', previousVersion: 'v1.1.0' }), {})
    expect(JSON.stringify(p)).toContain('manual rollback')
    expect((p.blocks[0] as { text: { text: string } }).text.text).toBe('Rolled back production to v1.0.0 (from v1.1.0)')
  })

  it('keeps within Slack limits whatever the input', () => {
    const endpoints = Array.from({ length: 100 }, (_, i) => ({ ...verdict().endpoints[0], url: `https://h${i}.example/health` }))
    const p = buildSlackPayload(record({ reason: 'x'.repeat(10_000), version: 'v'.repeat(300), steps: [step('health', 'failed', { verdict: verdict({ endpoints }), output: ['y'.repeat(5000)] })] }), {})
    expect(p.blocks.length).toBeLessThanOrEqual(50)
    for (const b of p.blocks as Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }> }>) {
      if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(150)
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000)
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000)
    }
    expect(p.text.length).toBeLessThanOrEqual(3000)
  })

  it('never carries a secret', () => {
    addSecret('sk-live-123456')
    expect(JSON.stringify(buildSlackPayload(record({ reason: 'auth sk-live-123456 failed' }), {}))).not.toContain('sk-live-123456')
  })

  it('notifies per notify-on, never for a dry run', () => {
    const on = new Set(['rolled-back', 'rollback-failed'])
    expect(shouldNotify('rolled-back', on)).toBe(true)
    expect(shouldNotify('deployed', on)).toBe(false)
    expect(shouldNotify('planned', new Set(['planned']))).toBe(false)
  })
})

describe('job summary', () => {
  it('leads with one line that says what happened, then versions, steps and evidence', () => {
    const s = buildSummary(record())
    expect(s.split('\n')[0]).toBe('## ↩️ Rolled back production: v1.1.0 → v1.0.0')
    expect(s).toContain('| Last known good | v1.0.0 |')
    expect(s).toContain('| Previous version from | release tags (semver) |')
    expect(s).toMatch(/\| Health gate v1\.1\.0 \| deploy \| ❌ failed \| 1\.5s \|/)
    expect(s).toContain('| https://shop.example/health | failed | 1/4 | 12 / 40 / 41 ms |')
    expect(s).toContain('[Workflow run](https://github.com/acme/shop/actions/runs/9)')
    expect(s).not.toContain('<b>')
  })

  it('escapes table pipes and fences command output so it cannot break out', () => {
    const s = buildSummary(record({ reason: 'a | b', steps: [step('deploy', 'failed', { output: ['```', 'rm: cannot | remove'] })] }))
    expect(s).toContain('a | b')
    expect(s).toContain('````\n```\nrm: cannot | remove\n````')
  })

  it('stays under the 1 MiB step summary limit', () => {
    const big = Array.from({ length: 50 }, (_, i) => step(`s${i}`, 'failed', { output: Array.from({ length: 20 }, () => 'z'.repeat(2000)) }))
    expect(Buffer.byteLength(buildSummary(record({ steps: big })))).toBeLessThan(1024 * 1024)
  })
})

describe('outputs and report', () => {
  it('sets every output, the reason on one line', () => {
    expect(buildOutputs(record({ reason: 'line one\nline two', deploymentId: 42 }), '/tmp/r.json')).toEqual({
      status: 'rolled-back',
      version: 'v1.1.0',
      'previous-version': 'v1.0.0',
      'rolled-back': 'true',
      reason: 'line one line two',
      report: '/tmp/r.json',
      'deployment-id': '42',
    })
    expect(buildOutputs(record({ previousVersion: undefined }), 'r')['deployment-id']).toBe('')
  })

  it('writes a stable JSON report, redacted', () => {
    addSecret('hunter2-hunter2')
    const r = buildReport(record({ reason: 'token hunter2-hunter2' })) as Record<string, unknown>
    expect(r).toMatchObject({ schemaVersion: 1, status: 'rolled-back', version: 'v1.1.0', previousVersion: 'v1.0.0', reason: 'token ***', durationMs: 65_000 })
    expect((r.steps as Array<{ durationMs: number }>)[0].durationMs).toBe(1500)
  })

  it('formats durations for people', () => {
    expect(formatDuration(850)).toBe('850ms')
    expect(formatDuration(1500)).toBe('1.5s')
    expect(formatDuration(12_340)).toBe('12.3s')
    expect(formatDuration(125_000)).toBe('2m 05s')
    expect(formatDuration(3_720_000)).toBe('1h 02m')
  })
})
