// The speed and memory figures, each a ratio to a baseline measured in the same run, alternately
// (shared, noisy machines: absolute times mean little, ratios do). Runs dist/ as the runner does.
// Run: npm run bench  (BENCH_RUNS=N to change the count). Needs Node 24 and /usr/bin/time.
//
// Adding a figure: one function returning { name, value, baseline, unit, must, aim } pushed in
// FIGURES below (the 12 000-tags and the prepared-rollback figures go there).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionInputs, checkout, createOrigin, inputEnv, parseFileCommands, ROOT } from '../demo/fixture.mjs'
import { MANY_TAGS, measureTags } from './tags.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const TIME = '/usr/bin/time'
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const now = () => performance.now()

/** A server on 127.0.0.1: healthy for `okFor` requests, then 500. Records when it first failed. */
async function startApp(okFor = Infinity) {
  const app = { served: 0, firstFailureAt: undefined }
  const server = createServer((req, res) => {
    app.served++
    const failing = app.served > okFor
    if (failing && app.firstFailureAt === undefined) app.firstFailureAt = now()
    res.writeHead(failing ? 500 : 200).end(`{"version":"v1.0.0"}`)
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  app.url = `http://127.0.0.1:${server.address().port}/health`
  app.close = () => new Promise((r) => server.close(r))
  return app
}

/** Runs node under /usr/bin/time: wall time, peak RSS (KiB), and when each stdout line arrived. */
function timed(dir, args, env = {}) {
  const rssFile = join(dir, 'rss')
  return new Promise((resolve) => {
    const started = now()
    const lines = []
    const child = spawn(TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    let buf = ''
    child.stdout.on('data', (c) => {
      buf += c
      const parts = buf.split('\n')
      buf = parts.pop()
      for (const text of parts) lines.push({ at: now(), text })
    })
    child.on('exit', (code) => {
      const exitedAt = now()
      resolve({ ms: exitedAt - started, exitedAt, code, lines, rssKiB: Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) })
    })
  })
}

function runnerEnv(dir, inputs, extra = {}) {
  for (const f of ['output', 'state', 'summary']) writeFileSync(join(dir, f), '')
  return {
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_RUN_ID: '1',
    ...inputEnv(actionInputs({ deployments: 'false', 'github-token': '', version: 'v1.0.0', ...inputs })),
    ...extra,
  }
}

const fail = (what, r) => {
  throw new Error(`${what} (exit ${r.code}):\n${r.lines.map((l) => l.text).join('\n')}`)
}

/**
 * Main and post of a healthy-at-once deploy, each paired with a bare node doing one http.get. As
 * the figure was first measured: the workspace is a plain directory, not a git checkout, so the
 * previous version (given) is not fetched in the background; in a checkout that fetch runs beside
 * the gate, and a passing deploy stops it at once.
 */
async function healthyAtOnce(dir) {
  const app = await startApp()
  const get = `require('http').get(${JSON.stringify(app.url)}, (r) => { r.resume(); r.on('end', () => process.exit(0)) })`
  const inputs = { 'deploy-command': 'true', 'health-urls': app.url, 'success-threshold': '1', interval: '100ms', 'previous-version': 'v0.9.0' }
  const s = { bare: [], bareRss: [], main: [], mainRss: [], post: [] }
  try {
    for (let i = 0; i < RUNS; i++) {
      const bare = await timed(dir, ['-e', get])
      s.bare.push(bare.ms)
      s.bareRss.push(bare.rssKiB)
      const main = await timed(dir, [join(ROOT, 'dist/main/index.js')], runnerEnv(dir, inputs))
      if (main.code !== 0) fail('the healthy deploy failed', main)
      s.main.push(main.ms)
      s.mainRss.push(main.rssKiB)
      // Post gets what main saved, as STATE_*, as the runner passes it.
      const saved = parseFileCommands(readFileSync(join(dir, 'state'), 'utf8')).values
      const state = Object.fromEntries(Object.entries(saved).map(([k, v]) => [`STATE_${k}`, v]))
      const post = await timed(dir, [join(ROOT, 'dist/post/index.js')], runnerEnv(dir, inputs, state))
      if (post.code !== 0) fail('the post step failed', post)
      s.post.push(post.ms)
    }
  } finally {
    await app.close()
  }
  const bare = median(s.bare)
  const bareRss = median(s.bareRss)
  return [
    { name: 'healthy-at-once main step / bare http.get', value: median(s.main), baseline: bare, unit: 'ms', must: 2.0, aim: 1.5 },
    { name: 'its peak RSS / the bare process', value: median(s.mainRss) / 1024, baseline: bareRss / 1024, unit: 'MiB', must: 1.35, aim: 1.25 },
    { name: 'post step of that run / bare', value: median(s.post), baseline: bare, unit: 'ms', must: 1.7, aim: 1.4 },
  ]
}

/** The service answers, then fails: from its first failure to the verdict, against failure-threshold × interval. */
async function decisionSpeed(dir) {
  const threshold = 3
  const intervalMs = 100
  const decide = []
  for (let i = 0; i < RUNS; i++) {
    const failing = await startApp(2)
    const inputs = {
      'deploy-command': 'true',
      'health-urls': failing.url,
      'success-threshold': '50',
      'failure-threshold': String(threshold),
      interval: `${intervalMs}ms`,
      'request-timeout': '500ms',
      'previous-version': '',
    }
    const r = await timed(dir, [join(ROOT, 'dist/main/index.js')], runnerEnv(dir, inputs))
    await failing.close()
    const verdict = r.lines.find((l) => l.text.startsWith('::error::Health gate'))
    if (!verdict || failing.firstFailureAt === undefined) fail('no verdict seen', r)
    decide.push(verdict.at - failing.firstFailureAt)
  }
  return [{ name: 'first failure → verdict / failure-threshold × interval', value: median(decide), baseline: threshold * intervalMs, unit: 'ms', must: 1.1 }]
}

/**
 * What 12 000 release tags add to a rollback's version resolution, against what they add to a bare
 * `git ls-remote --tags` (the one listing the resolution cannot avoid). Twice the rounds: the figure
 * is a ratio of two differences, noisier than a plain ratio.
 */
async function manyTags(dir) {
  const tags = await measureTags({ root: join(dir, 'tags'), job: { dir }, runs: 2 * RUNS, median })
  return [
    { name: `${MANY_TAGS} tags: extra resolve time / extra ls-remote time`, value: tags.extraResolve, baseline: tags.extraLs, unit: 'ms', must: 2.0, aim: 1.5 },
  ]
}

/**
 * A prepared rollback: from the gate's verdict to the moment the redeploy command starts, the
 * preparation (the previous version's checkout and prepare-rollback-command) having finished
 * during the gate. Against the 150 ms target: no baseline process to pair with.
 */
async function preparedRollback(dir) {
  const origin = createOrigin(join(dir, 'repo'), [
    { tag: 'v0.9.0', behaviour: 'ok' },
    { tag: 'v1.0.0', behaviour: 'ok' },
  ])
  const ws = checkout(origin, 'v1.0.0', join(dir, 'ws'))
  const toRedeploy = []
  for (let i = 0; i < RUNS; i++) {
    const failing = await startApp(4)
    const r = await timed(dir, [join(ROOT, 'dist/main/index.js')], {
      ...runnerEnv(dir, {
        'deploy-command': 'if [ "$DEPLOY_PHASE" = rollback ]; then echo REDEPLOY-STARTS; fi',
        'prepare-rollback-command': 'echo prepared',
        'health-urls': failing.url,
        'success-threshold': '50',
        'failure-threshold': '2',
        interval: '100ms',
        'request-timeout': '500ms',
        'previous-version': 'v0.9.0',
      }),
      GITHUB_WORKSPACE: ws,
    })
    await failing.close()
    const verdict = r.lines.find((l) => l.text.startsWith('::error::Health gate'))
    const started = r.lines.find((l) => l.text === 'REDEPLOY-STARTS')
    if (!verdict || !started) fail('no verdict or no redeploy seen', r)
    toRedeploy.push(started.at - verdict.at)
  }
  return [{ name: 'prepared rollback: verdict → redeploy starts / 150 ms target', value: median(toRedeploy), baseline: 150, unit: 'ms', must: 1.0 }]
}

const FIGURES = [healthyAtOnce, decisionSpeed, manyTags, preparedRollback]

if (!existsSync(TIME)) throw new Error(`${TIME} is needed for peak RSS (Debian/Ubuntu package "time")`)
const dir = mkdtempSync(join(tmpdir(), 'rollback-bench-'))
try {
  const rows = []
  for (const figure of FIGURES) rows.push(...(await figure(dir)))
  console.log(`rollback-action bench (Node ${process.versions.node}): medians of ${RUNS} alternating runs on this machine`)
  let missed = 0
  for (const f of rows) {
    const ratio = f.value / f.baseline
    const meets = ratio <= f.must
    if (!meets) missed++
    const abs = `${f.value.toFixed(f.unit === 'MiB' ? 1 : 0)} vs ${f.baseline.toFixed(f.unit === 'MiB' ? 1 : 0)} ${f.unit}`
    const target = `must ≤ ${f.must.toFixed(2)}×${f.aim ? `, aim ${f.aim.toFixed(2)}×` : ''}`
    console.log(`  ${f.name.padEnd(56)} ${ratio.toFixed(2)}×  (${abs})  ${target}: ${meets ? 'meets' : 'MISSES'} the must`)
  }
  if (missed) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
