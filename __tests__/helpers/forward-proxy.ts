// A real forward proxy on 127.0.0.1, as a self-hosted runner's would be: absolute-URI requests
// (`GET http://host/path`) are forwarded, CONNECT opens a tunnel. It alone resolves the test's
// host names (e.g. app.internal.test → 127.0.0.1), so a request that bypasses it fails with a DNS
// error. It records what passed through.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Passed {
  method: string
  /** The absolute URI, or host:port for CONNECT. */
  target: string
  proxyAuthorization?: string
}

export interface ForwardProxy {
  url: string
  port: number
  passed: Passed[]
  close(): Promise<void>
}

/**
 * `names`: host names the proxy resolves to 127.0.0.1 (any other name is a 502, as a proxy whose
 * DNS lookup failed answers). `credentials`: `user:password` the proxy demands (407 otherwise).
 */
export async function startForwardProxy(o: { names: string[]; credentials?: string }): Promise<ForwardProxy> {
  const passed: Passed[] = []
  const sockets = new Set<Socket>()
  const resolve = (host: string): string | undefined => (o.names.includes(host.toLowerCase()) ? '127.0.0.1' : undefined)
  const authorized = (req: IncomingMessage): boolean =>
    !o.credentials || req.headers['proxy-authorization'] === `Basic ${Buffer.from(o.credentials).toString('base64')}`

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    passed.push({ method: req.method ?? '', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] })
    if (!authorized(req)) return void res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end()
    let target: URL
    try {
      target = new URL(req.url ?? '')
    } catch {
      return void res.writeHead(400).end('not an absolute URI: this is a proxy')
    }
    const address = resolve(target.hostname)
    if (!address) return void res.writeHead(502).end(`cannot resolve ${target.hostname}`)
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const upstream = request(
      { host: address, port: Number(target.port || 80), method: req.method, path: `${target.pathname}${target.search}`, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    // The upstream refused or broke: what squid does (a gateway error of its own).
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end('upstream unreachable')))
    req.pipe(upstream)
  })

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    passed.push({ method: 'CONNECT', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] })
    sockets.add(client)
    client.on('error', () => undefined)
    if (!authorized(req)) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n')
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/)
    const address = resolve(host)
    if (!address) return void client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    const upstream = connect(Number(port), address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => (upstream.connecting ? client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n') : client.destroy()))
    upstream.on('close', () => client.destroy())
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    passed,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}

/** A self-signed certificate for `names` (openssl), for https targets reached through a CONNECT tunnel. */
export function selfSignedCert(names: string[]): { key: string; cert: string; certPath: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-cert-'))
  const keyPath = join(dir, 'key.pem')
  const certPath = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  )
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
