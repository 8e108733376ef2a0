// Node's client as the direct path: connections kept alive between requests, a kept-alive
// connection the server dropped while idle retried once for a GET, and headers a client must not
// send refused before anything leaves. Real sockets on 127.0.0.1.
import { createServer as createTlsServer } from 'node:https'
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { readBounded } from '../../src/http/body.js'
import { checkHeaders, DirectAgents, directRequest } from '../../src/http/node-request.js'
import { selfSignedCert } from '../helpers/forward-proxy.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function agents(): DirectAgents {
  const a = new DirectAgents()
  cleanups.push(() => a.destroy())
  return a
}

/**
 * A raw HTTP/1.1 server that answers the first request on each connection and keeps it open with
 * no Keep-Alive hint, then drops the connection on its second request: what a server that closed
 * an idle connection looks like to the client that reuses it.
 */
async function dropsReusedConnections(): Promise<{ url: string; connections: number; answered: number }> {
  const t = { url: '', connections: 0, answered: 0 }
  const sockets = new Set<Socket>()
  const server: Server = createServer((s) => {
    t.connections++
    sockets.add(s)
    let requests = 0
    s.on('data', (chunk: Buffer) => {
      if (!chunk.includes('\r\n\r\n')) return
      if (++requests > 1) return void s.destroy()
      t.answered++
      s.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok')
    })
    s.on('error', () => undefined)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  cleanups.push(() => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(r))))
  t.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/health`
  return t
}

describe('directRequest', () => {
  it('retries a GET once when the kept-alive connection it reused was dropped', async () => {
    const s = await dropsReusedConnections()
    const a = agents()
    for (let i = 0; i < 3; i++) {
      const res = await directRequest(new URL(s.url), { method: 'GET', headers: {} }, a)
      expect(res.statusCode).toBe(200)
      expect((await readBounded(res.body, 1024)).text).toBe('ok')
    }
    // Each reuse was dropped and retried on a fresh connection.
    expect(s.answered).toBe(3)
    expect(s.connections).toBe(3)
  })

  it('does not resend a POST on a dropped connection: the failure is reported', async () => {
    const s = await dropsReusedConnections()
    const a = agents()
    const first = await directRequest(new URL(s.url), { method: 'POST', headers: {}, body: 'x' }, a)
    await readBounded(first.body, 1024)
    await expect(directRequest(new URL(s.url), { method: 'POST', headers: {}, body: 'x' }, a)).rejects.toMatchObject({ code: 'ECONNRESET' })
    expect(s.answered).toBe(1)
  })

  it('https: node:https is loaded on the first https request, with the TLS options given', async () => {
    const cert = selfSignedCert(['localhost'])
    cleanups.push(() => cert.cleanup())
    const server = createTlsServer({ key: cert.key, cert: cert.cert }, (_req, res) => void res.end('secure'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    cleanups.push(() => new Promise((r) => server.close(r)))
    const url = new URL(`https://localhost:${(server.address() as { port: number }).port}/`)
    const trusted = new DirectAgents({ ca: cert.cert })
    cleanups.push(() => trusted.destroy())
    const res = await directRequest(url, { method: 'GET', headers: {} }, trusted)
    expect((await readBounded(res.body, 1024)).text).toBe('secure')
    // Without the test's authority the certificate is refused: the options reached the TLS layer.
    await expect(directRequest(url, { method: 'GET', headers: {} }, agents())).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
  })

  it('refuses an unsupported protocol as a request that cannot be sent', async () => {
    await expect(directRequest(new URL('ftp://127.0.0.1/x'), { method: 'GET', headers: {} }, agents())).rejects.toMatchObject({ code: 'ERR_INVALID_PROTOCOL' })
  })
})

describe('checkHeaders', () => {
  it.each([['expect'], ['Transfer-Encoding'], ['upgrade'], ['keep-alive']])('refuses %s', (name) => {
    expect(() => checkHeaders({ [name]: 'x' })).toThrow(expect.objectContaining({ code: 'ERR_HTTP_INVALID_HEADER_VALUE' }))
  })

  it('accepts connection: close or keep-alive only', () => {
    expect(() => checkHeaders({ connection: 'close', 'x-env': 'prod' })).not.toThrow()
    expect(() => checkHeaders({ connection: 'upgrade' })).toThrow(/invalid connection header/)
  })
})
