import type { KnownBlock } from '@slack/types'
import { consequence, failedStep, formatDuration, headlineText, OUTCOME_WORDS, truncate } from '../report/format.js'
import { redact } from '../secrets.js'
import type { RunRecord } from '../timeline.js'

export interface SlackPayload {
  text: string
  blocks: KnownBlock[]
}

const MAX_BLOCKS = 50
const MAX_SECTION = 3000
const MAX_HEADER = 150
const MAX_ENDPOINTS = 10

/** Slack's escaping: user-controlled text (commit messages, versions, app bodies) cannot ping or link. */
export function escapeSlack(text: string): string {
  return redact(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The alert: outcome, environment and versions in the header; why, evidence, commit and run link below. */
export function buildSlackPayload(r: RunRecord, o: { mention?: string }): SlackPayload {
  const w = OUTCOME_WORDS[r.status]
  const headline = headlineText(r)
  const mention = o.mention && (r.status === 'rolled-back' || r.status === 'rollback-failed') ? `${o.mention} ` : ''
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(redact(headline), MAX_HEADER), emoji: true } }]

  const c = consequence(r)
  // What a person must look at first (a failed down migration) comes before everything else.
  const attention = r.attention ? `:rotating_light: *${escapeSlack(r.attention)}*` : ''
  const lead = [attention, `${mention}${w.slack} *${escapeSlack(headline)}*`, c ? `*${escapeSlack(c)}*` : ''].filter(Boolean).join('\n')
  blocks.push(section(lead))

  const fields = [
    `*Environment*\n${escapeSlack(r.environment)}`,
    `*${r.mode === 'deploy' ? 'Deployed' : 'Put back'}*\n\`${escapeSlack(r.version)}\``,
    `*${r.mode === 'deploy' ? 'Last known good' : 'Replaced'}*\n${r.previousVersion ? `\`${escapeSlack(r.previousVersion)}\`` : 'none'}`,
    `*Trigger*\n${trigger(r)}`,
  ]
  blocks.push({ type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text: truncate(text, 2000) })) })

  if (r.status !== 'deployed') {
    const failed = failedStep(r)
    const check = failed ? `*Failing check:* ${escapeSlack(failed.title)}\n` : ''
    blocks.push(section(`${check}*Reason:* ${escapeSlack(r.reason)}`))
    const endpoints = r.steps.flatMap((s) =>
      s.outcome === 'failed' && s.verdict ? s.verdict.endpoints.filter((e) => e.verdict === 'failed' || e.failed > 0) : [],
    )
    const lines = endpoints.slice(0, MAX_ENDPOINTS).map((e) => {
      const lat = e.latency ? `, p95 ${e.latency.p95}ms` : ''
      const last = e.lastFailure
        ? `: ${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` — \`${e.lastFailure.bodyExcerpt.slice(0, 200).replace(/`/g, "'")}\`` : ''}`
        : ''
      return `• ${escapeSlack(e.url)} — ${e.passed}/${e.probes} passed${lat}${escapeSlack(last)}`
    })
    if (endpoints.length > MAX_ENDPOINTS) lines.push(`…and ${endpoints.length - MAX_ENDPOINTS} more endpoints`)
    if (lines.length) blocks.push(section(`*Evidence*\n${lines.join('\n')}`))
    const tail = failed?.output?.filter((l) => l.trim()).slice(-5)
    if (tail?.length) blocks.push(section(`*Last output of ${escapeSlack(failed!.title)}*\n\`\`\`${escapeSlack(tail.join('\n')).replace(/`/g, "'")}\`\`\``))
  }

  if (r.commitSubject) blocks.push(section(`*Commit:* ${escapeSlack(r.commitSubject)}`))
  const ctx = r.context
  const run = ctx.runUrl ? `<${ctx.runUrl}|workflow run>` : 'workflow run'
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: truncate(
          `${escapeSlack(ctx.repository || 'repository')} · ${run} · by ${escapeSlack(ctx.actor || 'unknown')} · ${formatDuration(r.endedAt - r.startedAt)}`,
          MAX_SECTION,
        ),
      },
    ],
  })

  const fallback = `${mention}${r.attention ? `${r.attention}. ` : ''}${w.title}: ${r.environment} ${r.version}${r.previousVersion ? ` / previous ${r.previousVersion}` : ''} — ${r.reason}`
  return { text: truncate(`${mention}${escapeSlack(fallback.slice(mention.length))}`, MAX_SECTION), blocks: blocks.slice(0, MAX_BLOCKS) }
}

function trigger(r: RunRecord): string {
  if (r.mainKilled) return 'main step ended without finishing (post step)'
  if (r.cancelled) return 'cancelled run (post step)'
  return r.mode === 'rollback' ? 'manual rollback' : 'automatic (health gate)'
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, MAX_SECTION) } }
}
