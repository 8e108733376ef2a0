// The bundle's lazy chunks, through dist/ as the runner runs it. A lazy import can pass every unit
// test and still break once bundled (a chunk missing, an export undefined), so each lazy path runs
// here: undici is loaded only through a proxy, and a run without one never needs its chunk.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  appHealth,
  checkout,
  createJob,
  createOrigin,
  freePort,
  headSha,
  quickGate,
  ROOT,
  runStep,
  scratch,
  startReceiver,
  stopApp,
} from '../../demo/fixture.mjs'
import { startForwardProxy } from '../helpers/forward-proxy.js'

const cleanups: Array<() => unknown> = []
beforeAll(async () => {
  const { existsSync } = await import('node:fs')
  if (!existsSync('dist/main/index.js')) throw new Error('dist/ is missing: run npm run build first')
})
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** undici's ProxyAgent class, as esbuild writes it (or as a class declaration). */
const PROXY_AGENT = /\bProxyAgent\d* = class\b|\bclass ProxyAgent\b/

/** The chunks of a step that hold undici (its ProxyAgent), by content, not by name. */
function undiciChunks(stepDir: string): string[] {
  const dir = join(stepDir, 'chunks')
  return readdirSync(dir)
    .filter((f) => PROXY_AGENT.test(readFileSync(join(dir, f), 'utf8')))
    .map((f) => join(dir, f))
}

/** A copy of dist/ without undici's chunks: whatever runs from it never loaded undici. */
function distWithoutUndici(root: string): { main: string; post: string; removed: number } {
  const copy = join(root, 'dist')
  cpSync(join(ROOT, 'dist'), copy, { recursive: true })
  let removed = 0
  for (const step of ['main', 'post']) {
    for (const f of undiciChunks(join(copy, step))) {
      rmSync(f)
      removed++
    }
  }
  return { main: join(copy, 'main', 'index.js'), post: join(copy, 'post', 'index.js'), removed }
}

async function world() {
  const root = scratch('lazy-e2e-')
  const appState = join(root, 'app')
  mkdirSync(appState)
  const origin = createOrigin(root, [
    { tag: 'v1.0.0', behaviour: 'ok' },
    { tag: 'v1.1.0', behaviour: 'ok' },
  ])
  const port = await freePort()
  const receiver = await startReceiver()
  cleanups.push(
    () => rmSync(root, { recursive: true, force: true }),
    () => stopApp(appState),
    () => receiver.close(),
  )
  const job = (extraEnv: Record<string, string> = {}) => {
    const ws = checkout(origin, 'v1.1.0', join(root, `ws-${Math.random().toString(36).slice(2)}`))
    const j = createJob({ workspace: ws, ref: 'refs/tags/v1.1.0', sha: headSha(ws), extraEnv: { APP_STATE: appState, APP_PORT: String(port), ...extraEnv } })
    cleanups.push(() => j.cleanup())
    return j
  }
  const inputs = (extra: Record<string, string> = {}) => ({
    'deploy-command': './deploy.sh',
    ...quickGate(port),
    'previous-version': 'v1.0.0',
    'slack-webhook-url': `${receiver.url}/services/T/B/lazy`,
    'notify-on': 'deployed',
    deployments: 'false',
    ...extra,
  })
  return { root, port, receiver, job, inputs }
}

/**
 * What a healthy HTTP-only deploy never runs, kept out of what main loads at start: each signal's
 * rounds but the HTTP probe's, the failure's wording, the alert sender and the incident calls.
 */
const LAZY_MODULES = [
  'src/gate/metrics.ts',
  'src/gate/error-rate-window.ts',
  'src/gate/signals/error-rate-run.ts',
  'src/gate/promql.ts',
  'src/gate/prometheus-result.ts',
  'src/gate/signals/prometheus-client.ts',
  'src/gate/signals/prometheus-run.ts',
  'src/gate/signals/watch-run.ts',
  'src/gate/baseline.ts',
  'src/gate/stats.ts',
  'src/gate/baseline-collect.ts',
  'src/gate/signals/baseline-run.ts',
  'src/gate/reasons.ts',
  'src/http/post-json.ts',
  'src/sinks/incident-run.ts',
]

/** index.js, the one chunk of what every run needs, and esbuild's runtime helpers (see eagerCodeInOneChunk in scripts/build.mjs). */
const MAX_EAGER_FILES = 3

/** esbuild names each module it bundles in a `// <path>` line before its code. */
const modulesIn = (text: string) => new Set([...text.matchAll(/^\/\/ (\S+)$/gm)].map((m) => m[1]))

/** The files a step loads at start: its index.js and every chunk it imports statically, transitively. */
function eagerFiles(stepDir: string): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const m of readFileSync(file, 'utf8').matchAll(/^import\s*(?:[^'"]*from\s*)?["'](\.[^'"]+)["']/gm)) visit(join(dirname(file), m[1]))
  }
  visit(join(stepDir, 'index.js'))
  return [...seen]
}

describe('lazy chunks (dist/)', () => {
  it('the runtimes a healthy HTTP-only deploy never runs are in lazy chunks only, not in what main loads at start', () => {
    const step = join(ROOT, 'dist', 'main')
    const eager = eagerFiles(step)
    const lazy = readdirSync(join(step, 'chunks'))
      .map((f) => join(step, 'chunks', f))
      .filter((f) => !eager.includes(f))
    const eagerModules = new Set(eager.flatMap((f) => [...modulesIn(readFileSync(f, 'utf8'))]))
    const lazyModules = new Set(lazy.flatMap((f) => [...modulesIn(readFileSync(f, 'utf8'))]))
    // The check sees what it should: the HTTP probe is loaded at start, and each module named is bundled.
    expect(eagerModules).toContain('src/gate/signals/http-probe.ts')
    for (const m of LAZY_MODULES) {
      expect(eagerModules.has(m), `${m} is loaded at start`).toBe(false)
      expect(lazyModules.has(m), `${m} is in no lazy chunk`).toBe(true)
    }
  })

  it('main loads few files at start: each costs about what parsing 15-20 kB does (see eagerCodeInOneChunk in scripts/build.mjs)', () => {
    const eager = eagerFiles(join(ROOT, 'dist', 'main')).map((f) => relative(ROOT, f))
    expect(eager[0]).toBe(join('dist', 'main', 'index.js'))
    expect(eager.length, eager.join('\n')).toBeLessThanOrEqual(MAX_EAGER_FILES)
  })

  it('the build put undici in a lazy chunk of each step', () => {
    for (const step of ['main', 'post']) {
      expect(undiciChunks(join(ROOT, 'dist', step))).toHaveLength(1)
      expect(readFileSync(join(ROOT, 'dist', step, 'index.js'), 'utf8')).not.toMatch(PROXY_AGENT)
    }
  })

  it('without a proxy, probes and the alert run on Node alone: dist/ without undici deploys and alerts', async () => {
    const w = await world()
    const lean = distWithoutUndici(w.root)
    expect(lean.removed).toBe(2)
    const j = w.job()
    const main = await runStep(j, 'main', w.inputs(), { entry: lean.main })
    expect(main.outputs, main.stdout + main.stderr).toMatchObject({ status: 'deployed', 'rolled-back': 'false' })
    expect((await appHealth(w.port))?.body.version).toBe('v1.1.0')
    expect(w.receiver.received).toHaveLength(1)
    const post = await runStep(j, 'post', w.inputs(), { entry: lean.post })
    expect(post.conclusion, post.stdout + post.stderr).toBe('success')
  })

  it('through a proxy, the undici chunk is loaded and carries the probes and the alert', async () => {
    const w = await world()
    const proxy = await startForwardProxy({ names: ['app.internal.test', 'hooks.internal.test'] })
    cleanups.push(() => proxy.close())
    const inputs = w.inputs({
      'health-urls': `http://app.internal.test:${w.port}/health`,
      'slack-webhook-url': `${w.receiver.url.replace('127.0.0.1', 'hooks.internal.test')}/services/T/B/lazy`,
    })
    const main = await runStep(w.job({ HTTP_PROXY: proxy.url }), 'main', inputs)
    expect(main.outputs, main.stdout + main.stderr).toMatchObject({ status: 'deployed' })
    const passed = proxy.passed.map((p) => `${p.method} ${new URL(p.target).host}`)
    expect(passed).toContain(`GET app.internal.test:${w.port}`)
    expect(passed).toContain(`POST hooks.internal.test:${new URL(w.receiver.url).port}`)
    expect(w.receiver.received).toHaveLength(1)

    // The same run from dist/ without undici's chunk cannot probe: the chunk is what serves the proxy path.
    const lean = distWithoutUndici(w.root)
    const broken = await runStep(w.job({ HTTP_PROXY: proxy.url }), 'main', { ...inputs, 'startup-timeout': '1s' }, { entry: lean.main })
    expect(broken.code).not.toBe(0)
    expect(broken.stdout).toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module/)
  })

  it('a healthy deploy loads no Node module it does not use: not crypto, assert, perf_hooks or fs/promises', async () => {
    const w = await world()
    // Preloaded into the step's node: at exit, writes every builtin module the process loaded.
    const listFile = join(w.root, 'builtins.txt')
    const lister = join(w.root, 'list-builtins.cjs')
    writeFileSync(
      lister,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(listFile)}, process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join('\\n')))\n`,
    )
    const main = await runStep(w.job({ NODE_OPTIONS: `--require ${lister}` }), 'main', w.inputs())
    expect(main.outputs, main.stdout + main.stderr).toMatchObject({ status: 'deployed' })
    const loaded = readFileSync(listFile, 'utf8').split('\n')
    // What the run does use is there (the list is real), and what only alerts, the OIDC client or
    // timings would load is not.
    expect(loaded).toEqual(expect.arrayContaining(['http', 'child_process', 'fs']))
    for (const unused of ['crypto', 'assert', 'perf_hooks', 'zlib', 'tls', 'fs/promises', 'readline', 'worker_threads'])
      expect(loaded, unused).not.toContain(unused)
  })
})
