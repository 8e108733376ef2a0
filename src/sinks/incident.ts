/**
 * The incident issue: on an automatic rollback or a failed one, open a GitHub issue with the
 * incident report, or comment on the open one for the same environment and version (found by its
 * labels and the marker in its body); a later healthy deploy of the environment comments and
 * closes it. Through the one GitHub client, bounded like an alert; a token without
 * `issues: write` is one warning that names the permission. Its inputs and rules are here; the
 * GitHub calls (incident-run.ts) load only when the run concerns an incident.
 */
import { Inputs } from '../constants.js'
import type { RunRecord } from '../timeline.js'
import type { IncidentSettings } from './incident-run.js'
import { defineSink } from './types.js'

export type { IncidentSettings }

export const incidentSink = defineSink<IncidentSettings>({
  id: 'incident',
  kind: 'alert',
  name: 'Incident issue',
  inputs: [Inputs.IncidentIssue, Inputs.IncidentLabels],
  read(r) {
    if (!r.bool(Inputs.IncidentIssue, false)) return undefined
    const labels = (r.raw(Inputs.IncidentLabels) || 'incident,rollback')
      .split(/[,\n]/)
      .map((l) => l.trim())
      .filter(Boolean)
    return { labels }
  },
  // Decided from the record alone (no module loaded): the pure rules, restated where they are cheap.
  wants: (record) => !record.dryRun && (opens(record) || closes(record)),
  async publish(record, c, ctx) {
    const g = ctx.github
    if (!g.token) return { status: 'failed', error: 'there is no github-token to open the issue with' }
    if (!g.owner || !g.repo) return { status: 'failed', error: 'GITHUB_REPOSITORY is not set' }
    const { publishIncident } = await import('./incident-run.js')
    return publishIncident(record, c, ctx, { token: g.token, open: opens(record) })
  },
})

function opens(r: RunRecord): boolean {
  return r.status === 'rollback-failed' || (r.status === 'rolled-back' && r.mode === 'deploy' && !r.cancelled)
}

function closes(r: RunRecord): boolean {
  return r.mode === 'deploy' && r.status === 'deployed'
}
