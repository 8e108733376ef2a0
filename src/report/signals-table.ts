/** The job summary's table of each signal's vote over one gate, so a passing endpoint under a gate that failed on another signal reads as what it is. */
import type { GateVerdict } from '../gate/types.js'

const ICONS = { passed: '✅', failed: '❌', 'no data': '➖' } as const

/** Markdown lines (empty when the verdict has no signal votes, as in records from before them). */
export function signalsTable(v: GateVerdict): string[] {
  if (!v.signals?.length) return []
  const cell = (c: string) => c.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
  const gate = v.check === 'cancelled' ? 'cancelled' : v.passed ? 'passed' : `failed on ${v.check}`
  return [
    '',
    `Signals (gate ${gate}):`,
    '',
    '| Signal | Subject | Vote | Rule | Evidence |',
    '|---|---|---|---|---|',
    ...v.signals.map((s) => `| ${s.id} | ${cell(s.name)} | ${ICONS[s.vote]} ${s.vote} | ${cell(s.rule)} | ${cell(s.evidence)} |`),
  ]
}
