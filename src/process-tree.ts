import { readdirSync, readFileSync } from 'node:fs'

/**
 * Every command runs with this variable set to a fresh random id. Children inherit it, including
 * those that leave the command's process group (`set -m`, `setsid`, daemons), so on a timeout or
 * cancel every process still carrying it belongs to the command and is stopped.
 */
export const COMMAND_ID_ENV = 'ROLLBACK_ACTION_COMMAND_ID'

/** One row of the process table, as much as stopping a tree needs. */
export interface ProcessEntry {
  pid: number
  ppid: number
  /** Start time in clock ticks since boot: with the pid, it tells a process from a later one that reused its pid. */
  startTime: string
  /** Exited and waiting for its parent: nothing left to stop. */
  zombie: boolean
  /** Its environment carries the command's id. */
  marked: boolean
}

export interface StopTreeOptions {
  /** The command's own process (bash): the leader of its process group. */
  rootPid: number | undefined
  /** The value of COMMAND_ID_ENV this command was started with. */
  commandId: string
  /** How long SIGTERM has before SIGKILL. */
  graceMs: number
  /** How long to wait for SIGKILL to take effect before giving up. */
  killWaitMs?: number
  pollMs?: number
}

const identity = (p: Pick<ProcessEntry, 'pid' | 'startTime'>): string => `${p.pid}:${p.startTime}`

/**
 * The processes of a command, from one reading of the table: those carrying its id, the root, any
 * process seen in the tree before (same pid AND start time, so a reused pid is never taken), and
 * every descendant of those through parent links (a child that cleared its environment with `env -i`
 * is found through its parent, while that parent lives).
 */
export function treeMembers(table: ProcessEntry[], o: { rootPid: number; known: ReadonlySet<string>; self: number }): ProcessEntry[] {
  const members = new Map<number, ProcessEntry>()
  for (const p of table) {
    if (p.pid === o.self) continue
    if (p.marked || o.known.has(identity(p)) || (o.known.size === 0 && p.pid === o.rootPid)) members.set(p.pid, p)
  }
  const children = new Map<number, ProcessEntry[]>()
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p])
  const queue = [...members.values()]
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!.pid) ?? []) {
      if (child.pid === o.self || members.has(child.pid)) continue
      members.set(child.pid, child)
      queue.push(child)
    }
  }
  return [...members.values()]
}

/** The process table from /proc (Linux); undefined where there is none (macOS, Windows). */
export function readProcessTable(commandId: string): ProcessEntry[] | undefined {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return undefined
  }
  // Entries of /proc/<pid>/environ end in NUL: the whole entry, so one id never matches a longer one.
  const needle = `${COMMAND_ID_ENV}=${commandId}\0`
  const table: ProcessEntry[] = []
  for (const pid of pids) {
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // exited while we read
    }
    // "pid (comm) state ppid … starttime": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    let marked = false
    try {
      marked = readFileSync(`/proc/${pid}/environ`).includes(needle)
    } catch {
      // Another user's process, or gone: not one of ours by marker (its parent link may still say so).
    }
    table.push({ pid: Number(pid), ppid: Number(fields[1]), startTime: fields[19] ?? '', zombie: fields[0] === 'Z' || fields[0] === 'X', marked })
  }
  return table
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch {
    // Already gone, or not ours to signal.
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Stops every process a command started: SIGTERM, then SIGKILL to what is left after `graceMs`,
 * then waits at most `killWaitMs` for them to go. Resolves when none is left or the time is up;
 * never waits longer than graceMs + killWaitMs (plus one poll).
 *
 * On Linux the tree is found in /proc (the command id in each process's environment, and parent
 * links); it is read again on every poll, so a process forked during the grace is stopped too.
 * Elsewhere only the command's process group is signalled: a child that left the group survives.
 */
export async function stopProcessTree(o: StopTreeOptions): Promise<void> {
  const { rootPid } = o
  if (!rootPid) return
  const pollMs = o.pollMs ?? 50
  const known = new Set<string>()
  const termed = new Set<string>()
  let groupTermed = false
  /** Signals the tree (SIGTERM once per process, SIGKILL on every sweep) and says how many of it still run. */
  const sweep = (sig: NodeJS.Signals): number => {
    // The group first: it is all there is to go on without /proc, and one call reaches most of the tree.
    if (sig === 'SIGKILL' || !groupTermed) signal(-rootPid, sig)
    groupTermed = true
    const table = readProcessTable(o.commandId)
    if (!table) return groupAlive(rootPid) ? 1 : 0
    let alive = 0
    for (const p of treeMembers(table, { rootPid, known, self: process.pid })) {
      const id = identity(p)
      known.add(id)
      if (p.zombie) continue
      alive++
      if (sig === 'SIGKILL' || !termed.has(id)) signal(p.pid, sig)
      termed.add(id)
    }
    return alive
  }
  const until = async (sig: NodeJS.Signals, ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms
    for (;;) {
      if (sweep(sig) === 0) return true
      if (Date.now() >= deadline) return false
      await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())))
    }
  }
  if (await until('SIGTERM', o.graceMs)) return
  await until('SIGKILL', o.killWaitMs ?? 1000)
}
