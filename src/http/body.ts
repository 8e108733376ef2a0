/** Bounds shared by every request we make: one deadline signal, and bodies read only so far. */
import type { Readable } from 'node:stream'

/** The request's own limit joined with the caller's cancel. */
export function timeoutSignal(timeoutMs: number, outer?: AbortSignal): AbortSignal {
  const own = AbortSignal.timeout(timeoutMs)
  return outer ? AbortSignal.any([outer, own]) : own
}

/**
 * Reads at most `limit` bytes, then destroys the stream: a huge or endless body cannot hold memory
 * or the probe, and a socket is never left half-read.
 */
export async function readBounded(body: Readable, limit: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  // Leaving a for-await early (break or throw) destroys the stream, and the client closes that
  // socket; a body read to the end leaves the socket to go back to the pool (destroying it then would not).
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
    chunks.push(buf)
    size += buf.length
    if (size >= limit) {
      truncated = true
      break
    }
  }
  return { text: Buffer.concat(chunks).subarray(0, limit).toString('utf8'), truncated }
}
