// Every wait on a remote has a bound: a GitHub API or a webhook that accepts the connection and
// never answers costs a known, short time, and the run goes on.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { boundedFetch } from '../../src/github/client.js'
import { createDeployments, safeDeployments } from '../../src/github/deployments.js'
import { postJson } from '../../src/http/post-json.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** Accepts every connection and request, reads it, and never answers (or answers as `reply` says). */
async function server(reply?: (n: number, req: IncomingMessage, res: ServerResponse) => boolean): Promise<{ url: string; hits: number[] }> {
  const hits: number[] = []
  const sockets = new Set<Socket>()
  const s = createServer((req, res) => {
    hits.push(Date.now())
    req.resume()
    reply?.(hits.length, req, res)
  })
  s.on('connection', (c: Socket) => sockets.add(c))
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  cleanups.push(
    () =>
      new Promise((r) => {
        for (const c of sockets) c.destroy()
        s.close(r)
      }),
  )
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, hits }
}

describe('GitHub API bounds', () => {
  it('a request that gets no answer fails after the per-request limit, with a reason that says so', async () => {
    const api = await server()
    const warnings: string[] = []
    const d = safeDeployments(createDeployments({ token: 'ghs_x1234', apiUrl: api.url, owner: 'acme', repo: 'web', runId: '1', requestTimeoutMs: 300 }), (m) =>
      warnings.push(m),
    )
    const started = Date.now()
    const found = []
    for await (const ref of d.successful('production')) found.push(ref)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(found).toEqual([])
    expect(warnings).toEqual(['GitHub API did not answer (no answer within 300ms); deployments skipped this run'])
    // Stood aside: later calls cost nothing.
    expect(await d.create({ environment: 'production', ref: 'v1', version: 'v1', phase: 'deploy', description: 'x' })).toBeUndefined()
    expect(api.hits).toHaveLength(1)
  })

  it("all of a step's requests share one total: past it, a request fails at once", async () => {
    const api = await server()
    const fetch = boundedFetch({ requestTimeoutMs: 300, totalMs: 500 })
    const t0 = Date.now()
    await expect(fetch(`${api.url}/a`)).rejects.toThrow('no answer within 300ms')
    await expect(fetch(`${api.url}/b`)).rejects.toThrow(/no answer within the \d{2,3}ms left of GitHub's 500ms share of this step/)
    await expect(fetch(`${api.url}/c`)).rejects.toThrow('no more time for GitHub: its 500ms share of this step is used up')
    expect(Date.now() - t0).toBeLessThan(1500)
    expect(api.hits).toHaveLength(2)
  })

  it('a caller that aborts is not reported as a timeout', async () => {
    const api = await server()
    const fetch = boundedFetch({ requestTimeoutMs: 5000 })
    await expect(fetch(`${api.url}/a`, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' })
  })
})

describe('alert deadline', () => {
  it('a webhook that never answers costs at most the deadline, every attempt included', async () => {
    const hook = await server()
    const t0 = Date.now()
    const r = await postJson(`${hook.url}/services/T/B/secret`, { text: 'x' }, { service: 'Slack', deadlineMs: 2500, attemptTimeoutMs: 1000 })
    const took = Date.now() - t0
    // 1 s, 250 ms backoff, 1 s, then 500 ms backoff would leave too little for a third attempt.
    expect(r).toEqual({ ok: false, attempts: 2, error: 'request failed: no answer within 1s; gave up within the 2.5s an alert may take' })
    expect(took).toBeLessThan(2700)
    expect(took).toBeGreaterThanOrEqual(2000)
    expect(hook.hits).toHaveLength(2)
  })

  it('Retry-After within the deadline is honoured as asked', async () => {
    const hook = await server((n, _req, res) => {
      res.writeHead(n === 1 ? 429 : 200, n === 1 ? { 'retry-after': '1' } : {}).end(n === 1 ? 'rate_limited' : 'ok')
      return true
    })
    const r = await postJson(`${hook.url}/services/T/B/secret`, { text: 'x' }, { service: 'Slack', deadlineMs: 3000 })
    expect(r).toEqual({ ok: true, attempts: 2 })
    expect(hook.hits[1] - hook.hits[0]).toBeGreaterThanOrEqual(950)
  })

  it('Retry-After past the deadline gives up at once and says why', async () => {
    const hook = await server((_n, _req, res) => {
      res.writeHead(429, { 'retry-after': '120' }).end('rate_limited')
      return true
    })
    const t0 = Date.now()
    const r = await postJson(`${hook.url}/services/T/B/secret`, { text: 'x' }, { service: 'Slack' })
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(r).toEqual({
      ok: false,
      attempts: 1,
      error: 'Slack answered HTTP 429 (rate_limited); it asked to retry after 2m; gave up within the 15s an alert may take',
    })
    expect(hook.hits).toHaveLength(1)
  })
})
