/**
 * A request straight to its host on Node's own client (node:http / node:https): no HTTP library to
 * load, so a run that needs no proxy costs only what Node has already. The agents keep connections
 * alive between rounds; their idle sockets are unref'd by Node, so they never hold the step open.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import type { Agent as HttpsAgent } from 'node:https'
import type { ConnectionOptions } from 'node:tls'
import { urlToHttpOptions } from 'node:url'
import type { HttpRequest, HttpResponse } from './types.js'

/** node:https loads TLS (about 4 MiB): only a run that requests an https URL pays for it. */
const https = () => process.getBuiltinModule('node:https')

/** Keep-alive pools, one per scheme, the https one made on its first request. */
export class DirectAgents {
  #http?: HttpAgent
  #https?: HttpsAgent
  constructor(private readonly tls?: ConnectionOptions) {}

  for(secure: boolean): HttpAgent | HttpsAgent {
    if (!secure) return (this.#http ??= new HttpAgent({ keepAlive: true }))
    return (this.#https ??= new (https().Agent)({ keepAlive: true, ...this.tls }))
  }

  /** Closes every socket, idle ones included. */
  destroy(): void {
    this.#http?.destroy()
    this.#https?.destroy()
  }
}

/**
 * Headers a client owns: undici refused them, and Node would send them and then misbehave (an
 * `Expect: 100-continue` waits for an answer that never comes). Refused before anything is sent.
 */
const REFUSED_HEADERS = new Set(['expect', 'transfer-encoding', 'upgrade', 'keep-alive'])

/** A request the client refuses to send: classified as a configuration error, as undici's were. */
function refused(code: string, message: string): Error {
  return Object.assign(new Error(message), { code })
}

export function checkHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (REFUSED_HEADERS.has(lower)) throw refused('ERR_HTTP_INVALID_HEADER_VALUE', `the ${lower} header cannot be sent by an HTTP client`)
    if (lower === 'connection' && !/^(close|keep-alive)$/i.test(value)) throw refused('ERR_HTTP_INVALID_HEADER_VALUE', 'invalid connection header')
  }
}

export async function directRequest(url: URL, r: HttpRequest, agents: DirectAgents): Promise<HttpResponse> {
  try {
    return await once(url, r, agents)
  } catch (err) {
    // A kept-alive socket the server closed while it sat idle: Node's documented race. A GET is
    // safe to send again once, on a fresh connection.
    if ((err as { reusedSocket?: boolean }).reusedSocket && r.method === 'GET' && !r.signal?.aborted) return once(url, r, agents)
    throw err
  }
}

function once(url: URL, r: HttpRequest, agents: DirectAgents): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const signal = r.signal
    if (signal?.aborted) return reject(signal.reason as Error)
    const secure = url.protocol === 'https:'
    if (!secure && url.protocol !== 'http:') return reject(refused('ERR_INVALID_PROTOCOL', `protocol ${url.protocol} is not supported: use http or https`))
    checkHeaders(r.headers)
    // user:password never goes as Node's `auth`: the caller decides (requestHeaders sends it as
    // Basic unless an Authorization header is configured).
    const { auth: _auth, ...target } = urlToHttpOptions(url)
    const headers = r.body === undefined ? r.headers : { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) }
    const send = secure ? https().request : httpRequest
    let res: IncomingMessage | undefined
    const onAbort = () => {
      const reason = signal!.reason as Error
      req.destroy(reason)
      res?.destroy(reason)
    }
    const done = () => signal?.removeEventListener('abort', onAbort)
    // Throws synchronously on a header Node cannot send (ERR_INVALID_CHAR, ERR_INVALID_HTTP_TOKEN).
    const req = send({ ...target, method: r.method, headers, agent: agents.for(secure) }, (answer) => {
      res = answer
      answer.once('close', done)
      resolve({ statusCode: answer.statusCode ?? 0, headers: answer.headers, body: answer })
    })
    signal?.addEventListener('abort', onAbort, { once: true })
    req.once('error', (err) => {
      done()
      reject(Object.assign(err, { reusedSocket: req.reusedSocket && !res }))
    })
    req.end(r.body)
  })
}
