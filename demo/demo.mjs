// The demo: the built action (dist/, run as the runner runs it) deploys v1.0.0 of a tiny app on
// 127.0.0.1, then a broken v1.1.0: it detects the failure, rolls back, alerts a local Slack stand-in,
// writes the job summary, and the post step cleans up. Loopback only; a few seconds.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { appHealth, checkout, createJob, createOrigin, freePort, headSha, runStep, scratch, startReceiver, stopApp, worktrees } from './fixture.mjs'

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const title = (s) => console.log(`\n${bold(`━━ ${s} `.padEnd(78, '━'))}`)
const indent = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `  │ ${l}`)
    .join('\n')

const root = scratch('rollback-demo-')
const appState = join(root, 'app')
const receiver = await startReceiver()
const jobs = []
try {
  const { mkdirSync } = await import('node:fs')
  mkdirSync(appState)
  const port = await freePort()
  const origin = createOrigin(root, [
    { tag: 'v1.0.0', behaviour: 'ok', message: 'Release 1.0.0' },
    { tag: 'v1.1.0', behaviour: 'fail', message: 'New checkout flow (breaks /health)' },
  ])
  const inputs = {
    'deploy-command': './deploy.sh',
    'health-urls': `http://127.0.0.1:${port}/health`,
    'expect-version': 'true',
    interval: '200ms',
    'request-timeout': '1s',
    'startup-timeout': '10s',
    'success-threshold': '2',
    'failure-threshold': '3',
    'slack-webhook-url': receiver.url,
    'slack-mention': '<!here>',
    deployments: 'false',
    'github-token': '',
  }
  const job = (tag) => {
    const workspace = checkout(origin, tag, join(root, `checkout-${tag}`))
    const j = createJob({ workspace, ref: `refs/tags/${tag}`, sha: headSha(workspace), extraEnv: { APP_STATE: appState, APP_PORT: String(port) } })
    jobs.push(j)
    return j
  }

  title('1. Deploy v1.0.0 (a good release)')
  const first = await runStep(job('v1.0.0'), 'main', inputs)
  console.log(`  status=${first.outputs.status}  exit=${first.code}  app says: ${JSON.stringify((await appHealth(port))?.body)}`)

  title('2. Deploy v1.1.0 (broken: /health answers 500)')
  const badJob = job('v1.1.0')
  const main = await runStep(badJob, 'main', inputs)
  console.log(
    indent(
      main.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::'))
        .join('\n'),
    ),
  )
  console.log(`\n  exit code ${main.code} (the step fails: fail-on-rollback is true)`)
  console.log('  outputs:')
  for (const [k, v] of Object.entries(main.outputs)) console.log(`    ${k} = ${v}`)
  console.log(`  the app now says: ${JSON.stringify((await appHealth(port))?.body)}`)

  title('3. The Slack alert the local webhook received')
  for (const r of receiver.received) console.log(indent(JSON.stringify(r.body, null, 2)))

  title('4. The job summary (markdown)')
  console.log(indent(main.summary))

  title('5. Post step: remove the checkout of v1.0.0 made under RUNNER_TEMP')
  console.log(`  worktrees before: ${worktrees(badJob.env.GITHUB_WORKSPACE).length}`)
  const post = await runStep(badJob, 'post', inputs)
  console.log(`  post exit ${post.code}; worktrees after: ${worktrees(badJob.env.GITHUB_WORKSPACE).length}`)

  const ok = main.outputs.status === 'rolled-back' && (await appHealth(port))?.body.version === 'v1.0.0' && receiver.received.length === 1
  title(ok ? 'Demo done: v1.1.0 was caught and v1.0.0 is live again.' : 'Demo did NOT go as expected')
  process.exitCode = ok ? 0 : 1
} finally {
  stopApp(appState)
  await receiver.close()
  for (const j of jobs) j.cleanup()
  rmSync(root, { recursive: true, force: true })
}
