// Blue/green behind a real nginx (Debian's), through dist/: the new color takes traffic, the gate
// fails, rollback-command switches back, after-rollback-command stops the failed color only after
// that (the after-order), and a load generator going through nginx all along counts 0 failed
// requests. after-deploy-command (which drains the old color) runs only for a proven version.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkout, createJob, createOrigin, freePort, headSha, runStep, scratch } from '../../demo/fixture.mjs'

// The app: `/` is the page users load (200 with its version), `/health` is the health check, which a
// bad release fails. Each color listens on its own port.
const APP = `import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
const version = readFileSync(new URL('./VERSION', import.meta.url), 'utf8').trim()
const bad = readFileSync(new URL('./BEHAVIOUR', import.meta.url), 'utf8').trim() === 'fail'
const server = createServer((req, res) => {
  const failing = bad && req.url === '/health'
  res.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ status: failing ? 'error' : 'ok', version }))
})
server.listen(Number(process.env.APP_PORT), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
`

// The switch: start the idle color, point nginx at it (graceful reload), switch back, stop a color.
const BLUEGREEN = `#!/usr/bin/env bash
set -euo pipefail
S="$BG_STATE"
live=$(cat "$S/live" 2>/dev/null || echo none)
port() { cat "$S/$1.port"; }
route() { printf 'server 127.0.0.1:%s;\\n' "$(port "$1")" > "$S/upstream.conf"; nginx -e "$S/nginx/error.log" -p "$S/nginx" -c nginx.conf -s reload; echo "$1" > "$S/live"; sleep 0.3; }
stop() { [ -f "$S/$1.pid" ] || return 0; kill "$(cat "$S/$1.pid")" 2>/dev/null || true; rm -f "$S/$1.pid"; }
case "$1" in
  start-idle)
    c=$([ "$live" = blue ] && echo green || echo blue)
    stop "$c"
    APP_PORT=$(port "$c") nohup node app.mjs >"$S/$c.log" 2>&1 &
    echo $! > "$S/$c.pid"
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$(port "$c")") 2>/dev/null && break; sleep 0.05; done
    echo "$c" > "$S/candidate" ;;
  switch-to-idle) echo "$live" > "$S/previous"; route "$(cat "$S/candidate")" ;;
  switch-back) route "$(cat "$S/previous")" ;;
  # after the switch back: the failed color finishes its in-flight requests, then stops
  stop-failed-color) sleep 0.5; stop "$(cat "$S/candidate")" ;;
  drain-old-color) sleep 0.5; stop "$(cat "$S/previous")" ;;
esac
`

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
beforeAll(() => {
  if (!existsSync('dist/main/index.js') || !existsSync('dist/post/index.js')) throw new Error('dist/ is missing: run npm run build first')
})

/** nginx in the foreground with its own prefix, config and loopback port; stopped after the test. */
async function startNginx(state: string): Promise<{ port: number; proc: ChildProcess }> {
  const prefix = join(state, 'nginx')
  mkdirSync(join(prefix, 'tmp'), { recursive: true })
  const port = await freePort()
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(prefix, 'tmp', t)};`).join('\n  ')
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')};
events { worker_connections 256; }
http {
  access_log off;
  ${temp}
  upstream app { include ${join(state, 'upstream.conf')}; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://app; proxy_next_upstream off; }
  }
}
`,
  )
  const proc = spawn('nginx', ['-e', join(prefix, 'error.log'), '-p', prefix, '-c', 'nginx.conf', '-g', 'daemon off;'], { stdio: 'ignore' })
  cleanups.push(async () => {
    proc.kill('SIGQUIT')
    await new Promise((r) => (proc.exitCode !== null ? r(undefined) : proc.once('exit', r)))
  })
  for (let i = 0; i < 100; i++) {
    if (existsSync(join(prefix, 'nginx.pid'))) return { port, proc }
    if (proc.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`nginx did not start: ${existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : 'no log'}`)
}

/** GETs `/` through nginx, a new connection each time, until stopped (bounded by `maxMs`); counts what failed. */
function loadGenerator(url: string, maxMs: number) {
  const seen = { ok: 0, failed: 0, versions: new Set<string>(), failures: [] as string[] }
  let running = true
  const deadline = Date.now() + maxMs
  const once = () =>
    new Promise<void>((resolve) => {
      const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => {
          if (res.statusCode === 200) {
            seen.ok++
            seen.versions.add((JSON.parse(body) as { version: string }).version)
          } else {
            seen.failed++
            seen.failures.push(`status ${res.statusCode}`)
          }
          resolve()
        })
      })
      req.on('timeout', () => req.destroy(new Error('timeout')))
      req.on('error', (err) => {
        seen.failed++
        seen.failures.push(err.message)
        resolve()
      })
    })
  const loop = (async () => {
    while (running && Date.now() < deadline) {
      await once()
      await new Promise((r) => setTimeout(r, 5))
    }
  })()
  return {
    seen,
    stop: async () => {
      running = false
      await loop
    },
  }
}

describe('blue/green behind nginx, through dist/', () => {
  it('an automatic rollback with the after-order fails 0 requests; the old color is not drained for a failed version', async () => {
    const root = scratch('rollback-bluegreen-')
    cleanups.push(() => rmSync(root, { recursive: true, force: true }))
    const state = join(root, 'bg')
    mkdirSync(state)
    for (const c of ['blue', 'green']) writeFileSync(join(state, `${c}.port`), String(await freePort()))
    writeFileSync(join(state, 'upstream.conf'), `server 127.0.0.1:${readFileSync(join(state, 'blue.port'), 'utf8')};\n`)
    cleanups.push(() => {
      for (const c of ['blue', 'green'])
        if (existsSync(join(state, `${c}.pid`))) {
          try {
            process.kill(Number(readFileSync(join(state, `${c}.pid`), 'utf8')), 'SIGKILL')
          } catch {
            // already gone
          }
        }
    })
    const nginx = await startNginx(state)
    const front = `http://127.0.0.1:${nginx.port}`
    const files = { 'app.mjs': APP, 'bluegreen.sh': BLUEGREEN }
    const origin = createOrigin(root, [
      { tag: 'v1.0.0', behaviour: 'ok', files },
      { tag: 'v1.1.0', behaviour: 'fail', files },
    ])
    const inputs = {
      'deploy-command': 'chmod +x bluegreen.sh && ./bluegreen.sh start-idle && ./bluegreen.sh switch-to-idle',
      'rollback-command': './bluegreen.sh switch-back',
      'after-rollback-command': 'cd "$DEPLOY_PREVIOUS_TREE" && ./bluegreen.sh stop-failed-color',
      'after-deploy-command': './bluegreen.sh drain-old-color',
      'health-urls': `${front}/health`,
      'expect-version': 'true',
      interval: '100ms',
      'request-timeout': '1s',
      'startup-timeout': '5s',
      'success-threshold': '2',
      'failure-threshold': '2',
      'github-token': '',
      deployments: 'false',
    }
    const run = async (tag: string) => {
      const workspace = checkout(origin, tag, join(root, `ws-${tag}`))
      const j = createJob({ workspace, ref: `refs/tags/${tag}`, sha: headSha(workspace), extraEnv: { BG_STATE: state } })
      cleanups.push(() => j.cleanup())
      const r = await runStep(j, 'main', inputs)
      await runStep(j, 'post', inputs)
      return r
    }

    const first = await run('v1.0.0')
    expect(first.outputs.status, first.stdout).toBe('deployed')
    expect(readFileSync(join(state, 'live'), 'utf8').trim()).toBe('blue')

    const load = loadGenerator(`${front}/`, 60_000)
    let second
    try {
      second = await run('v1.1.0')
    } finally {
      await load.stop()
    }
    expect(second.outputs.status, second.stdout).toBe('rolled-back')
    expect(readFileSync(join(state, 'live'), 'utf8').trim()).toBe('blue')
    expect(existsSync(join(state, 'green.pid'))).toBe(false) // the failed color was stopped, after the switch back
    expect(load.seen.failures).toEqual([])
    expect(load.seen.failed).toBe(0)
    expect(load.seen.ok).toBeGreaterThan(20)
    expect([...load.seen.versions].sort()).toEqual(['v1.0.0', 'v1.1.0']) // traffic really went to green and back
    // after-deploy-command never ran for the failed version: blue was not drained
    expect(existsSync(join(state, 'blue.pid'))).toBe(true)
  })
})
