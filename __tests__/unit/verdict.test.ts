// The step's verdict and the one log line: what fails the step, and what it says.
import { describe, expect, it } from 'vitest'
import { exitVerdict, headline } from '../../src/verdict.js'
import { record } from '../helpers/run-record.js'

describe('exitVerdict', () => {
  it('a deployed or planned run never fails the step', () => {
    expect(exitVerdict(record({ status: 'deployed', rolledBack: false }), true)).toBeUndefined()
    expect(exitVerdict(record({ status: 'planned', rolledBack: false }), true)).toBeUndefined()
  })

  it('an automatic rollback fails the step by default, naming both versions and the reason', () => {
    const r = record({ status: 'rolled-back', mode: 'deploy', version: 'v1.1.0', previousVersion: 'v1.0.0', reason: 'health: 500' })
    expect(exitVerdict(r, true)).toBe('Rolled back production from v1.1.0 to v1.0.0: health: 500')
  })

  it('an automatic rollback passes with fail-on-rollback false, and a manual one always passes', () => {
    expect(exitVerdict(record({ status: 'rolled-back', mode: 'deploy' }), false)).toBeUndefined()
    expect(exitVerdict(record({ status: 'rolled-back', mode: 'rollback' }), true)).toBeUndefined()
  })

  it('rollback-failed and failed always fail, whatever fail-on-rollback says', () => {
    for (const failOnRollback of [true, false]) {
      expect(exitVerdict(record({ status: 'rollback-failed', reason: 'v1.0.0 unhealthy too' }), failOnRollback)).toBe(
        'ROLLBACK FAILED in production: v1.0.0 unhealthy too',
      )
      expect(exitVerdict(record({ status: 'failed', version: 'v1.1.0', reason: 'backup failed' }), failOnRollback)).toBe(
        'Deploy of v1.1.0 to production failed: backup failed',
      )
    }
  })
})

describe('headline', () => {
  it('says outcome, environment, version, the previous version when known, and the reason', () => {
    const r = record({ status: 'rolled-back', version: 'v1.1.0', previousVersion: 'v1.0.0', reason: 'health: 500' })
    expect(headline(r)).toBe('rollback-action: rolled-back — production v1.1.0 (previous v1.0.0): health: 500')
    expect(headline(record({ status: 'failed', version: 'v1.0.0', previousVersion: undefined, reason: 'first deploy failed' }))).toBe(
      'rollback-action: failed — production v1.0.0: first deploy failed',
    )
  })
})
