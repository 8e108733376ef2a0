// Every kind of request we make, through a real forward proxy on 127.0.0.1 that alone resolves the
// test's host names: a request that went around it would fail with a DNS error.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { probe, type ProbeOptions } from '../../src/gate/probe.js'
import { parseErrorRateQuery } from '../../src/gate/error-rate-query.js'
import { readCounters } from '../../src/gate/metrics.js'
import { createDeployments, safeDeployments } from '../../src/github/deployments.js'
import { HttpDispatcher } from '../../src/http/dispatcher.js'
import { postJson } from '../../src/http/post-json.js'
import { startFakeGitHub } from '../helpers/fake-github.js'
import { selfSignedCert, startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

type Handler = (req: IncomingMessage, res: ServerResponse) => void
const ok: Handler = (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')

async function httpServer(handler: Handler = ok): Promise<number> {
  const server = createServer(handler)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  cleanups.push(() => new Promise((r) => server.close(r)))
  return (server.address() as AddressInfo).port
}

async function proxy(credentials?: string): Promise<ForwardProxy> {
  const p = await startForwardProxy({
    names: ['health.internal.test', 'secure.internal.test', 'metrics.internal.test', 'hooks.internal.test', 'api.internal.test'],
    credentials,
  })
  cleanups.push(() => p.close())
  return p
}

function dispatcher(env: NodeJS.ProcessEnv, tls?: { ca: string }): HttpDispatcher {
  const d = new HttpDispatcher({ env, tls })
  cleanups.push(() => d.destroy())
  return d
}

const probeWith = (d: HttpDispatcher, o: Partial<ProbeOptions> = {}): ProbeOptions => ({
  headers: [],
  requestTimeoutMs: 2000,
  expectedStatus: [{ min: 200, max: 299 }],
  dispatcher: d,
  ...o,
})

describe('the HTTP layer behind a forward proxy', () => {
  it('a probe of an http URL goes to the proxy as an absolute-URI request', async () => {
    const port = await httpServer()
    const p = await proxy()
    const url = `http://health.internal.test:${port}/health`
    const r = await probe(url, probeWith(dispatcher({ HTTP_PROXY: p.url })))
    expect(r).toMatchObject({ ok: true, status: 200 })
    expect(p.passed).toEqual([{ method: 'GET', target: url, proxyAuthorization: undefined }])
  })

  it('without the proxy the same name does not resolve: the proof that requests above went through it', async () => {
    const port = await httpServer()
    const r = await probe(`http://health.internal.test:${port}/health`, probeWith(dispatcher({})))
    expect(r.failure?.kind).toBe('dns')
  })

  it('an https URL goes through a CONNECT tunnel, TLS end to end', async () => {
    const cert = selfSignedCert(['secure.internal.test'])
    cleanups.push(() => cert.cleanup())
    const server = createTlsServer({ key: cert.key, cert: cert.cert }, ok)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    cleanups.push(() => new Promise((r) => server.close(r)))
    const port = (server.address() as AddressInfo).port
    const p = await proxy()
    const r = await probe(`https://secure.internal.test:${port}/health`, probeWith(dispatcher({ HTTPS_PROXY: p.url }, { ca: cert.cert })))
    expect(r).toMatchObject({ ok: true, status: 200 })
    expect(p.passed).toEqual([expect.objectContaining({ method: 'CONNECT', target: `secure.internal.test:${port}` })])
  })

  it('NO_PROXY sends the request around the proxy', async () => {
    const port = await httpServer()
    const p = await proxy()
    const r = await probe(`http://health.internal.test:${port}/health`, probeWith(dispatcher({ HTTP_PROXY: p.url, NO_PROXY: '.internal.test' })))
    expect(r.failure?.kind).toBe('dns')
    expect(p.passed).toEqual([])
  })

  it('lower-case http_proxy wins over HTTP_PROXY', async () => {
    const port = await httpServer()
    const p = await proxy()
    const r = await probe(`http://health.internal.test:${port}/health`, probeWith(dispatcher({ http_proxy: p.url, HTTP_PROXY: 'http://127.0.0.1:1' })))
    expect(r.ok).toBe(true)
    expect(p.passed).toHaveLength(1)
  })

  it("the proxy's credentials from the URL go as Proxy-Authorization; without them the failure says so", async () => {
    const port = await httpServer()
    const p = await proxy('me:s3cret')
    const url = `http://health.internal.test:${port}/health`
    const withAuth = await probe(url, probeWith(dispatcher({ HTTP_PROXY: `http://me:s3cret@127.0.0.1:${p.port}` })))
    expect(withAuth.ok).toBe(true)
    expect(p.passed[0].proxyAuthorization).toBe(`Basic ${Buffer.from('me:s3cret').toString('base64')}`)
    const without = await probe(url, probeWith(dispatcher({ HTTP_PROXY: p.url })))
    expect(without.failure?.message).toMatch(/proxy wants credentials \(407\)/)
  })

  it('a tunnel the proxy cannot open is "not reachable yet", not an answer', async () => {
    const p = await proxy()
    const r = await probe('https://unknown.internal.test/health', probeWith(dispatcher({ HTTPS_PROXY: p.url })))
    expect(r).toMatchObject({ ok: false, answered: false, failure: { kind: 'refused', message: 'the proxy could not reach it (CONNECT answered 502)' } })
  })

  it('a redirect from a NO_PROXY host to a proxied one is routed per hop', async () => {
    const target = await httpServer()
    const p = await proxy()
    // The first hop is on loopback (always direct), the second on a name only the proxy knows.
    const first = await httpServer((_req, res) => void res.writeHead(302, { location: `http://health.internal.test:${target}/health` }).end())
    const r = await probe(`http://127.0.0.1:${first}/`, probeWith(dispatcher({ HTTP_PROXY: p.url })))
    expect(r).toMatchObject({ ok: true, redirects: [`http://health.internal.test:${target}/health`] })
    expect(p.passed.map((x) => x.target)).toEqual([`http://health.internal.test:${target}/health`])
  })

  it('the metrics reader goes through the proxy', async () => {
    const port = await httpServer((_req, res) => void res.end('http_requests_total{code="200"} 9\nhttp_requests_total{code="500"} 1\n'))
    const p = await proxy()
    const sel = parseErrorRateQuery('http_requests_total{code=~"5.."} / http_requests_total')
    const read = await readCounters(`http://metrics.internal.test:${port}/metrics`, sel, { dispatcher: dispatcher({ HTTP_PROXY: p.url }), timeoutMs: 2000 })
    expect(read).toEqual({ ok: true, errors: 1, total: 10, seen: true })
    expect(p.passed[0]).toMatchObject({ method: 'GET', target: `http://metrics.internal.test:${port}/metrics` })
  })

  it('an alert POST goes through the proxy with its JSON body', async () => {
    const got: string[] = []
    const port = await httpServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        got.push(body)
        res.end('ok')
      })
    })
    const p = await proxy()
    const r = await postJson(
      `http://hooks.internal.test:${port}/services/T/B/x`,
      { text: 'hi' },
      { service: 'Slack', dispatcher: dispatcher({ HTTP_PROXY: p.url }) },
    )
    expect(r).toEqual({ ok: true, attempts: 1 })
    expect(got).toEqual(['{"text":"hi"}'])
    expect(p.passed[0]).toMatchObject({ method: 'POST', target: `http://hooks.internal.test:${port}/services/T/B/x` })
  })

  it('GitHub API requests go through the proxy', async () => {
    const gh = await startFakeGitHub()
    cleanups.push(() => gh.close())
    const p = await proxy()
    const apiUrl = gh.url.replace('127.0.0.1', 'api.internal.test')
    const warnings: string[] = []
    const d = safeDeployments(createDeployments({ token: 'ghs_proxytest', apiUrl, owner: 'acme', repo: 'web', runId: '1', env: { HTTP_PROXY: p.url } }), (m) =>
      warnings.push(m),
    )
    const id = await d.create({ environment: 'production', ref: 'v1.0.0', version: 'v1.0.0', phase: 'deploy', description: 'Deploying v1.0.0' })
    expect(id).toBeGreaterThan(0)
    expect(warnings).toEqual([])
    expect(p.passed.map((x) => `${x.method} ${new URL(x.target).pathname}`)).toEqual([
      'POST /repos/acme/web/deployments',
      `POST /repos/acme/web/deployments/${id}/statuses`,
    ])
  })
})
