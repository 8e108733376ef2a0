import { truncate } from '../report/format.js'
import { redact } from '../secrets.js'
import { sleep } from '../timing.js'
import { isFullSha } from '../versions.js'
import { ApiTimeoutError, lazyGitHubClient } from './client.js'
import { LockTimeoutError } from './lock-timeout.js'

export interface DeploymentRef {
  id: number
  version: string
  /** The full SHA deployed, when known: a version that is a commit can only be fetched by it. */
  commit?: string
  createdAt: string
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive' | 'error'

export interface CreateDeployment {
  environment: string
  ref: string
  version: string
  phase: 'deploy' | 'rollback'
  description: string
  rolledBackFrom?: string
  /** The full SHA of what is deployed, when known. */
  commit?: string
}

/** GitHub deployments as the action's history and lock. */
export interface Deployments {
  /**
   * Known good deployments of the environment, newest first, paged lazily: latest status success, or
   * inactive after a success (superseded by a newer one, never failed). A version that a later
   * rollback moved away from is not good, whatever its statuses say.
   */
  successful(environment: string): AsyncGenerator<DeploymentRef>
  /** A new deployment, given status `queued` at once so other runs see it. */
  create(p: CreateDeployment): Promise<number>
  /** Waits while an older deployment of the environment from another run is queued or in progress. */
  waitForTurn(environment: string, ownId: number, o: { timeoutMs: number; pollMs: number; signal?: AbortSignal; onWait?: (msg: string) => void }): Promise<void>
  setStatus(id: number, state: DeploymentState, o: { description: string; logUrl?: string; environmentUrl?: string }): Promise<void>
  /** Older successful deployments of the environment become inactive (GitHub does not do it for production). */
  markOlderInactive(environment: string, keepId: number): Promise<number>
}

/** Our own data in a deployment's payload, under one key so other tools' payloads don't collide. */
export const PAYLOAD_KEY = 'rollback-action'

export { LockTimeoutError }

const BUSY = new Set(['queued', 'pending', 'in_progress'])
/** How many older deployments the lock and the inactivation look at: recent history is enough. */
const RECENT = 30
const HISTORY_PAGES = 20

export function createDeployments(o: {
  token: string
  apiUrl: string
  owner: string
  repo: string
  runId: string
  logUrl?: string
  /** Proxy settings (process.env by default). */
  env?: NodeJS.ProcessEnv
  /** Per-request limit and the step's total share of API time (tests shorten them). */
  requestTimeoutMs?: number
  totalMs?: number
}): Deployments {
  const github = lazyGitHubClient(o)
  const repo = { owner: o.owner, repo: o.repo }

  /** Recent states of a deployment, newest first. */
  const statesOf = async (id: number, count = 10): Promise<string[]> =>
    (await (await github()).rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id, per_page: count })).data.map((st) => st.state)
  const latestState = async (id: number): Promise<string | undefined> => (await statesOf(id, 1))[0]
  /** Every status we write: descriptions cut to the API's 140 characters, the run as its log. */
  const postStatus = async (
    id: number,
    state: DeploymentState | 'queued',
    description: string,
    extra: { log_url?: string; environment_url?: string; auto_inactive?: boolean } = {},
  ) => {
    await (
      await github()
    ).rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state, description: truncate(description, 140), log_url: o.logUrl, ...extra })
  }
  /** The conclusion of a workflow run that has completed; undefined while it runs. Run ids that are not numbers never end. */
  const runEnded = async (run: string): Promise<string | undefined> => {
    if (!/^\d+$/.test(run)) return undefined
    const { data } = await (await github()).rest.actions.getWorkflowRun({ ...repo, run_id: Number(run) })
    return data.status === 'completed' ? (data.conclusion ?? 'completed') : undefined
  }
  const recent = async (environment: string) => (await (await github()).rest.repos.listDeployments({ ...repo, environment, per_page: RECENT })).data

  return {
    async *successful(environment) {
      const rolledBackFrom = new Set<string>()
      for (let page = 1; page <= HISTORY_PAGES; page++) {
        const { data } = await (await github()).rest.repos.listDeployments({ ...repo, environment, per_page: 100, page })
        for (const d of data) {
          // Only ours: GitHub's own deployment for a job's `environment:` carries a branch or tag
          // of the workflow, not a version that passed our gate.
          const mine = ours(d)
          if (!mine) continue
          const version = versionOf(d)
          const states = await statesOf(d.id)
          // Healthy at its last word: success, or inactive with a success before it.
          const good = states[0] === 'success' || (states[0] === 'inactive' && states.includes('success'))
          if (good && !rolledBackFrom.has(version)) yield { id: d.id, version, ...commitOf(d), createdAt: d.created_at }
          // A rollback that worked condemns what it replaced.
          const from = mine.rolled_back_from
          if (good && typeof from === 'string') rolledBackFrom.add(from)
        }
        if (data.length < 100) return
      }
    },

    async create(p) {
      const res = await (
        await github()
      ).rest.repos.createDeployment({
        ...repo,
        ref: p.ref,
        environment: p.environment,
        description: truncate(p.description, 140),
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: p.environment === 'production',
        payload: {
          [PAYLOAD_KEY]: {
            version: p.version,
            phase: p.phase,
            run_id: o.runId,
            ...(p.commit ? { commit: p.commit } : {}),
            ...(p.rolledBackFrom ? { rolled_back_from: p.rolledBackFrom } : {}),
          },
        },
      })
      const id = (res.data as { id?: number }).id
      if (!id) throw new Error(`GitHub did not create the deployment: ${(res.data as { message?: string }).message ?? `HTTP ${res.status}`}`)
      await postStatus(id, 'queued', p.description)
      return id
    },

    async waitForTurn(environment, ownId, w) {
      const started = Date.now()
      let told = ''
      // Runs whose state the token may not read (no `actions: read`): their deployments stay blockers.
      const unreadable = new Set<string>()
      for (;;) {
        let blocker: { id: number; run?: string } | undefined
        for (const d of await recent(environment)) {
          const run = runOf(d)
          // GitHub's deployment for this job's `environment:` is in progress as long as the job is: not a lock.
          if (d.id >= ownId || !ours(d) || (run !== undefined && run === o.runId)) continue
          if (!BUSY.has((await latestState(d.id)) ?? '')) continue
          if (run !== undefined && !unreadable.has(run)) {
            const ended = await runEnded(run).catch((err: unknown) => {
              unreadable.add(run)
              w.onWait?.(
                `Could not tell whether run ${run} is still going (${briefApiError(err)}); add \`permissions: actions: read\` so deployments left behind by a lost runner are recognized.`,
              )
              return undefined
            })
            if (ended) {
              // The run is over and will never finish this deployment (its runner was lost): close it, do not wait on it.
              await postStatus(d.id, 'error', `Abandoned: run ${run} ended (${ended}) without finishing it`)
              w.onWait?.(`Deployment ${d.id} of ${environment} was left in progress by run ${run}, which ended (${ended}); marked it error.`)
              continue
            }
          }
          blocker = { id: d.id, run }
          break
        }
        if (!blocker) return
        const who = `deployment ${blocker.id}${blocker.run ? ` (run ${blocker.run})` : ''}`
        if (Date.now() - started >= w.timeoutMs) {
          throw new LockTimeoutError(
            `another deployment of ${environment} is still in progress: ${who}; gave up after ${Math.round(w.timeoutMs / 1000)}s. Put deploy jobs in a workflow \`concurrency:\` group so runs queue instead of overlapping.`,
          )
        }
        if (told !== who) w.onWait?.(`Waiting for ${who} of ${environment} to finish…`)
        told = who
        await sleep(Math.min(w.pollMs, Math.max(0, w.timeoutMs - (Date.now() - started))), w.signal)
        if (w.signal?.aborted) return
      }
    },

    async setStatus(id, state, s) {
      await postStatus(id, state, s.description, {
        log_url: s.logUrl ?? o.logUrl,
        ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
        auto_inactive: false,
      })
    },

    async markOlderInactive(environment, keepId) {
      let n = 0
      for (const d of await recent(environment)) {
        if (d.id >= keepId || !ours(d) || (await latestState(d.id)) !== 'success') continue
        await postStatus(d.id, 'inactive', `Superseded by deployment ${keepId}`)
        n++
      }
      return n
    },
  }
}

interface ApiDeployment {
  id: number
  ref: string
  payload: unknown
  created_at: string
}

function ours(d: ApiDeployment): Record<string, unknown> | undefined {
  let payload = d.payload
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload)
    } catch {
      return undefined
    }
  }
  const mine = (payload as Record<string, unknown> | null)?.[PAYLOAD_KEY]
  return mine && typeof mine === 'object' ? (mine as Record<string, unknown>) : undefined
}

/** The version a deployment put live: ours in the payload, else its ref. */
export function versionOf(d: ApiDeployment): string {
  const v = ours(d)?.version
  return typeof v === 'string' && v ? v : d.ref
}

/** The full SHA: ours in the payload, else the ref when it is one. */
function commitOf(d: ApiDeployment): { commit?: string } {
  const c = ours(d)?.commit
  if (typeof c === 'string' && isFullSha(c)) return { commit: c }
  return isFullSha(d.ref) ? { commit: d.ref } : {}
}

function runOf(d: ApiDeployment): string | undefined {
  const r = ours(d)?.run_id
  return typeof r === 'string' ? r : undefined
}

/** An API failure's first line, token-free. */
function apiMessage(err: unknown): string {
  return redact((err as { message?: string }).message ?? String(err)).split('\n')[0]
}

/** "403: Resource not accessible by integration" */
function briefApiError(err: unknown): string {
  const status = (err as { status?: number }).status
  return status ? `${status}: ${apiMessage(err)}` : apiMessage(err)
}

/** An API failure as a one-line warning that says how to fix it. Never contains the token. */
export function describeApiError(err: unknown): string {
  const e = err as { status?: number; message?: string; response?: { headers?: Record<string, string | undefined> } }
  const headers = e.response?.headers ?? {}
  const message = apiMessage(err)
  // Octokit wraps a fetch failure in a RequestError with status 500 and the failure as its cause.
  const timeout = [err, (err as { cause?: unknown }).cause].find((c): c is ApiTimeoutError => c instanceof ApiTimeoutError)
  if (timeout) return `GitHub API did not answer (${timeout.message}); deployments skipped this run`
  if ((e.status === 403 || e.status === 429) && headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset'])
    return `GitHub API rate limit reached${reset ? ` until ${new Date(reset * 1000).toISOString()}` : ''}; deployments skipped this run`
  }
  if (e.status === 403) return `GitHub API refused (403: ${message}): add \`permissions: deployments: write\` to the job`
  if (e.status === 401) return 'GitHub API rejected the token (401): check github-token'
  if (e.status === 404) return 'GitHub API answered 404: the repository was not found or the token cannot see it (check github-token and GITHUB_REPOSITORY)'
  if (e.status === 422) return `GitHub API rejected the request (422: ${message})`
  if (e.status && e.status >= 500) return `GitHub API answered ${e.status}; deployments skipped this run`
  return `GitHub API unreachable (${message})`
}

/** The client with every API fault turned into one warning, after which it stands aside. */
export interface SafeDeployments extends Omit<Deployments, 'create' | 'markOlderInactive'> {
  readonly available: boolean
  readonly unavailableReason?: string
  create(p: CreateDeployment): Promise<number | undefined>
  markOlderInactive(environment: string, keepId: number): Promise<number>
}

export function safeDeployments(inner: Deployments, warn: (msg: string) => void): SafeDeployments {
  const state: { available: boolean; unavailableReason?: string } = { available: true }
  const fault = (err: unknown): undefined => {
    if (err instanceof LockTimeoutError) throw err
    if (state.available) {
      state.available = false
      state.unavailableReason = describeApiError(err)
      warn(state.unavailableReason)
    }
    return undefined
  }
  const guard = async <T>(fn: () => Promise<T>, fallback: T, always = false): Promise<T> => {
    if (!state.available && !always) return fallback
    try {
      return await fn()
    } catch (err) {
      fault(err)
      return fallback
    }
  }
  return {
    get available() {
      return state.available
    },
    get unavailableReason() {
      return state.unavailableReason
    },
    async *successful(environment) {
      if (!state.available) return
      try {
        yield* inner.successful(environment)
      } catch (err) {
        fault(err)
      }
    },
    create: (p) => guard(() => inner.create(p), undefined),
    waitForTurn: (env, id, o) => guard(() => inner.waitForTurn(env, id, o), undefined),
    // A deployment that exists gets its final word even after a fault (a passing 502): left
    // queued or in progress, it would hold the next run's lock.
    setStatus: (id, s, o) => guard(() => inner.setStatus(id, s, o), undefined, s !== 'in_progress'),
    markOlderInactive: (env, id) => guard(() => inner.markOlderInactive(env, id), 0),
  }
}
