/** One bounded GET for a text body (no redirects followed): what a health endpoint says, when we only need to read it. */
import { requestHeaders } from '../gate/http.js'
import { readBounded, timeoutSignal } from './body.js'
import { HttpDispatcher } from './dispatcher.js'

const BODY_LIMIT = 64 * 1024

export async function getText(url: string, o: { headers: Array<[string, string]>; timeoutMs: number; signal?: AbortSignal }): Promise<string> {
  const dispatcher = new HttpDispatcher()
  try {
    const res = await dispatcher.request(url, {
      method: 'GET',
      headers: requestHeaders(url, o.headers),
      signal: timeoutSignal(o.timeoutMs, o.signal),
      timeoutMs: o.timeoutMs,
    })
    return (await readBounded(res.body, BODY_LIMIT)).text
  } finally {
    await dispatcher.destroy().catch(() => undefined)
  }
}
