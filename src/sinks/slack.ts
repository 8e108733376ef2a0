/** Slack: an incoming webhook, Block Kit message (builder in slack-payload.ts, loaded only to send). */
import { Inputs } from '../constants.js'
import { ConfigError } from '../inputs.js'
import { shouldNotify } from './outcomes.js'
import { sendAlert } from './send.js'
import { delivered, defineSink } from './types.js'

export interface SlackSettings {
  /** Incoming-webhook URL: a secret, masked as soon as it was read. */
  webhookUrl: string
  mention?: string
}

// A Slack mention: special (`<!here>`), user group (`<!subteam^ID>` with optional label) or user (`<@U…>`).
const MENTION_RE = /^<(?:!here|!channel|!everyone|!subteam\^[A-Z0-9]+(?:\|[^<>]*)?|@[UW][A-Z0-9]+)>$/

export const slackSink = defineSink<SlackSettings>({
  id: 'slack',
  kind: 'alert',
  name: 'Slack',
  inputs: [Inputs.SlackWebhookUrl, Inputs.SlackMention],
  read(r) {
    const webhookUrl = r.url(Inputs.SlackWebhookUrl, { secret: true })
    const mention = r.raw(Inputs.SlackMention) || undefined
    if (mention && !mention.split(/\s+/).every((m) => MENTION_RE.test(m))) {
      throw new ConfigError(Inputs.SlackMention, `'${mention}' is not a Slack mention; expected e.g. <!here>, <!channel>, <!subteam^S012ABC> or <@U012ABC>.`)
    }
    return webhookUrl ? { webhookUrl, mention } : undefined
  },
  wants: (record, _c, shared) => shouldNotify(record.status, shared.notifyOn),
  async publish(record, c, ctx) {
    const { buildSlackPayload } = await import('./slack-payload.js')
    const result = await sendAlert({ service: 'Slack', url: c.webhookUrl, body: buildSlackPayload(record, { mention: c.mention }) }, ctx.send)
    return delivered(result, record.status)
  },
})
