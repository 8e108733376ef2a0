import { closeSync, openSync, readSync } from 'node:fs'

/**
 * A random (version 4) UUID, from the kernel's random source. The bundle gives @actions/core this
 * in place of node:crypto, which core asks only for randomUUID (the delimiter of each output and
 * state value): loading node:crypto costs about 3 ms, a twentieth of a healthy main step, while
 * reading 16 bytes of /dev/urandom costs a few microseconds. The bytes are as random as
 * crypto.randomUUID's; where there is no /dev/urandom (Windows), node:crypto makes them.
 */
export function randomUUID(): string {
  const b = randomBytes16()
  b[6] = (b[6] & 0x0f) | 0x40 // version 4
  b[8] = (b[8] & 0x3f) | 0x80 // RFC 9562 variant
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function randomBytes16(): Buffer {
  const b = Buffer.alloc(16)
  let fd: number | undefined
  try {
    fd = openSync('/dev/urandom', 'r')
    // The kernel fills a read of up to 256 bytes from urandom whole.
    if (readSync(fd, b, 0, 16, null) === 16) return b
  } catch {
    // No /dev/urandom here: node:crypto below.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  return process.getBuiltinModule('node:crypto').randomBytes(16)
}
