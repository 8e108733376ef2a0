import type { Git } from './git.js'
import type { PreviousSource } from './timeline.js'

/** Deployment history as versions.ts needs it: successful deployments of an environment, newest first. */
export interface History {
  /** `commit`: the full SHA, when the history knows it (a version that is a commit is fetched by it). */
  successful(environment: string): AsyncIterable<{ version: string; commit?: string }>
  /** False once the API failed; then the history is not to be trusted and tags are used. */
  readonly available: boolean
  readonly unavailableReason?: string
}

export interface ResolvedVersions {
  /** The version put live: the new one (deploy) or the target (rollback). */
  version: string
  /** The version it replaces; in deploy mode the last known good to roll back to. */
  previous?: string
  source: PreviousSource
  /** What the deployments history says is live, when it knows. */
  live?: string
  /** Full SHAs of versions that are commits, when known (git fetches a commit only by its full SHA). */
  commits?: Record<string, string>
  /** One line for the log: where the versions came from. */
  note: string
}

interface Deps {
  git: Git
  history?: History
  log: { info(msg: string): void; warning(msg: string): void }
}

import { isVersionName } from './refs.js'

export { isFullSha, isVersionName } from './refs.js'

/** Deploy mode: the version and its last known good (input, then deployments history, then tags). */
export async function resolveForDeploy(
  o: { version: string; previousVersion?: string; environment: string; tagPattern: string },
  deps: Deps,
): Promise<ResolvedVersions> {
  const { version } = o
  if (o.previousVersion) {
    return { version, previous: o.previousVersion, source: 'input', note: `previous version ${o.previousVersion} from the previous-version input` }
  }
  const { isPrerelease, previousFromTags } = await loadReleaseTags()
  const fromHistory = await firstSuccessful(deps, o.environment, (v) => v !== version && !isPrerelease(v))
  if (fromHistory.version) {
    return {
      version,
      previous: fromHistory.version,
      ...commitsOf(fromHistory),
      source: 'deployments',
      note: `previous version ${fromHistory.version}: the last successful deployment of ${o.environment}`,
    }
  }
  const tags = await remoteTags(deps)
  const previous = tags ? previousFromTags(tags, o.tagPattern, version) : undefined
  const why = fromHistory.why ? `${fromHistory.why}; ` : ''
  if (!previous) {
    return { version, source: 'none', note: `${why}no release tag matching ${o.tagPattern} below ${version}: no previous version to roll back to` }
  }
  return { version, previous, source: 'tags', note: `${why}previous version ${previous}: the highest release tag matching ${o.tagPattern} below ${version}` }
}

/**
 * Rollback mode: the target (the `version` input, else the last known good before what is live)
 * and what is live when known.
 */
export async function resolveForRollback(
  o: { version: string; previousVersion?: string; environment: string; tagPattern: string; onlyIfLive?: string },
  deps: Deps,
): Promise<ResolvedVersions | { error: string }> {
  const explicit = o.version || o.previousVersion
  const live = await firstSuccessful(deps, o.environment, () => true)
  if (o.onlyIfLive && live.version && live.version !== o.onlyIfLive) {
    // The environment already went back: nothing to resolve; the run only checks what is live.
    return {
      version: live.version,
      previous: o.onlyIfLive,
      live: live.version,
      source: 'deployments',
      note: `${o.onlyIfLive} is not live in ${o.environment} (${live.version} is): nothing to roll back`,
    }
  }
  if (explicit) {
    const replaced = live.version && live.version !== explicit ? live.version : undefined
    return {
      version: explicit,
      previous: replaced,
      live: live.version,
      source: 'input',
      note: `rolling back to ${explicit}, as asked${replaced ? `, replacing ${replaced}` : ''}`,
    }
  }
  const { isPrerelease, previousFromTags, topReleases } = await loadReleaseTags()
  if (live.version) {
    const target = await firstSuccessful(deps, o.environment, (v) => v !== live.version && !isPrerelease(v))
    if (target.version) {
      return {
        version: target.version,
        ...commitsOf(target),
        previous: live.version,
        live: live.version,
        source: 'deployments',
        note: `rolling back to ${target.version}: the last successful deployment of ${o.environment} before ${live.version}, which is live`,
      }
    }
  }
  const tags = await remoteTags(deps)
  const why = live.why ? `${live.why}; ` : ''
  if (live.version) {
    // The history knows what is live but no other success: the release tag below it.
    const target = tags ? previousFromTags(tags, o.tagPattern, live.version) : undefined
    if (!target)
      return {
        error: `no version to roll back to: ${live.version} is live in ${o.environment}, with no earlier successful deployment and no release tag matching ${o.tagPattern} below it; set version`,
      }
    return {
      version: target,
      previous: live.version,
      live: live.version,
      source: 'tags',
      note: `rolling back to ${target}: the release tag below ${live.version}, which is live`,
    }
  }
  const [newest, below] = tags ? topReleases(tags, o.tagPattern) : []
  if (!newest || !below) {
    return {
      error: `${why}no version to roll back to: no deployment history for ${o.environment} and fewer than two release tags matching ${o.tagPattern}; set version`,
    }
  }
  return {
    version: below,
    previous: newest,
    source: 'tags',
    note: `${why}rolling back to ${below}: the release tag below the newest, ${newest}`,
  }
}

function commitsOf(found: { version?: string; commit?: string }): Pick<ResolvedVersions, 'commits'> {
  return found.version && found.commit ? { commits: { [found.version]: found.commit } } : {}
}

async function firstSuccessful(deps: Deps, environment: string, accept: (v: string) => boolean): Promise<{ version?: string; commit?: string; why?: string }> {
  const h = deps.history
  if (!h) return { why: 'no deployment history (deployments off or no token)' }
  if (h.available) {
    for await (const d of h.successful(environment)) {
      // Anyone who may write deployments writes their payload: a version that could be a git option is not one.
      if (!isVersionName(d.version)) continue
      if (accept(d.version)) return { version: d.version, ...(d.commit ? { commit: d.commit } : {}) }
    }
  }
  if (!h.available) return { why: `deployment history unavailable (${h.unavailableReason ?? 'API error'})` }
  return { why: `no earlier successful deployment of ${environment} in the history` }
}

async function remoteTags(deps: Deps): Promise<readonly string[] | undefined> {
  try {
    return await deps.git.remoteTags()
  } catch (err) {
    deps.log.warning(`Could not list tags on origin: ${(err as Error).message}`)
    return undefined
  }
}

/** Where a manual rollback learned what is live. */
export type LiveSource = 'deployments' | 'previous-version' | 'health'

/** The release-tag rules (and semver with them), loaded when a resolution needs them. */
export function loadReleaseTags(): Promise<typeof import('./release-tags.js')> {
  return import('./release-tags.js')
}
