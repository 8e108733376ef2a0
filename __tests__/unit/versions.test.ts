import semver from 'semver'
import { describe, expect, it } from 'vitest'
import type { Git } from '../../src/git.js'
import { globToRegExp, previousFromTags, releaseTags, releaseTagsIn, tagSemver, topReleases } from '../../src/release-tags.js'
import { resolveForDeploy, resolveForRollback, type History } from '../../src/versions.js'

const tags = ['v1.0.0', 'v1.1.0', 'v1.2.0-rc.1', 'v1.10.0', 'v0.9.9', 'nightly', 'v2.0.0-beta.2', 'release-5.0.0']

function git(list: string[] | Error): Git {
  return {
    remoteTags: async () => {
      if (list instanceof Error) throw list
      return list
    },
    addWorktree: async () => undefined,
    removeWorktree: async () => undefined,
    prune: async () => undefined,
    inRepository: () => true,
    commitSubject: async () => undefined,
  }
}

function history(versions: string[], available = true): History {
  return {
    available,
    unavailableReason: available ? undefined : 'HTTP 500',
    async *successful() {
      yield* versions.map((version) => ({ version }))
    },
  }
}

const log = { info: () => undefined, warning: () => undefined }

describe('tags', () => {
  it('orders release tags by semver, not by text, and skips pre-releases', () => {
    expect(releaseTags(tags, 'v*')).toEqual(['v1.10.0', 'v1.1.0', 'v1.0.0', 'v0.9.9'])
    expect(releaseTags(tags, 'release-*')).toEqual(['release-5.0.0'])
  })

  it('finds the highest release below the current version', () => {
    expect(previousFromTags(tags, 'v*', 'v1.10.0')).toBe('v1.1.0')
    expect(previousFromTags(tags, 'v*', 'v1.2.0-rc.1')).toBe('v1.1.0')
    expect(previousFromTags(tags, 'v*', 'v0.9.9')).toBeUndefined()
    // A commit is not semver: the newest release is the last known good.
    expect(previousFromTags(tags, 'v*', 'a1b2c3d')).toBe('v1.10.0')
  })

  it('matches globs like git', () => {
    expect(globToRegExp('v*').test('v1.0.0')).toBe(true)
    expect(globToRegExp('v*').test('xv1')).toBe(false)
    expect(globToRegExp('v1.?.*').test('v1.2.0')).toBe(true)
    expect(globToRegExp('v1.?.*').test('v1x2.0')).toBe(false)
    expect(globToRegExp('v[12].*').test('v2.0')).toBe(true)
    expect(globToRegExp('v[!12].*').test('v2.0')).toBe(false)
  })
})

describe('the one-pass pick', () => {
  it('keeps the tag listed first among equal versions, as a stable sort did', () => {
    // v1.2.3, release-1.2.3 and v1.2.3+build.7 are one semver: the first listed wins.
    expect(previousFromTags(['release-1.2.3', 'v1.2.3', 'v1.3.0'], '*', 'v1.3.0')).toBe('release-1.2.3')
    expect(previousFromTags(['v1.2.3', 'release-1.2.3', 'v1.3.0'], '*', 'v1.3.0')).toBe('v1.2.3')
    expect(previousFromTags(['v1.2.3+build.7', 'v1.2.3', 'v1.3.0'], 'v*', 'v1.3.0')).toBe('v1.2.3+build.7')
    // Two equal newest: the "release below the newest" is the other one, as the sorted list had it.
    expect(topReleases(['v1.0.0', 'release-1.2.3', 'v1.2.3'], '*')).toEqual(['release-1.2.3', 'v1.2.3'])
    expect(topReleases(['v1.2.3', 'v1.0.0', 'release-1.2.3', 'v1.2.3+b'], '*')).toEqual(['v1.2.3', 'release-1.2.3'])
  })

  it('build metadata does not count: the version below v1.2.3+build.9 is below v1.2.3', () => {
    const tags = ['v1.2.2', 'v1.2.3+build.5', 'v1.2.4+exp.sha.5114f85']
    expect(previousFromTags(tags, 'v*', 'v1.2.3+build.9')).toBe('v1.2.2')
    expect(previousFromTags(tags, 'v*', 'v1.2.4')).toBe('v1.2.3+build.5')
    expect(topReleases(tags, 'v*')).toEqual(['v1.2.4+exp.sha.5114f85', 'v1.2.3+build.5'])
  })

  it('a current version that is not semver (a commit, a branch) gets the newest release', () => {
    const tags = ['v1.0.0', 'v1.1.0', 'v2.0.0-rc.1']
    for (const current of ['a1b2c3d', '1234567', 'main', 'v1.1', 'v1.1.0.1', 'f'.repeat(40)]) {
      expect(previousFromTags(tags, 'v*', current)).toBe('v1.1.0')
    }
    // Below a pre-release: its release line's releases do not count, older ones do.
    expect(previousFromTags(['v1.9.0', 'v2.0.0', 'v2.0.0-rc.2'], 'v*', 'v2.0.0-rc.1')).toBe('v1.9.0')
  })

  it('skips what semver rejects, even when it starts like a version', () => {
    const tags = ['v01.2.3', 'v1.02.3', 'v1.2.3-', 'v1.2.3.4', 'v1.2.3x', 'v9007199254740992.0.0', 'v1.0.0']
    expect(topReleases(tags, 'v*')).toEqual(['v1.0.0', undefined])
    // The largest safe integer is still a version.
    expect(topReleases([...tags, 'v9007199254740991.0.0'], 'v*')).toEqual(['v9007199254740991.0.0', 'v1.0.0'])
  })

  it('skips pre-releases above the picks and tags outside the pattern', () => {
    expect(topReleases(['v1.0.0', 'v3.0.0-rc.1', 'release-9.0.0', 'v1.1.0', 'v2.0.0-alpha'], 'v*')).toEqual(['v1.1.0', 'v1.0.0'])
    expect(topReleases(['v1.0.0', 'nightly', 'latest'], 'v*')).toEqual(['v1.0.0', undefined])
    expect(topReleases([], 'v*')).toEqual([undefined, undefined])
  })

  it('gives what the sort-based pick gave, on 12 000 random tags', () => {
    const random = mulberry32(12)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
    const num = () => (random() < 0.05 ? pick(['0', '00', '01', '9007199254740991', '9007199254740992']) : String(Math.floor(random() * 12)))
    const tag = () =>
      `${pick(['v', 'v', 'v', 'release-', 'x', ''])}${num()}.${num()}.${num()}${random() < 0.1 ? pick(['-rc.1', '-beta', '+build.3', '+b', '-', '.4', 'x']) : ''}`
    for (let round = 0; round < 4; round++) {
      const tags = Array.from({ length: 12_000 }, tag)
      // As origin lists them (by name) in some rounds, shuffled in others.
      if (round % 2 === 0) tags.sort()
      for (const pattern of ['v*', '*', 'release-*', 'v1*']) {
        const sorted = oldReleaseTags(tags, pattern)
        expect(topReleases(tags, pattern)).toEqual([sorted[0], sorted[1]])
        for (const current of [pick(tags), pick(tags), tag(), 'a1b2c3d', sorted[0] ?? 'v1.0.0', sorted[sorted.length - 1] ?? 'v0.0.1']) {
          expect(previousFromTags(tags, pattern, current), `${pattern} below ${current}`).toBe(oldPreviousFromTags(sorted, current))
        }
      }
    }
  })
})

/** The sort-based pick the one-pass pick replaced, kept here as the reference it must equal. */
function oldReleaseTags(tags: string[], pattern: string): string[] {
  const re = globToRegExp(pattern)
  return tags
    .filter((t) => re.test(t))
    .map((t) => ({ t, v: tagSemver(t) }))
    .filter((x): x is { t: string; v: semver.SemVer } => x.v !== null && x.v.prerelease.length === 0)
    .sort((a, b) => semver.rcompare(a.v, b.v))
    .map((x) => x.t)
}

function oldPreviousFromTags(releases: string[], current: string): string | undefined {
  const cur = tagSemver(current)
  return releases.find((t) => t !== current && (!cur || semver.lt(tagSemver(t)!, cur)))
}

/** A small seeded generator: the random tags are the same on every run. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('resolveForDeploy', () => {
  const o = { version: 'v1.10.0', environment: 'production', tagPattern: 'v*' }

  it('skips a pre-release in the history, and carries the full SHA of a commit it picks', async () => {
    const h: History = {
      available: true,
      async *successful() {
        yield* [{ version: 'v1.10.0-rc.1' }, { version: 'abc1234', commit: 'abc1234'.padEnd(40, '0') }]
      },
    }
    expect(await resolveForDeploy(o, { git: git(tags), history: h, log })).toMatchObject({
      previous: 'abc1234',
      commits: { abc1234: 'abc1234'.padEnd(40, '0') },
    })
  })

  it('prefers the input, then the deployments history, then tags', async () => {
    expect(await resolveForDeploy({ ...o, previousVersion: 'v0.9.9' }, { git: git(tags), log })).toMatchObject({ previous: 'v0.9.9', source: 'input' })
    expect(await resolveForDeploy(o, { git: git(tags), history: history(['v1.10.0', 'v1.0.0']), log })).toMatchObject({
      previous: 'v1.0.0',
      source: 'deployments',
    })
    expect(await resolveForDeploy(o, { git: git(tags), history: history([]), log })).toMatchObject({ previous: 'v1.1.0', source: 'tags' })
  })

  it('falls back to tags when the history is unavailable, and says why', async () => {
    const r = await resolveForDeploy(o, { git: git(tags), history: history(['v1.0.0'], false), log })
    expect(r).toMatchObject({ previous: 'v1.1.0', source: 'tags' })
    expect(r.note).toMatch(/unavailable \(HTTP 500\)/)
  })

  it('has no previous version on a first release or when tags cannot be listed', async () => {
    const first = await resolveForDeploy({ ...o, version: 'v0.1.0' }, { git: git(tags), log })
    expect(first.source).toBe('none')
    expect(first.previous).toBeUndefined()
    const warnings: string[] = []
    const r = await resolveForDeploy(o, { git: git(new Error('no origin')), log: { info: () => undefined, warning: (m) => warnings.push(m) } })
    expect(r.source).toBe('none')
    expect(warnings[0]).toMatch(/no origin/)
  })
})

describe('resolveForRollback', () => {
  const o = { version: '', environment: 'production', tagPattern: 'v*' }

  it('takes the last known good before what is live from the history', async () => {
    const r = await resolveForRollback(o, { git: git(tags), history: history(['v1.2.0', 'v1.2.0', 'v1.0.0']), log })
    expect(r).toMatchObject({ version: 'v1.0.0', previous: 'v1.2.0', source: 'deployments' })
  })

  it('without history: the release tag below the newest', async () => {
    expect(await resolveForRollback(o, { git: git(tags), log })).toMatchObject({ version: 'v1.1.0', previous: 'v1.10.0', source: 'tags' })
  })

  it('an explicit version wins; what is live is reported when known', async () => {
    expect(await resolveForRollback({ ...o, version: 'v0.9.9' }, { git: git(tags), history: history(['v1.10.0']), log })).toMatchObject({
      version: 'v0.9.9',
      previous: 'v1.10.0',
    })
  })

  it('history knows only what is live: the release tag below it, never the live one again', async () => {
    const r = await resolveForRollback(o, { git: git(tags), history: history(['v1.1.0']), log })
    expect(r).toMatchObject({ version: 'v1.0.0', previous: 'v1.1.0', live: 'v1.1.0', source: 'tags' })
    expect(await resolveForRollback(o, { git: git(['v1.0.0', 'v1.1.0']), history: history(['v1.0.0']), log })).toMatchObject({
      error: expect.stringMatching(/v1\.0\.0 is live in production, with no earlier successful deployment and no release tag/),
    })
  })

  it('only-if-live naming a version that is not live: resolves to what is live, no target needed', async () => {
    const r = await resolveForRollback({ ...o, onlyIfLive: 'v1.1.0' }, { git: git(['v1.0.0', 'v1.1.0']), history: history(['v1.0.0']), log })
    expect(r).toMatchObject({
      version: 'v1.0.0',
      previous: 'v1.1.0',
      live: 'v1.0.0',
      note: 'v1.1.0 is not live in production (v1.0.0 is): nothing to roll back',
    })
    // When it is live, the usual target.
    expect(await resolveForRollback({ ...o, onlyIfLive: 'v1.2.0' }, { git: git(tags), history: history(['v1.2.0', 'v1.0.0']), log })).toMatchObject({
      version: 'v1.0.0',
      live: 'v1.2.0',
    })
  })

  it('never picks a pre-release or a version that is not a plain name from the history', async () => {
    const r = await resolveForRollback(o, { git: git(tags), history: history(['v1.3.0', '--upload-pack=touch x', 'v1.3.0-rc.1', 'v1.2.0']), log })
    expect(r).toMatchObject({ version: 'v1.2.0', previous: 'v1.3.0' })
  })

  it('says so when there is nothing to roll back to', async () => {
    expect(await resolveForRollback(o, { git: git(['v1.0.0']), log })).toMatchObject({ error: expect.stringMatching(/no version to roll back to/) })
  })
})

describe('releaseTagsIn: the release tags a health body names', () => {
  const tags = ['v1.0.0', 'v1.1.0', 'v1.10.0', 'v1.1.0-rc.1', 'other']
  it('finds a tag as a whole token, with or without its v', () => {
    expect(releaseTagsIn('{"version":"v1.1.0"}', tags, 'v*')).toEqual(['v1.1.0'])
    expect(releaseTagsIn('running 1.10.0 since noon', tags, 'v*')).toEqual(['v1.10.0'])
  })
  it('not inside a longer version or a pre-release; several when the body names several', () => {
    expect(releaseTagsIn('v1.1.0-rc.1', tags, 'v*')).toEqual([])
    expect(releaseTagsIn('v1.1.00', tags, 'v*')).toEqual([])
    expect(releaseTagsIn('blue v1.0.0, green v1.1.0', tags, 'v*')).toEqual(['v1.1.0', 'v1.0.0'])
  })
})
