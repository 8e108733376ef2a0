/**
 * Ids that only need to be unique on this machine (a command's marker in its environment, a scratch
 * directory's name), not unpredictable: pid, time and randomness, without node:crypto, whose
 * entropy pool costs a healthy run a few milliseconds to fill.
 */
export function localId(): string {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0')
  return `${process.pid.toString(36)}-${Date.now().toString(36)}-${random()}${random()}`
}
