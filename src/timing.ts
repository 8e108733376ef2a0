/** Small timing helpers shared by the gate, the Slack sender, the deployments lock and the story. */

/** Resolves after `ms`, or at once when the signal aborts (the caller checks the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, Math.max(0, ms))
    signal?.addEventListener('abort', done, { once: true })
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
