/** The step's outputs: the record's, plus what alerts produced (the incident issue's address). */
import * as core from '@actions/core'
import { Outputs } from '../constants.js'
import { buildOutputs } from '../report/outputs.js'
import { redact } from '../secrets.js'
import { defineSink } from './types.js'

export const outputsSink = defineSink<true>({
  id: 'outputs',
  kind: 'view',
  name: 'outputs',
  inputs: [],
  read: () => true,
  publish(record, _c, ctx) {
    // Every declared output is set, empty when this run has none (like deployment-id).
    const all = { ...buildOutputs(record, ctx.reportPath), [Outputs.IncidentUrl]: '', ...ctx.outputs }
    for (const [name, value] of Object.entries(all)) core.setOutput(name, redact(value))
    return Promise.resolve({ status: 'sent', what: 'outputs' })
  },
})
