/** The JSON report, written to RUNNER_TEMP for later steps to upload (and the webhook's body). */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildReport } from '../report/json.js'
import { redact } from '../secrets.js'
import { defineSink } from './types.js'

/**
 * Where the JSON report goes: RUNNER_TEMP, which post leaves alone so later steps can upload it.
 * `stepId` is GITHUB_ACTION, unique per step of a job: two uses of the action in one job must not
 * write (and point their `report` output at) the same file. Post passes its own suffix.
 */
export function reportPath(runnerTemp: string, runId: string, stepId: string | undefined, suffix = ''): string {
  const step = stepId ? `-${stepId.replace(/[^\w.-]/g, '_').slice(0, 100)}` : ''
  return join(runnerTemp, `rollback-action-report-${runId || 'local'}${step}${suffix}.json`)
}

export const reportSink = defineSink<true>({
  id: 'report',
  kind: 'view',
  name: 'report',
  inputs: [],
  read: () => true,
  // A few kilobytes, written at once: an asynchronous write would start libuv's thread pool for it.
  publish(record, _c, ctx) {
    try {
      writeFileSync(ctx.reportPath, `${redact(JSON.stringify(buildReport(record), null, 2))}\n`)
      return Promise.resolve({ status: 'sent', what: ctx.reportPath })
    } catch (err) {
      return Promise.resolve({ status: 'failed', error: `Could not write the report to ${ctx.reportPath}: ${(err as Error).message}` })
    }
  },
})
