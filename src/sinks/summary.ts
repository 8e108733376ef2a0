/** The job summary (GITHUB_STEP_SUMMARY), when the runner gives one. */
import * as core from '@actions/core'
import { buildSummary } from '../report/summary.js'
import { defineSink } from './types.js'

export const summarySink = defineSink<true>({
  id: 'summary',
  kind: 'view',
  name: 'job summary',
  inputs: [],
  read: () => true,
  async publish(record, _c, ctx) {
    if (!ctx.env.GITHUB_STEP_SUMMARY) return { status: 'skipped' }
    try {
      await core.summary.addRaw(buildSummary(record)).write()
      return { status: 'sent', what: 'job summary' }
    } catch (err) {
      return { status: 'failed', error: `Could not write the job summary: ${(err as Error).message}` }
    }
  },
})
