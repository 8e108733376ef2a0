/** What each signal said over a whole gate: its last vote and evidence per subject, for the verdict and the summary. */
import type { SignalVote } from './signals/types.js'
import type { SignalEvidence, SignalId } from './types.js'

interface Entry {
  evidence: SignalEvidence
  votes: number
}

export class VoteTally {
  private readonly entries = new Map<string, Entry>()

  add(votes: readonly SignalVote[]): void {
    for (const v of votes) {
      const key = `${v.id} ${v.subject}`
      const entry = this.entries.get(key) ?? { evidence: { id: v.id, name: v.subject, rule: v.rule, vote: 'no data', evidence: '' }, votes: 0 }
      entry.votes++
      // An abstaining round does not undo the last real vote: "no data" is for a signal that never voted.
      if (v.kind !== 'abstain' || entry.evidence.vote === 'no data') {
        entry.evidence = { ...entry.evidence, vote: v.kind === 'pass' ? 'passed' : v.kind === 'fail' ? 'failed' : 'no data', evidence: v.evidence }
      }
      this.entries.set(key, entry)
    }
  }

  /** How many rounds a subject voted in (for the probe count of "never answered"). */
  count(id: SignalId, subject: string): number | undefined {
    return this.entries.get(`${id} ${subject}`)?.votes
  }

  evidence(): SignalEvidence[] {
    return [...this.entries.values()].map((e) => e.evidence)
  }

  /** "error-rate: no data (only 3 requests …)" for each subject that never voted: a pass is never claimed for it. */
  noData(): string[] {
    return this.evidence()
      .filter((e) => e.vote === 'no data')
      .map((e) => `${e.name}: no data (${e.evidence})`)
  }
}
