/** Discord: one execute-webhook message with an embed (builder in discord-payload.ts, loaded only to send). */
import { Inputs } from '../constants.js'
import { ConfigError } from '../inputs.js'
import { shouldNotify } from './outcomes.js'
import { sendAlert } from './send.js'
import { defineSink, delivered } from './types.js'

export interface DiscordSettings {
  /** The webhook URL: a secret (it is the credential). */
  webhookUrl: string
  /** `@here`, `@everyone`, `<@&role>` or `<@user>`: pinged on a rollback or a failed one, never otherwise. */
  mention?: string
}

const MENTION_RE = /^(?:@here|@everyone|<@&\d+>|<@!?\d+>)$/

/** Discord's 429 says how long to wait in its JSON body, in seconds with a fraction. */
export function discordRetryAfter(reply: string): number | undefined {
  try {
    const seconds = (JSON.parse(reply) as { retry_after?: unknown }).retry_after
    return typeof seconds === 'number' && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined
  } catch {
    return undefined
  }
}

export const discordSink = defineSink<DiscordSettings>({
  id: 'discord',
  kind: 'alert',
  name: 'Discord',
  inputs: [Inputs.DiscordWebhookUrl, Inputs.DiscordMention],
  read(r) {
    const webhookUrl = r.url(Inputs.DiscordWebhookUrl, { secret: true })
    const mention = r.raw(Inputs.DiscordMention) || undefined
    if (mention && !MENTION_RE.test(mention)) {
      throw new ConfigError(Inputs.DiscordMention, `'${mention}' is not a Discord mention; expected @here, @everyone, <@&roleId> or <@userId>.`)
    }
    return webhookUrl ? { webhookUrl, mention } : undefined
  },
  wants: (record, _c, shared) => shouldNotify(record.status, shared.notifyOn),
  async publish(record, c, ctx) {
    const { buildDiscordPayload } = await import('./discord-payload.js')
    const body = buildDiscordPayload(record, { mention: c.mention })
    return delivered(await sendAlert({ service: 'Discord', url: c.webhookUrl, body, retryAfterFromBody: discordRetryAfter }, ctx.send), record.status)
  },
})
