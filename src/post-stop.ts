import { durationText } from './timing.js'

/**
 * How long post may take, from being stopped, to stop the command's tree, alert and report. The
 * runner sends SIGTERM 7.5 s after SIGINT and SIGKILL 2.5 s after that; we promise 5 s.
 */
export const STOPPED_BUDGET_MS = 5000
/** The backstop fires a little before the promise, so the exit itself fits. */
const BACKSTOP_MS = STOPPED_BUDGET_MS - 500
/** Node fires a longer timer after 1 ms; a longer deadline simply never fires (the runner's own limit applies). */
const MAX_TIMER_MS = 2 ** 31 - 1

export interface PostStop {
  /** Aborted on the deadline or on SIGINT/SIGTERM; its reason is a string saying which, for the report. */
  signal: AbortSignal
  /** Starts the cancel-timeout deadline (post's whole rollback runs under it). */
  startDeadline(ms: number): void
  /** Removes the handlers and timers; call when post is done. */
  dispose(): void
}

export interface PostStopOptions {
  /** Told once, when post is stopped. */
  onStop(reason: string): void
  /**
   * Post did not finish within the budget after being stopped (a hung alert, a command that
   * outlived SIGKILL): fail the step now rather than be killed silently.
   */
  onOverrun(reason: string): void
  /** The process to listen on; tests pass their own emitter. */
  process?: Pick<NodeJS.Process, 'on' | 'off'>
}

/**
 * Post's own stop switch. Without handlers, node exits at once on SIGINT: no alert, no report, and
 * the rollback command left running as an orphan. With them, the signal or the deadline aborts the
 * story (the shell stops the command's tree on abort), and a backstop guarantees a non-zero exit
 * within the budget whatever hangs.
 */
export function createPostStop(o: PostStopOptions): PostStop {
  const proc = o.process ?? process
  const controller = new AbortController()
  let deadline: NodeJS.Timeout | undefined
  let backstop: NodeJS.Timeout | undefined

  const stop = (reason: string): void => {
    if (controller.signal.aborted) return
    o.onStop(reason)
    controller.abort(reason)
    backstop = setTimeout(() => o.onOverrun(reason), BACKSTOP_MS)
    backstop.unref()
  }
  const onSignal = (sig: NodeJS.Signals): void => stop(`the runner sent ${sig}: its time for the job after the cancel, or the step's timeout, ran out`)
  proc.on('SIGINT', onSignal)
  proc.on('SIGTERM', onSignal)

  return {
    signal: controller.signal,
    startDeadline(ms) {
      if (ms >= MAX_TIMER_MS) return
      deadline = setTimeout(() => stop(`cancel-timeout ${durationText(ms)} ran out`), ms)
      deadline.unref()
    },
    dispose() {
      if (deadline) clearTimeout(deadline)
      if (backstop) clearTimeout(backstop)
      proc.off('SIGINT', onSignal)
      proc.off('SIGTERM', onSignal)
    },
  }
}
