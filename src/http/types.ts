/** What every request we make looks like, whichever client carries it (Node's own, or undici through a proxy). */
import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD'
  /** Lower-case names. */
  headers: Record<string, string>
  body?: string | Buffer
  /** Bounds the whole request: connect, headers and body. */
  signal?: AbortSignal
  /** The same bound, for the clients that take it as a number too (undici's headers/body timeouts). */
  timeoutMs?: number
}

export interface HttpResponse {
  statusCode: number
  headers: IncomingHttpHeaders
  /** Read it to the end (the connection goes back to the pool) or destroy it (the connection closes). */
  body: Readable
}
