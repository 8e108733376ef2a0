import { describe, expect, it } from 'vitest'
import { type ProcessEntry, treeMembers } from '../../src/process-tree.js'

const p = (pid: number, ppid: number, o: Partial<ProcessEntry> = {}): ProcessEntry => ({ pid, ppid, startTime: `t${pid}`, zombie: false, marked: false, ...o })
const pids = (entries: ProcessEntry[]) => entries.map((e) => e.pid).sort((a, b) => a - b)

describe('treeMembers', () => {
  const table = [
    p(1, 0),
    p(10, 1), // us
    p(20, 10), // bash, the root
    p(21, 20, { marked: true }),
    p(22, 21), // env -i: no marker, found through its parent
    p(23, 22),
    p(30, 1, { marked: true }), // setsid -f: an orphan carrying the marker
    p(31, 30),
    p(40, 1), // the app a previous command deployed: another id, not ours
    p(41, 40),
  ]

  it('takes the root, the marked, and every descendant of them; never us, never a stranger', () => {
    expect(pids(treeMembers(table, { rootPid: 20, known: new Set(), self: 10 }))).toEqual([20, 21, 22, 23, 30, 31])
  })

  it('keeps following a process seen before once its parent is gone, but not a later process reusing its pid', () => {
    const orphaned = [p(1, 0), p(22, 1), p(23, 22), p(20, 1, { startTime: 'later' })]
    // 20 was bash; a new, unrelated process now has pid 20
    expect(pids(treeMembers(orphaned, { rootPid: 20, known: new Set(['20:t20', '22:t22']), self: 10 }))).toEqual([22, 23])
  })
})
