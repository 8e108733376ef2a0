// Only the two functions used: the whole package costs every run about 5 ms and 1 MiB to load.
import parseSemver from 'semver/functions/parse.js'
import rcompare from 'semver/functions/rcompare.js'
import type { SemVer } from 'semver'
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

/** Pre-releases (v1.3.0-rc.1) are never picked as a version to go back to on their own. */
function isPrerelease(version: string): boolean {
  return (tagSemver(version)?.prerelease.length ?? 0) > 0
}

/** Git-style glob (`*`, `?`, `[abc]`) as a regex over a whole tag name. */
export function globToRegExp(pattern: string): RegExp {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '*') re += '.*'
    else if (c === '?') re += '.'
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1)
      if (end < 0) re += '\\['
      else {
        re += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/** The semver inside a tag name (`v1.2.3`, `release-1.2.3`), or null. */
export function tagSemver(tag: string): SemVer | null {
  const start = tag.search(/\d/)
  return start < 0 ? null : parseSemver(tag.slice(start))
}

/** Release tags (matching the pattern, semver, no pre-release), highest first. */
export function releaseTags(tags: readonly string[], pattern: string): string[] {
  const re = globToRegExp(pattern)
  return tags
    .filter((t) => re.test(t))
    .map((t) => ({ t, v: tagSemver(t) }))
    .filter((x): x is { t: string; v: SemVer } => x.v !== null && x.v.prerelease.length === 0)
    .sort((a, b) => rcompare(a.v, b.v))
    .map((x) => x.t)
}

/** The highest release tag below `current`; when `current` is not semver (a commit), the highest release tag. */
export function previousFromTags(tags: readonly string[], pattern: string, current: string): string | undefined {
  const cur = tagSemver(current)
  return topReleases(tags, pattern, cur ? [cur.major, cur.minor, cur.patch] : undefined)[0]
}

/** major.minor.patch: among releases (no pre-release) semver's order is this triple's order; build metadata does not count. */
export type MainVersion = readonly [number, number, number]

/**
 * What a tag's version (from its first digit) starts with. `release`: exactly major.minor.patch, no
 * leading zeros, safe integers, nothing after: a release by semver's own rules, known without
 * parsing. `maybe`: a major.minor.patch with anything else (a pre-release, build metadata, leading
 * zeros, huge numbers), which only semver can judge. `none`: not even that, so never semver.
 */
type VersionShape = 'release' | 'maybe' | 'none'

/**
 * Reads the major.minor.patch a tag's version starts with into `into` (exact whenever `tagSemver`
 * accepts the tag, since such a version starts so) and says its shape. It runs once per tag, on
 * origins with thousands of tags, in a process too short-lived for the JIT to warm up: hence a
 * scan of char codes with the digit tests written out, no regex, no calls, no allocation.
 */
function readMainVersion(tag: string, into: number[]): VersionShape {
  const end = tag.length
  let i = 0
  let c = tag.charCodeAt(0)
  while (i < end && (c < 48 || c > 57)) c = tag.charCodeAt(++i) // to the first digit
  let plain = true
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (c !== 46 /* . */) return 'none'
      c = tag.charCodeAt(++i)
    }
    const start = i
    let n = 0
    while (c >= 48 && c <= 57) {
      // Each step stays at or below the final number, so it is exact up to MAX_SAFE_INTEGER.
      n = n * 10 + (c - 48)
      c = tag.charCodeAt(++i)
    }
    if (i === start) return 'none'
    if ((i - start > 1 && tag.charCodeAt(start) === 48) || n > Number.MAX_SAFE_INTEGER) plain = false
    into[part] = n
  }
  return plain && i === end ? 'release' : 'maybe'
}

function compareMain(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

/**
 * The two highest release tags matching `pattern` (only those below `below` when given), in one
 * pass: what a stable semver sort of `releaseTags` would put first and second, so among equal
 * versions (v1.2.3, release-1.2.3, v1.2.3+build.7) the one listed first wins. Origins can hold
 * thousands of tags, listed by name (v1.10.0 before v1.2.0), so many take a place on the way: a
 * tag is matched against the glob only when its major.minor.patch could take one, and parsed by
 * semver only when its shape leaves a doubt.
 */
export function topReleases(tags: readonly string[], pattern: string, below?: MainVersion): [string?, string?] {
  const re = globToRegExp(pattern)
  let first: { tag: string; key: MainVersion } | undefined
  let second: typeof first
  const key = [0, 0, 0]
  for (let t = 0; t < tags.length; t++) {
    const tag = tags[t]
    const shape = readMainVersion(tag, key)
    // A release below a version is below its major.minor.patch (a release outranks its pre-releases).
    if (shape === 'none' || (below && !(compareMain(key, below) < 0))) continue
    // Not above the second place: it takes no place (on a tie, the tag listed first keeps it).
    if (second && !(compareMain(key, second.key) > 0)) continue
    if (!re.test(tag) || (shape === 'maybe' && tagSemver(tag)?.prerelease.length !== 0)) continue
    const place = { tag, key: [key[0], key[1], key[2]] as const }
    if (!first || compareMain(key, first.key) > 0) {
      second = first
      first = place
    } else second = place
  }
  return [first?.tag, second?.tag]
}

/** Deploy mode: the version and its last known good (input, then deployments history, then tags). */
export async function resolveForDeploy(
  o: { version: string; previousVersion?: string; environment: string; tagPattern: string },
  deps: Deps,
): Promise<ResolvedVersions> {
  const { version } = o
  if (o.previousVersion) {
    return { version, previous: o.previousVersion, source: 'input', note: `previous version ${o.previousVersion} from the previous-version input` }
  }
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

/**
 * The release tags (matching the pattern, no pre-release) that a health body names as whole
 * tokens, with or without the leading v: "v1.1.0" is not found in "v1.1.0-rc.1" or "v1.1.00".
 */
export function releaseTagsIn(body: string, tags: readonly string[], pattern: string): string[] {
  return releaseTags(tags, pattern).filter((tag) => {
    const bare = (/^v\d/.test(tag) ? tag.slice(1) : tag).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`(?<![\\w.])v?${bare}(?!\\w|[.-]\\w)`).test(body)
  })
}
