/**
 * GitHub deployments as the action's history and lock (deployments-api.ts makes the calls,
 * deployment-lock.ts waits for our turn), and the same with every API fault turned into a warning.
 */
import { ApiTimeoutError } from './client.js'
import { waitForTurn, type WaitOptions } from './deployment-lock.js'
import {
  apiMessage,
  commitOf,
  DeploymentsApi,
  ours,
  versionOf,
  type CreateDeployment,
  type DeploymentRef,
  type DeploymentsApiOptions,
  type DeploymentState,
} from './deployments-api.js'
import { LockTimeoutError } from './lock-timeout.js'

export { PAYLOAD_KEY, versionOf, type CreateDeployment, type DeploymentRef, type DeploymentState } from './deployments-api.js'
export { LockTimeoutError }

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
  waitForTurn(environment: string, ownId: number, o: WaitOptions): Promise<void>
  setStatus(id: number, state: DeploymentState, o: { description: string; logUrl?: string; environmentUrl?: string }): Promise<void>
  /** Older successful deployments of the environment become inactive (GitHub does not do it for production). */
  markOlderInactive(environment: string, keepId: number): Promise<number>
}

const HISTORY_PAGES = 20

export function createDeployments(o: DeploymentsApiOptions): Deployments {
  const api = new DeploymentsApi(o)
  return {
    successful: (environment) => successful(api, environment),
    async create(p) {
      const id = await api.create(p)
      await api.postStatus(id, 'queued', p.description)
      return id
    },
    waitForTurn: (environment, ownId, w) => waitForTurn(api, environment, ownId, w),
    async setStatus(id, state, s) {
      await api.postStatus(id, state, s.description, {
        log_url: s.logUrl ?? o.logUrl,
        ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
        auto_inactive: false,
      })
    },
    markOlderInactive: (environment, keepId) => markOlderInactive(api, environment, keepId),
  }
}

/** The known good deployments, newest first (see Deployments.successful). */
async function* successful(api: DeploymentsApi, environment: string): AsyncGenerator<DeploymentRef> {
  const rolledBackFrom = new Set<string>()
  for (let page = 1; page <= HISTORY_PAGES; page++) {
    const data = await api.page(environment, page)
    for (const d of data) {
      // Only ours: GitHub's own deployment for a job's `environment:` carries a branch or tag
      // of the workflow, not a version that passed our gate.
      const mine = ours(d)
      if (!mine) continue
      const version = versionOf(d)
      const states = await api.statesOf(d.id)
      // Healthy at its last word: success, or inactive with a success before it.
      const good = states[0] === 'success' || (states[0] === 'inactive' && states.includes('success'))
      if (good && !rolledBackFrom.has(version)) yield { id: d.id, version, ...commitOf(d), createdAt: d.created_at }
      // A rollback that worked condemns what it replaced.
      const from = mine.rolled_back_from
      if (good && typeof from === 'string') rolledBackFrom.add(from)
    }
    if (data.length < 100) return
  }
}

async function markOlderInactive(api: DeploymentsApi, environment: string, keepId: number): Promise<number> {
  let n = 0
  for (const d of await api.recent(environment)) {
    if (d.id >= keepId || !ours(d) || (await api.latestState(d.id)) !== 'success') continue
    await api.postStatus(d.id, 'inactive', `Superseded by deployment ${keepId}`)
    n++
  }
  return n
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
