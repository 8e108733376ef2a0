import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { isFullSha } from './refs.js'

/** The git operations the run needs, behind an interface so the orchestrator can be tested with fakes. */
export interface Git {
  /**
   * Tag names on origin, without fetching (the checkout is shallow and has no tags). Listed once per
   * Git object: origin's thousands of tags are not listed again for each checkout.
   */
  remoteTags(): Promise<readonly string[]>
  /** A detached worktree of `version` (a tag, else a commit) at `dir`, fetching only that one ref at depth 1. */
  addWorktree(version: string, dir: string, commit?: string): Promise<void>
  /** Removes a worktree we made, even when git has lost track of it. */
  removeWorktree(dir: string): Promise<void>
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
function runGit(args: string[], cwd: string): Promise<{ status?: string; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
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

/** Git commands run in the user's workspace. Refs are passed as arguments, never through a shell. */
export function createGit(workspace: string): Git {
  const git = async (args: string[], cwd = workspace): Promise<string> => {
    const r = await runGit(args, cwd)
    if (r.status) throw new GitCommandError(args, r.stderr, r.status)
    return r.stdout
  }
  // One listing for the run: versions are resolved from it and checkouts told tag from commit by it.
  // A listing that failed is not kept, so a later caller tries again.
  let listing: Promise<readonly string[]> | undefined
  const listTags = (): Promise<readonly string[]> => {
    if (listing) return listing
    const pending = git(['ls-remote', '--tags', '--refs', 'origin']).then((out) => Object.freeze(tagNames(out)))
    pending.catch(() => {
      if (listing === pending) listing = undefined
    })
    return (listing = pending)
  }
  return {
    remoteTags: listTags,
    async addWorktree(version, dir, commit) {
      const tags = await listTags()
      // `--` ends the options: a version is never read as one.
      if (tags.includes(version)) {
        await git(['fetch', '--depth=1', '--no-tags', 'origin', '--', `+refs/tags/${version}:refs/tags/${version}`])
        await git(['worktree', 'add', '--detach', dir, `refs/tags/${version}^{commit}`])
        return
      }
      // Not a tag: a commit. Servers that allow fetching reachable commits (GitHub does) give it to
      // us, but only by its full SHA; a short one is expanded when this clone happens to have it.
      const asCommit = `${version}^{commit}`
      const full =
        commit ??
        (isFullSha(version)
          ? version
          : await git(['rev-parse', '--verify', '--quiet', '--end-of-options', asCommit]).then(
              (o) => o.trim(),
              () => '',
            ))
      if (!isFullSha(full)) {
        throw new Error(`${version} is not a tag on origin, and a commit can be fetched only by its full 40-character SHA: set version to the full SHA`)
      }
      await git(['fetch', '--depth=1', '--no-tags', 'origin', '--', full])
      await git(['worktree', 'add', '--detach', dir, 'FETCH_HEAD'])
    },
    async removeWorktree(dir) {
      await git(['worktree', 'remove', '--force', dir]).catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
      await git(['worktree', 'prune']).catch(() => undefined)
    },
    async prune() {
      await git(['worktree', 'prune']).catch(() => undefined)
    },
    async commitSubject(cwd, rev = 'HEAD') {
      try {
        return (await git(['log', '-1', '--format=%s', rev, '--'], cwd)).split('\n')[0]?.trim() || undefined
      } catch {
        return undefined
      }
    },
  }
}
