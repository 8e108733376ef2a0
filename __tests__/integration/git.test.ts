import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkout, createOrigin, scratch, worktrees } from '../../demo/fixture.mjs'
import { createGit, insideRepository, tagNames } from '../../src/git.js'

const root = scratch('git-test-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('git against a shallow, tagless checkout', () => {
  const origin = createOrigin(root, [
    { tag: 'v1.0.0', behaviour: 'ok', message: 'First release' },
    { tag: 'v1.1.0', behaviour: 'fail', message: 'Second release <!channel>' },
  ])
  const ws = checkout(origin, 'v1.1.0', join(root, 'ws'))
  const git = createGit(ws)

  it('the checkout has no tags, as actions/checkout leaves it', async () => {
    const { execFileSync } = await import('node:child_process')
    expect(execFileSync('git', ['tag'], { cwd: ws, encoding: 'utf8' }).trim()).toBe('')
  })

  it('lists tags on origin without fetching', async () => {
    expect([...(await git.remoteTags())].sort()).toEqual(['v1.0.0', 'v1.1.0'])
  })

  it('reads the commit subject', async () => {
    expect(await git.commitSubject(ws)).toBe('Second release <!channel>')
  })

  it('adds a worktree of one tag at depth 1 and removes it', async () => {
    const dir = join(root, 'tree-v1.0.0')
    await git.addWorktree('v1.0.0', dir)
    expect(readFileSync(join(dir, 'VERSION'), 'utf8').trim()).toBe('v1.0.0')
    expect(readFileSync(join(ws, 'VERSION'), 'utf8').trim()).toBe('v1.1.0')
    expect(worktrees(ws)).toContain(dir)
    await git.removeWorktree(dir)
    expect(existsSync(dir)).toBe(false)
    expect(worktrees(ws)).toEqual([ws])
  })

  it('fails clearly for a version that does not exist', async () => {
    await expect(git.addWorktree('v9.9.9', join(root, 'nope'))).rejects.toThrow(
      /v9\.9\.9 is not a tag on origin, and a commit can be fetched only by its full 40-character SHA/,
    )
    await expect(git.addWorktree('f'.repeat(40), join(root, 'nope'))).rejects.toThrow(/git fetch failed/)
  })

  it('checks out a commit by its full SHA, also when the version is its short form', async () => {
    const { execFileSync } = await import('node:child_process')
    const full = execFileSync('git', ['rev-parse', 'v1.0.0^{commit}'], { cwd: origin, encoding: 'utf8' }).trim()
    // A fresh shallow checkout, which has never seen v1.0.0's commit.
    const fresh = createGit(checkout(origin, 'v1.1.0', join(root, 'ws-commits')))
    // A short SHA alone cannot be fetched: said plainly, not a git error.
    await expect(fresh.addWorktree(full.slice(0, 7), join(root, 'short'))).rejects.toThrow(/full 40-character SHA/)
    for (const [version, commit] of [
      [full, undefined],
      [full.slice(0, 7), full],
    ] as const) {
      const dir = join(root, `tree-${version.length}`)
      await fresh.addWorktree(version, dir, { commit })
      expect(readFileSync(join(dir, 'VERSION'), 'utf8').trim()).toBe('v1.0.0')
      await fresh.removeWorktree(dir)
    }
  })

  it('never reads a version as a git option', async () => {
    const marker = join(root, 'pwned')
    await expect(git.addWorktree(`--upload-pack=touch ${marker}`, join(root, 'opt'), { commit: 'e'.repeat(40) })).rejects.toThrow()
    expect(existsSync(marker)).toBe(false)
  })
})

describe('one tag listing per run', () => {
  const origin = createOrigin(join(root, 'once'), [
    { tag: 'v1.0.0', behaviour: 'ok' },
    { tag: 'v1.1.0', behaviour: 'ok' },
    { tag: 'v1.2.0', behaviour: 'ok' },
  ])
  const ws = checkout(origin, 'v1.2.0', join(root, 'once', 'ws'))
  // Every git run that talks to origin (a listing, a fetch) starts one upload-pack there: a wrapper counts them.
  const calls = join(root, 'once', 'upload-pack.log')
  const wrapper = join(root, 'once', 'upload-pack.sh')
  writeFileSync(wrapper, `#!/bin/sh\necho run >> '${calls}'\nexec git upload-pack "$@"\n`, { mode: 0o755 })
  execFileSync('git', ['config', 'remote.origin.uploadpack', wrapper], { cwd: ws })
  const runs = () => (existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter(Boolean).length : 0)

  it('versions and every checkout share one listing', async () => {
    const git = createGit(ws)
    expect([...(await git.remoteTags())].sort()).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0'])
    expect(runs()).toBe(1)
    // Two checkouts of tags: one fetch each, no listing again.
    for (const tag of ['v1.0.0', 'v1.1.0']) {
      const dir = join(root, 'once', `tree-${tag}`)
      await git.addWorktree(tag, dir)
      expect(readFileSync(join(dir, 'VERSION'), 'utf8').trim()).toBe(tag)
      await git.removeWorktree(dir)
    }
    expect(runs()).toBe(3)
    await git.remoteTags()
    expect(runs()).toBe(3)
    // The listing cannot be changed by whoever reads it.
    await expect((git.remoteTags() as Promise<string[]>).then((t) => t.push('v9.9.9'))).rejects.toThrow(TypeError)
    expect(await git.remoteTags()).toHaveLength(3)
    // Another process (the post step) has its own Git, and lists once itself.
    const other = createGit(ws)
    await other.remoteTags()
    await other.remoteTags()
    expect(runs()).toBe(4)
  })

  it('a listing that failed is tried again, then kept', async () => {
    const flaky = join(root, 'once', 'flaky.sh')
    const broken = join(root, 'once', 'broken')
    writeFileSync(flaky, `#!/bin/sh\nif [ -e '${broken}' ]; then echo 'origin is down' >&2; exit 1; fi\nexec '${wrapper}' "$@"\n`, { mode: 0o755 })
    execFileSync('git', ['config', 'remote.origin.uploadpack', flaky], { cwd: ws })
    writeFileSync(broken, '')
    const git = createGit(ws)
    const before = runs()
    await expect(git.remoteTags()).rejects.toThrow(/git ls-remote failed \(exit code \d+\)/)
    rmSync(broken)
    expect(await git.remoteTags()).toHaveLength(3)
    await git.remoteTags()
    expect(runs()).toBe(before + 1)
    execFileSync('git', ['config', 'remote.origin.uploadpack', wrapper], { cwd: ws })
  })
})

describe('git when there is no repository, or nothing to wait for', () => {
  it('outside any repository: said plainly, without running git', async () => {
    const bare = join(root, 'artifact')
    mkdirSync(join(bare, 'sub'), { recursive: true })
    const git = createGit(bare)
    expect(git.inRepository()).toBe(false)
    await expect(git.remoteTags()).rejects.toThrow(/the workspace \(.*artifact\) is not in a git repository: check the repository out before this step/)
    await expect(git.addWorktree('v1.0.0', join(bare, 'tree'))).rejects.toThrow(/not in a git repository/)
    expect(await git.commitSubject(bare)).toBeUndefined()
    // git's own discovery: an ancestor's .git counts, and so does GIT_DIR.
    expect(insideRepository(join(bare, 'sub'), { GIT_DIR: join(root, 'elsewhere.git') })).toBe(true)
    writeFileSync(join(bare, '.git'), 'gitdir: /nowhere\n')
    expect(insideRepository(join(bare, 'sub'), {})).toBe(true)
  })

  it('removing a tree git never registered leaves the repository alone', async () => {
    const origin = createOrigin(join(root, 'unregistered'), [{ tag: 'v1.0.0', behaviour: 'ok' }])
    const ws = checkout(origin, 'v1.0.0', join(root, 'unregistered', 'ws'))
    const dir = join(root, 'unregistered', 'half-made')
    mkdirSync(dir)
    writeFileSync(join(dir, 'partial'), '')
    await createGit(ws).removeWorktree(dir)
    expect(existsSync(dir)).toBe(false)
    expect(worktrees(ws)).toEqual([ws])
  })

  it('a checkout whose signal aborts stops its git process at once', async () => {
    const base = join(root, 'slow')
    const origin = createOrigin(base, [{ tag: 'v1.0.0', behaviour: 'ok' }])
    const ws = checkout(origin, 'v1.0.0', join(base, 'ws'))
    // An origin that takes 20 s to answer: the checkout must not wait for it once stopped.
    const pidFile = join(base, 'slow.pid')
    const slow = join(base, 'slow.sh')
    writeFileSync(slow, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 20\n`, { mode: 0o755 })
    execFileSync('git', ['config', 'remote.origin.uploadpack', slow], { cwd: ws })
    const stop = new AbortController()
    const started = Date.now()
    const checkingOut = createGit(ws).addWorktree('v1.0.0', join(base, 'tree'), { signal: stop.signal })
    await new Promise((r) => setTimeout(r, 300))
    stop.abort()
    await expect(checkingOut).rejects.toThrow(/aborted/)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(existsSync(join(base, 'tree'))).toBe(false)
    // The stand-in origin would outlive the test: stop it.
    if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL')
  })
})

describe('tagNames', () => {
  it('reads ls-remote output in one pass, names with slashes and dots whole', () => {
    const sha = 'a'.repeat(40)
    const out = [`${sha}\trefs/tags/v1.0.0`, `${sha}\trefs/tags/release/2.0.0`, `${sha}\trefs/tags/v1.1.0+build.5`, ''].join('\n')
    expect(tagNames(out)).toEqual(['v1.0.0', 'release/2.0.0', 'v1.1.0+build.5'])
    // The last line may come without its newline.
    expect(tagNames(`${sha}\trefs/tags/v3.0.0`)).toEqual(['v3.0.0'])
    expect(tagNames('')).toEqual([])
  })
})
