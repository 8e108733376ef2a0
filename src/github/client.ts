/**
 * The one GitHub client: Octokit whose every request goes through the HTTP layer (the same proxy
 * rules as probes and alerts) and is bounded twice: each request by its own limit, and all of a
 * step's requests together by the API's share of the run. A request past either bound fails like
 * any API fault (one warning; the previous version then comes from tags).
 */
import type { Octokit } from '@octokit/core'
import type { Api } from '@octokit/plugin-rest-endpoint-methods'
import { HttpDispatcher } from '../http/dispatcher.js'
import { layerFetch } from '../http/fetch.js'
import { durationText, monotonicMs } from '../timing.js'

// Octokit itself, not @actions/github's wrapper: that one builds a proxy agent of its own from the
// environment when it is imported (and crashes the step on a proxy URL it cannot parse, before our
// config can say what is wrong), and carries a second copy of undici. Loaded only when a run uses
// GitHub (deployments, the incident issue): a run without them never reads Octokit's code.
export type GitHubClient = Octokit & Api

/** One request's limit: GitHub answers in well under a second; 10 s is a stall, not a slow page. */
export const API_REQUEST_TIMEOUT_MS = 10_000
/** All of a step's requests together, counted while they wait on GitHub (never the lock's sleeps). */
export const API_TOTAL_MS = 60_000

export interface GitHubClientOptions {
  token: string
  apiUrl: string
  /** Proxy settings come from here (process.env by default). */
  env?: NodeJS.ProcessEnv
  requestTimeoutMs?: number
  totalMs?: number
}

/** A request that ran out of time: its message is the warning's reason. */
export class ApiTimeoutError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ApiTimeoutError'
  }
}

export async function createGitHubClient(o: GitHubClientOptions): Promise<GitHubClient> {
  const [{ Octokit }, { restEndpointMethods }] = await Promise.all([import('@octokit/core'), import('@octokit/plugin-rest-endpoint-methods')])
  const GitHub = Octokit.plugin(restEndpointMethods)
  return new GitHub({ auth: o.token, baseUrl: o.apiUrl, userAgent: 'rollback-action', request: { fetch: boundedFetch(o) } })
}

/** The client made on first use and shared after: one bounded fetch (one share of API time) per step's user. */
export function lazyGitHubClient(o: GitHubClientOptions): () => Promise<GitHubClient> {
  let client: Promise<GitHubClient> | undefined
  return () => (client ??= createGitHubClient(o))
}

/** fetch through our dispatcher, with the per-request limit and the step's total share. */
export function boundedFetch(o: Omit<GitHubClientOptions, 'token' | 'apiUrl'>): typeof fetch {
  const send = layerFetch(new HttpDispatcher({ env: o.env }))
  const perRequest = o.requestTimeoutMs ?? API_REQUEST_TIMEOUT_MS
  const total = o.totalMs ?? API_TOTAL_MS
  let spent = 0
  return async (input, init = {}) => {
    const left = total - spent
    if (left <= 0) throw new ApiTimeoutError(`no more time for GitHub: its ${durationText(total)} share of this step is used up`)
    const limit = Math.ceil(Math.min(perRequest, left))
    const timer = AbortSignal.timeout(limit)
    const caller = init.signal ?? undefined
    const started = monotonicMs()
    try {
      // The signal also bounds the body, which Octokit reads after this returns.
      return await send(input, { ...init, signal: caller ? AbortSignal.any([caller, timer]) : timer })
    } catch (err) {
      if (timer.aborted && !caller?.aborted) {
        throw new ApiTimeoutError(
          limit < perRequest
            ? `no answer within the ${durationText(limit)} left of GitHub's ${durationText(total)} share of this step`
            : `no answer within ${durationText(limit)}`,
        )
      }
      throw err
    } finally {
      spent += monotonicMs() - started
    }
  }
}
