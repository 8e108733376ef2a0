// Post's stop switch: the runner's signals and the cancel-timeout deadline abort the story with a
// reason the report can quote, and a backstop fails the step if finishing hangs.
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPostStop } from '../../src/post-stop.js'

afterEach(() => vi.useRealTimers())

function harness() {
  const proc = new EventEmitter()
  const stops: string[] = []
  const overruns: string[] = []
  const stop = createPostStop({ onStop: (r) => stops.push(r), onOverrun: (r) => overruns.push(r), process: proc as unknown as NodeJS.Process })
  return { proc, stops, overruns, stop }
}

describe('createPostStop', () => {
  it('SIGINT aborts once, with a reason naming the signal; SIGTERM after it changes nothing', () => {
    const h = harness()
    expect(h.stop.signal.aborted).toBe(false)
    h.proc.emit('SIGINT', 'SIGINT')
    h.proc.emit('SIGTERM', 'SIGTERM')
    expect(h.stop.signal.aborted).toBe(true)
    expect(h.stop.signal.reason).toMatch(/^the runner sent SIGINT/)
    expect(h.stops).toHaveLength(1)
    h.stop.dispose()
    expect(h.proc.listenerCount('SIGINT')).toBe(0)
  })

  it('the deadline aborts with cancel-timeout in the reason; then the backstop fires 4.5 s later if post hangs', () => {
    vi.useFakeTimers()
    const h = harness()
    h.stop.startDeadline(120_000)
    vi.advanceTimersByTime(119_999)
    expect(h.stop.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(h.stop.signal.reason).toBe('cancel-timeout 2m ran out')
    vi.advanceTimersByTime(4499)
    expect(h.overruns).toEqual([])
    vi.advanceTimersByTime(1)
    expect(h.overruns).toEqual(['cancel-timeout 2m ran out'])
  })

  it('a deadline too long for a node timer never fires at once', () => {
    vi.useFakeTimers()
    const h = harness()
    h.stop.startDeadline(2 ** 31)
    vi.advanceTimersByTime(10)
    expect(h.stop.signal.aborted).toBe(false)
  })

  it('disposed after finishing: neither the deadline nor the backstop fires', () => {
    vi.useFakeTimers()
    const h = harness()
    h.stop.startDeadline(1000)
    h.stop.dispose()
    vi.advanceTimersByTime(10_000)
    expect(h.stop.signal.aborted).toBe(false)
  })
})
