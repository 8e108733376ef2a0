// The Teams message: an Adaptive Card attachment as Workflows webhooks take it, within 28 KB.
import { afterEach, describe, expect, it } from 'vitest'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import { buildTeamsPayload, TEAMS_MAX_BYTES, type TeamsElement } from '../../src/sinks/teams-payload.js'
import { hugeRecord, record } from '../helpers/run-record.js'

afterEach(() => clearSecrets())

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v))
const texts = (body: TeamsElement[]) => body.flatMap((b) => (b.type === 'TextBlock' ? [b.text] : []))

describe('Teams payload', () => {
  it('is a message with one Adaptive Card attachment', () => {
    const p = buildTeamsPayload(record())
    expect(p.type).toBe('message')
    expect(p.attachments).toHaveLength(1)
    expect(p.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
    const card = p.attachments[0].content
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' })
  })

  it('tells the headline, consequence, reason, facts, evidence and output, and links the run', () => {
    const card = buildTeamsPayload(record()).attachments[0].content
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Rolled back production: v1.1.0 → v1.0.0', color: 'Warning', weight: 'Bolder', wrap: true })
    const all = texts(card.body)
    expect(all).toContain('v1.0.0 is live again and healthy; v1.1.0 needs a fix.')
    expect(all.some((t) => t.includes('status 500 not in 200-299'))).toBe(true)
    expect(all).toContain('starting\n\nERROR db down')
    const facts = card.body.find((b) => b.type === 'FactSet')
    expect(facts).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Environment', value: 'production' },
        { title: 'Deployed', value: 'v1.1.0' },
        { title: 'Last known good', value: 'v1.0.0' },
        { title: 'Trigger', value: 'automatic (health gate)' },
        { title: 'Failing check', value: 'Health gate v1.1.0 — 1/4 probes passed' },
        { title: 'Commit', value: 'Fix checkout @acme/oncall <b>now</b>' },
      ],
    })
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open the workflow run', url: 'https://github.com/acme/shop/actions/runs/9' },
      { type: 'Action.OpenUrl', title: 'Compare versions', url: 'https://github.com/acme/shop/compare/v1.0.0...v1.1.0' },
    ])
  })

  it('colors a failed rollback as an alert and a deploy as good', () => {
    expect(buildTeamsPayload(record({ status: 'rollback-failed' })).attachments[0].content.body[0]).toMatchObject({ color: 'Attention' })
    expect(buildTeamsPayload(record({ status: 'deployed' })).attachments[0].content.body[0]).toMatchObject({ color: 'Good' })
  })

  it('redacts secrets', () => {
    addSecret('hunter2-secret')
    expect(JSON.stringify(buildTeamsPayload(record({ reason: 'bad hunter2-secret' })))).not.toContain('hunter2-secret')
  })

  it('stays within 28 KB with huge evidence, keeping the headline and facts', () => {
    const r = hugeRecord()
    const p = buildTeamsPayload(r)
    expect(bytes(p)).toBeLessThanOrEqual(TEAMS_MAX_BYTES)
    expect(bytes(p)).toBeLessThanOrEqual(28 * 1000)
    const card = p.attachments[0].content
    expect(texts(card.body)[0].startsWith('Rolled back production-eee')).toBe(true)
    expect(card.body.some((b) => b.type === 'FactSet')).toBe(true)
    expect(card.actions[0].url).toBe('https://github.com/acme/shop/actions/runs/9')
  })

  it('keeps as much evidence as fits: a smaller budget drops detail, not the card', () => {
    const r = hugeRecord()
    const big = buildTeamsPayload(r, { maxBytes: 27 * 1024 })
    const small = buildTeamsPayload(r, { maxBytes: 12 * 1024 })
    expect(bytes(small)).toBeLessThanOrEqual(12 * 1024)
    expect(bytes(big)).toBeGreaterThan(bytes(small))
    // The budget is used, not wasted: within a few percent of it.
    expect(bytes(big)).toBeGreaterThan(25 * 1024)
    expect(bytes(small)).toBeGreaterThan(11 * 1024)
    // Multi-byte text counts in bytes, not characters.
    const wide = buildTeamsPayload(hugeRecord({ reason: '事'.repeat(20_000) }))
    expect(bytes(wide)).toBeLessThanOrEqual(TEAMS_MAX_BYTES)
  })
})
