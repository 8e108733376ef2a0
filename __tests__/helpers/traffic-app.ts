// A service with real traffic for the signal tests: the live version is whatever the control file
// names (the deploy and rollback commands write it), each version has its own error fraction and
// latency, a load generator sends it requests, and /metrics exports http_requests_total by code,
// version and path, as a client library would. Health probes are answered (and counted under
// path="/health", so queries can leave them out); `requests` records who asked.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'

export interface VersionBehaviour {
  /** Fraction of /work requests answered 500 (deterministic: every 1/errorRate-th request). */
  errorRate?: number
  /** Added to every answer, health included (ms). */
  delayMs?: number
  /** Health answers 500 from this many ms after the version went live. */
  unhealthyAfterMs?: number
  /** Once put back live (its second time), health answers 500 after this many ms: a rollback that degrades. */
  degradesWhenBackMs?: number
}

export interface TrafficApp {
  url(path?: string): string
  target: string
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>
  close(): Promise<void>
}

export async function startTrafficApp(o: {
  control: string
  initial: string
  versions: Record<string, VersionBehaviour>
  trafficEveryMs?: number
}): Promise<TrafficApp> {
  writeFileSync(o.control, o.initial)
  const counts = new Map<string, number>()
  const served = new Map<string, number>()
  const liveSince = new Map<string, number>()
  const timesLive = new Map<string, number>()
  let current = ''
  const requests: TrafficApp['requests'] = []
  const live = (): string => {
    const v = existsSync(o.control) ? readFileSync(o.control, 'utf8').trim() : o.initial
    if (v !== current) {
      current = v
      liveSince.set(v, Date.now())
      timesLive.set(v, (timesLive.get(v) ?? 0) + 1)
    }
    return v
  }
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/metrics') {
      const lines = ['# TYPE http_requests_total counter', ...[...counts].map(([labels, n]) => `http_requests_total{${labels}} ${n}`)]
      res.end(`${lines.join('\n')}\n`)
      return
    }
    requests.push({ path, headers: req.headers })
    const version = live()
    const b = o.versions[version] ?? {}
    let code = 200
    if (path === '/work') {
      const n = (served.get(version) ?? 0) + 1
      served.set(version, n)
      if (b.errorRate && n % Math.round(1 / b.errorRate) === 0) code = 500
    } else {
      const since = Date.now() - liveSince.get(version)!
      if (b.unhealthyAfterMs !== undefined && since > b.unhealthyAfterMs) code = 500
      if (b.degradesWhenBackMs !== undefined && timesLive.get(version)! > 1 && since > b.degradesWhenBackMs) code = 500
    }
    const key = `code="${code}",version="${version}",path="${path}"`
    counts.set(key, (counts.get(key) ?? 0) + 1)
    setTimeout(() => {
      res.writeHead(code, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ status: code === 200 ? 'ok' : 'error', version }))
    }, b.delayMs ?? 0)
  })
  server.on('connection', (c) => {
    sockets.add(c)
    c.on('close', () => sockets.delete(c))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  const base = `http://127.0.0.1:${port}`
  const traffic = setInterval(() => {
    fetch(`${base}/work`).then(
      (r) => r.arrayBuffer(),
      () => undefined,
    )
  }, o.trafficEveryMs ?? 10)
  return {
    url: (path = '/health') => `${base}${path}`,
    target: `127.0.0.1:${port}`,
    requests,
    close: async () => {
      clearInterval(traffic)
      for (const c of sockets) c.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
