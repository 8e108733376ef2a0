// The Discord message: the facts of the run in one embed, within every documented limit, pinging
// only what was configured.
import { afterEach, describe, expect, it } from 'vitest'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import { allowedMentions, buildDiscordPayload, DISCORD_COLORS, DISCORD_LIMITS, embedLength, fitEmbed } from '../../src/sinks/discord-payload.js'
import { hugeRecord, record, T0 } from '../helpers/run-record.js'

afterEach(() => clearSecrets())

describe('Discord payload', () => {
  it('carries outcome color, headline, versions, failing check, evidence, run link, time and footer', () => {
    const p = buildDiscordPayload(record())
    expect(p.embeds).toHaveLength(1)
    const e = p.embeds[0]
    expect(e.color).toBe(DISCORD_COLORS['rolled-back'])
    expect(e.title).toBe('Rolled back production: v1.1.0 → v1.0.0')
    expect(p.content).toBe('Rolled back production: v1.1.0 → v1.0.0')
    expect(e.url).toBe('https://github.com/acme/shop/actions/runs/9')
    expect(e.timestamp).toBe(new Date(T0 + 65_000).toISOString())
    expect(e.description).toContain('v1.0.0 is live again and healthy; v1.1.0 needs a fix.')
    const field = (name: string) => e.fields.find((f) => f.name === name)?.value
    expect(field('Environment')).toBe('production')
    expect(field('Deployed')).toBe('`v1.1.0`')
    expect(field('Last known good')).toBe('`v1.0.0`')
    expect(field('Trigger')).toBe('automatic (health gate)')
    expect(field('Failing check')).toBe('Health gate v1.1.0 — 1/4 probes passed')
    expect(field('Evidence')).toBe('• https://shop.example/health — 1/4 passed, p95 40ms: status 500 not in 200-299 — db <down> & out')
    expect(field('Last output')).toBe('```\nstarting\nERROR db down\n```')
    expect(field('Changes')).toBe('https://github.com/acme/shop/compare/v1.0.0...v1.1.0')
    expect(e.footer.text).toBe('acme/shop · by octocat · 1m 05s')
  })

  it('colors each outcome differently', () => {
    expect(new Set(Object.values(DISCORD_COLORS)).size).toBe(5)
    expect(buildDiscordPayload(record({ status: 'rollback-failed' })).embeds[0].color).toBe(DISCORD_COLORS['rollback-failed'])
  })

  it('pings nobody by default, even when a commit or version says @everyone', () => {
    const p = buildDiscordPayload(record({ version: '@everyone', commitSubject: '@here <@&123>' }))
    expect(p.allowed_mentions).toEqual({ parse: [] })
  })

  it('allows exactly the configured mention, on bad outcomes only', () => {
    const role = buildDiscordPayload(record(), { mention: '<@&42>' })
    expect(role.content.startsWith('<@&42> Rolled back')).toBe(true)
    expect(role.allowed_mentions).toEqual({ parse: [], roles: ['42'] })
    const here = buildDiscordPayload(record({ version: '@everyone' }), { mention: '@here' })
    expect(here.allowed_mentions).toEqual({ parse: ['everyone'] })
    // "everyone" is allowed for the mention, so the user's text must not say it.
    expect(here.content).toBe('@here Rolled back production: @\u200beveryone → v1.0.0')
    expect(allowedMentions('<@!7>')).toEqual({ parse: [], users: ['7'] })
    expect(allowedMentions('@oncall')).toEqual({ parse: [] })
    const ok = buildDiscordPayload(record({ status: 'deployed' }), { mention: '@here' })
    expect(ok.content).not.toContain('@here')
    expect(ok.allowed_mentions).toEqual({ parse: [] })
  })

  it('redacts secrets in every text', () => {
    addSecret('s3cr3t-token')
    const r = record({ reason: 'token s3cr3t-token rejected', commitSubject: 'use s3cr3t-token' })
    r.steps[2].output = ['auth s3cr3t-token']
    expect(JSON.stringify(buildDiscordPayload(r))).not.toContain('s3cr3t-token')
  })

  it('keeps every limit with oversize evidence, by cutting text', () => {
    const p = buildDiscordPayload(hugeRecord(), { mention: '<@&42>' })
    const e = p.embeds[0]
    expect(p.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content)
    expect(e.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title)
    expect(e.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description)
    expect(e.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields)
    for (const f of e.fields) {
      expect(f.name.length).toBeGreaterThan(0)
      expect(f.value.length).toBeGreaterThan(0)
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName)
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue)
    }
    expect(e.footer.text.length).toBeLessThanOrEqual(DISCORD_LIMITS.footer)
    expect(embedLength(e)).toBeLessThanOrEqual(DISCORD_LIMITS.total)
    // Still useful: the headline, the environment and the evidence's start survive.
    expect(e.title.startsWith('Rolled back production-eee')).toBe(true)
    expect(e.fields.map((f) => f.name).slice(0, 4)).toEqual(['Environment', 'Deployed', 'Last known good', 'Trigger'])
    expect(e.title.endsWith('…')).toBe(true)
  })

  it('fits an embed whose parts are each within limits but together over 6000', () => {
    const e = fitEmbed(
      {
        title: 't',
        description: 'd'.repeat(4000),
        color: 0,
        timestamp: '',
        footer: { text: 'f'.repeat(2000) },
        fields: Array.from({ length: 25 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(1024) })),
      },
      DISCORD_LIMITS.total,
    )
    expect(embedLength(e)).toBeLessThanOrEqual(DISCORD_LIMITS.total)
    expect(e.fields.length).toBeGreaterThanOrEqual(4)
  })

  it('does not split a surrogate pair when it cuts', () => {
    const p = buildDiscordPayload(record({ environment: '🚀'.repeat(300) }))
    expect(p.embeds[0].title.length).toBeLessThanOrEqual(256)
    expect(p.embeds[0].title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})
