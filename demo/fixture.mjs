// Real parts for the demo and the tests: a git origin with tagged releases of a tiny web app, a
// checkout made the way actions/checkout makes it, a Slack webhook receiver, and a runner that runs
// dist/ exactly as GitHub's runner does (INPUT_* env, file commands, STATE_* into post, SIGINT).
import { execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'

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
  const server = createServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address()
  await new Promise((r) => server.close(r))
  return port
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

/** A Slack incoming-webhook stand-in: records every JSON body it gets. */
export async function startReceiver({ answers = [] } = {}) {
  const received = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ path: req.url, body: JSON.parse(body || 'null') })
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

/** Parses the runner's file-command format (`name<<DELIM\nvalue\nDELIM`) into a map; last value wins. */
export function parseFileCommands(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^([^=<]+)<<(.+)$/)
    if (m) {
      const value = []
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return out
}

/** A job's runner files and environment, shared by its main and post steps. */
export function createJob({ workspace, repository = 'acme/web', runId = '4242', ref, sha, extraEnv = {} }) {
  const dir = mkdtempSync(join(tmpdir(), 'rollback-job-'))
  const runnerTemp = join(dir, 'runner-temp')
  mkdirSync(runnerTemp)
  const files = {
    output: join(dir, 'output'),
    state: join(dir, 'state'),
    summary: join(dir, 'summary.md'),
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
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
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_REF: ref ?? '',
    GITHUB_SHA: sha ?? '',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    ...extraEnv,
  }
  return { dir, runnerTemp, files, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
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

/** The node that runs the action: ACTION_NODE (CI points it at Node 24, the runner's), else this one. */
export const ACTION_NODE = process.env.ACTION_NODE ? resolvePath(process.env.ACTION_NODE) : process.execPath

/**
 * Runs dist/<step>/index.js as the runner does. For post, the state main saved is passed as STATE_*.
 * `cancelAfter`: send SIGINT after this many ms (or when `cancelWhen(output)` is true), SIGTERM 7.5 s
 * later, as the runner does on cancel.
 * @param {{ cancelAfter?: number, cancelWhen?: (out: string) => boolean, timeoutMs?: number }} [options]
 */
export function runStep(job, step, inputs, options = {}) {
  const { cancelAfter, cancelWhen, timeoutMs = 60_000 } = options
  const env = { ...job.env, ...inputEnv(inputs) }
  if (step === 'post') {
    for (const [k, v] of Object.entries(parseFileCommands(readFileSync(job.files.state, 'utf8')))) env[`STATE_${k}`] = v
  }
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(ACTION_NODE, [join(ROOT, 'dist', step, 'index.js')], { cwd: job.env.GITHUB_WORKSPACE, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let cancelledAt
    const timers = []
    const cancel = () => {
      if (cancelledAt !== undefined) return
      cancelledAt = Date.now()
      child.kill('SIGINT')
      timers.push(setTimeout(() => child.kill('SIGTERM'), 7500))
      timers.push(setTimeout(() => child.kill('SIGKILL'), 10_000))
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
    timers.push(setTimeout(() => child.kill('SIGKILL'), timeoutMs))
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t)
      resolve({
        code,
        signal,
        stdout,
        stderr,
        ms: Date.now() - started,
        exitAfterCancelMs: cancelledAt === undefined ? undefined : Date.now() - cancelledAt,
        outputs: parseFileCommands(readFileSync(job.files.output, 'utf8')),
        state: parseFileCommands(readFileSync(job.files.state, 'utf8')),
        summary: readFileSync(job.files.summary, 'utf8'),
      })
    })
  })
}

/** A scratch directory for one scenario. */
export function scratch(prefix = 'rollback-demo-') {
  return mkdtempSync(join(tmpdir(), prefix))
}

export const uuid = randomUUID
