// dist/ behind a forward proxy, as on a self-hosted runner: the runner passes HTTP(S)_PROXY to the
// step; the app, the webhook and the https endpoint have names only the proxy resolves.
import { createServer as createTlsServer } from 'node:https'
import { mkdirSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { appHealth, checkout, createJob, createOrigin, freePort, headSha, quickGate, runStep, scratch, startReceiver, stopApp } from '../../demo/fixture.mjs'
import { selfSignedCert, startForwardProxy } from '../helpers/forward-proxy.js'

const cleanups: Array<() => unknown> = []
beforeAll(async () => {
  const { existsSync } = await import('node:fs')
  if (!existsSync('dist/main/index.js')) throw new Error('dist/ is missing: run npm run build first')
})
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const NAMES = ['app.internal.test', 'secure.internal.test', 'hooks.internal.test']

async function world() {
  const root = scratch('proxy-e2e-')
  const appState = join(root, 'app')
  mkdirSync(appState)
  const origin = createOrigin(root, [
    { tag: 'v1.0.0', behaviour: 'ok' },
    { tag: 'v1.1.0', behaviour: 'ok' },
    { tag: 'v1.2.0', behaviour: 'fail' },
  ])
  const port = await freePort()
  const proxy = await startForwardProxy({ names: NAMES })
  const receiver = await startReceiver()
  // An https endpoint next to the app (say, its public address), reached through a CONNECT tunnel.
  const cert = selfSignedCert(['secure.internal.test'])
  const tls = createTlsServer({ key: cert.key, cert: cert.cert }, (_req, res) => void res.writeHead(200).end('{"status":"ok","version":"v1.1.0"}'))
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', () => r()))
  cleanups.push(
    () => rmSync(root, { recursive: true, force: true }),
    () => stopApp(appState),
    () => proxy.close(),
    () => receiver.close(),
    () => new Promise((r) => tls.close(r)),
    () => cert.cleanup(),
  )
  const tlsPort = (tls.address() as AddressInfo).port
  const hookUrl = receiver.url.replace('127.0.0.1', 'hooks.internal.test')
  const job = (tag: string) => {
    const ws = checkout(origin, tag, join(root, `ws-${tag}`))
    const extraEnv = {
      APP_STATE: appState,
      APP_PORT: String(port),
      // As a runner's .env would have it: lower and upper case, and NO_PROXY for the internal net.
      https_proxy: proxy.url,
      HTTP_PROXY: proxy.url,
      NO_PROXY: 'localhost,127.0.0.1,.corp.example',
      NODE_EXTRA_CA_CERTS: cert.certPath,
    }
    const j = createJob({ workspace: ws, ref: `refs/tags/${tag}`, sha: headSha(ws), extraEnv })
    cleanups.push(() => j.cleanup())
    return j
  }
  const inputs = (extra: Record<string, string> = {}) => ({
    'deploy-command': './deploy.sh',
    ...quickGate(port),
    'health-urls': `http://app.internal.test:${port}/health`,
    'slack-webhook-url': hookUrl,
    'notify-on': 'deployed,rolled-back,rollback-failed,failed',
    deployments: 'false',
    ...extra,
  })
  return { port, tlsPort, proxy, receiver, job, inputs }
}

describe('behind a forward proxy (dist/)', () => {
  it('a healthy release is deployed, not rolled back: probes and the alert go through the proxy', async () => {
    const w = await world()
    const j = w.job('v1.1.0')
    const health = `http://app.internal.test:${w.port}/health\nhttps://secure.internal.test:${w.tlsPort}/health`
    const main = await runStep(j, 'main', w.inputs({ 'health-urls': health, 'previous-version': 'v1.0.0' }))
    expect(main.outputs, main.stdout).toMatchObject({ status: 'deployed', 'rolled-back': 'false' })
    expect((await appHealth(w.port))?.body.version).toBe('v1.1.0')

    const passed = w.proxy.passed.map((p) => `${p.method} ${p.target}`)
    expect(passed).toContain(`GET http://app.internal.test:${w.port}/health`)
    expect(passed).toContain(`CONNECT secure.internal.test:${w.tlsPort}`)
    expect(passed).toContain(`POST ${w.receiver.url.replace('127.0.0.1', 'hooks.internal.test')}`)
    expect(w.receiver.received).toHaveLength(1)
    expect(JSON.stringify(w.receiver.received[0].body)).toMatch(/v1\.1\.0/)
    await runStep(j, 'post', w.inputs())
  })

  it('a failing release is rolled back, and the alert still arrives through the proxy', async () => {
    const w = await world()
    const j = w.job('v1.2.0')
    const main = await runStep(j, 'main', w.inputs({ 'previous-version': 'v1.1.0' }))
    expect(main.outputs, main.stdout).toMatchObject({ status: 'rolled-back', 'previous-version': 'v1.1.0' })
    expect((await appHealth(w.port))?.body.version).toBe('v1.1.0')
    expect(w.receiver.received).toHaveLength(1)
    expect(w.proxy.passed.filter((p) => p.method === 'POST')).toHaveLength(1)
    await runStep(j, 'post', w.inputs())
  })

  it('a proxy variable that is not a proxy URL fails the step before anything runs, naming it', async () => {
    const w = await world()
    const j = w.job('v1.1.0')
    j.env.https_proxy = 'socks5://proxy.corp.example:1080'
    const main = await runStep(j, 'main', w.inputs())
    expect(main.code).not.toBe(0)
    expect(main.stdout + main.stderr, JSON.stringify(main)).toMatch(
      /Invalid environment variable https_proxy: socks5 proxies are not supported; expected a proxy URL like http:\/\//,
    )
    expect(w.proxy.passed).toEqual([])
    expect(await appHealth(w.port)).toBeUndefined()
  })
})
