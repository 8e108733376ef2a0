import { afterEach, describe, expect, it, vi } from 'vitest'
import { MAX_TIMER_MS, sleep } from '../../src/timing.js'

afterEach(() => {
  vi.useRealTimers()
})

/** Whether the promise has settled, without waiting for it. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false
  void p.then(() => (done = true))
  await Promise.resolve()
  await Promise.resolve()
  return done
}

describe('sleep past the timer limit', () => {
  // The fake clock fires a timer above 2^31-1 ms after 1 ms, as Node does.
  it('a wait longer than 2^31-1 ms is taken in pieces and ends on time, not after 1 ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'Date'] })
    const wait = 4 * MAX_TIMER_MS + 5000
    const p = sleep(wait)
    await vi.advanceTimersByTimeAsync(10)
    expect(await settled(p)).toBe(false)
    await vi.advanceTimersByTimeAsync(wait - 20)
    expect(await settled(p)).toBe(false)
    await vi.advanceTimersByTimeAsync(20)
    expect(await settled(p)).toBe(true)
  })

  it('a long wait still ends at once on abort', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'Date'] })
    const controller = new AbortController()
    const p = sleep(3 * MAX_TIMER_MS, controller.signal)
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 10)
    expect(await settled(p)).toBe(false)
    controller.abort()
    expect(await settled(p)).toBe(true)
  })

  it('short waits are unchanged (real timers)', async () => {
    const started = performance.now()
    await sleep(30)
    expect(performance.now() - started).toBeGreaterThanOrEqual(29)
    await sleep(0) // resolves on the next turn
  })
})
