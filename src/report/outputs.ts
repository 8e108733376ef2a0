import { Outputs } from '../constants.js'
import type { RunRecord } from '../timeline.js'

/** Every output of the action, as strings. */
export function buildOutputs(r: RunRecord, reportPath: string): Record<string, string> {
  return {
    [Outputs.Status]: r.status,
    [Outputs.Version]: r.version,
    [Outputs.PreviousVersion]: r.previousVersion ?? '',
    [Outputs.RolledBack]: String(r.rolledBack),
    [Outputs.Reason]: r.reason.replace(/\s*\r?\n\s*/g, ' ').trim(),
    [Outputs.Report]: reportPath,
    [Outputs.DeploymentId]: r.deploymentId === undefined ? '' : String(r.deploymentId),
  }
}
