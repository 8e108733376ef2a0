// A service under test on 127.0.0.1 whose behaviour a scenario scripts: per request (count, time
// since start) it answers, stalls, or drops the connection; it can also not listen at all (refused).
// A control file lets a rollback command "put the good version back": writing `ok` to it makes the
// service healthy, as a real redeploy would.
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

export type Answer = { status: number; body?: string; delayMs?: number; headers?: Record<string, string> } | 'destroy' | 'refuse'
export type Behaviour = (r: { n: number; ms: number; path: string }) => Answer

export interface ScenarioApp {
  port: number
  url(path?: string): string
  /** Requests received per path. */
  requests: Array<{ path: string; at: number; headers: IncomingMessage['headers'] }>
  /** When the first failing answer was sent (ms since epoch). */
  firstFailureAt?: number
  setBehaviour(b: Behaviour): void
  close(): Promise<void>
}

export const healthy =
  (version: string): Behaviour =>
  () => ({ status: 200, body: JSON.stringify({ status: 'ok', version }) })

export async function startScenario(o: { behaviour: Behaviour; controlFile?: string; goodVersion?: string; port?: number }): Promise<ScenarioApp> {
  const started = Date.now()
  let behaviour = o.behaviour
  let n = 0
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = o.port ?? 0

  const app: ScenarioApp = {
    port: 0,
    url: (path = '/health') => `http://127.0.0.1:${app.port}${path}`,
    requests: [],
    setBehaviour: (b) => {
      behaviour = b
    },
    close: async () => {
      clearInterval(watch)
      await stop()
    },
  }

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/'
    app.requests.push({ path, at: Date.now(), headers: req.headers })
    const a = behaviour({ n: ++n, ms: Date.now() - started, path })
    if (a === 'destroy' || a === 'refuse') {
      req.socket.destroy()
      return
    }
    if ((a.status < 200 || a.status > 299) && app.firstFailureAt === undefined) app.firstFailureAt = Date.now()
    const send = () => {
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers })
      res.end(a.body ?? '')
    }
    if (a.delayMs) setTimeout(send, a.delayMs)
    else send()
  }

  const listen = async (): Promise<void> => {
    if (server) return
    const s = createServer(handle)
    s.on('connection', (c) => {
      sockets.add(c)
      c.on('close', () => sockets.delete(c))
    })
    server = s
    await new Promise<void>((r) => s.listen(port, '127.0.0.1', () => r()))
    port = (s.address() as { port: number }).port
    app.port = port
  }
  const stop = async (): Promise<void> => {
    const s = server
    server = undefined
    if (!s) return
    for (const c of sockets) c.destroy()
    await new Promise<void>((r) => s.close(() => r()))
  }
  // Refusing means not listening: decide by asking the behaviour what it would do now.
  const sync = async (): Promise<void> => {
    if (o.controlFile && existsSync(o.controlFile) && readFileSync(o.controlFile, 'utf8').trim() === 'ok') behaviour = healthy(o.goodVersion ?? 'good')
    const refusing = behaviour({ n, ms: Date.now() - started, path: '/__probe' }) === 'refuse'
    if (refusing) await stop()
    else await listen()
  }

  await listen() // take a port, then follow the behaviour
  await sync()
  const watch = setInterval(() => void sync(), 25)
  return app
}
