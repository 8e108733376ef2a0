// The fetch Octokit gets: Node's client under it, a standard Response out, fetch's rules for
// redirects, cancels and network errors. Real servers on 127.0.0.1.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpDispatcher } from '../../src/http/dispatcher.js'
import { layerFetch } from '../../src/http/fetch.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface Seen {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
      handler(req, res, body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  cleanups.push(() => new Promise((r) => server.close(r)))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

function fetcher(): typeof fetch {
  const d = new HttpDispatcher({ env: {} })
  cleanups.push(() => d.destroy())
  return layerFetch(d)
}

describe('layerFetch', () => {
  it('sends method, headers and a JSON body, and answers with a Response', async () => {
    const s = await serve((_req, res, body) => void res.writeHead(201, { 'content-type': 'application/json', 'x-ratelimit-remaining': '59' }).end(body))
    const res = await fetcher()(`${s.url}/repos/acme/web/deployments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'token ghs_x' },
      body: '{"ref":"v1"}',
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('x-ratelimit-remaining')).toBe('59')
    expect(res.url).toBe(`${s.url}/repos/acme/web/deployments`)
    expect(await res.json()).toEqual({ ref: 'v1' })
    expect(s.seen[0]).toMatchObject({ method: 'POST', path: '/repos/acme/web/deployments', headers: { authorization: 'token ghs_x', 'content-length': '12' } })
  })

  it('a 204 has no body', async () => {
    const s = await serve((_req, res) => void res.writeHead(204).end())
    const res = await fetcher()(`${s.url}/x`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(res.body).toBeNull()
  })

  it('follows a redirect; a 303 becomes a GET, and credentials stay on their origin', async () => {
    const other = await serve((_req, res) => void res.end('there'))
    const s = await serve((req, res) => {
      if (req.url === '/moved') return void res.writeHead(303, { location: '/here' }).end()
      if (req.url === '/away') return void res.writeHead(302, { location: `${other.url.replace('127.0.0.1', 'localhost')}/x` }).end()
      res.end('here')
    })
    const send = fetcher()
    const res = await send(`${s.url}/moved`, { method: 'POST', body: 'x', headers: { authorization: 'token t' } })
    expect(await res.text()).toBe('here')
    expect(s.seen.map((x) => `${x.method} ${x.path} ${x.headers.authorization}`)).toEqual(['POST /moved token t', 'GET /here token t'])
    expect(await (await send(`${s.url}/away`, { headers: { authorization: 'token t' } })).text()).toBe('there')
    expect(other.seen[0].headers.authorization).toBeUndefined()
  })

  it("a network error is fetch's TypeError with the cause inside, as Octokit expects", async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()))
    const port = (closed.address() as AddressInfo).port
    await new Promise((r) => closed.close(r))
    const err = (await fetcher()(`http://127.0.0.1:${port}/x`).catch((e: unknown) => e)) as TypeError & { cause: { code: string } }
    expect(err).toBeInstanceOf(TypeError)
    expect(err.message).toBe('fetch failed')
    expect(err.cause.code).toBe('ECONNREFUSED')
  })

  it("a cancel rejects with the signal's reason, also while the body is read", async () => {
    // /never: no answer at all; /slow: headers, then a body that stalls.
    const s = await serve((req, res) => void (req.url === '/slow' && res.writeHead(200).write('{"partial":')))
    const send = fetcher()
    await expect(send(`${s.url}/never`, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' })
    const res = await send(`${s.url}/slow`, { signal: AbortSignal.timeout(150) })
    await expect(res.text()).rejects.toMatchObject({ name: 'TimeoutError' })
  })
})
