/**
 * Release tags: which tags are releases, their order, and the one to go back to. The only module
 * that loads semver (its regexes cost a few ms to build): the resolution loads it through
 * `await import()` only when it reads tags or the history's pre-releases, never when both versions
 * are given.
 */
import parseSemver from 'semver/functions/parse.js'
import rcompare from 'semver/functions/rcompare.js'
import type { SemVer } from 'semver'

/** Pre-releases (v1.3.0-rc.1) are never picked as a version to go back to on their own. */
export function isPrerelease(version: string): boolean {
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
