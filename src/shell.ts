import { spawn } from 'node:child_process'
import { localId } from './ids.js'
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
export const runShell: Shell = (command, o) => new Promise((resolve) => new RunningCommand(command, o, resolve))

/** One command from spawn to result: its output lines, its deadline and cancel, and the stop of its tree. */
class RunningCommand {
  private readonly started = Date.now()
  private readonly tail: string[] = []
  private readonly commandId = localId()
  private readonly child
  private readonly timer: NodeJS.Timeout
  private timedOut = false
  private cancelled = false
  /** bash has exited or failed to start: its result is decided. */
  private exited = false
  private finished = false
  private stopping: Promise<void> | undefined
  private exitReport: NodeJS.Timeout | undefined

  constructor(
    command: string,
    private readonly o: ShellOptions,
    private readonly resolve: (r: ShellResult) => void,
  ) {
    this.child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], {
      cwd: o.cwd,
      env: { ...commandEnv(process.env), ...o.env, [COMMAND_ID_ENV]: this.commandId },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    for (const stream of [this.child.stdout, this.child.stderr]) this.readLines(stream)
    this.timer = setTimeout(() => {
      this.timedOut = true
      this.stopTree()
    }, o.timeoutMs)
    if (o.signal?.aborted) this.onAbort()
    else o.signal?.addEventListener('abort', this.onAbort, { once: true })
    this.child.on('error', (err) => {
      this.emit(`failed to start bash: ${err.message}`)
      if (!this.exited) this.finish(127, null)
      this.exited = true
    })
    this.child.on('exit', (code, sig) => this.onExit(code, sig))
  }

  private readonly onAbort = (): void => {
    this.cancelled = true
    this.stopTree()
  }

  private emit(line: string): void {
    const clean = redact(line.replace(/\r$/, ''))
    this.tail.push(clean)
    if (this.tail.length > (this.o.tailLines ?? 20)) this.tail.shift()
    this.o.onLine?.(clean)
  }

  private readLines(stream: NodeJS.ReadableStream): void {
    let buffered = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      buffered += chunk
      const parts = buffered.split('\n')
      buffered = parts.pop() ?? ''
      for (const line of parts) this.emit(line)
    })
    stream.on('end', () => {
      if (buffered) this.emit(buffered)
      buffered = ''
    })
  }

  private stopTree(): void {
    if (this.stopping) return
    this.stopping = stopProcessTree({ rootPid: this.child.pid, commandId: this.commandId, graceMs: KILL_GRACE_MS })
    // Everything is stopped; should bash still not have reported its exit, do not wait on it for ever.
    void this.stopping.then(() => {
      this.exitReport = setTimeout(() => {
        if (this.exited) return
        this.exited = true
        this.releasePipes()
        this.finish(null, 'SIGKILL')
      }, EXIT_REPORT_MS)
    })
  }

  /**
   * On exit, give the pipes a moment to drain, then let go of them: a server the command started in
   * the background (`./server &`) may hold them open for as long as it lives, and must not be waited for.
   */
  private onExit(code: number | null, sig: NodeJS.Signals | null): void {
    if (this.exited) return
    this.exited = true
    const settle = setTimeout(() => {
      this.releasePipes()
      this.finish(code, sig)
    }, 200)
    this.child.on('close', () => {
      clearTimeout(settle)
      this.finish(code, sig)
    })
  }

  private releasePipes(): void {
    this.child.stdout.destroy()
    this.child.stderr.destroy()
  }

  private finish(exitCode: number | null, signal: NodeJS.Signals | null): void {
    if (this.finished) return
    this.finished = true
    clearTimeout(this.timer)
    this.o.signal?.removeEventListener('abort', this.onAbort)
    const result = (): ShellResult => ({
      exitCode,
      signal,
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      durationMs: Date.now() - this.started,
      tail: this.tail,
    })
    // bash may be gone while what it started still runs (`sleep 100 &`, `setsid …`): stopped is stopped whole.
    if (!this.stopping) return this.resolve(result())
    void this.stopping.then(() => {
      clearTimeout(this.exitReport)
      this.resolve(result())
    })
  }
}

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
