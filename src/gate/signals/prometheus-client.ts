/** One instant query to a Prometheus-compatible API: a GET of `/api/v1/query`, bounded in time and size. */
import type { HttpDispatcher } from '../../http/dispatcher.js'
import { redact } from '../../secrets.js'
import { boundedGet } from '../../http/get-text.js'
import { classifyError, displayUrl } from '../http.js'

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
    const res = await boundedGet(o.dispatcher, url, {
      headers: o.headers,
      accept: 'application/json',
      limit: ANSWER_LIMIT,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
    })
    return { ok: true, status: res.status, body: res.text }
  } catch (err) {
    const c = classifyError(err, o.timeoutMs, o.signal)
    return { ok: false, message: redact(`prometheus ${displayUrl(o.baseUrl)}: ${c.message}`) }
  }
}
