/**
 * The sinks: every destination of a finished run record, in one list. Views (report, outputs,
 * summary) are always written; alert channels are configured by their inputs and sent in
 * parallel, each bounded by the shared sender's 15 s, so their waits do not add up. A failed
 * alert is one warning naming the channel; nothing here changes the run's outcome.
 *
 * Adding a channel: one file declaring a SinkDefinition, plus one line in SINKS.
 */
import { Inputs } from '../constants.js'
import type { InputReader } from '../inputs.js'
import type { RunRecord } from '../timeline.js'
import { parseOutcomes } from './outcomes.js'
import { discordSink } from './discord.js'
import { incidentSink } from './incident.js'
import { outputsSink } from './outputs.js'
import { pagerDutySink } from './pagerduty.js'
import { reportPath, reportSink } from './report.js'
import { slackSink } from './slack.js'
import { summarySink } from './summary.js'
import { teamsSink } from './teams.js'
import { webhookSink } from './webhook.js'
import type { ConfiguredSink, Delivery, GitHubTarget, SendOptions, SharedSinkSettings, Sink, SinkContext, SinkLog } from './types.js'

export { reportPath }
export type { SendOptions }

/** Alerts first (their outputs feed the outputs view), then the views in this order. */
const SINKS: readonly Sink[] = [reportSink, outputsSink, summarySink, slackSink, discordSink, teamsSink, webhookSink, pagerDutySink, incidentSink]

/** Every input the sinks read, for the interface test and the docs. */
export const SINK_INPUTS: readonly string[] = [Inputs.NotifyOn, ...SINKS.flatMap((s) => s.inputs)]

export interface SinksConfig extends SharedSinkSettings {
  /** The sinks that will run: every view, and each alert channel whose inputs are set. */
  configured: ConfiguredSink[]
}

/** Reads `notify-on` and each sink's own inputs (secrets masked as they are read). */
export function readSinksConfig(reader: InputReader): SinksConfig {
  const shared: SharedSinkSettings = { notifyOn: parseOutcomes(Inputs.NotifyOn, reader.raw(Inputs.NotifyOn) || 'rollback,rollback-failed') }
  const configured: ConfiguredSink[] = []
  for (const sink of SINKS) {
    const c = sink.read(reader, shared)
    if (c) configured.push(c)
  }
  return { ...shared, configured }
}

/** What publish needs of the Config (structural, so this module does not import config.ts). */
export interface PublishConfig {
  sinks: SinksConfig
  github: GitHubTarget
  runnerTemp: string
  context: { runId: string }
}

export interface PublishOptions {
  /** false: write the views only (main stopped mid-way; post will alert). */
  alert?: boolean
  /** Post's report file is its own: `-post`. */
  reportSuffix?: string
  send?: SendOptions
  env?: NodeJS.ProcessEnv
}

/** Every sink of the record: the alerts in parallel, then the report, the outputs and the summary. */
export async function publish(record: RunRecord, config: PublishConfig, log: SinkLog, o: PublishOptions = {}): Promise<void> {
  const env = o.env ?? process.env
  const ctx: SinkContext = {
    log,
    shared: config.sinks,
    github: config.github,
    reportPath: reportPath(config.runnerTemp, config.context.runId, env.GITHUB_ACTION, o.reportSuffix),
    send: o.send,
    outputs: {},
    env,
  }
  const sinks = config.sinks.configured
  if (o.alert !== false) {
    const alerts = sinks.filter((s) => s.kind === 'alert' && s.wants(record, config.sinks))
    await Promise.all(alerts.map(async (s) => logAlert(s, record, await safely(s, record, ctx), log)))
  }
  for (const view of sinks.filter((s) => s.kind === 'view')) {
    const done = await safely(view, record, ctx)
    if (done.status === 'failed') log.warning(done.error)
  }
}

async function safely(s: ConfiguredSink, record: RunRecord, ctx: SinkContext): Promise<Delivery> {
  try {
    return await s.publish(record, ctx)
  } catch (err) {
    return { status: 'failed', error: err instanceof Error ? err.message : String(err) }
  }
}

function logAlert(s: ConfiguredSink, record: RunRecord, d: Delivery, log: SinkLog): void {
  if (d.status === 'sent') log.info(`${s.name} alert sent (${d.what}).`)
  else if (d.status === 'failed') {
    const tries = d.attempts ? ` after ${d.attempts} attempt(s)` : ''
    log.warning(`${s.name} alert NOT sent${tries}: ${d.error}. The run's outcome is ${record.status}.`)
  }
}
