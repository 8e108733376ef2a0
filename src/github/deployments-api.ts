/**
 * The GitHub deployments API as the history and the lock use it: one client, our repository, and
 * the few calls we make; plus how our own data is read back out of a deployment's payload.
 */
import { truncate } from '../report/format.js'
import { redact } from '../secrets.js'
import { isFullSha } from '../versions.js'
import { lazyGitHubClient } from './client.js'

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

export interface DeploymentsApiOptions {
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
}

/** Our own data in a deployment's payload, under one key so other tools' payloads don't collide. */
export const PAYLOAD_KEY = 'rollback-action'

/** How many older deployments the lock and the inactivation look at: recent history is enough. */
const RECENT = 30

export interface ApiDeployment {
  id: number
  ref: string
  payload: unknown
  created_at: string
}

export type StatusExtra = { log_url?: string; environment_url?: string; auto_inactive?: boolean }

export class DeploymentsApi {
  private readonly github: ReturnType<typeof lazyGitHubClient>
  private readonly repo: { owner: string; repo: string }

  constructor(readonly o: DeploymentsApiOptions) {
    this.github = lazyGitHubClient(o)
    this.repo = { owner: o.owner, repo: o.repo }
  }

  /** Recent states of a deployment, newest first. */
  async statesOf(id: number, count = 10): Promise<string[]> {
    const { data } = await (await this.github()).rest.repos.listDeploymentStatuses({ ...this.repo, deployment_id: id, per_page: count })
    return data.map((st) => st.state)
  }

  async latestState(id: number): Promise<string | undefined> {
    return (await this.statesOf(id, 1))[0]
  }

  /** Every status we write: descriptions cut to the API's 140 characters, the run as its log. */
  async postStatus(id: number, state: DeploymentState | 'queued', description: string, extra: StatusExtra = {}): Promise<void> {
    const github = await this.github()
    await github.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: id,
      state,
      description: truncate(description, 140),
      log_url: this.o.logUrl,
      ...extra,
    })
  }

  /** The conclusion of a workflow run that has completed; undefined while it runs. Run ids that are not numbers never end. */
  async runEnded(run: string): Promise<string | undefined> {
    if (!/^\d+$/.test(run)) return undefined
    const { data } = await (await this.github()).rest.actions.getWorkflowRun({ ...this.repo, run_id: Number(run) })
    return data.status === 'completed' ? (data.conclusion ?? 'completed') : undefined
  }

  /** The environment's most recent deployments, newest first. */
  async recent(environment: string): Promise<ApiDeployment[]> {
    return (await (await this.github()).rest.repos.listDeployments({ ...this.repo, environment, per_page: RECENT })).data
  }

  /** One page of 100 of the environment's deployments, newest first. */
  async page(environment: string, page: number): Promise<ApiDeployment[]> {
    return (await (await this.github()).rest.repos.listDeployments({ ...this.repo, environment, per_page: 100, page })).data
  }

  /** A new deployment carrying our payload; its id. */
  async create(p: CreateDeployment): Promise<number> {
    const res = await (
      await this.github()
    ).rest.repos.createDeployment({
      ...this.repo,
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
          run_id: this.o.runId,
          ...(p.commit ? { commit: p.commit } : {}),
          ...(p.rolledBackFrom ? { rolled_back_from: p.rolledBackFrom } : {}),
        },
      },
    })
    const id = (res.data as { id?: number }).id
    if (!id) throw new Error(`GitHub did not create the deployment: ${(res.data as { message?: string }).message ?? `HTTP ${res.status}`}`)
    return id
  }
}

/** Our part of a deployment's payload; undefined for deployments that are not ours. */
export function ours(d: ApiDeployment): Record<string, unknown> | undefined {
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
export function commitOf(d: ApiDeployment): { commit?: string } {
  const c = ours(d)?.commit
  if (typeof c === 'string' && isFullSha(c)) return { commit: c }
  return isFullSha(d.ref) ? { commit: d.ref } : {}
}

export function runOf(d: ApiDeployment): string | undefined {
  const r = ours(d)?.run_id
  return typeof r === 'string' ? r : undefined
}

/** An API failure's first line, token-free. */
export function apiMessage(err: unknown): string {
  return redact((err as { message?: string }).message ?? String(err)).split('\n')[0]
}

/** "403: Resource not accessible by integration" */
export function briefApiError(err: unknown): string {
  const status = (err as { status?: number }).status
  return status ? `${status}: ${apiMessage(err)}` : apiMessage(err)
}
