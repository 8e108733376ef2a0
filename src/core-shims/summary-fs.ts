import { accessSync, appendFileSync, constants, writeFileSync } from 'node:fs'

/**
 * What the bundle gives @actions/core's job summary in place of node:fs. The summary reads
 * `fs.promises` as it loads, and the first read of `fs.promises` loads node:fs/promises (and
 * readline with it): about 2 ms of every step, for three functions. These do the same, at once:
 * the summary is a few kilobytes, and an asynchronous write would start libuv's thread pool for it.
 */
export { constants }

/** A synchronous fs function as the promise-returning one the summary awaits: errors reject. */
function settled<A extends unknown[]>(f: (...args: A) => void): (...args: A) => Promise<void> {
  return (...args) => {
    try {
      f(...args)
      return Promise.resolve()
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)))
    }
  }
}

export const promises = {
  access: settled(accessSync),
  appendFile: settled(appendFileSync),
  writeFile: settled(writeFileSync),
}
