// The demo's deploy under GitHub's @github/local-action, which runs the action from src/ (no build):
// v1.0.0 of the demo app is deployed, then a broken v1.1.0 is caught and rolled back, with the
// Slack alert going to a local stand-in. The env files are .env.example with the paths, port and
// ref of this run filled in, so the example stays one that works. Loopback only; bounded.
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { appHealth, checkout, createOrigin, freePort, headSha, ROOT, startReceiver, stopApp } from './fixture.mjs'

const RUN_LIMIT_MS = 120_000

/** .env.example with `values` set: each key must be in it (a commented-out line counts), so the example cannot drift. */
export function envFile(values) {
  let text = readFileSync(join(ROOT, '.env.example'), 'utf8')
  for (const [key, value] of Object.entries(values)) {
    const line = new RegExp(`^(# ?)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=.*$`, 'm')
    if (!line.test(text)) throw new Error(`.env.example has no ${key} line`)
    text = text.replace(line, () => `${key}=${value}`)
  }
  return text
}

/**
 * Runs `local-action . src/main.ts <env> --post src/post.ts` as `npm run local` does, with a clean
 * environment (a runner's own GITHUB_* and INPUT_* must not leak in). Resolves with its output and
 * the outputs it printed (`::set-output name=…::…`).
 */
export function runLocalAction(envPath) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' }
  const bin = join(ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '.', 'src/main.ts', envPath, '--post', 'src/post.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS)
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      const outputs = {}
      for (const m of out.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)) outputs[m[1]] = m[2]
      resolve({ code, out, outputs })
    })
  })
}

/** Deploys v1.0.0 then v1.1.0 of the demo app through local-action; true when v1.1.0 was rolled back to a healthy v1.0.0. */
export async function localDemo({ root, print = () => undefined }) {
  const appState = join(root, 'app')
  const runnerTemp = join(root, 'runner-temp')
  mkdirSync(appState, { recursive: true })
  mkdirSync(runnerTemp, { recursive: true })
  const port = await freePort()
  const receiver = await startReceiver()
  try {
    const origin = createOrigin(root, [
      { tag: 'v1.0.0', behaviour: 'ok', message: 'Release 1.0.0' },
      { tag: 'v1.1.0', behaviour: 'fail', message: 'New checkout flow (breaks /health)' },
    ])
    const deploy = async (tag) => {
      const workspace = checkout(origin, tag, join(root, `checkout-${tag}`))
      const envPath = join(root, `${tag}.env`)
      const values = {
        'INPUT_HEALTH-URLS': `http://127.0.0.1:${port}/health`,
        'INPUT_SLACK-WEBHOOK-URL': receiver.url,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: runnerTemp,
        GITHUB_REF: `refs/tags/${tag}`,
        GITHUB_SHA: headSha(workspace),
        APP_STATE: appState,
        APP_PORT: String(port),
      }
      writeFileSync(envPath, envFile(values))
      const run = await runLocalAction(envPath)
      print(`local-action deployed ${tag}: exit ${run.code}, status=${run.outputs.status ?? '(none)'}, reason=${run.outputs.reason ?? ''}`)
      return run
    }
    const first = await deploy('v1.0.0')
    const second = await deploy('v1.1.0')
    const live = (await appHealth(port))?.body.version
    print(`the app now says it is ${live}; Slack alerts received: ${receiver.received.length}`)
    const ok = first.outputs.status === 'deployed' && second.outputs.status === 'rolled-back' && live === 'v1.0.0' && receiver.received.length === 1
    return { ok, first, second }
  } finally {
    stopApp(appState)
    await receiver.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(ROOT, '.tmp', 'local-demo')
  rmSync(root, { recursive: true, force: true })
  const { ok, first, second } = await localDemo({ root, print: console.log })
  if (!ok) console.log(`\n--- v1.0.0 ---\n${first.out}\n--- v1.1.0 ---\n${second.out}`)
  console.log(ok ? 'local-action ran the demo: v1.1.0 was caught and v1.0.0 is live again.' : 'local-action did NOT run the demo as expected.')
  process.exitCode = ok ? 0 : 1
}
