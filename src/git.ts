import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { rm } from './fs-async.js'
import { dirname, join, resolve } from 'node:path'
import { isFullSha } from './refs.js'

/** The git operations the run needs, behind an interface so the orchestrator can be tested with fakes. */
export interface Git {
  /**
   * Tag names on origin, without fetching (the checkout is shallow and has no tags). Listed once per
   * Git object: origin's thousands of tags are not listed again for each checkout.
   */
  remoteTags(): Promise<readonly string[]>
  /**
   * A detached worktree of `version` (a tag, else a commit: `commit` is its full SHA when known) at
   * `dir`, fetching only that one ref at depth 1. `signal` stops the git process in flight.
   */
  addWorktree(version: string, dir: string, o?: { commit?: string; signal?: AbortSignal }): Promise<void>
  /** Removes a worktree we made (or began to make), even when git has lost track of it. */
  removeWorktree(dir: string): Promise<void>
  /** Whether the workspace is in a git repository at all (known without running git). */
  inRepository(): boolean
  /** Forgets worktrees whose directories are gone. */
  prune(): Promise<void>
  /** First line of the commit message at `rev` in `cwd`; undefined when unknown. */
  commitSubject(cwd: string, rev?: string): Promise<string | undefined>
}

class GitCommandError extends Error {
  constructor(args: string[], stderr: string, status: string) {
    super(`git ${args[0]} failed (${status}): ${stderr.trim().split('\n').slice(-3).join(' ')}`)
  }
}

/**
 * Runs git without a shell and reads its output whole, decoded once: a tag listing can be megabytes,
 * and a line-by-line reader (as @actions/exec's) makes garbage of every line twice over.
 */
function runGit(args: string[], cwd: string, signal?: AbortSignal): Promise<{ status?: string; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // An abort sends git SIGTERM: git removes its lock and temporary files on it.
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], signal })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const status = code === 0 ? undefined : code !== null ? `exit code ${code}` : `killed by ${signal}`
      resolve({ status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() })
    })
  })
}

/** Tag names from `git ls-remote --refs` output (`<sha>\trefs/tags/<name>` lines), in one pass over it. */
export function tagNames(listing: string): string[] {
  const prefix = '\trefs/tags/'
  const names: string[] = []
  for (let at = listing.indexOf(prefix); at >= 0; at = listing.indexOf(prefix, at)) {
    const start = at + prefix.length
    const end = listing.indexOf('\n', start)
    at = end < 0 ? listing.length : end
    names.push(listing.slice(start, at))
  }
  return names
}

/**
 * Whether `dir` is inside a git work tree, by git's own discovery: a `.git` (directory, or file for a
 * worktree) in it or an ancestor, or GIT_DIR set. A workspace made of a downloaded artifact has none,
 * and then no git process need be started to learn that it would fail.
 */
export function insideRepository(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GIT_DIR) return true
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true
    if (dirname(d) === d) return false
  }
}

/** Git commands run in the user's workspace. Refs are passed as arguments, never through a shell. */
export function createGit(workspace: string): Git {
  let inRepo: boolean | undefined
  const inRepository = (): boolean => (inRepo ??= insideRepository(workspace))
  const git = async (args: string[], o: { cwd?: string; signal?: AbortSignal } = {}): Promise<string> => {
    const cwd = o.cwd ?? workspace
    if (!(cwd === workspace ? inRepository() : insideRepository(cwd))) {
      throw new Error(
        `${cwd === workspace ? 'the workspace' : 'the directory'} (${cwd}) is not in a git repository: check the repository out before this step (actions/checkout)`,
      )
    }
    const r = await runGit(args, cwd, o.signal)
    if (r.status) throw new GitCommandError(args, r.stderr, r.status)
    return r.stdout
  }
  // One listing for the run: versions are resolved from it and checkouts told tag from commit by it.
  // A listing that failed is not kept, so a later caller tries again.
  let listing: Promise<readonly string[]> | undefined
  // The first caller's signal stops the listing: only a preparation (the last to need it) passes one.
  const listTags = (signal?: AbortSignal): Promise<readonly string[]> => {
    if (listing) return listing
    const pending = git(['ls-remote', '--tags', '--refs', 'origin'], { signal }).then((out) => Object.freeze(tagNames(out)))
    pending.catch(() => {
      if (listing === pending) listing = undefined
    })
    return (listing = pending)
  }
  return {
    remoteTags: () => listTags(),
    inRepository,
    async addWorktree(version, dir, { commit, signal } = {}) {
      const tags = await listTags(signal)
      // `--` ends the options: a version is never read as one.
      if (tags.includes(version)) {
        await git(['fetch', '--depth=1', '--no-tags', 'origin', '--', `+refs/tags/${version}:refs/tags/${version}`], { signal })
        await git(['worktree', 'add', '--detach', dir, `refs/tags/${version}^{commit}`], { signal })
        return
      }
      // Not a tag: a commit. Servers that allow fetching reachable commits (GitHub does) give it to
      // us, but only by its full SHA; a short one is expanded when this clone happens to have it.
      const asCommit = `${version}^{commit}`
      const full =
        commit ??
        (isFullSha(version)
          ? version
          : await git(['rev-parse', '--verify', '--quiet', '--end-of-options', asCommit], { signal }).then(
              (o) => o.trim(),
              () => '',
            ))
      if (!isFullSha(full)) {
        throw new Error(`${version} is not a tag on origin, and a commit can be fetched only by its full 40-character SHA: set version to the full SHA`)
      }
      await git(['fetch', '--depth=1', '--no-tags', 'origin', '--', full], { signal })
      await git(['worktree', 'add', '--detach', dir, 'FETCH_HEAD'], { signal })
    },
    async removeWorktree(dir) {
      // `git worktree add` writes dir/.git early; without it git never registered the tree (a
      // preparation stopped while fetching), and removing the directory is all there is to do.
      const registered = existsSync(join(dir, '.git'))
      await rm(dir, { recursive: true, force: true })
      // What `worktree remove --force` does, in one git process: the tree is gone, prune forgets it.
      if (registered) await git(['worktree', 'prune']).catch(() => undefined)
    },
    async prune() {
      await git(['worktree', 'prune']).catch(() => undefined)
    },
    async commitSubject(cwd, rev = 'HEAD') {
      try {
        return (await git(['log', '-1', '--format=%s', rev, '--'], { cwd })).split('\n')[0]?.trim() || undefined
      } catch {
        return undefined
      }
    },
  }
}
