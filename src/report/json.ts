import { redact } from '../secrets.js'
import type { RunRecord } from '../timeline.js'

/** The JSON report: a stable shape later steps can upload or parse. */
export function buildReport(r: RunRecord): object {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())
  const report = {
    schemaVersion: 1,
    status: r.status,
    rolledBack: r.rolledBack,
    mode: r.mode,
    environment: r.environment,
    version: r.version,
    previousVersion: r.previousVersion ?? null,
    previousSource: r.previousSource,
    reason: r.reason,
    commitSubject: r.commitSubject ?? null,
    deploymentId: r.deploymentId ?? null,
    dryRun: r.dryRun,
    cancelled: (r.cancelled && !r.mainKilled) ?? false,
    mainKilled: r.mainKilled ?? false,
    unfinished: r.unfinished ?? false,
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    durationMs: r.endedAt - r.startedAt,
    steps: r.steps.map((s) => ({
      id: s.id,
      title: s.title,
      phase: s.phase,
      outcome: s.outcome,
      startedAt: iso(s.startedAt),
      endedAt: iso(s.endedAt),
      durationMs: s.endedAt === undefined ? null : s.endedAt - s.startedAt,
      summary: s.summary ?? null,
      output: s.output ?? [],
      verdict: s.verdict ?? null,
    })),
    context: r.context,
  }
  // Everything goes through redaction as one text: nothing secret survives in any field.
  return JSON.parse(redact(JSON.stringify(report))) as object
}
