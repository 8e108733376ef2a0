// PagerDuty Events v2: trigger for the outcomes that page, resolve with the same key when healthy.
import { afterEach, describe, expect, it } from 'vitest'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import {
  buildPagerDutyResolve,
  buildPagerDutyTrigger,
  pagerDutyDedupKey,
  PAGERDUTY_LIMITS,
  shouldPage,
  shouldResolve,
} from '../../src/sinks/pagerduty-event.js'
import { hugeRecord, record, T0 } from '../helpers/run-record.js'

afterEach(() => clearSecrets())

const KEY = 'R0UTINGKEY0000000000000000000000'

describe('PagerDuty events', () => {
  it('triggers with the documented fields', () => {
    const e = buildPagerDutyTrigger(record({ status: 'rollback-failed' }), { routingKey: KEY })
    expect(e).toMatchObject({
      routing_key: KEY,
      event_action: 'trigger',
      dedup_key: 'rollback-action/acme/shop/production',
      payload: {
        severity: 'critical',
        source: 'acme/shop/production',
        component: 'acme/shop',
        group: 'production',
        class: 'health',
        timestamp: new Date(T0 + 65_000).toISOString(),
      },
      links: [
        { href: 'https://github.com/acme/shop/actions/runs/9', text: 'Workflow run' },
        { href: 'https://github.com/acme/shop/compare/v1.0.0...v1.1.0', text: 'Changes between the versions' },
      ],
      client: 'rollback-action',
      client_url: 'https://github.com/acme/shop/actions/runs/9',
    })
    expect(e.payload.summary).toMatch(/^ROLLBACK FAILED in production: v1\.1\.0 failed and v1\.0\.0 is unhealthy too — health: /)
    const d = e.payload.custom_details
    expect(d).toMatchObject({
      status: 'rollback-failed',
      environment: 'production',
      deployed: 'v1.1.0',
      last_known_good: 'v1.0.0',
      failing_check: 'Health gate v1.1.0 — 1/4 probes passed',
    })
    expect(d.evidence).toEqual(['https://shop.example/health — 1/4 passed, p95 40ms: status 500 not in 200-299 — db <down> & out'])
    expect(d.steps).toHaveLength(5)
    expect((d.steps as string[])[2]).toBe('Health gate v1.1.0: failed, 20s — 1/4 probes passed')
    expect(d.last_output).toEqual(['starting', 'ERROR db down'])
  })

  it('maps severity by outcome', () => {
    const sev = (status: 'rollback-failed' | 'failed' | 'rolled-back') => buildPagerDutyTrigger(record({ status }), { routingKey: KEY }).payload.severity
    expect(sev('rollback-failed')).toBe('critical')
    expect(sev('failed')).toBe('error')
    expect(sev('rolled-back')).toBe('warning')
  })

  it('resolves with the same dedup_key and nothing else', () => {
    const t = buildPagerDutyTrigger(record({ status: 'rollback-failed' }), { routingKey: KEY })
    const r = buildPagerDutyResolve(record({ status: 'deployed', version: 'v1.2.0' }), { routingKey: KEY })
    expect(r).toEqual({ routing_key: KEY, event_action: 'resolve', dedup_key: t.dedup_key })
  })

  it('pages only for page-on outcomes, never for a dry run; resolves on a healthy run', () => {
    const pageOn = new Set(['rollback-failed'])
    expect(shouldPage('rollback-failed', pageOn)).toBe(true)
    expect(shouldPage('rolled-back', pageOn)).toBe(false)
    expect(shouldPage('planned', new Set(['planned']))).toBe(false)
    expect(shouldResolve('deployed')).toBe(true)
    expect(shouldResolve('rolled-back')).toBe(true)
    expect(shouldResolve('failed')).toBe(false)
    expect(shouldResolve('rollback-failed')).toBe(false)
    expect(shouldResolve('planned')).toBe(false)
    // With page-on rolled-back, a rollback pages instead of resolving.
    expect(shouldResolve('rolled-back', new Set(['rolled-back', 'rollback-failed']))).toBe(false)
    expect(shouldResolve('rolled-back', pageOn)).toBe(true)
  })

  it('keeps the dedup_key within 255 characters, stable and distinct', () => {
    const long = 'e'.repeat(400)
    const a = pagerDutyDedupKey('acme/shop', long)
    expect(a.length).toBe(PAGERDUTY_LIMITS.dedupKey)
    expect(pagerDutyDedupKey('acme/shop', long)).toBe(a)
    expect(pagerDutyDedupKey('acme/shop', `${long}x`)).not.toBe(a)
    expect(a.startsWith('rollback-action/acme/shop/eee')).toBe(true)
  })

  it('keeps the summary within 1024 characters and the event far under the API limit, with huge evidence', () => {
    const e = buildPagerDutyTrigger(hugeRecord({ status: 'rollback-failed' }), { routingKey: KEY })
    expect(e.payload.summary.length).toBeLessThanOrEqual(PAGERDUTY_LIMITS.summary)
    expect(e.dedup_key.length).toBeLessThanOrEqual(PAGERDUTY_LIMITS.dedupKey)
    expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThan(100 * 1024)
    expect(e.payload.custom_details.more_evidence).toBe(200 - 25)
  })

  it('redacts secrets from every text but keeps the routing key it needs', () => {
    addSecret(KEY)
    addSecret('db-password-1')
    const e = buildPagerDutyTrigger(record({ status: 'rollback-failed', reason: 'login db-password-1 failed' }), { routingKey: KEY })
    expect(e.routing_key).toBe(KEY)
    const { routing_key: _, ...rest } = e
    expect(JSON.stringify(rest)).not.toContain('db-password-1')
    expect(JSON.stringify(rest)).not.toContain(KEY)
  })
})
