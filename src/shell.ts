import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { COMMAND_ID_ENV, stopProcessTree } from './process-tree.js'
import { redact } from './secrets.js'

export interface ShellOptions {
  cwd: string
  /** Added to the inherited environment. */
  env: Record<string, string>
  timeoutMs: number
  /** Aborting stops the command's whole process tree (job cancelled). */
  signal?: AbortSignal
  /** Receives each output line, already redacted. */
  onLine?: (line: string) => void
  /** How many of the last output lines to keep as evidence. */
  tailLines?: number
}

export interface ShellResult {
  exitCode: number | null
  /** The signal that ended the command, if any. */
  signal: NodeJS.Signals | null
  timedOut: boolean
  cancelled: boolean
  durationMs: number
  /** The last output lines (stdout and stderr interleaved), redacted. */
  tail: string[]
}

export type Shell = (command: string, options: ShellOptions) => Promise<ShellResult>

/** Grace between SIGTERM and SIGKILL when stopping a tree: short, because the runner kills us 7.5 s after SIGINT. */
const KILL_GRACE_MS = 2000
/** How long bash gets to report its exit once its whole tree was stopped, before we stop waiting for it. */
const EXIT_REPORT_MS = 500

/**
 * Runs a user command with bash as GitHub's `run:` does (`-eo pipefail`, no profile). A timeout or
 * cancel stops everything the command started, not just bash: its process group, and (on Linux)
 * every process carrying its COMMAND_ID_ENV id or descending from it, even one that left the group
 * (`set -m`, `setsid`). What a command leaves running after it exits on its own (the app it
 * deployed) is never touched. We use child_process rather than @actions/exec because exec cannot
 * signal a process group.
 */
export const runShell: Shell = (command, o) =>
  new Promise((resolve) => {
    const started = Date.now()
    const tail: string[] = []
    const keep = o.tailLines ?? 20
    let timedOut = false
    let cancelled = false
    const commandId = randomUUID()

    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], {
      cwd: o.cwd,
      env: { ...commandEnv(process.env), ...o.env, [COMMAND_ID_ENV]: commandId },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })

    const emit = (line: string): void => {
      const clean = redact(line.replace(/\r$/, ''))
      tail.push(clean)
      if (tail.length > keep) tail.shift()
      o.onLine?.(clean)
    }
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        buffered += chunk
        const parts = buffered.split('\n')
        buffered = parts.pop() ?? ''
        for (const line of parts) emit(line)
      })
      stream.on('end', () => {
        if (buffered) emit(buffered)
        buffered = ''
      })
    }

    let stopping: Promise<void> | undefined
    let exitReport: NodeJS.Timeout | undefined
    const stopTree = (): void => {
      if (stopping) return
      stopping = stopProcessTree({ rootPid: child.pid, commandId, graceMs: KILL_GRACE_MS })
      // Everything is stopped; should bash still not have reported its exit, do not wait on it for ever.
      void stopping.then(() => {
        exitReport = setTimeout(() => {
          if (done) return
          done = true
          child.stdout.destroy()
          child.stderr.destroy()
          finish(null, 'SIGKILL')
        }, EXIT_REPORT_MS)
      })
    }
    const timer = setTimeout(() => {
      timedOut = true
      stopTree()
    }, o.timeoutMs)
    const onAbort = (): void => {
      cancelled = true
      stopTree()
    }
    if (o.signal?.aborted) onAbort()
    else o.signal?.addEventListener('abort', onAbort, { once: true })

    let finished = false
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      o.signal?.removeEventListener('abort', onAbort)
      const result = (): ShellResult => ({ exitCode, signal, timedOut, cancelled, durationMs: Date.now() - started, tail })
      // bash may be gone while what it started still runs (`sleep 100 &`, `setsid …`): stopped is stopped whole.
      if (stopping)
        void stopping.then(() => {
          clearTimeout(exitReport)
          resolve(result())
        })
      else resolve(result())
    }
    let done = false
    child.on('error', (err) => {
      emit(`failed to start bash: ${err.message}`)
      if (!done) finish(127, null)
      done = true
    })
    // On exit, give the pipes a moment to drain, then let go of them: a server the command started in
    // the background (`./server &`) may hold them open for as long as it lives, and must not be waited for.
    child.on('exit', (code, sig) => {
      if (done) return
      done = true
      const settle = setTimeout(() => {
        child.stdout.destroy()
        child.stderr.destroy()
        finish(code, sig)
      }, 200)
      child.on('close', () => {
        clearTimeout(settle)
        finish(code, sig)
      })
    })
  })

/** One line describing how a command ended, e.g. "exit code 1" or "timed out after 30s". */
export function describeExit(r: ShellResult, timeoutText: string): string {
  if (r.cancelled) return 'cancelled'
  if (r.timedOut) return `timed out after ${timeoutText} (process tree stopped)`
  if (r.exitCode === 0) return 'exit code 0'
  if (r.exitCode === null) return `killed by ${r.signal ?? 'a signal'}`
  return `exit code ${r.exitCode}`
}

/**
 * The environment a user command gets: the step's, without what the runner hands to actions only
 * (INPUT_* holds our secrets: token, webhook, headers; ACTIONS_RUNTIME_TOKEN is the runner's
 * cache and artifact credential). A `run:` step does not see them either. The OIDC request
 * variables stay: `run:` steps get them too, and a deploy may log in with them.
 */
export function commandEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(env)) {
    if (/^INPUT_/i.test(k) || /^ACTIONS_RUNTIME_TOKEN$/i.test(k) || k === COMMAND_ID_ENV) continue
    out[k] = v
  }
  return out
}
