// Speed figures as ratios to baselines measured in the same run, alternately (shared, noisy machines:
// absolute times mean little, ratios do). Run: npm run bench  (BENCH_RUNS=N to change the count).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkout, createOrigin, inputEnv, ROOT } from '../demo/fixture.mjs'
import { MANY_TAGS, measureTags } from './tags.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
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

/** Runs a process; returns its wall time and when each stdout line arrived. */
function timed(args, env = {}) {
  return new Promise((resolve) => {
    const started = now()
    const lines = []
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'ignore'] })
    let buf = ''
    child.stdout.on('data', (c) => {
      buf += c
      const parts = buf.split('\n')
      buf = parts.pop()
      for (const text of parts) lines.push({ at: now(), text })
    })
    child.on('exit', (code) => resolve({ ms: now() - started, exitedAt: now(), code, lines }))
  })
}

function runnerEnv(dir, inputs) {
  for (const f of ['output', 'state', 'summary']) writeFileSync(join(dir, f), '')
  return {
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_RUN_ID: '1',
    ...inputEnv({ deployments: 'false', 'github-token': '', version: 'v1.0.0', ...inputs }),
  }
}

const dir = mkdtempSync(join(tmpdir(), 'rollback-bench-'))
const main = join(ROOT, 'dist/main/index.js')
try {
  // 1. A healthy-at-once deploy through dist/, against a bare node process doing one http.get.
  const app = await startApp()
  const get = `require('http').get(${JSON.stringify(app.url)}, (r) => { r.resume(); r.on('end', () => process.exit(0)) })`
  const deployInputs = { 'deploy-command': 'true', 'health-urls': app.url, 'success-threshold': '1', interval: '100ms', 'previous-version': 'v0.9.0' }
  const base = []
  const action = []
  for (let i = 0; i < RUNS; i++) {
    base.push((await timed(['-e', get])).ms)
    const r = await timed([main], runnerEnv(dir, deployInputs))
    if (r.code !== 0) throw new Error(`the healthy deploy failed:\n${r.lines.map((l) => l.text).join('\n')}`)
    action.push(r.ms)
  }
  await app.close()

  // 2. Decision speed: the service answers, then starts failing; time from its first failure to the
  //    verdict, against the bound failure-threshold × interval + request-timeout.
  // 3. Exit after the verdict: from the verdict line to the process's exit.
  const threshold = 3
  const intervalMs = 100
  const requestTimeoutMs = 500
  const bound = threshold * intervalMs + requestTimeoutMs
  const decide = []
  const exitAfter = []
  for (let i = 0; i < RUNS; i++) {
    const failing = await startApp(2)
    const r = await timed(
      [main],
      runnerEnv(dir, {
        'deploy-command': 'true',
        'health-urls': failing.url,
        'success-threshold': '50',
        'failure-threshold': String(threshold),
        interval: `${intervalMs}ms`,
        'request-timeout': `${requestTimeoutMs}ms`,
        'previous-version': '',
      }),
    )
    await failing.close()
    const verdict = r.lines.find((l) => l.text.startsWith('::error::Health gate'))
    if (!verdict || failing.firstFailureAt === undefined) throw new Error(`no verdict seen:\n${r.lines.map((l) => l.text).join('\n')}`)
    decide.push(verdict.at - failing.firstFailureAt)
    exitAfter.push(r.exitedAt - verdict.at)
  }

  // 4. A prepared rollback: from the verdict to the moment the redeploy command starts, the
  //    preparation (checkout of the previous version and prepare-rollback-command) having finished
  //    during the gate.
  const origin = createOrigin(join(dir, 'repo'), [
    { tag: 'v0.9.0', behaviour: 'ok' },
    { tag: 'v1.0.0', behaviour: 'ok' },
  ])
  const ws = checkout(origin, 'v1.0.0', join(dir, 'ws'))
  const toRedeploy = []
  for (let i = 0; i < RUNS; i++) {
    const failing = await startApp(4)
    const r = await timed([main], {
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
    if (!verdict || !started) throw new Error(`no verdict or no redeploy seen:\n${r.lines.map((l) => l.text).join('\n')}`)
    toRedeploy.push(started.at - verdict.at)
  }

  // 5. Many tags: what 12 000 release tags add to a rollback's version resolution, against what they
  //    add to a bare `git ls-remote --tags` (the one listing the resolution cannot avoid). Twice the
  //    rounds: the figure is a ratio of two differences, noisier than a plain ratio.
  const tags = await measureTags({ root: join(dir, 'tags'), job: { dir }, runs: 2 * RUNS, median })

  const b = median(base)
  const rows = [
    ['bare node process: one http.get (baseline)', `${b.toFixed(0)} ms`, '1.00×'],
    ['main step: healthy-at-once deploy', `${median(action).toFixed(0)} ms`, `${(median(action) / b).toFixed(2)}× baseline`],
    [`decision: first failure → verdict (bound ${bound} ms)`, `${median(decide).toFixed(0)} ms`, `${(median(decide) / bound).toFixed(2)}× bound`],
    ['exit: verdict → process exit', `${median(exitAfter).toFixed(1)} ms`, `${(median(exitAfter) / b).toFixed(3)}× baseline`],
    [
      'rollback: verdict → redeploy command starts, preparation finished (must ≤ 150 ms)',
      `${median(toRedeploy).toFixed(0)} ms`,
      `${(median(toRedeploy) / 150).toFixed(2)}× the 150 ms target`,
    ],
    [`git ls-remote --tags: 2 tags (baseline)`, `${tags.lsFew.toFixed(0)} ms`, ''],
    [`git ls-remote --tags: ${MANY_TAGS} tags, extra (baseline)`, `${tags.extraLs.toFixed(0)} ms`, '1.00×'],
    [`dry-run rollback, resolve from 2 tags (baseline)`, `${tags.resolveFew.toFixed(0)} ms`, ''],
    [`dry-run rollback, resolve from ${MANY_TAGS} tags, extra`, `${tags.extraResolve.toFixed(0)} ms`, `${tags.ratio.toFixed(2)}× ls-remote's extra`],
  ]
  console.log(`rollback-action bench: medians of ${RUNS} alternating runs on this machine`)
  for (const [what, abs, ratio] of rows) console.log(`  ${what.padEnd(52)} ${abs.padStart(9)}   ${ratio}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
