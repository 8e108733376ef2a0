/** Small timing helpers shared by the gate, the Slack sender, the deployments lock and the story. */

/**
 * Node's timers hold a signed 32-bit delay: anything above 2^31−1 ms (about 24.8 days) fires
 * after 1 ms instead. Every wait we start stays at or below this.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** The longest duration any input accepts: 24 days, a round figure under MAX_TIMER_MS. */
export const MAX_DURATION_MS = 24 * 24 * 60 * 60 * 1000

/**
 * Milliseconds on a monotonic clock, for measuring spans. Not `performance.now()`: the first use of
 * the `performance` global loads node:perf_hooks, about 1 ms of a step that may last 60.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

/** Resolves after `ms`, or at once when the signal aborts (the caller checks the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    let timer: NodeJS.Timeout | undefined
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    // A wait made of settings added together (four intervals, a soak's grace) may pass the timer's
    // limit: it is waited in pieces, so it never fires early.
    const until = monotonicMs() + Math.max(0, ms)
    const wait = (): void => {
      timer = setTimeout(() => (monotonicMs() >= until ? done() : wait()), Math.min(Math.max(0, until - monotonicMs()), MAX_TIMER_MS))
    }
    signal?.addEventListener('abort', done, { once: true })
    wait()
  })
}

/** A Retry-After header (seconds or an HTTP date) in ms; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined
  const h = header.trim()
  if (/^\d+$/.test(h)) return Number(h) * 1000
  const at = Date.parse(h)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** A setting's duration as the inputs are written (600 → "600ms", 1500 → "1.5s", 90000 → "1m30s"), for reasons and logs; measured times use formatDuration. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))}s`
  const s = Math.round(ms / 1000)
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60]
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${sec ? `${sec}s` : ''}`
}
