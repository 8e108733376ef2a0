// The pure views of a run record: Slack payload, job summary, outputs, JSON report (and its path).
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { GateVerdict } from '../../src/gate/types.js'
import { shouldNotify } from '../../src/sinks/outcomes.js'
import { reportPath } from '../../src/sinks/report.js'
import { buildSlackPayload } from '../../src/sinks/slack-payload.js'
import { buildDiscordPayload } from '../../src/sinks/discord-payload.js'
import { incidentBody, incidentRepeatComment } from '../../src/sinks/incident-issue.js'
import { buildPagerDutyTrigger } from '../../src/sinks/pagerduty-event.js'
import { buildTeamsPayload } from '../../src/sinks/teams-payload.js'
import { formatDuration } from '../../src/report/format.js'
import { buildReport } from '../../src/report/json.js'
import { buildOutputs } from '../../src/report/outputs.js'
import { buildSummary, latencySeries } from '../../src/report/summary.js'
import { addSecret, clearSecrets, redact } from '../../src/secrets.js'
import { record as builtRecord } from '../helpers/builders.js'
import type { RunRecord, Step } from '../../src/timeline.js'
import { mermaidBlocks, parseMermaid } from '../helpers/mermaid.js'

afterEach(() => clearSecrets())

const verdict = (o: Partial<GateVerdict> = {}): GateVerdict => ({
  passed: false,
  check: 'health',
  reason: 'health: https://shop.example/health failed 3 consecutive probes: status 500 not in 200-299',
  durationMs: 1200,
  rounds: 4,
  endpoints: [
    {
      url: 'https://shop.example/health',
      probes: 4,
      passed: 1,
      failed: 3,
      latency: { p50: 12, p95: 40, max: 41 },
      verdict: 'failed',
      lastFailure: { at: '2026-11-23T03:00:00Z', kind: 'status', message: 'status 500 not in 200-299', status: 500, bodyExcerpt: 'db <down> & out' },
    },
  ],
  ...o,
})

const step = (id: string, outcome: Step['outcome'], o: Partial<Step> = {}): Step => ({
  id,
  title: id,
  phase: 'deploy',
  startedAt: 1000,
  endedAt: 2500,
  outcome,
  ...o,
})

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
    steps: [
      step('resolve', 'passed'),
      step('deploy', 'passed'),
      step('health', 'failed', { title: 'Health gate v1.1.0', verdict: verdict() }),
      step('rollback', 'passed', { phase: 'rollback' }),
      step('rollback-health', 'passed', { phase: 'rollback', verdict: verdict({ passed: true, endpoints: [] }) }),
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

  it('says what a failed run did to the environment: nothing, no way back, or cut short', () => {
    const lead = (r: RunRecord) => JSON.stringify(buildSlackPayload(r, {}).blocks[1])
    const failed = (o: Partial<RunRecord>) => record({ status: 'failed', rolledBack: false, ...o })
    // backup-command failed: the deploy never ran.
    const backup = failed({ steps: [step('resolve', 'passed'), step('backup', 'failed')] })
    expect(lead(backup)).toContain('Nothing was deployed; v1.0.0 in production was not touched.')
    expect(lead(backup)).not.toContain('rollback was not possible')
    // Lock timeout (no step failed), a cancel before the deploy command, a failed resolution.
    expect(lead(failed({ steps: [step('resolve', 'passed')] }))).toContain('Nothing was deployed; v1.0.0 in production was not touched.')
    expect(lead(failed({ steps: [step('resolve', 'passed'), step('backup', 'cancelled')] }))).toContain('Nothing was deployed')
    expect(lead(failed({ previousVersion: undefined, steps: [step('resolve', 'failed')] }))).toContain('Nothing was deployed; production was not touched.')
    // only-if-live found the environment already back: nothing redeployed, only its health checked.
    expect(
      lead(failed({ mode: 'rollback', steps: [step('resolve', 'passed', { phase: 'rollback' }), step('rollback-health', 'failed', { phase: 'rollback' })] })),
    ).toContain('Nothing was deployed; production was not touched.')
    // The deploy ran and failed, with nothing to go back to.
    const noWayBack = failed({ previousVersion: undefined, steps: [step('resolve', 'passed'), step('deploy', 'passed'), step('health', 'failed')] })
    expect(lead(noWayBack)).toContain('There was no previous version to roll back to.')
    // The post step after a cancel, with no previous version: main was deploying.
    expect(lead(failed({ previousVersion: undefined, cancelled: true, steps: [] }))).toContain('There was no previous version to roll back to.')
    // Main cancelled during the deploy, between steps, or during the rollback: the post step decides what follows.
    for (const steps of [
      [step('resolve', 'passed'), step('deploy', 'cancelled')],
      [step('resolve', 'passed'), step('deploy', 'passed')],
      [step('deploy', 'passed'), step('health', 'failed'), step('rollback', 'cancelled', { phase: 'rollback' })],
    ]) {
      expect(lead(failed({ handedToPost: true, steps }))).toContain('The job was cancelled while production was being changed; the post step takes over.')
    }
    // Main cancelled after it went deploying but before the deploy command started.
    expect(lead(failed({ handedToPost: true, steps: [step('resolve', 'passed')] }))).toContain('Nothing was deployed; v1.0.0 in production was not touched.')
    // Post with rollback-on-cancel false: it did not try the way back.
    expect(lead(failed({ cancelled: true, steps: [] }))).toContain('Nothing was rolled back after the cancel: production may be in a partial state.')
    // A deploy that failed, a previous version known, yet no rollback ran.
    expect(lead(failed({ steps: [step('deploy', 'failed')] }))).toContain('The rollback was not possible.')
  })

  it('says a manual rollback is manual', () => {
    const p = buildSlackPayload(record({ mode: 'rollback', version: 'v1.0.0', previousVersion: 'v1.1.0' }), {})
    expect(JSON.stringify(p)).toContain('manual rollback')
    expect((p.blocks[0] as { text: { text: string } }).text.text).toBe('Rolled back production to v1.0.0 (from v1.1.0)')
  })

  it('keeps within Slack limits whatever the input', () => {
    const endpoints = Array.from({ length: 100 }, (_, i) => ({ ...verdict().endpoints[0], url: `https://h${i}.example/health` }))
    const p = buildSlackPayload(
      record({
        reason: 'x'.repeat(10_000),
        version: 'v'.repeat(300),
        steps: [step('health', 'failed', { verdict: verdict({ endpoints }), output: ['y'.repeat(5000)] })],
      }),
      {},
    )
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

  it('says under the headline whether a failed run deployed anything', () => {
    const head = (o: Partial<RunRecord>) =>
      buildSummary(record({ status: 'failed', rolledBack: false, ...o }))
        .split('\n')
        .slice(0, 3)
    expect(head({ steps: [step('resolve', 'passed'), step('backup', 'failed')] })).toEqual([
      '## ❌ Deploy failed: v1.1.0 to production, nothing rolled back',
      '',
      '**Nothing was deployed; v1.0.0 in production was not touched.**',
    ])
    expect(head({ previousVersion: undefined, steps: [step('deploy', 'failed')] })[2]).toBe('**There was no previous version to roll back to.**')
    expect(head({ handedToPost: true, steps: [step('deploy', 'cancelled')] })[2]).toBe(
      '**The job was cancelled while production was being changed; the post step takes over.**',
    )
    expect(head({ steps: [step('deploy', 'failed')] })[2]).toBe('**The rollback was not possible.**')
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

describe('secrets', () => {
  it("redacts a webhook URL's path printed on its own, never a short path", () => {
    addSecret('https://hooks.slack.test/services/T000/B000/xxxxyyyy')
    expect(redact('POST /services/T000/B000/xxxxyyyy returned 404')).toBe('POST *** returned 404')
    expect(redact('https://hooks.slack.test/services/T000/B000/xxxxyyyy')).toBe('***')
    const s = buildSummary(record({ reason: 'Slack said 404 for /services/T000/B000/xxxxyyyy' }))
    expect(s).not.toContain('xxxxyyyy')
    clearSecrets()
    addSecret('https://hooks.example.test/')
    addSecret('https://ops.example.test/hook')
    expect(redact('GET / and /hook')).toBe('GET / and /hook')
  })
})

describe('report path', () => {
  it('is one file per step of a job, and another for the post step', () => {
    expect(reportPath('/tmp/rt', '9', undefined)).toBe(join('/tmp/rt', 'rollback-action-report-9.json'))
    expect(reportPath('/tmp/rt', '', undefined)).toBe(join('/tmp/rt', 'rollback-action-report-local.json'))
    const first = reportPath('/tmp/rt', '9', '__org_rollback-action')
    const second = reportPath('/tmp/rt', '9', '__org_rollback-action_2')
    expect(first).toBe(join('/tmp/rt', 'rollback-action-report-9-__org_rollback-action.json'))
    expect(second).not.toBe(first)
    expect(reportPath('/tmp/rt', '9', 'deploy-api', '-post')).toBe(join('/tmp/rt', 'rollback-action-report-9-deploy-api-post.json'))
    expect(reportPath('/tmp/rt', '9', 'deploy-api', '-post')).not.toBe(reportPath('/tmp/rt', '9', 'deploy-api'))
    // Whatever the runner sends, the name stays one file inside RUNNER_TEMP.
    expect(reportPath('/tmp/rt', '9', '../a/b c')).toBe(join('/tmp/rt', 'rollback-action-report-9-.._a_b_c.json'))
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

describe('attention: what a person must look at first leads the alert and the summary', () => {
  const attention = 'before-rollback-command failed (exit code 1): the down migration (or what it does) may be half done: check the data now'

  it('Slack: the first section and the notification text start with it', () => {
    const p = buildSlackPayload(builtRecord({ attention }), {})
    const first = p.blocks[1] as { text: { text: string } }
    expect(first.text.text.split('\n')[0]).toContain(attention)
    expect(p.text.startsWith(attention)).toBe(true)
  })

  it('summary: before the outcome heading', () => {
    const text = buildSummary(builtRecord({ attention }))
    expect(text.indexOf(attention)).toBeGreaterThan(-1)
    expect(text.indexOf(attention)).toBeLessThan(text.indexOf('## '))
    expect(buildSummary(builtRecord())).not.toContain('[!CAUTION]')
  })

  it('Discord, Teams, PagerDuty and the incident issue lead with it too, and say nothing of it when unset', () => {
    const r = builtRecord({ status: 'rolled-back', attention })
    const discord = buildDiscordPayload(r)
    expect(discord.content.startsWith(attention)).toBe(true)
    expect(discord.embeds[0].description.split('\n')[0]).toContain(attention)
    const teams = buildTeamsPayload(r).attachments[0].content.body[0] as { text: string; color?: string }
    expect(teams).toMatchObject({ text: attention, color: 'Attention' })
    expect(buildPagerDutyTrigger(r, { routingKey: 'k' }).payload.summary.startsWith(attention)).toBe(true)
    const issue = incidentBody(r)
    expect(issue.indexOf(attention)).toBeGreaterThan(-1)
    expect(issue.indexOf(attention)).toBeLessThan(issue.indexOf('## '))
    expect(incidentRepeatComment(r).split('\n').slice(0, 2).join('\n')).toContain(attention)

    const plain = builtRecord({ status: 'rolled-back' })
    expect(buildDiscordPayload(plain).embeds[0].description).not.toContain(':rotating_light:')
    expect(JSON.stringify(buildTeamsPayload(plain).attachments[0].content.body[0])).not.toContain(attention.slice(0, 20))
    expect(incidentBody(plain)).not.toContain('[!CAUTION]')
  })
})

describe('summary pictures', () => {
  const gateStep = (rounds: number, endpoints: number): Step => ({
    id: 'health',
    title: 'Health gate v1.1.0',
    phase: 'deploy',
    startedAt: Date.UTC(2026, 10, 23, 3),
    endedAt: Date.UTC(2026, 10, 23, 4),
    outcome: 'failed',
    verdict: verdict({
      rounds,
      endpoints: Array.from({ length: endpoints }, (_, i) => ({
        ...verdict().endpoints[0],
        url: `https://shop.example/health/${i}`,
        roundLatenciesMs: Array.from({ length: rounds }, (_, k) => (k % 97 === 0 ? null : 10 + ((k * 7919) % 900))),
      })),
    }),
  })

  it('charts each endpoint per round, no answer as a gap, under 1 MiB after 10 000 probes, and every block parses', async () => {
    const r = record({ steps: [gateStep(10_000, 12)] })
    const series = latencySeries(r)
    expect(series).toHaveLength(12)
    expect(series[0].endpoint).toBe('https://shop.example/health/0 (Health gate v1.1.0)')
    expect(series[0].latenciesMs).toHaveLength(10_000)
    expect(Number.isNaN(series[0].latenciesMs[0])).toBe(true)
    const text = buildSummary(r)
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024)
    const blocks = mermaidBlocks(text)
    // The timeline and at most 10 latency charts, the rest counted.
    expect(blocks.map((b) => b.split('\n')[0])).toEqual(['gantt', ...Array<string>(10).fill('xychart-beta')])
    expect(text).toMatch(/…and 2 more endpoints/)
    for (const b of blocks) await parseMermaid(b)
  }, 60_000)

  it('has no latency chart when the gate recorded none', () => {
    const r = record({ steps: [{ ...gateStep(3, 1), verdict: verdict() }] })
    expect(latencySeries(r)).toEqual([])
    expect(buildSummary(r)).not.toMatch(/xychart-beta/)
  })
})
