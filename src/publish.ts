import * as core from '@actions/core'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Config } from './config.js'
import { buildSlackPayload, shouldNotify } from './notify/slack-payload.js'
import { sendSlack, type SendOptions } from './notify/send.js'
import { buildReport } from './report/json.js'
import { buildOutputs } from './report/outputs.js'
import { buildSummary } from './report/summary.js'
import type { Log } from './story/ports.js'
import { redact } from './secrets.js'
import type { RunRecord } from './timeline.js'

/**
 * Where the JSON report goes: RUNNER_TEMP, which post leaves alone so later steps can upload it.
 * `stepId` is GITHUB_ACTION, unique per step of a job: two uses of the action in one job must not
 * write (and point their `report` output at) the same file. Post passes its own suffix.
 */
export function reportPath(runnerTemp: string, runId: string, stepId: string | undefined, suffix = ''): string {
  const step = stepId ? `-${stepId.replace(/[^\w.-]/g, '_').slice(0, 100)}` : ''
  return join(runnerTemp, `rollback-action-report-${runId || 'local'}${step}${suffix}.json`)
}

/**
 * Every view of the record: the Slack alert (per notify-on), the JSON report, the outputs and the
 * job summary. A view that cannot be written is a warning; it never changes the run's outcome.
 */
export async function publish(
  record: RunRecord,
  config: Config,
  log: Log,
  o: { alert?: boolean; reportSuffix?: string; send?: SendOptions } = {},
): Promise<void> {
  if (o.alert !== false) await alert(record, config, log, o.send)

  const path = reportPath(config.runnerTemp, config.context.runId, process.env.GITHUB_ACTION, o.reportSuffix)
  try {
    await writeFile(path, `${redact(JSON.stringify(buildReport(record), null, 2))}\n`)
  } catch (err) {
    log.warning(`Could not write the report to ${path}: ${(err as Error).message}`)
  }
  for (const [name, value] of Object.entries(buildOutputs(record, path))) core.setOutput(name, redact(value))

  if (process.env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(buildSummary(record)).write()
    } catch (err) {
      log.warning(`Could not write the job summary: ${(err as Error).message}`)
    }
  }
}

async function alert(record: RunRecord, config: Config, log: Log, send?: SendOptions): Promise<void> {
  const url = config.slack.webhookUrl
  if (!url || !shouldNotify(record.status, config.slack.notifyOn)) return
  const result = await sendSlack(url, buildSlackPayload(record, { mention: config.slack.mention }), send)
  if (result.ok) log.info(`Slack alert sent (${record.status}).`)
  else log.warning(`Slack alert NOT sent after ${result.attempts} attempt(s): ${result.error}. The run's outcome is ${record.status}.`)
}
