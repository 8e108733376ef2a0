/** Bounded GETs for a text body (no redirects followed): a health body, a metrics page, a query answer. */
import { requestHeaders } from '../gate/http.js'
import { readBounded, timeoutSignal } from './body.js'
import { HttpDispatcher } from './dispatcher.js'

const BODY_LIMIT = 64 * 1024

/**
 * One GET through `dispatcher`, bounded in time (connect, headers and body) and in size; the
 * headers go with it (credentials in the URL as Basic auth). Throws what the client throws, for
 * the caller to classify.
 */
export async function boundedGet(
  dispatcher: HttpDispatcher,
  url: string,
  o: { headers: Array<[string, string]>; accept?: string; limit: number; timeoutMs: number; signal?: AbortSignal },
): Promise<{ status: number; text: string }> {
  const res = await dispatcher.request(url, {
    method: 'GET',
    headers: { ...requestHeaders(url, o.headers), ...(o.accept ? { accept: o.accept } : {}) },
    signal: timeoutSignal(o.timeoutMs, o.signal),
    timeoutMs: o.timeoutMs,
  })
  const { text } = await readBounded(res.body, o.limit)
  return { status: res.statusCode, text }
}

/** What a health endpoint says, when we only need to read it. */
export async function getText(url: string, o: { headers: Array<[string, string]>; timeoutMs: number; signal?: AbortSignal }): Promise<string> {
  const dispatcher = new HttpDispatcher()
  try {
    return (await boundedGet(dispatcher, url, { ...o, limit: BODY_LIMIT })).text
  } finally {
    await dispatcher.destroy().catch(() => undefined)
  }
}
