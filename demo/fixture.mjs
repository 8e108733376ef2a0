// Real parts for the demo and the tests: a git origin with tagged releases of a tiny web app, a
// checkout made the way actions/checkout makes it, a Slack webhook receiver, and a runner that runs
// dist/ exactly as GitHub's runner does (action.yml defaults into INPUT_*, fresh file-command files
// per step, STATE_* into post, the runner's SIGINT → SIGTERM → SIGKILL on cancel).
import { execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

const git = (cwd, ...args) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.test', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.test' },
  }).trim()

// The app: answers /health with its version; its behaviour file says whether it is a good release.
//   ok: 200 {"status":"ok","version":…}   fail: 500   crash: exits at start
//   fail-after:N: healthy for N requests, then 500s   fail-in:ENV: 500 only in that environment
const SERVER = `import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
const version = readFileSync(new URL('./VERSION', import.meta.url), 'utf8').trim()
const behaviour = readFileSync(new URL('./BEHAVIOUR', import.meta.url), 'utf8').trim()
if (behaviour === 'crash') { console.error('crashing at start'); process.exit(1) }
let served = 0
const server = createServer((req, res) => {
  served++
  const failing = behaviour === 'fail' || behaviour === 'fail-in:' + process.env.DEPLOY_ENVIRONMENT || (behaviour.startsWith('fail-after:') && served > Number(behaviour.split(':')[1]))
  res.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' })
  res.end(JSON.stringify(failing ? { status: 'error', version } : { status: 'ok', version }))
})
const listen = (tries) => {
  server.once('error', (err) => {
    if (err.code === 'EADDRINUSE' && tries > 0) setTimeout(() => listen(tries - 1), 100)
    else { console.error(err.message); process.exit(1) }
  })
  server.listen(Number(process.env.APP_PORT), '127.0.0.1', () => console.log('listening', version))
}
listen(50)
process.on('SIGTERM', () => server.close(() => process.exit(0)))
`

// Stops the running instance (if any), starts this tree's server in the background, records the deploy.
const DEPLOY = `#!/usr/bin/env bash
set -euo pipefail
: "\${APP_STATE:?}" "\${APP_PORT:?}"
if [ -f "$APP_STATE/pid" ]; then
  old=$(cat "$APP_STATE/pid")
  kill "$old" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
fi
nohup node server.mjs >"$APP_STATE/app.log" 2>&1 &
echo $! >"$APP_STATE/pid"
echo "$DEPLOY_PHASE $DEPLOY_VERSION (replacing \${DEPLOY_PREVIOUS_VERSION:-nothing})" >>"$APP_STATE/deploys"
echo "started $DEPLOY_VERSION of $(cat VERSION) on port $APP_PORT"
`

/**
 * A bare origin holding one commit and tag per release, e.g. [{ tag: 'v1.0.0', behaviour: 'ok' }].
 * Returns its path. Messages can be set per release to test escaping; `files` adds files to a release.
 * @param {string} root
 * @param {Array<{ tag?: string, version?: string, behaviour: string, message?: string, files?: Record<string, string> }>} releases
 */
export function createOrigin(root, releases) {
  const src = join(root, 'src-repo')
  const origin = join(root, 'origin.git')
  mkdirSync(src, { recursive: true })
  git(root, 'init', '-q', '-b', 'main', src)
  writeFileSync(join(src, 'server.mjs'), SERVER)
  writeFileSync(join(src, 'deploy.sh'), DEPLOY, { mode: 0o755 })
  for (const r of releases) {
    writeFileSync(join(src, 'VERSION'), `${r.version ?? r.tag}\n`)
    writeFileSync(join(src, 'BEHAVIOUR'), `${r.behaviour}\n`)
    for (const [path, content] of Object.entries(r.files ?? {})) {
      mkdirSync(dirname(join(src, path)), { recursive: true })
      writeFileSync(join(src, path), content)
    }
    git(src, 'add', '-A')
    git(src, 'commit', '-q', '-m', r.message ?? `Release ${r.tag}`)
    if (r.tag) git(src, 'tag', r.tag)
  }
  git(root, 'clone', '-q', '--bare', src, origin)
  return origin
}

/** A checkout the way actions/checkout makes one: depth 1, no tags, detached at `ref`. */
export function checkout(origin, ref, dir) {
  mkdirSync(dir, { recursive: true })
  git(dir, 'init', '-q')
  git(dir, 'remote', 'add', 'origin', `file://${origin}`)
  const target = ref.startsWith('v') ? `+refs/tags/${ref}:refs/remotes/origin/release` : `+refs/heads/${ref}:refs/remotes/origin/${ref}`
  git(dir, 'fetch', '-q', '--depth=1', '--no-tags', 'origin', target)
  git(dir, 'checkout', '-q', '--detach', ref.startsWith('v') ? 'refs/remotes/origin/release' : `refs/remotes/origin/${ref}`)
  return dir
}

export function headSha(dir) {
  return git(dir, 'rev-parse', 'HEAD')
}

export function worktrees(dir) {
  return git(dir, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length))
}

/** A free port on 127.0.0.1 for the app. */
export async function freePort() {
  // Below the kernel's ephemeral range (32768 and up on Linux), where every `listen(0)` and every
  // outgoing connection gets its port: a port handed out here and bound a moment later by an app
  // cannot meanwhile be taken by another test's server on port 0. Picked at random and checked.
  for (let tries = 0; tries < 200; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    const server = createServer()
    const bound = await new Promise((r) => {
      server.once('error', () => r(false))
      server.listen(port, '127.0.0.1', () => r(true))
    })
    if (bound) {
      await new Promise((r) => server.close(r))
      return port
    }
  }
  throw new Error('no free port on 127.0.0.1 between 20000 and 32000')
}

/** Stops the app a deploy started (only the process our deploy script recorded). */
export function stopApp(appState) {
  const pidFile = join(appState, 'pid')
  if (!existsSync(pidFile)) return
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Fetches the app's health once; undefined when nothing answers. */
export async function appHealth(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })
    return { status: res.status, body: await res.json() }
  } catch {
    return undefined
  }
}

/** A Slack incoming-webhook stand-in: records every JSON body it gets, and when (epoch ms). */
export async function startReceiver({ answers = [] } = {}) {
  const received = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ path: req.url, body: JSON.parse(body || 'null'), at: Date.now() })
      const status = answers[received.length - 1] ?? 200
      res.writeHead(status, { 'content-type': 'text/plain' })
      res.end(status === 200 ? 'ok' : 'error')
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${server.address().port}/services/T000/B000/XXXXsecretXXXX`,
    received,
    close: () => new Promise((r) => server.close(r)),
  }
}

/**
 * Reads one file-command file (GITHUB_OUTPUT, GITHUB_STATE) as actions/runner does
 * (FileCommandManager, EnvFileKeyValuePairs): `NAME=VALUE` when `=` comes before any `<<`, else the
 * heredoc `NAME<<DELIM`, its value the lines up to one equal to DELIM; blank lines skipped. A line
 * with neither, a heredoc with an empty name or delimiter, or one whose delimiter never comes is
 * malformed: the runner stops there (what it read before stays) and fails the step.
 * @param {string} text
 * @returns {{ values: Record<string, string>, error?: string }}
 */
export function parseFileCommands(text) {
  const values = {}
  let index = 0
  const readLine = () => {
    if (index >= text.length) return undefined
    const lf = text.indexOf('\n', index)
    const line = lf < 0 ? text.slice(index) : text.slice(index, lf)
    index = lf < 0 ? text.length : lf + 1
    return line
  }
  for (let line = readLine(); line !== undefined; line = readLine()) {
    if (line === '') continue
    const eq = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      values[line.slice(0, eq)] = line.slice(eq + 1)
    } else if (heredoc >= 0) {
      const [name, delimiter] = [line.slice(0, heredoc), line.slice(heredoc + 2)]
      if (!name || !delimiter) return { values, error: `Invalid format '${line}'. Name must not be empty and delimiter must not be empty` }
      const value = []
      let next = readLine()
      while (next !== delimiter) {
        if (next === undefined) return { values, error: `Invalid value. Matching delimiter not found '${delimiter}'` }
        value.push(next)
        next = readLine()
      }
      values[name] = value.join('\n')
    } else {
      return { values, error: `Invalid format '${line}'` }
    }
  }
  return { values }
}

/** The job's token as the runner hands it to `${{ github.token }}` (a stand-in: no API ever sees it). */
export const JOB_TOKEN = 'ghs_fixtureJobToken0000000000000000000'

/**
 * A job: its workspace, RUNNER_TEMP and environment, shared by its steps; each step gets its own
 * file-command files (see runStep). GITHUB_API_URL points at a closed loopback port unless the test
 * brings its own API: `github-token` defaults to the job's token, so deployments are on unless a
 * test turns them off, and nothing may reach the internet.
 */
export function createJob({ workspace, repository = 'acme/web', runId = '4242', ref, sha, token = JOB_TOKEN, extraEnv = {} }) {
  const dir = mkdtempSync(join(tmpdir(), 'rollback-job-'))
  const runnerTemp = join(dir, 'runner-temp')
  mkdirSync(runnerTemp)
  /** @type {Record<string, string | undefined>} */
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: runId,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_REF: ref ?? '',
    GITHUB_SHA: sha ?? '',
    ...extraEnv,
  }
  return {
    dir,
    runnerTemp,
    env,
    token,
    /** What main saved (GITHUB_STATE), handed to post as STATE_*: the runner's intra-action state. */
    savedState: {},
    steps: 0,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * Gate inputs for tests against the fixture app on `port`: fast rounds, the version checked,
 * two rounds to pass and two failures to fail.
 */
export function quickGate(port) {
  return {
    'health-urls': `http://127.0.0.1:${port}/health`,
    'expect-version': 'true',
    interval: '100ms',
    'request-timeout': '1s',
    'startup-timeout': '5s',
    'success-threshold': '2',
    'failure-threshold': '2',
  }
}

/** The runner's env name for an input: `INPUT_` + upper case, spaces to underscores (hyphens stay). */
export function inputEnv(inputs) {
  const env = {}
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = String(v)
  return env
}

let declared
/**
 * The inputs as the runner gives them: every input action.yml declares gets its default when the
 * step does not set it (`${{ github.token }}` is the job's token), one without a default arrives as
 * '', and one the step sets, even to '', keeps its value.
 */
export function actionInputs(given, token = JOB_TOKEN) {
  declared ??= parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')).inputs ?? {}
  const out = {}
  for (const [name, spec] of Object.entries(declared)) {
    const fallback = spec?.default === undefined ? '' : String(spec.default)
    const value = fallback.replace(/\$\{\{\s*github\.token\s*\}\}/g, token)
    if (/\$\{\{/.test(value)) throw new Error(`fixture: the default of ${name} is an expression the fixture does not know: ${fallback}`)
    out[name] = value
  }
  return { ...out, ...given }
}

/** The node that runs the action: ACTION_NODE (CI points it at Node 24, the runner's), else this one. */
export const ACTION_NODE = process.env.ACTION_NODE ? resolvePath(process.env.ACTION_NODE) : process.execPath

/**
 * What the runner does on cancel (and on a step's timeout), from actions/runner's ProcessInvoker:
 * SIGINT to the step's node process only (never its group), SIGTERM 7.5 s later, then SIGKILL
 * 2.5 s after that. [signal, ms after the cancel].
 */
export const RUNNER_CANCEL = [
  ['SIGINT', 0],
  ['SIGTERM', 7500],
  ['SIGKILL', 10_000],
]

/**
 * Runs dist/<step>/index.js as the runner does: fresh, empty GITHUB_OUTPUT, GITHUB_STATE and
 * GITHUB_STEP_SUMMARY for each step, read after the process ends (even after a kill); what main
 * saved reaches post as STATE_*; post's outputs are discarded; a malformed file-command line fails
 * the step (`conclusion`). `cancelAfter` (ms) or `cancelWhen(stdout)` delivers `cancelWith`
 * (default: the runner's sequence); `timeoutMs`, the step's timeout, delivers the same sequence.
 * @param {{ cancelAfter?: number, cancelWhen?: (out: string) => boolean, cancelWith?: Array<[NodeJS.Signals, number]>, timeoutMs?: number, entry?: string }} [options]
 */
export function runStep(job, step, inputs, options = {}) {
  const { cancelAfter, cancelWhen, cancelWith = RUNNER_CANCEL, timeoutMs = 60_000, entry = join(ROOT, 'dist', step, 'index.js') } = options
  const stepDir = join(job.dir, `step-${++job.steps}-${step}`)
  mkdirSync(stepDir)
  const files = { output: join(stepDir, 'output'), state: join(stepDir, 'state'), summary: join(stepDir, 'summary.md') }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const env = {
    ...job.env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    ...inputEnv(actionInputs(inputs, job.token)),
  }
  if (step === 'post') for (const [k, v] of Object.entries(job.savedState)) env[`STATE_${k}`] = v
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(ACTION_NODE, [entry], { cwd: job.env.GITHUB_WORKSPACE, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let cancelledAt
    const signalsSent = []
    const timers = []
    const send = (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      signalsSent.push({ signal, afterCancelMs: Date.now() - cancelledAt })
      child.kill(signal) // kill(2) on the pid: the node process only, as the runner does
    }
    const cancel = () => {
      if (cancelledAt !== undefined) return
      cancelledAt = Date.now()
      for (const [signal, at] of cancelWith) {
        if (at === 0) send(signal)
        else timers.push(setTimeout(() => send(signal), at))
      }
    }
    child.stdout.on('data', (c) => {
      stdout += c
      if (cancelWhen?.(stdout)) cancel()
    })
    child.stderr.on('data', (c) => (stderr += c))
    // Node itself could not start (a wrong ACTION_NODE): say so at once rather than time out.
    child.on('error', (err) => {
      for (const t of timers) clearTimeout(t)
      reject(new Error(`could not start ${ACTION_NODE}: ${err.message}`))
    })
    if (cancelAfter !== undefined) timers.push(setTimeout(cancel, cancelAfter))
    timers.push(setTimeout(cancel, timeoutMs))
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t)
      const raw = { output: readFileSync(files.output, 'utf8'), state: readFileSync(files.state, 'utf8'), summary: readFileSync(files.summary, 'utf8') }
      const output = parseFileCommands(raw.output)
      const state = parseFileCommands(raw.state)
      const fileErrors = [
        output.error && `Unable to process file command 'output' successfully: ${output.error}`,
        state.error && `Unable to process file command 'state' successfully: ${state.error}`,
      ].filter(Boolean)
      if (step === 'main') job.savedState = state.values
      resolve({
        code,
        signal,
        /** The step's result as the runner sets it: a non-zero exit, a kill or a malformed file command fails it. */
        conclusion: code === 0 && fileErrors.length === 0 ? 'success' : 'failure',
        fileErrors,
        stdout,
        stderr: [stderr, ...fileErrors].filter(Boolean).join('\n'),
        ms: Date.now() - started,
        cancelledAt,
        signalsSent,
        exitAfterCancelMs: cancelledAt === undefined ? undefined : Date.now() - cancelledAt,
        // The runner keeps main's outputs; post has no outputs anyone can read.
        outputs: step === 'main' ? output.values : {},
        state: state.values,
        summary: raw.summary,
        raw,
      })
    })
  })
}

/** A scratch directory for one scenario. */
export function scratch(prefix = 'rollback-demo-') {
  return mkdtempSync(join(tmpdir(), prefix))
}

export const uuid = randomUUID
