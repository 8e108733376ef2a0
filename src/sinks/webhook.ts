/** The generic webhook: the JSON report as the body, signed with `webhook-secret` when one is set. */
import { Inputs } from '../constants.js'
import { ConfigError } from '../inputs.js'
import { buildReport } from '../report/json.js'
import { shouldNotify } from './outcomes.js'
import { sendAlert } from './send.js'
import { defineSink, delivered } from './types.js'

export interface WebhookSettings {
  /** Any endpoint: a secret (it may carry a token). */
  url: string
  /** HMAC key of the body's signature: a secret. */
  secret?: string
}

export const webhookSink = defineSink<WebhookSettings>({
  id: 'webhook',
  kind: 'alert',
  name: 'Webhook',
  inputs: [Inputs.WebhookUrl, Inputs.WebhookSecret],
  read(r) {
    const url = r.url(Inputs.WebhookUrl, { secret: true })
    const secret = r.secret(Inputs.WebhookSecret) || undefined
    if (secret && !url) throw new ConfigError(Inputs.WebhookSecret, 'it signs the body sent to `webhook-url`; set `webhook-url` too, or remove it.')
    return url ? { url, secret } : undefined
  },
  wants: (record, _c, shared) => shouldNotify(record.status, shared.notifyOn),
  async publish(record, c, ctx) {
    const { webhookRequest } = await import('./webhook-body.js')
    // The exact bytes signed are the bytes sent: no re-encoding on the way.
    const { body, headers } = webhookRequest(buildReport(record), { secret: c.secret })
    return delivered(await sendAlert({ service: 'Webhook', url: c.url, body, raw: true, headers }, ctx.send), record.status)
  },
})
