/**
 * A `fetch` over the HTTP layer, for clients that want one (Octokit): the same routing as every
 * other request (Node's client direct, undici's proxy agent only through a proxy), and a standard
 * Response back. It covers what an API client sends: a method, headers, a string or byte body, a
 * signal, and redirects followed as fetch does.
 */
import { Readable } from 'node:stream'
import type { HttpDispatcher } from './dispatcher.js'
import type { HttpRequest, HttpResponse } from './types.js'

const MAX_REDIRECTS = 20
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

export function layerFetch(dispatcher: HttpDispatcher): typeof fetch {
  return async (input, init = {}) => {
    const first = new URL(input instanceof Request ? input.url : input.toString())
    let method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase() as HttpRequest['method']
    const headers = plainHeaders(init.headers ?? (input instanceof Request ? input.headers : undefined))
    let body = bodyOf(init.body)
    const signal = init.signal ?? undefined
    let url = first
    try {
      for (let hop = 0; ; hop++) {
        const res = await dispatcher.request(url, { method, headers, body, signal })
        const location = res.headers.location
        if (init.redirect === 'manual' || !location || ![301, 302, 303, 307, 308].includes(res.statusCode)) return toResponse(res, url, method)
        res.body.resume()
        if (init.redirect === 'error' || hop >= MAX_REDIRECTS) throw new TypeError(`redirect not followed (${res.statusCode} to ${location})`)
        const next = new URL(location, url)
        // As fetch does: a 303 (or a 301/302 after a POST) becomes a GET without a body, and
        // credentials do not follow the request to another origin.
        if (res.statusCode === 303 || (method === 'POST' && res.statusCode <= 302)) {
          method = 'GET'
          body = undefined
          delete headers['content-type']
        }
        if (next.origin !== url.origin) delete headers.authorization
        url = next
      }
    } catch (err) {
      // A cancel rejects with the signal's reason, as fetch does; anything else is fetch's TypeError.
      if (signal?.aborted && err === signal.reason) throw err
      throw new TypeError('fetch failed', { cause: err })
    }
  }
}

function toResponse(res: HttpResponse, url: URL, method: string): Response {
  const headers = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v)
  }
  const empty = method === 'HEAD' || NULL_BODY_STATUSES.has(res.statusCode)
  if (empty) res.body.resume()
  const out = new Response(empty ? null : (Readable.toWeb(res.body) as ReadableStream<Uint8Array>), { status: res.statusCode, headers })
  Object.defineProperty(out, 'url', { value: url.toString() })
  return out
}

function plainHeaders(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  new Headers(h).forEach((value, name) => (out[name] = value))
  return out
}

function bodyOf(body: BodyInit | null | undefined): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return body
  if (body instanceof ArrayBuffer) return Buffer.from(body)
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  throw new TypeError('this fetch sends string or byte bodies only')
}
