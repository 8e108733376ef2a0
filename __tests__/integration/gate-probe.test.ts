// One probe against real servers on 127.0.0.1: every check, every network failure told apart,
// redirects, headers, Retry-After, bounded bodies and connection reuse.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { BODY_LIMIT, MAX_REDIRECTS, probe, type ProbeOptions } from '../../src/gate/probe.js'
import { HttpDispatcher } from '../../src/http/dispatcher.js'
import { addSecret, clearSecrets } from '../../src/secrets.js'

interface TestServer {
  url(path?: string): string
  port: number
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>
  connections: number
  close(): Promise<void>
}

const servers: TestServer[] = []
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    t.requests.push({ path: req.url ?? '/', headers: req.headers })
    handler(req, res)
  })
  server.on('connection', (s) => {
    t.connections++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  const t: TestServer = {
    port,
    url: (path = '/health') => `http://127.0.0.1:${port}${path}`,
    requests: [],
    connections: 0,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((r) => server.close(r))
    },
  }
  servers.push(t)
  return t
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise((r) => s.close(r))
  return port
}

const reply =
  (status: number, body = '', headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, headers)
    res.end(body)
  }

const dispatcher = new HttpDispatcher({ env: {} })
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
  clearSecrets()
})
afterAll(() => dispatcher.destroy())

const opts = (o: Partial<ProbeOptions> = {}): ProbeOptions => ({
  headers: [],
  requestTimeoutMs: 1000,
  expectedStatus: [{ min: 200, max: 299 }],
  dispatcher,
  ...o,
})

describe('probe: answers', () => {
  it('passes a healthy answer and measures it', async () => {
    const s = await serve(reply(200, '{"status":"ok","version":"v2.0.0"}'))
    const r = await probe(s.url(), opts({ version: 'v2.0.0', expectedBody: { kind: 'substring', text: '"ok"' }, maxLatencyMs: 1000 }))
    expect(r).toMatchObject({ url: s.url(), ok: true, answered: true, status: 200 })
    expect(r.failure).toBeUndefined()
    expect(r.latencyMs).toBeGreaterThan(0)
    expect(r.latencyMs).toBeLessThan(1000)
  })

  it('fails a status outside the accepted ranges, with a collapsed, redacted body excerpt', async () => {
    addSecret('leaked-token-123')
    const s = await serve(reply(500, 'boom:\n\n  leaked-token-123'))
    const r = await probe(
      s.url(),
      opts({
        expectedStatus: [
          { min: 200, max: 204 },
          { min: 304, max: 304 },
        ],
      }),
    )
    expect(r).toMatchObject({ ok: false, answered: true, status: 500 })
    expect(r.failure).toMatchObject({ kind: 'status', status: 500, message: 'status 500 not in 200-204,304', bodyExcerpt: 'boom: ***' })
    expect(Date.parse(r.failure!.at)).not.toBeNaN()
  })

  it('checks the body by substring and by regex (a /g regex matches on every probe)', async () => {
    const s = await serve(reply(200, '{"status": "degraded"}'))
    const sub = await probe(s.url(), opts({ expectedBody: { kind: 'substring', text: '"ok"' } }))
    expect(sub.failure).toMatchObject({ kind: 'body', message: 'body does not match "\\"ok\\""', bodyExcerpt: '{"status": "degraded"}' })
    const global = { kind: 'regex' as const, regex: /"status":\s*"degraded"/g, source: '/"status":\\s*"degraded"/g' }
    expect((await probe(s.url(), opts({ expectedBody: global }))).ok).toBe(true)
    expect((await probe(s.url(), opts({ expectedBody: global }))).ok).toBe(true)
    const miss = await probe(s.url(), opts({ expectedBody: { kind: 'regex', regex: /"status":\s*"ok"/, source: '/"status":\\s*"ok"/' } }))
    expect(miss.failure).toMatchObject({ kind: 'body', message: 'body does not match /"status":\\s*"ok"/' })
  })

  it('catches an old instance still answering with expect-version', async () => {
    const s = await serve(reply(200, '{"version":"v1.0.0"}'))
    const r = await probe(s.url(), opts({ version: 'v1.1.0' }))
    expect(r).toMatchObject({ ok: false, answered: true, status: 200 })
    expect(r.failure).toMatchObject({ kind: 'version', message: 'body does not contain version v1.1.0 (an old instance still answering?)' })
  })

  it('fails a probe slower than max-latency, after the other checks pass', async () => {
    const s = await serve((_req, res) => setTimeout(() => res.end('ok'), 150))
    const r = await probe(s.url(), opts({ maxLatencyMs: 50 }))
    expect(r.failure?.kind).toBe('latency')
    expect(r.failure?.message).toMatch(/^took \d+ms, over max-latency 50ms$/)
    expect(r.latencyMs).toBeGreaterThanOrEqual(140)
  })
})

describe('probe: network failures', () => {
  it('refused on a closed port, not answered', async () => {
    const r = await probe(`http://127.0.0.1:${await closedPort()}/health`, opts())
    expect(r).toMatchObject({ ok: false, answered: false, failure: { kind: 'refused', message: 'connection refused' } })
    expect(r.status).toBeUndefined()
  })

  it('reset when the server destroys the socket', async () => {
    const s = await serve((req) => req.socket.destroy())
    expect(await probe(s.url(), opts())).toMatchObject({ answered: false, failure: { kind: 'reset', message: 'connection reset' } })
  })

  it('timeout when no answer comes within the request timeout', async () => {
    const s = await serve((_req, res) => setTimeout(() => res.end('late'), 3000))
    const started = Date.now()
    const r = await probe(s.url(), opts({ requestTimeoutMs: 200 }))
    expect(r).toMatchObject({ answered: false, failure: { kind: 'timeout', message: 'no answer within 200ms' } })
    expect(Date.now() - started).toBeLessThan(800)
  })

  it('the timeout covers the body: headers then a stalled body is an answer that timed out', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200)
      res.write('{"status":') // and nothing more
    })
    const started = Date.now()
    const r = await probe(s.url(), opts({ requestTimeoutMs: 200 }))
    expect(r).toMatchObject({ ok: false, answered: true, status: 200, failure: { kind: 'timeout', message: 'no answer within 200ms while reading the body' } })
    expect(Date.now() - started).toBeLessThan(800)
  })

  it('tls when the TLS handshake fails', async () => {
    const s = await serve(reply(200, 'plain http'))
    const r = await probe(s.url().replace('http:', 'https:'), opts())
    expect(r).toMatchObject({ answered: false, failure: { kind: 'tls' } })
    expect(r.failure?.message).toMatch(/^TLS error: /)
  })

  it('dns when the name does not resolve', async () => {
    const r = await probe('http://no-such-host.invalid/health', opts())
    expect(r).toMatchObject({ answered: false, failure: { kind: 'dns' } })
  })

  it('stops at once on cancel', async () => {
    const s = await serve((_req, res) => setTimeout(() => res.end('late'), 5000))
    const c = new AbortController()
    setTimeout(() => c.abort(), 100)
    const started = Date.now()
    const r = await probe(s.url(), opts({ requestTimeoutMs: 10_000, signal: c.signal }))
    expect(r.failure).toMatchObject({ kind: 'timeout', message: 'cancelled' })
    expect(Date.now() - started).toBeLessThan(600)
  })
})

describe('probe: requests that cannot be sent', () => {
  it.each([
    ['a CR in a header value', { headers: [['X-Env', 'prod\rX-Injected: 1']] as Array<[string, string]> }],
    ['a character beyond Latin-1', { headers: [['X-Env', 'prod€']] as Array<[string, string]> }],
    ['a header the client refuses', { headers: [['Expect', '100-continue']] as Array<[string, string]> }],
  ])('%s is a configuration error, not "still starting", and nothing reaches the service', async (_what, o) => {
    const s = await serve(reply(200, 'ok'))
    const r = await probe(s.url(), opts(o))
    expect(r).toMatchObject({ ok: false, answered: false, failure: { kind: 'config' } })
    expect(r.failure?.message).toMatch(/could not be sent .*a configuration error/)
    expect(s.requests).toHaveLength(0)
  })

  it('an unparsable URL is a configuration error too', async () => {
    const r = await probe('http://[::1/health', opts())
    expect(r.failure).toMatchObject({ kind: 'config', message: expect.stringContaining('ERR_INVALID_URL') })
  })

  it('a redirect to an unusable Location is the service answering badly, not our configuration', async () => {
    const s = await serve(reply(302, '', { location: 'http://[bad' }))
    const r = await probe(s.url(), opts())
    expect(r).toMatchObject({ ok: false, answered: true, status: 302, failure: { kind: 'redirect' } })
    expect(r.failure?.message).toMatch(/invalid location/)
  })
})

describe('probe: redirects', () => {
  const hop = (path = '') => Number(/(\d+)$/.exec(path)?.[1] ?? 0)

  it('follows up to five hops, relative and absolute, and reports them', async () => {
    const s: TestServer = await serve((req, res) => {
      const n = hop(req.url)
      if (n < MAX_REDIRECTS) {
        res.writeHead(n % 2 ? 302 : 301, { location: n % 2 ? `/hop${n + 1}` : s.url(`/hop${n + 1}`) })
        res.end('moved')
      } else res.end('ok')
    })
    const r = await probe(s.url('/hop0'), opts({ expectedBody: { kind: 'substring', text: 'ok' } }))
    expect(r).toMatchObject({ ok: true, status: 200 })
    expect(r.redirects).toEqual([1, 2, 3, 4, 5].map((n) => s.url(`/hop${n}`)))
  })

  it('a sixth hop is a redirect failure', async () => {
    const s: TestServer = await serve((req, res) => {
      res.writeHead(307, { location: `/loop${hop(req.url) + 1}` })
      res.end()
    })
    const r = await probe(s.url('/loop0'), opts())
    expect(r).toMatchObject({ ok: false, answered: true, status: 307, failure: { kind: 'redirect' } })
    expect(r.failure?.message).toMatch(/^more than 5 redirects/)
    expect(r.redirects).toHaveLength(MAX_REDIRECTS)
    expect(s.requests).toHaveLength(MAX_REDIRECTS + 1)
  })

  it('a redirect to a port nothing listens on is not an answer', async () => {
    const port = await closedPort()
    const s = await serve(reply(302, '', { location: `http://127.0.0.1:${port}/health` }))
    expect(await probe(s.url(), opts())).toMatchObject({ answered: false, failure: { kind: 'refused' }, redirects: [`http://127.0.0.1:${port}/health`] })
  })
})

describe('probe: requests', () => {
  it('sends the health headers on every request, including same-origin redirects', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/old') {
        res.writeHead(301, { location: '/health' })
        res.end()
        return
      }
      res.end('ok')
    })
    await probe(
      s.url('/old'),
      opts({
        headers: [
          ['Authorization', 'Bearer abc'],
          ['X-Probe', '1'],
        ],
      }),
    )
    expect(s.requests.map((r) => r.path)).toEqual(['/old', '/health'])
    for (const r of s.requests) expect(r.headers).toMatchObject({ authorization: 'Bearer abc', 'x-probe': '1' })
  })

  it('does not carry the headers (secrets) to another host', async () => {
    const other = await serve(reply(200, 'ok'))
    const s = await serve(reply(302, '', { location: other.url().replace('127.0.0.1', 'localhost') }))
    const r = await probe(s.url(), opts({ headers: [['Authorization', 'Bearer abc']] }))
    expect(r.ok).toBe(true)
    expect(s.requests[0].headers.authorization).toBe('Bearer abc')
    expect(other.requests[0].headers.authorization).toBeUndefined()
  })

  it('does not carry the headers to another port on the same host: the origin must match', async () => {
    const other = await serve(reply(200, 'ok'))
    const s = await serve(reply(302, '', { location: other.url() }))
    const r = await probe(
      s.url(),
      opts({
        headers: [
          ['Authorization', 'Bearer abc'],
          ['X-Probe', '1'],
        ],
      }),
    )
    expect(r).toMatchObject({ ok: true, redirects: [other.url()] })
    expect(s.requests[0].headers).toMatchObject({ authorization: 'Bearer abc', 'x-probe': '1' })
    expect(other.requests).toHaveLength(1)
    expect(other.requests[0].headers.authorization).toBeUndefined()
    expect(other.requests[0].headers['x-probe']).toBeUndefined()
  })

  it('sends user:password in the URL as Basic auth and never reports it', async () => {
    const s = await serve(reply(200, 'ok'))
    const r = await probe(s.url().replace('http://', 'http://probe:pa55word@'), opts())
    expect(r.url).toBe(s.url())
    expect(JSON.stringify(r)).not.toContain('pa55word')
    expect(s.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('probe:pa55word').toString('base64')}`)
  })

  it('reads Retry-After in seconds or as an HTTP date on 503 and 429, not on other statuses', async () => {
    let n = 0
    const s = await serve((_req, res) => {
      n++
      const retry = n === 2 ? new Date(Date.now() + 3000).toUTCString() : '2'
      res.writeHead([503, 429, 500][n - 1], { 'retry-after': retry })
      res.end()
    })
    expect((await probe(s.url(), opts())).retryAfterMs).toBe(2000)
    const date = (await probe(s.url(), opts())).retryAfterMs!
    expect(date).toBeGreaterThan(1000)
    expect(date).toBeLessThanOrEqual(3000)
    expect((await probe(s.url(), opts())).retryAfterMs).toBeUndefined()
  })

  it('reads at most 64 KiB of an endless body, then drops the connection', async () => {
    let closedEarly: Promise<boolean> = Promise.resolve(false)
    const s = await serve((_req, res) => {
      res.writeHead(200)
      const chunk = 'x'.repeat(16 * 1024)
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {
          /* fill the socket */
        }
      }
      res.on('drain', pump)
      closedEarly = new Promise((r) => res.on('close', () => r(!res.writableFinished)))
      pump()
    })
    const r = await probe(s.url(), opts({ expectedBody: { kind: 'substring', text: 'y' } }))
    expect(r.failure?.kind).toBe('body')
    expect(r.failure?.bodyExcerpt).toHaveLength(301)
    expect(await closedEarly).toBe(true)
    expect(BODY_LIMIT).toBe(64 * 1024)
  })

  it('reuses the connection across probes through the shared pool', async () => {
    const pool = new HttpDispatcher({ env: {} })
    try {
      const s = await serve(reply(200, 'ok'))
      for (let i = 0; i < 6; i++) expect((await probe(s.url(), opts({ dispatcher: pool }))).ok).toBe(true)
      expect(s.requests).toHaveLength(6)
      // A second socket may open while the first is finishing; after that they are reused.
      expect(s.connections).toBeLessThanOrEqual(2)
    } finally {
      await pool.destroy()
    }
  })
})
