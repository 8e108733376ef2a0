/**
 * The Microsoft Teams alert: a message for a Workflows webhook ("When a Teams webhook request is
 * received" → "Post card in a chat or channel"), which takes Adaptive Card attachments only and
 * rejects a message over about 28 KB. The card is cut to fit, evidence first, before it is sent.
 */
import type { Outcome, RunRecord } from '../timeline.js'
import { alertFacts, clip, jsonBytes, type AlertFacts } from './facts.js'

/** Teams documents "about 28 KB"; stay under it with room for the request's own framing. */
export const TEAMS_MAX_BYTES = 27 * 1024

export type TeamsElement =
  | {
      type: 'TextBlock'
      text: string
      wrap: true
      size?: 'Small' | 'Medium' | 'Large'
      weight?: 'Bolder'
      color?: 'Good' | 'Warning' | 'Attention' | 'Default'
      fontType?: 'Monospace'
      isSubtle?: boolean
      spacing?: 'Medium'
    }
  | { type: 'FactSet'; facts: Array<{ title: string; value: string }> }

export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json'
  type: 'AdaptiveCard'
  version: '1.4'
  body: TeamsElement[]
  actions: Array<{ type: 'Action.OpenUrl'; title: string; url: string }>
  msteams: { width: 'Full' }
}

export interface TeamsPayload {
  type: 'message'
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard }]
}

export interface TeamsOptions {
  /** Largest message in bytes of JSON (UTF-8). */
  maxBytes?: number
}

const COLORS: Record<Outcome, 'Good' | 'Warning' | 'Attention' | 'Default'> = {
  deployed: 'Good',
  'rolled-back': 'Warning',
  failed: 'Attention',
  'rollback-failed': 'Attention',
  planned: 'Default',
}

/** How much detail a card carries. */
interface Detail {
  evidence: number
  lineChars: number
  outputLines: number
  textChars: number
}

/** Detail at scale k in [0, 1]: every part grows with k, so the card's size does too. */
function detail(k: number): Detail {
  return {
    evidence: Math.round(25 * k),
    lineChars: Math.max(80, Math.round(1000 * k)),
    outputLines: Math.round(20 * k),
    textChars: Math.max(300, Math.round(4000 * k)),
  }
}

/**
 * The message with the most detail that fits in `maxBytes` (a bisection over the detail scale:
 * a dozen small builds). Schema 1.4: what Teams renders on every client.
 */
export function buildTeamsPayload(r: RunRecord, o: TeamsOptions = {}): TeamsPayload {
  const max = o.maxBytes ?? TEAMS_MAX_BYTES
  const f = alertFacts(r)
  const full = message(card(f, detail(1)))
  if (jsonBytes(full) <= max) return full
  let [lo, hi] = [0, 1]
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2
    if (jsonBytes(message(card(f, detail(mid)))) <= max) lo = mid
    else hi = mid
  }
  return message(card(f, detail(lo)))
}

function message(content: AdaptiveCard): TeamsPayload {
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }] }
}

function card(f: AlertFacts, d: Detail): AdaptiveCard {
  const text = (t: string) => clip(t, d.textChars)
  const body: TeamsElement[] = []
  if (f.attention) body.push({ type: 'TextBlock', text: text(f.attention), wrap: true, weight: 'Bolder', color: 'Attention' })
  body.push({ type: 'TextBlock', text: text(f.headline), wrap: true, size: 'Large', weight: 'Bolder', color: COLORS[f.status] })
  if (f.consequence) body.push({ type: 'TextBlock', text: text(f.consequence), wrap: true, weight: 'Bolder' })
  body.push({ type: 'TextBlock', text: text(f.reason), wrap: true })
  body.push({ type: 'FactSet', facts: facts(f).map((x) => ({ title: x.name, value: clip(x.value, d.lineChars) })) })
  if (d.evidence && f.evidence.length) {
    body.push({ type: 'TextBlock', text: 'Evidence', wrap: true, weight: 'Bolder', spacing: 'Medium' })
    const shown = f.evidence.slice(0, d.evidence).map((l) => `- ${clip(l, d.lineChars)}`)
    if (f.evidence.length > d.evidence) shown.push(`- …and ${f.evidence.length - d.evidence} more`)
    // A blank line between items: Teams' TextBlock markdown needs it to break lines.
    body.push({ type: 'TextBlock', text: shown.join('\n\n'), wrap: true })
  }
  if (d.outputLines && f.output.length) {
    body.push({ type: 'TextBlock', text: 'Last output', wrap: true, weight: 'Bolder', spacing: 'Medium' })
    body.push({
      type: 'TextBlock',
      text: f.output
        .slice(-d.outputLines)
        .map((l) => clip(l, d.lineChars))
        .join('\n\n'),
      wrap: true,
      fontType: 'Monospace',
    })
  }
  body.push({
    type: 'TextBlock',
    text: clip([f.repository, f.actor ? `by ${f.actor}` : '', f.duration].filter(Boolean).join(' · '), d.lineChars),
    wrap: true,
    isSubtle: true,
    size: 'Small',
  })
  const actions: AdaptiveCard['actions'] = []
  if (f.runUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open the workflow run', url: f.runUrl })
  // A compare link made of absurdly long versions is left out rather than blowing the size.
  if (f.compareUrl && f.compareUrl.length <= 2048) actions.push({ type: 'Action.OpenUrl', title: 'Compare versions', url: f.compareUrl })
  return { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body, actions, msteams: { width: 'Full' } }
}

function facts(f: AlertFacts): Array<{ name: string; value: string }> {
  const out = [...f.versions]
  if (f.failingCheck) out.push({ name: 'Failing check', value: `${f.failingCheck.title} — ${f.failingCheck.summary}` })
  if (f.commitSubject) out.push({ name: 'Commit', value: f.commitSubject })
  return out
}
