import { describe, expect, it } from 'vitest'
import { GatePolicy, type Observation } from '../../src/gate/policy.js'

const settings = { successThreshold: 2, failureThreshold: 3, startupTimeoutMs: 10_000, soakMs: 0 }
const ok = (name = 'a'): Observation => ({ name, ok: true, answered: true, status: 200 })
const refused = (name = 'a'): Observation => ({ name, ok: false, answered: false, failure: { at: '', kind: 'refused', message: 'connection refused' } })
const status = (code: number, name = 'a'): Observation => ({ name, ok: false, answered: true, status: code, failure: { at: '', kind: 'status', message: `status ${code}` } })

describe('GatePolicy', () => {
  it('does not count refused connections and 502/503/504 before the first answer', () => {
    const p = new GatePolicy(settings, 0)
    for (let t = 1; t <= 20; t++) expect(p.observe(t, [t % 2 ? refused() : status(503)]).kind).toBe('continue')
    expect(p.observe(21, [ok()]).kind).toBe('continue')
    expect(p.observe(22, [ok()])).toEqual({ kind: 'passed', phase: 'health' })
  })

  it('counts every failure once the service has answered, and fails at the threshold at once', () => {
    const p = new GatePolicy(settings, 0)
    expect(p.observe(1, [status(500)]).kind).toBe('continue') // a 500 is an answer
    expect(p.observe(2, [refused()]).kind).toBe('continue') // counted now
    const d = p.observe(3, [status(503)])
    expect(d).toMatchObject({ kind: 'failed', check: 'health', endpoint: 'a', failures: 3 })
  })

  it('needs consecutive passing rounds; a failing round resets them', () => {
    const p = new GatePolicy(settings, 0)
    expect(p.observe(1, [ok()]).kind).toBe('continue')
    expect(p.observe(2, [status(500)]).kind).toBe('continue')
    expect(p.observe(3, [ok()]).kind).toBe('continue')
    expect(p.observe(4, [ok()]).kind).toBe('passed')
  })

  it('a round passes only when every endpoint passes, and the failing one is named', () => {
    const p = new GatePolicy(settings, 0)
    for (let t = 1; t <= 2; t++) expect(p.observe(t, [ok('a'), status(500, 'b'), ok('c')]).kind).toBe('continue')
    expect(p.observe(3, [ok('a'), status(500, 'b'), ok('c')])).toMatchObject({ kind: 'failed', endpoint: 'b' })
  })

  it('fails on the startup timeout when it never passes', () => {
    const p = new GatePolicy(settings, 0)
    expect(p.observe(9_999, [refused()]).kind).toBe('continue')
    expect(p.observe(10_000, [refused()])).toMatchObject({ kind: 'failed', check: 'startup-timeout', endpoint: 'a' })
  })

  it('soaks after passing with the same failure rule; a blip that recovers does not fail it', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 2, soakMs: 1000 }, 0)
    p.observe(1, [ok()])
    expect(p.observe(2, [ok()]).kind).toBe('continue') // passed, soaking
    expect(p.observe(100, [status(500)]).kind).toBe('continue')
    expect(p.observe(200, [ok()]).kind).toBe('continue')
    expect(p.observe(1002, [ok()])).toEqual({ kind: 'passed', phase: 'soak' })
  })

  it('fails the soak at the threshold, and counts refused connections then too', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 2, soakMs: 1000 }, 0)
    p.observe(1, [ok()])
    p.observe(2, [ok()])
    expect(p.observe(3, [refused()]).kind).toBe('continue')
    expect(p.observe(4, [status(500)])).toMatchObject({ kind: 'failed', check: 'soak' })
  })

  it('a soak-only gate judges from the first probe', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 1, soakMs: 500, soakOnly: true }, 0)
    expect(p.observe(1, [refused()])).toMatchObject({ kind: 'failed', check: 'soak' })
  })

  it('reports the error-rate pseudo-endpoint as check error-rate', () => {
    const p = new GatePolicy({ ...settings, failureThreshold: 1, errorRateName: 'rate' }, 0)
    expect(p.observe(1, [ok(), { name: 'rate', ok: false, answered: true, failure: { at: '', kind: 'status', message: 'error rate 10%' } }])).toMatchObject({ kind: 'failed', check: 'error-rate' })
  })
})
