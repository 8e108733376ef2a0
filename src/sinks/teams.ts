/** Microsoft Teams: a Workflows webhook message carrying an Adaptive Card (builder in teams-payload.ts, loaded only to send). */
import { Inputs } from '../constants.js'
import { shouldNotify } from './outcomes.js'
import { sendAlert } from './send.js'
import { defineSink, delivered } from './types.js'

export interface TeamsSettings {
  /** The Workflows webhook URL: a secret (its signature is the credential). */
  webhookUrl: string
}

export const teamsSink = defineSink<TeamsSettings>({
  id: 'teams',
  kind: 'alert',
  name: 'Teams',
  inputs: [Inputs.TeamsWebhookUrl],
  read(r) {
    const webhookUrl = r.url(Inputs.TeamsWebhookUrl, { secret: true })
    return webhookUrl ? { webhookUrl } : undefined
  },
  wants: (record, _c, shared) => shouldNotify(record.status, shared.notifyOn),
  async publish(record, c, ctx) {
    const { buildTeamsPayload } = await import('./teams-payload.js')
    return delivered(await sendAlert({ service: 'Teams', url: c.webhookUrl, body: buildTeamsPayload(record) }, ctx.send), record.status)
  },
})
