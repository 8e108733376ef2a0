import { closeSync, openSync, readSync } from 'node:fs'

/**
 * A random (version 4) UUID, from the kernel's random source. The bundle gives @actions/core this
 * in place of node:crypto, which core asks only for randomUUID (the delimiter of each output and
 * state value): loading node:crypto costs about 3 ms, a twentieth of a healthy main step, while
 * reading /dev/urandom costs a few microseconds. The bytes are as random as crypto.randomUUID's;
 * where there is no /dev/urandom (Windows), node:crypto makes them.
 */
export function randomUUID(): string {
  const b = randomBytes16()
  b[6] = (b[6] & 0x0f) | 0x40 // version 4
  b[8] = (b[8] & 0x3f) | 0x80 // RFC 9562 variant
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** Random bytes for 16 UUIDs, read at once (a step writes a dozen outputs), handed out 16 at a time. */
const POOL_SIZE = 256
let pool: Buffer = Buffer.alloc(0)
let used = 0

function randomBytes16(): Buffer {
  if (used + 16 > pool.length) {
    pool = readUrandom(POOL_SIZE) ?? process.getBuiltinModule('node:crypto').randomBytes(POOL_SIZE)
    used = 0
  }
  // A copy: the caller sets the version bits in place, and no two UUIDs share bytes.
  return Buffer.from(pool.subarray(used, (used += 16)))
}

function readUrandom(size: number): Buffer | undefined {
  let fd: number | undefined
  try {
    fd = openSync('/dev/urandom', 'r')
    const b = Buffer.alloc(size)
    // The kernel fills a read of up to 256 bytes from urandom whole.
    return readSync(fd, b, 0, size, null) === size ? b : undefined
  } catch {
    return undefined // no /dev/urandom here: node:crypto instead
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
