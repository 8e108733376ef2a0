import { describe, expect, it } from 'vitest'
import { ErrorRateWindow, errorRateObservation } from '../../src/gate/error-rate-window.js'
import { GatePolicy, RETRY_AFTER_CAP, nextDelay, percent, type Observation } from '../../src/gate/policy.js'
import type { FailureKind } from '../../src/gate/types.js'

const settings = { successThreshold: 2, failureThreshold: 3, startupTimeoutMs: 10_000, soakMs: 0, intervalMs: 100 }
const fail = (kind: FailureKind, message: string, status?: number) => ({ at: '', kind, message, status })
const ok = (name = 'a'): Observation => ({ name, ok: true, answered: true, status: 200 })
const refused = (name = 'a'): Observation => ({ name, ok: false, answered: false, failure: fail('refused', 'connection refused') })
const timeout = (name = 'a'): Observation => ({ name, ok: false, answered: false, failure: fail('timeout', 'no answer within 1000ms') })
const status = (code: number, name = 'a'): Observation => ({
  name,
  ok: false,
  answered: true,
  status: code,
  failure: fail('status', `status ${code} not in 200-299`, code),
})
const wrongBody = (name = 'a'): Observation => ({ name, ok: false, answered: true, status: 200, failure: fail('version', 'body does not contain version v2') })

describe('GatePolicy: starting up', () => {
  it('does not count refused connections, timeouts, resets and 502/503/504 before the first answer', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 1 }, 0)
    const starting: Observation[] = [
      refused(),
      timeout(),
      status(502),
      status(503),
      status(504),
      { name: 'a', ok: false, answered: false, failure: fail('reset', 'connection reset') },
    ]
    for (const [i, o] of starting.entries()) expect(p.observe(i + 1, [o])).toEqual({ kind: 'continue' })
    expect(p.endpoint('a')).toEqual({ answered: false, streak: 0 })
    expect(p.observe(10, [ok()])).toEqual({ kind: 'continue' })
    expect(p.observe(11, [ok()])).toEqual({ kind: 'passed', phase: 'health' })
  })

  it('any other HTTP response is an answer: a 500 counts, and so does everything after it', () => {
    const p = new GatePolicy(settings, 0)
    expect(p.observe(1, [status(500)])).toEqual({ kind: 'continue' })
    expect(p.endpoint('a')).toEqual({ answered: true, streak: 1 })
    expect(p.observe(2, [timeout()])).toEqual({ kind: 'continue' }) // counted now
    expect(p.observe(3, [status(503)])).toMatchObject({
      kind: 'failed',
      check: 'health',
      endpoint: 'a',
      failures: 3,
      failure: { message: 'status 503 not in 200-299' },
    })
  })

  it('after a pass, a 200 failing body/version/latency counts as a failure', () => {
    const p = new GatePolicy(settings, 0)
    p.observe(1, [ok()])
    p.observe(2, [wrongBody()])
    p.observe(3, [wrongBody()])
    expect(p.observe(4, [wrongBody()])).toMatchObject({ kind: 'failed', check: 'health', failure: { kind: 'version' } })
  })

  it('a 200 that fails a check is an answer too (an old instance still answering)', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 2 }, 0)
    expect(p.observe(1, [wrongBody()])).toEqual({ kind: 'continue' })
    expect(p.observe(2, [wrongBody()])).toMatchObject({ kind: 'failed', check: 'health', failures: 2 })
  })

  it('needs consecutive failures: a pass resets the streak', () => {
    const p = new GatePolicy({ ...settings, successThreshold: 100 }, 0)
    for (let t = 1; t <= 11; t++) expect(p.observe(t, [t % 3 === 0 ? ok() : status(500)]).kind).toBe('continue')
    expect(p.counting()).toBe(true)
    p.observe(12, [ok()])
    expect(p.counting()).toBe(false)
  })

  it('needs successThreshold consecutive all-passing rounds; any failing endpoint resets them', () => {
    const p = new GatePolicy({ ...settings, successThreshold: 3 }, 0)
    expect(p.observe(1, [ok('a'), ok('b')]).kind).toBe('continue')
    expect(p.observe(2, [ok('a'), ok('b')]).kind).toBe('continue')
    expect(p.observe(3, [ok('a'), refused('b')]).kind).toBe('continue')
    expect(p.passingRounds).toBe(0)
    expect(p.observe(4, [ok('a'), ok('b')]).kind).toBe('continue')
    expect(p.observe(5, [ok('a'), ok('b')]).kind).toBe('continue')
    expect(p.observe(6, [ok('a'), ok('b')])).toEqual({ kind: 'passed', phase: 'health' })
  })

  it('names the endpoint that reached the threshold, not a healthy neighbour', () => {
    const p = new GatePolicy(settings, 0)
    const round = () => [ok('https://a/health'), status(500, 'https://b/health'), ok('https://c/health')]
    expect(p.observe(1, round()).kind).toBe('continue')
    expect(p.observe(2, round()).kind).toBe('continue')
    expect(p.observe(3, round())).toMatchObject({ kind: 'failed', check: 'health', endpoint: 'https://b/health', failures: 3 })
  })
})

describe('GatePolicy: a request that cannot be sent', () => {
  const config = (name = 'a'): Observation => ({
    name,
    ok: false,
    answered: false,
    failure: fail('config', 'the request could not be sent (UND_ERR_INVALID_ARG: invalid x-env header)'),
  })

  it('fails the gate at once before the first answer: it is never "still starting"', () => {
    const p = new GatePolicy(settings, 0)
    expect(p.observe(1, [ok('b'), config()])).toMatchObject({
      kind: 'failed',
      check: 'config',
      endpoint: 'a',
      failures: 1,
      answered: false,
      failure: { kind: 'config' },
    })
  })

  it('fails at once during a soak and in a later round, whatever the threshold', () => {
    const p = new GatePolicy({ ...settings, soakMs: 1000, failureThreshold: 5 }, 0)
    p.observe(1, [ok()])
    p.observe(2, [ok()])
    expect(p.passed).toBe(true)
    expect(p.observe(3, [config()])).toMatchObject({ kind: 'failed', check: 'config', failures: 1 })
  })

  it('on the error-rate reader too', () => {
    const p = new GatePolicy(settings, 0)
    expect(p.observe(1, [{ ...config('m'), rule: 'error-rate' }])).toMatchObject({ kind: 'failed', check: 'config', endpoint: 'm', rule: 'error-rate' })
  })
})

describe('GatePolicy: startup timeout', () => {
  it('fails at the deadline when it never passed, blaming the endpoint that never answered', () => {
    const p = new GatePolicy(settings, 1000)
    expect(p.dueAt()).toBe(11_000)
    expect(p.observe(10_999, [ok('a'), refused('b')]).kind).toBe('continue')
    expect(p.observe(11_000, [ok('a'), refused('b')])).toMatchObject({
      kind: 'failed',
      check: 'startup-timeout',
      endpoint: 'b',
      answered: false,
      failure: { kind: 'refused', message: 'connection refused' },
    })
  })

  it('blames the last failure when the deadline falls on a passing round, and says when nothing failed', () => {
    const p = new GatePolicy({ ...settings, successThreshold: 3 }, 0)
    p.observe(1, [status(500, 'a'), ok('b')])
    p.observe(2, [ok('a'), ok('b')])
    expect(p.observe(10_000, [ok('a'), ok('b')])).toMatchObject({ check: 'startup-timeout', endpoint: 'a', answered: true, passes: 2 })

    const q = new GatePolicy({ ...settings, successThreshold: 3, startupTimeoutMs: 10 }, 0)
    expect(q.observe(5, [ok()]).kind).toBe('continue')
    expect(q.observe(10, [ok()])).toMatchObject({ kind: 'failed', check: 'startup-timeout', endpoint: '', passes: 2 })
  })

  it('a pass in the round at the deadline still counts', () => {
    const p = new GatePolicy({ ...settings, startupTimeoutMs: 100 }, 0)
    p.observe(50, [ok()])
    expect(p.observe(100, [ok()])).toEqual({ kind: 'passed', phase: 'health' })
  })
})

describe('GatePolicy: soak', () => {
  const soak = { ...settings, failureThreshold: 2, soakMs: 1000 }

  it('keeps probing soakMs after the pass, then passes with phase soak', () => {
    const p = new GatePolicy(soak, 0)
    p.observe(100, [ok()])
    expect(p.observe(200, [ok()])).toEqual({ kind: 'continue' }) // health passed, soaking
    expect(p.passed).toBe(true)
    expect(p.dueAt()).toBe(1200)
    expect(p.observe(1100, [ok()])).toEqual({ kind: 'continue' })
    expect(p.observe(1200, [ok()])).toEqual({ kind: 'passed', phase: 'soak' })
  })

  it('a single 500 with threshold 2 that recovers does not fail the soak', () => {
    const p = new GatePolicy(soak, 0)
    p.observe(1, [ok()])
    p.observe(2, [ok()])
    expect(p.observe(300, [status(500)])).toEqual({ kind: 'continue' })
    expect(p.observe(600, [ok()])).toEqual({ kind: 'continue' })
    expect(p.observe(1002, [ok()])).toEqual({ kind: 'passed', phase: 'soak' })
  })

  it('fails the soak at the threshold; refused connections count then', () => {
    const p = new GatePolicy(soak, 0)
    p.observe(1, [ok()])
    p.observe(2, [ok()])
    expect(p.observe(3, [refused()])).toEqual({ kind: 'continue' })
    expect(p.observe(4, [status(500)])).toMatchObject({ kind: 'failed', check: 'soak', endpoint: 'a', failures: 2 })
  })

  it('does not end the soak part-way to the threshold: the blip must recover or fail', () => {
    const p = new GatePolicy({ ...soak, failureThreshold: 3 }, 0)
    p.observe(1, [ok()])
    p.observe(2, [ok()])
    expect(p.observe(1500, [status(500)])).toEqual({ kind: 'continue' }) // soak time is over, but a streak runs
    expect(p.observe(1600, [status(500)])).toEqual({ kind: 'continue' })
    expect(p.observe(1700, [status(500)])).toMatchObject({ kind: 'failed', check: 'soak' })

    const q = new GatePolicy({ ...soak, failureThreshold: 3 }, 0)
    q.observe(1, [ok()])
    q.observe(2, [ok()])
    expect(q.observe(1500, [status(500)])).toEqual({ kind: 'continue' })
    expect(q.observe(1600, [ok()])).toEqual({ kind: 'passed', phase: 'soak' })
  })

  it('bounds the soak: endpoints failing by turns fail it failureThreshold intervals past its end', () => {
    const p = new GatePolicy({ ...soak, failureThreshold: 3 }, 0)
    p.observe(1, [ok('a'), ok('b')])
    p.observe(2, [ok('a'), ok('b')]) // passed; the soak ends at 1002
    // Neither fails twice in a row, so the threshold alone would never decide.
    const turn = (i: number) => (i % 2 ? [status(500, 'a'), ok('b')] : [ok('a'), status(500, 'b')])
    for (let i = 1; i <= 10; i++) expect(p.observe(2 + i * 100, turn(i))).toEqual({ kind: 'continue' })
    expect(p.dueAt()).toBe(1302) // 3 × 100ms of grace from the first round past the end
    expect(p.observe(1102, turn(11))).toEqual({ kind: 'continue' })
    expect(p.observe(1202, turn(12))).toEqual({ kind: 'continue' })
    expect(p.observe(1302, turn(13))).toMatchObject({
      kind: 'failed',
      check: 'soak',
      endpoint: 'a',
      failures: 1,
      failure: { message: 'status 500 not in 200-299' },
    })
  })

  it('a blip still running at the end of the soak that recovers within the grace passes', () => {
    const p = new GatePolicy({ ...soak, failureThreshold: 3 }, 0)
    p.observe(1, [ok('a'), ok('b')])
    p.observe(2, [ok('a'), ok('b')])
    expect(p.observe(1002, [status(500, 'a'), ok('b')])).toEqual({ kind: 'continue' })
    expect(p.dueAt()).toBe(1302)
    expect(p.observe(1102, [timeout('a'), ok('b')])).toEqual({ kind: 'continue' })
    expect(p.observe(1302, [ok('a'), ok('b')])).toEqual({ kind: 'passed', phase: 'soak' }) // recovered in the round at the deadline
  })

  it('a soak-only gate (after the smoke command) counts every failure from the first probe', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 1, soakMs: 500, soakOnly: true }, 0)
    expect(p.passed).toBe(true)
    expect(p.observe(1, [refused()])).toMatchObject({ kind: 'failed', check: 'soak' })
  })
})

describe('GatePolicy: error-rate pseudo-endpoint', () => {
  const rate = (ok: boolean, answered = true): Observation => ({
    name: 'http://m/metrics',
    rule: 'error-rate',
    ok,
    answered,
    failure: ok ? undefined : fail(answered ? 'status' : 'refused', answered ? 'error rate 10% over max-error-rate 5%' : 'connection refused'),
  })

  it('counts a rate over the maximum toward the threshold and fails check error-rate, naming the metrics URL', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 2 }, 0)
    expect(p.observe(1, [ok(), rate(false)]).kind).toBe('continue')
    expect(p.observe(2, [ok(), rate(false)])).toMatchObject({
      kind: 'failed',
      check: 'error-rate',
      endpoint: 'http://m/metrics',
      rule: 'error-rate',
      failures: 2,
    })
  })

  it('a failing rate round is not a passing round', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 5 }, 0)
    p.observe(1, [ok(), rate(true)])
    expect(p.observe(2, [ok(), rate(false)]).kind).toBe('continue')
    expect(p.passingRounds).toBe(0)
  })

  it('an unreachable metrics endpoint is still starting until first read, then counts', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 1, successThreshold: 5 }, 0)
    expect(p.observe(1, [ok(), rate(false, false)]).kind).toBe('continue')
    p.observe(2, [ok(), rate(true)])
    expect(p.observe(3, [ok(), rate(false, false)])).toMatchObject({ kind: 'failed', check: 'error-rate' })
  })

  it('keeps its streak apart from a health URL of the same name', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 2, successThreshold: 5 }, 0)
    p.observe(1, [status(500, 'http://m/metrics'), rate(true)])
    expect(p.observe(2, [ok('http://m/metrics'), rate(false)]).kind).toBe('continue')
    expect(p.endpoint('http://m/metrics')).toEqual({ answered: true, streak: 0 })
    expect(p.endpoint('http://m/metrics', 'error-rate')).toEqual({ answered: true, streak: 1 })
  })
})

describe('nextDelay', () => {
  const base = { intervalMs: 100, elapsedMs: 0, counting: false, untilDueMs: 10_000 }

  it('starts rounds one interval apart, counting the round itself', () => {
    expect(nextDelay(base)).toBe(100)
    expect(nextDelay({ ...base, elapsedMs: 30 })).toBe(70)
    expect(nextDelay({ ...base, elapsedMs: 300 })).toBe(0)
  })

  it('honours Retry-After up to the cap', () => {
    expect(nextDelay({ ...base, retryAfterMs: 250 })).toBe(250)
    expect(nextDelay({ ...base, retryAfterMs: 60_000 })).toBe(RETRY_AFTER_CAP * 100)
    expect(nextDelay({ ...base, retryAfterMs: 10 })).toBe(100) // never shorter than the interval
  })

  it('ignores Retry-After while a failure streak runs, so the verdict stays fast', () => {
    expect(nextDelay({ ...base, retryAfterMs: 60_000, counting: true })).toBe(100)
  })

  it('never waits past the moment the next decision is due; once it is past, the next round starts at once', () => {
    expect(nextDelay({ ...base, retryAfterMs: 60_000, untilDueMs: 120 })).toBe(120)
    expect(nextDelay({ ...base, untilDueMs: 40 })).toBe(40)
    expect(nextDelay({ ...base, untilDueMs: -500 })).toBe(0)
  })
})

describe('ErrorRateWindow', () => {
  it('measures growth since the first read; errors from before the gate never count', () => {
    const w = new ErrorRateWindow(0.05)
    expect(w.add({ errors: 1000, total: 5000 })).toEqual({ errors: 0, total: 0, rate: 0, max: 0.05 })
    expect(w.add({ errors: 1005, total: 5100 })).toEqual({ errors: 5, total: 100, rate: 0.05, max: 0.05 })
    expect(w.add({ errors: 1020, total: 5200 })).toMatchObject({ errors: 20, total: 200, rate: 0.1 })
  })

  it('rate is 0 when no request came in, even with errors counted', () => {
    const w = new ErrorRateWindow(0.05)
    w.add({ errors: 3, total: 10 })
    expect(w.add({ errors: 4, total: 10 }).rate).toBe(0)
  })

  it('treats a counter that went down as reset (a restart): its new value is all growth', () => {
    const w = new ErrorRateWindow(0.05)
    w.add({ errors: 50, total: 1000 })
    w.add({ errors: 52, total: 1100 }) // +2 / +100
    expect(w.add({ errors: 8, total: 20 })).toMatchObject({ errors: 10, total: 120 })
  })

  it('turns a rate into an observation with its evidence', () => {
    const at = '2026-11-23T00:00:00.000Z'
    expect(errorRateObservation('http://m/metrics', { errors: 1, total: 100, rate: 0.01, max: 0.05 }, at)).toEqual({
      name: 'http://m/metrics',
      rule: 'error-rate',
      ok: true,
      answered: true,
    })
    expect(errorRateObservation('http://m/metrics', { errors: 12, total: 100, rate: 0.12, max: 0.05 }, at)).toMatchObject({
      ok: false,
      answered: true,
      failure: { at, kind: 'status', message: 'error rate 12% over max-error-rate 5% (12 of 100 requests since the gate started)' },
    })
    expect(errorRateObservation('m', { errors: 5, total: 100, rate: 0.05, max: 0.05 }, at).ok).toBe(true) // at the max is within bounds
  })

  it('formats percentages', () => {
    expect([percent(0), percent(0.05), percent(0.1), percent(0.0123), percent(1), percent(0.005)]).toEqual(['0%', '5%', '10%', '1.23%', '100%', '0.5%'])
  })
})

describe('GatePolicy: abstaining votes (no data)', () => {
  const noData = (abstain: 'required' | 'wait' | 'free'): Observation => ({
    name: 'q',
    rule: 'prometheus',
    abstain,
    ok: false,
    answered: false,
    failure: fail('error', 'q: no data (empty result)'),
  })

  it('a required signal without data keeps the round from passing, and is named at the deadline', () => {
    const p = new GatePolicy(settings, 0)
    expect(p.observe(1, [ok(), noData('required')])).toEqual({ kind: 'continue' })
    expect(p.observe(2, [ok(), noData('required')])).toEqual({ kind: 'continue' })
    expect(p.observe(10_000, [ok(), noData('required')])).toMatchObject({
      kind: 'failed',
      check: 'startup-timeout',
      endpoint: 'q',
      rule: 'prometheus',
      answered: false,
      failure: { message: 'q: no data (empty result)' },
    })
  })

  it('no data never counts as a failure, and does not break a failure streak either', () => {
    const p = new GatePolicy(settings, 0)
    const failing: Observation = { name: 'q', rule: 'prometheus', ok: false, answered: true, failure: fail('error', 'q = 1 (max < 0.05)') }
    p.observe(1, [failing])
    p.observe(2, [noData('required')])
    p.observe(3, [failing])
    expect(p.observe(4, [failing])).toMatchObject({ kind: 'failed', check: 'prometheus', failures: 3 })
  })

  it('a free abstain lets the round pass', () => {
    const p = new GatePolicy(settings, 0)
    p.observe(1, [ok(), noData('free')])
    expect(p.observe(2, [ok(), noData('free')])).toEqual({ kind: 'passed', phase: 'health' })
  })

  it('a waiting signal (the baseline) holds the pass until it votes or the window ends', () => {
    const p = new GatePolicy(settings, 0)
    for (let t = 1; t <= 5; t++) expect(p.observe(t, [ok(), noData('wait')])).toEqual({ kind: 'continue' })
    expect(p.observe(6, [ok(), { name: 'q', rule: 'baseline', ok: true, answered: true }])).toEqual({ kind: 'passed', phase: 'health' })
    const q = new GatePolicy(settings, 0)
    for (let t = 1; t <= 5; t++) q.observe(t, [ok(), noData('wait')])
    expect(q.observe(10_000, [ok(), noData('wait')])).toEqual({ kind: 'passed', phase: 'health' })
  })
})
