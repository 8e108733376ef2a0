/**
 * The Discord alert: one execute-webhook message with one embed. Discord answers 400 to a message
 * over its limits, so every limit is enforced here by cutting text, never left to the server.
 */
import type { Outcome, RunRecord } from '../timeline.js'
import { alertFacts, clip, leadLine, mentions, type AlertFacts } from './facts.js'

/** Discord's documented limits for a webhook message and its embeds. */
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer text and author name, across all embeds. */
  total: 6000,
} as const

export interface DiscordField {
  name: string
  value: string
  inline?: boolean
}

export interface DiscordEmbed {
  title: string
  description: string
  url?: string
  color: number
  timestamp: string
  fields: DiscordField[]
  footer: { text: string }
}

export interface DiscordAllowedMentions {
  parse: Array<'everyone' | 'roles' | 'users'>
  roles?: string[]
  users?: string[]
}

export interface DiscordPayload {
  content: string
  embeds: [DiscordEmbed]
  allowed_mentions: DiscordAllowedMentions
}

export interface DiscordOptions {
  /** Who to ping on a rollback or a failed rollback: `@here`, `@everyone`, `<@&roleId>` or `<@userId>`. */
  mention?: string
}

/** Embed colors by outcome: green, amber, red, dark red, grey. */
export const DISCORD_COLORS: Record<Outcome, number> = {
  deployed: 0x2eb67d,
  'rolled-back': 0xecb22e,
  failed: 0xe01e5a,
  'rollback-failed': 0x8b0000,
  planned: 0x95a5a6,
}

/** The most evidence lines listed; the rest are counted. */
const MAX_EVIDENCE = 10
const MAX_OUTPUT_LINES = 5

/** The message: the headline (and the mention, when configured and the outcome is bad) as content, the facts as one embed. */
export function buildDiscordPayload(r: RunRecord, o: DiscordOptions = {}): DiscordPayload {
  const f = alertFacts(r)
  const mention = o.mention && mentions(r.status) ? o.mention.trim() : ''
  const content = clip(`${mention ? `${mention} ` : ''}${quiet(leadLine(f))}`, DISCORD_LIMITS.content)
  const embed: DiscordEmbed = {
    title: clip(f.headline, DISCORD_LIMITS.title),
    description: clip(
      [f.attention ? `:rotating_light: **${f.attention}**` : '', f.consequence ? `**${f.consequence}**` : '', f.reason].filter(Boolean).join('\n\n'),
      DISCORD_LIMITS.description,
    ),
    ...(f.runUrl ? { url: f.runUrl } : {}),
    color: DISCORD_COLORS[r.status],
    timestamp: f.endedAt,
    fields: fields(f).slice(0, DISCORD_LIMITS.fields).map(field),
    footer: { text: clip([f.repository || 'repository', f.actor ? `by ${f.actor}` : '', f.duration].filter(Boolean).join(' · '), DISCORD_LIMITS.footer) },
  }
  return { content, embeds: [fitEmbed(embed, DISCORD_LIMITS.total)], allowed_mentions: allowedMentions(mention) }
}

function fields(f: AlertFacts): DiscordField[] {
  const out: DiscordField[] = f.versions.map((v) => ({
    name: v.name,
    value: v.name === 'Environment' || v.name === 'Trigger' ? v.value : code(v.value),
    inline: true,
  }))
  if (f.failingCheck) out.push({ name: 'Failing check', value: `${f.failingCheck.title} — ${f.failingCheck.summary}` })
  if (f.evidence.length) {
    const shown = f.evidence.slice(0, MAX_EVIDENCE).map((l) => `• ${l}`)
    if (f.evidence.length > MAX_EVIDENCE) shown.push(`…and ${f.evidence.length - MAX_EVIDENCE} more`)
    out.push({ name: 'Evidence', value: shown.join('\n') })
  }
  if (f.output.length) out.push({ name: 'Last output', value: fence(f.output.slice(-MAX_OUTPUT_LINES).join('\n')) })
  if (f.commitSubject) out.push({ name: 'Commit', value: f.commitSubject })
  if (f.compareUrl) out.push({ name: 'Changes', value: f.compareUrl })
  if (f.runUrl) out.push({ name: 'Workflow run', value: f.runUrl })
  return out
}

/** Field names and values: within their limits and never empty (Discord rejects an empty one). */
function field(x: DiscordField): DiscordField {
  return { ...x, name: clip(x.name || '—', DISCORD_LIMITS.fieldName), value: clip(x.value || '—', DISCORD_LIMITS.fieldValue) }
}

/** Characters Discord counts towards the 6000 of a message's embeds. */
export function embedLength(e: DiscordEmbed): number {
  return e.title.length + e.description.length + e.footer.text.length + e.fields.reduce((n, x) => n + x.name.length + x.value.length, 0)
}

/**
 * Within `max` characters in all: the description is cut first (the reason also appears in the
 * fields' evidence), then the longest fields, then fields are dropped from the end (the run link
 * in `url` stays). The title and the first four facts are never dropped.
 */
export function fitEmbed(e: DiscordEmbed, max: number): DiscordEmbed {
  const out: DiscordEmbed = { ...e, fields: e.fields.map((x) => ({ ...x })) }
  let excess = embedLength(out) - max
  if (excess > 0) {
    out.description = clip(out.description, Math.max(200, out.description.length - excess))
    excess = embedLength(out) - max
  }
  for (const x of [...out.fields].sort((a, b) => b.value.length - a.value.length)) {
    if (excess <= 0) break
    x.value = clip(x.value, Math.max(64, x.value.length - excess))
    excess = embedLength(out) - max
  }
  while (excess > 0 && out.fields.length > 4) {
    out.fields.pop()
    excess = embedLength(out) - max
  }
  if (excess > 0) out.description = clip(out.description, Math.max(1, out.description.length - excess))
  return out
}

/**
 * Pings nothing but the configured mention: `@here`/`@everyone` allow "everyone", `<@&id>` that
 * role, `<@id>` that user. Text from users (versions, commit messages) can never ping.
 */
export function allowedMentions(mention: string | undefined): DiscordAllowedMentions {
  const m = mention?.trim() ?? ''
  if (m === '@here' || m === '@everyone') return { parse: ['everyone'] }
  const role = /^<@&(\d+)>$/.exec(m)
  if (role) return { parse: [], roles: [role[1]] }
  const user = /^<@!?(\d+)>$/.exec(m)
  if (user) return { parse: [], users: [user[1]] }
  return { parse: [] }
}

/** With "everyone" allowed, user text in the content must not say @everyone/@here itself. */
function quiet(text: string): string {
  return text.replace(/@(everyone|here)/g, '@\u200b$1')
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``
}

/** A code block that the text cannot close. */
function fence(text: string): string {
  return `\`\`\`\n${clip(text.replace(/```/g, "'''"), DISCORD_LIMITS.fieldValue - 8)}\n\`\`\``
}
