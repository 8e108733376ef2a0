/**
 * PagerDuty Events API v2: `trigger` for the outcomes in `page-on`, and `resolve` with the same
 * dedup_key on every healthy run of the environment (PagerDuty ignores a resolve for a key with
 * no open alert, so no state is kept between runs). `notify-on` does not apply: paging has its own list.
 */
import { Inputs } from '../constants.js'
import { parseOutcomes, shouldNotify } from './outcomes.js'
import { sendAlert } from './send.js'
import { defineSink, delivered } from './types.js'
import type { Outcome } from '../timeline.js'

export const PAGERDUTY_DEFAULT_URL = 'https://events.pagerduty.com/v2/enqueue'

export interface PagerDutySettings {
  /** The integration key: a secret. */
  routingKey: string
  pageOn: ReadonlySet<Outcome>
  url: string
}

const isPage = shouldNotify
// A run that pages itself does not also resolve (with `page-on: rolled-back` a rollback triggers).
const isResolve = (status: Outcome, pageOn: ReadonlySet<Outcome>) => (status === 'deployed' || status === 'rolled-back') && !isPage(status, pageOn)

export const pagerDutySink = defineSink<PagerDutySettings>({
  id: 'pagerduty',
  kind: 'alert',
  name: 'PagerDuty',
  inputs: [Inputs.PagerdutyRoutingKey, Inputs.PageOn, Inputs.PagerdutyUrl],
  read(r) {
    const routingKey = r.secret(Inputs.PagerdutyRoutingKey)
    const pageOn = parseOutcomes(Inputs.PageOn, r.raw(Inputs.PageOn) || 'rollback-failed')
    // A custom endpoint (a relay, a proxy with a token in it) is a secret; the public default is not.
    const given = r.raw(Inputs.PagerdutyUrl)
    const url = given && given !== PAGERDUTY_DEFAULT_URL ? r.url(Inputs.PagerdutyUrl, { secret: true }) : PAGERDUTY_DEFAULT_URL
    return routingKey ? { routingKey, pageOn, url: url ?? PAGERDUTY_DEFAULT_URL } : undefined
  },
  wants: (record, c) => !record.dryRun && (isPage(record.status, c.pageOn) || isResolve(record.status, c.pageOn)),
  async publish(record, c, ctx) {
    const { buildPagerDutyResolve, buildPagerDutyTrigger } = await import('./pagerduty-event.js')
    const page = isPage(record.status, c.pageOn)
    const body = page ? buildPagerDutyTrigger(record, { routingKey: c.routingKey }) : buildPagerDutyResolve(record, { routingKey: c.routingKey })
    const result = await sendAlert({ service: 'PagerDuty', url: c.url, body }, ctx.send)
    return delivered(result, page ? `trigger, ${record.status}` : 'resolve')
  },
})
