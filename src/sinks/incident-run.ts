/** The incident issue's GitHub calls: find the open incident, then open, comment or close (incident.ts decides which). */
import { Outputs } from '../constants.js'
import { createGitHubClient, type GitHubClient } from '../github/client.js'
import { redact } from '../secrets.js'
import type { RunRecord } from '../timeline.js'
import * as m from './incident-issue.js'
import type { Delivery, SinkContext } from './types.js'

export interface IncidentSettings {
  labels: string[]
}

/** The GitHub share of an alert: the same 15 s as every channel. */
const INCIDENT_TOTAL_MS = 15_000
const INCIDENT_REQUEST_MS = 10_000
/** Open incidents looked at: a repository with more open ones under these labels has other problems. */
const PAGES = 3

type Issue = { number: number; html_url: string; body?: string | null; pull_request?: unknown }

/** Opens or comments (`open`), else comments on and closes the environment's open incidents; a failure is one line saying what to do. */
export async function publishIncident(record: RunRecord, c: IncidentSettings, ctx: SinkContext, o: { token: string; open: boolean }): Promise<Delivery> {
  const github = await createGitHubClient({
    token: o.token,
    apiUrl: ctx.github.apiUrl,
    env: ctx.env,
    requestTimeoutMs: INCIDENT_REQUEST_MS,
    totalMs: INCIDENT_TOTAL_MS,
  })
  try {
    return o.open ? await openOrComment(github, record, c, ctx) : await closeOpen(github, record, c, ctx)
  } catch (err) {
    return { status: 'failed', error: describe(err) }
  }
}

async function openIncidents(github: GitHubClient, c: IncidentSettings, ctx: SinkContext): Promise<Issue[]> {
  const out: Issue[] = []
  for (let page = 1; page <= PAGES; page++) {
    const { data } = await github.rest.issues.listForRepo({
      owner: ctx.github.owner,
      repo: ctx.github.repo,
      state: 'open',
      labels: c.labels.join(','),
      per_page: 100,
      page,
    })
    out.push(...data.filter((i) => !i.pull_request))
    if (data.length < 100) break
  }
  return out
}

async function openOrComment(github: GitHubClient, r: RunRecord, c: IncidentSettings, ctx: SinkContext): Promise<Delivery> {
  const repo = { owner: ctx.github.owner, repo: ctx.github.repo }
  const same = (await openIncidents(github, c, ctx)).find((i) => m.isIncidentFor(i.body, r.environment, r.version))
  if (same) {
    await github.rest.issues.createComment({ ...repo, issue_number: same.number, body: m.incidentRepeatComment(r) })
    ctx.outputs[Outputs.IncidentUrl] = same.html_url
    return { status: 'sent', what: `commented on #${same.number}` }
  }
  const { data } = await github.rest.issues.create({ ...repo, title: m.incidentTitle(r), body: m.incidentBody(r), labels: c.labels })
  ctx.outputs[Outputs.IncidentUrl] = data.html_url
  return { status: 'sent', what: `opened #${data.number}` }
}

async function closeOpen(github: GitHubClient, r: RunRecord, c: IncidentSettings, ctx: SinkContext): Promise<Delivery> {
  const repo = { owner: ctx.github.owner, repo: ctx.github.repo }
  const open = (await openIncidents(github, c, ctx)).filter((i) => m.isIncidentFor(i.body, r.environment))
  if (!open.length) return { status: 'skipped' }
  for (const issue of open) {
    await github.rest.issues.createComment({ ...repo, issue_number: issue.number, body: m.incidentClosingComment(r) })
    await github.rest.issues.update({ ...repo, issue_number: issue.number, state: 'closed', state_reason: 'completed' })
  }
  ctx.outputs[Outputs.IncidentUrl] = open[0].html_url
  return { status: 'sent', what: `closed ${open.map((i) => `#${i.number}`).join(', ')}` }
}

/** One line that says what to do; a 403 names the permission to add. Never the token. */
function describe(err: unknown): string {
  const e = err as {
    status?: number
    message?: string
    cause?: { name?: string; message?: string }
    response?: { headers?: Record<string, string | undefined> }
  }
  const message = redact(e.message ?? String(err)).split('\n')[0]
  // Octokit wraps a fetch failure (our bounded fetch's timeout among them) in an error whose cause is it.
  if (e.cause?.name === 'ApiTimeoutError') return `GitHub API did not answer (${e.cause.message ?? 'timed out'})`
  if (e.response?.headers?.['x-ratelimit-remaining'] === '0') return `GitHub API rate limit reached (${e.status ?? ''})`
  if (e.status === 403) return `GitHub API refused (403: ${message}): add \`permissions: issues: write\` to the job`
  if (e.status === 401) return 'GitHub API rejected the token (401): check github-token'
  if (e.status === 404) return 'GitHub API answered 404: the repository was not found or the token cannot see it (check github-token and its issues permission)'
  if (e.status === 410) return 'GitHub API answered 410: issues are turned off for this repository'
  return e.status ? `GitHub API answered ${e.status} (${message})` : `GitHub API unreachable (${message})`
}
