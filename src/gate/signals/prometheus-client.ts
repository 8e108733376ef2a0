/** One instant query to a Prometheus-compatible API: a GET of `/api/v1/query`, bounded in time and size. */
import type { HttpDispatcher } from '../../http/dispatcher.js'
import { redact } from '../../secrets.js'
import { classifyError, displayUrl, readBounded, requestHeaders, timeoutSignal } from '../http.js'

/** A query answer is one number in a small envelope; an error page is bounded too. */
const ANSWER_LIMIT = 1024 * 1024

export type QueryAnswer = { ok: true; status: number; body: string } | { ok: false; message: string }

/** `base` + `/api/v1/query?query=…`, keeping a path prefix (Thanos, Mimir and proxies mount the API under one). */
export function queryUrl(base: string, query: string): string {
  const u = new URL(base)
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/api/v1/query`
  u.searchParams.set('query', query)
  return u.toString()
}

/** Sends the query; never throws: a transport failure comes back as a message naming the server. */
export async function instantQuery(o: {
  baseUrl: string
  query: string
  headers: Array<[string, string]>
  dispatcher: HttpDispatcher
  timeoutMs: number
  signal?: AbortSignal
}): Promise<QueryAnswer> {
  const url = queryUrl(o.baseUrl, o.query)
  try {
    const res = await o.dispatcher.request(url, {
      method: 'GET',
      headers: { ...requestHeaders(url, o.headers), accept: 'application/json' },
      signal: timeoutSignal(o.timeoutMs, o.signal),
      timeoutMs: o.timeoutMs,
    })
    const { text } = await readBounded(res.body, ANSWER_LIMIT)
    return { ok: true, status: res.statusCode, body: text }
  } catch (err) {
    const c = classifyError(err, o.timeoutMs, o.signal)
    return { ok: false, message: redact(`prometheus ${displayUrl(o.baseUrl)}: ${c.message}`) }
  }
}
