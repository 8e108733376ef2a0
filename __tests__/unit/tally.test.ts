import { describe, expect, it } from 'vitest'
import type { SignalVote } from '../../src/gate/signals/types.js'
import { VoteTally } from '../../src/gate/tally.js'

const vote = (kind: SignalVote['kind'], evidence: string, subject = 'error-rate'): SignalVote => ({
  id: 'prometheus',
  signal: subject,
  subject,
  rule: 'q < 0.05',
  kind,
  evidence,
  answered: kind !== 'abstain',
})

describe('VoteTally', () => {
  it('keeps each subject’s last real vote: an abstaining round does not undo it', () => {
    const t = new VoteTally()
    t.add([vote('abstain', 'no data'), vote('pass', 'x ok', 'other')])
    t.add([vote('fail', 'error-rate = 0.2')])
    t.add([vote('abstain', 'no data again')])
    expect(t.evidence()).toEqual([
      { id: 'prometheus', name: 'error-rate', rule: 'q < 0.05', vote: 'failed', evidence: 'error-rate = 0.2' },
      { id: 'prometheus', name: 'other', rule: 'q < 0.05', vote: 'passed', evidence: 'x ok' },
    ])
    expect(t.count('prometheus', 'error-rate')).toBe(3)
  })

  it('names the subjects that never voted, with their reason', () => {
    const t = new VoteTally()
    t.add([vote('abstain', 'only 3 requests'), vote('pass', 'ok', 'b')])
    expect(t.noData()).toEqual(['error-rate: no data (only 3 requests)'])
  })
})
