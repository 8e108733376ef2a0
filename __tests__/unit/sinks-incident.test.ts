// The incident issue: title, report body with a marker that reads back, repeat and closing comments.
import { afterEach, describe, expect, it } from 'vitest'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import {
  impactWindow,
  incidentBody,
  incidentClosingComment,
  incidentMarker,
  incidentRepeatComment,
  incidentTitle,
  isIncidentFor,
  parseIncidentMarker,
  shouldCloseIncident,
  shouldOpenIncident,
} from '../../src/sinks/incident-issue.js'
import { hugeRecord, record, step, T0 } from '../helpers/run-record.js'

afterEach(() => clearSecrets())

describe('incident issue', () => {
  it('opens for an automatic rollback and a failed rollback, closes on a healthy deploy', () => {
    expect(shouldOpenIncident(record())).toBe(true)
    expect(shouldOpenIncident(record({ status: 'rollback-failed' }))).toBe(true)
    expect(shouldOpenIncident(record({ status: 'rollback-failed', mode: 'rollback' }))).toBe(true)
    expect(shouldOpenIncident(record({ mode: 'rollback' }))).toBe(false)
    expect(shouldOpenIncident(record({ cancelled: true }))).toBe(false)
    expect(shouldOpenIncident(record({ status: 'failed' }))).toBe(false)
    expect(shouldOpenIncident(record({ dryRun: true }))).toBe(false)
    expect(shouldCloseIncident(record({ status: 'deployed' }))).toBe(true)
    expect(shouldCloseIncident(record({ status: 'deployed', dryRun: true }))).toBe(false)
    expect(shouldCloseIncident(record())).toBe(false)
  })

  it('titles the incident by environment and versions', () => {
    expect(incidentTitle(record())).toBe('Rollback in production: v1.1.0 → v1.0.0')
    expect(incidentTitle(record({ status: 'rollback-failed' }))).toBe('Rollback failed in production: v1.1.0 → v1.0.0')
    expect(incidentTitle(record({ status: 'rollback-failed', mode: 'rollback', version: 'v1.0.0', previousVersion: 'v1.1.0' }))).toBe(
      'Rollback failed in production: back to v1.0.0 from v1.1.0',
    )
    expect(incidentTitle(hugeRecord()).length).toBeLessThanOrEqual(256)
  })

  it('writes a marker that reads back, even for names with spaces, quotes or -->', () => {
    const body = incidentBody(record())
    expect(body.startsWith('<!-- rollback-action:incident environment=production version=v1.1.0 -->\n')).toBe(true)
    expect(parseIncidentMarker(body)).toEqual({ environment: 'production', version: 'v1.1.0' })
    const odd = { environment: 'eu west --> "a"', version: 'v1 2%' }
    const marker = incidentMarker(odd)
    expect(marker.match(/-->/g)).toHaveLength(1)
    expect(parseIncidentMarker(`text\n${marker}\nmore`)).toEqual(odd)
    expect(parseIncidentMarker('no marker')).toBeUndefined()
    expect(parseIncidentMarker(null)).toBeUndefined()
    expect(parseIncidentMarker('<!-- rollback-action:incident environment=%E0%A4%A version=x -->')).toBeUndefined()
    expect(isIncidentFor(body, 'production')).toBe(true)
    expect(isIncidentFor(body, 'production', 'v1.1.0')).toBe(true)
    expect(isIncidentFor(body, 'production', 'v1.2.0')).toBe(false)
    expect(isIncidentFor(body, 'staging')).toBe(false)
  })

  it('measures the impact window from the deploy to the rollback proof', () => {
    expect(impactWindow(record())).toEqual({ start: T0 + 1000, end: T0 + 65_000 })
    const failed = record({ status: 'rollback-failed' })
    failed.steps[4].outcome = 'failed'
    expect(impactWindow(failed)).toEqual({ start: T0 + 1000, end: undefined })
    const smoke = record()
    smoke.steps.push(step('rollback-smoke', 'passed', 65, 5, { phase: 'rollback' }))
    expect(impactWindow(smoke).end).toBe(T0 + 70_000)
  })

  it('tells what happened, the facts, failing check, evidence, timeline and the post-mortem checklist', () => {
    const body = incidentBody(record())
    expect(body).toContain('## ↩️ Rolled back production: v1.1.0 → v1.0.0')
    expect(body).toContain('**What happened:** Health gate v1.1.0 failed (1/4 probes passed), so v1.0.0 was put back and passed its health gate.')
    expect(body).toContain('| Deployed | `v1.1.0` |')
    expect(body).toContain('| Last known good | `v1.0.0` |')
    expect(body).toContain('| Changes | [v1.0.0...v1.1.0](https://github.com/acme/shop/compare/v1.0.0...v1.1.0) |')
    expect(body).toContain('| Impact window | 2026-11-23 03:00:01 UTC → 2026-11-23 03:01:05 UTC (1m 04s) |')
    expect(body).toContain('| Workflow run | [run 9](https://github.com/acme/shop/actions/runs/9) |')
    expect(body).toContain('**Health gate v1.1.0** — 1/4 probes passed')
    expect(body).toContain('- https://shop.example/health — 1/4 passed, p95 40ms: status 500 not in 200-299 — db &lt;down&gt; & out')
    expect(body).toContain('### Timeline (UTC, 2026-11-23)')
    expect(body).toContain('| 03:00:10 | Health gate v1.1.0 | failed | 20s | 1/4 probes passed |')
    expect(body).toContain('| 03:00:45 | Health gate v1.0.0 | passed | 20s | 3/3 probes passed |')
    expect(body).toContain('<details><summary>Last output of Health gate v1.1.0</summary>')
    for (const item of ['Root cause', 'Detection', 'Action items', 'Impact']) expect(body).toMatch(new RegExp(`^- \\[ \\] \\*\\*${item}:\\*\\*`, 'm'))
    expect(body).not.toContain('Restore service')
    expect(incidentBody(record({ status: 'rollback-failed' }))).toMatch(/^- \[ \] \*\*Restore service:\*\*/m)
  })

  it('says a failed rollback is still going', () => {
    const r = record({ status: 'rollback-failed', rolledBack: false })
    r.steps[4].outcome = 'failed'
    const body = incidentBody(r)
    expect(body).toContain('| Impact window | since 2026-11-23 03:00:01 UTC, still going at 2026-11-23 03:01:05 UTC |')
    expect(body).toContain('production may be broken right now')
  })

  it('pings no one and renders no HTML from user text', () => {
    const body = incidentBody(record())
    expect(body).toContain('Fix checkout @\u200bacme/oncall &lt;b&gt;now&lt;/b&gt;')
    expect(body).not.toMatch(/@acme/)
  })

  it('redacts secrets but keeps the marker readable', () => {
    addSecret('token-abcdef')
    const r = record({ reason: 'denied token-abcdef' })
    r.steps[2].output = ['Authorization: token-abcdef']
    const body = incidentBody(r)
    expect(body).not.toContain('token-abcdef')
    expect(parseIncidentMarker(body)).toEqual({ environment: 'production', version: 'v1.1.0' })
    expect(incidentRepeatComment(r)).not.toContain('token-abcdef')
  })

  it('stays within GitHub body limits with huge evidence, the marker first', () => {
    const body = incidentBody(hugeRecord())
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(parseIncidentMarker(body)?.version).toBe('v1.1.0')
    expect(incidentRepeatComment(hugeRecord()).length).toBeLessThanOrEqual(65_536)
  })

  it('comments a repeat with its time, check, evidence and run', () => {
    const c = incidentRepeatComment(record({ endedAt: T0 + 3_600_000 }))
    expect(c).toContain('### ↩️ Again at 2026-11-23 04:00:00 UTC: Rolled back production: v1.1.0 → v1.0.0')
    expect(c).toContain('**Failing check:** Health gate v1.1.0 — 1/4 probes passed')
    expect(c).toContain('- https://shop.example/health — 1/4 passed')
    expect(c).toContain('[Workflow run](https://github.com/acme/shop/actions/runs/9)')
  })

  it('closes with the healthy version, time and run', () => {
    const c = incidentClosingComment(record({ status: 'deployed', version: 'v1.1.1', endedAt: T0 + 86_400_000 }))
    expect(c).toBe(
      '### ✅ Resolved: `v1.1.1` is deployed to production and passed its health gate at 2026-11-24 03:00:00 UTC ([workflow run](https://github.com/acme/shop/actions/runs/9)).\n\nClosing this incident; finish the post-mortem checklist above if it is still open.\n',
    )
  })
})
