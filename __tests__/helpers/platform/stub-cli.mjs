#!/usr/bin/env node
// Stand-in for platform CLIs that cannot run on a test machine (kubectl, helm, aws, heroku, fly,
// vercel, npx sst, docker). Called through a symlink named like the CLI, it records its arguments
// and does what the real one would do to the one thing the tests can see: which version of the app
// answers on APP_PORT. Each "platform" keeps a release history, so undo/rollback commands go back
// one release as the real ones do. Env: STUB_STATE (dir), APP_PORT, STUB_BEHAVIOURS (v1=ok,v2=fail).
import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const cli = basename(process.argv[1])
const args = process.argv.slice(2)
const state = process.env.STUB_STATE
appendFileSync(join(state, 'calls'), `${[cli, ...args].join(' ')}\n`)

const file = (name) => join(state, name)
const read = (name, fallback) => (existsSync(file(name)) ? JSON.parse(readFileSync(file(name), 'utf8')) : fallback)
const write = (name, value) => writeFileSync(file(name), JSON.stringify(value))
const releases = () => read('releases', [])
const opt = (name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.split('=')[1]
}

/** Puts `version` live: stops the running app, starts the stand-in app answering as that version. */
function goLive(version, { record = true } = {}) {
  if (!version) fail('no version to put live')
  if (record) write('releases', [...releases(), version])
  const pidFile = file('pid')
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL')
    } catch {
      /* gone */
    }
  }
  const app = spawn(process.execPath, [join(fileURLToPath(import.meta.url), '..', 'stub-app.mjs'), version], {
    detached: true,
    stdio: 'ignore',
    env: process.env,
  })
  writeFileSync(pidFile, String(app.pid))
  app.unref()
  console.log(`${cli}: ${version} is live`)
}
function undo() {
  const r = releases()
  if (r.length < 2) fail('no previous release to roll back to')
  write('releases', r.slice(0, -1))
  goLive(r.at(-2), { record: false })
}
function fail(message) {
  console.error(`${cli}: ${message}`)
  process.exit(1)
}
const imageTag = (image) => image?.split(':').at(-1)
const joined = args.join(' ')

switch (cli) {
  case 'kubectl':
    if (joined.startsWith('set image')) goLive(imageTag(args[3]))
    else if (joined.startsWith('rollout undo')) undo()
    else if (!joined.startsWith('rollout status')) fail(`unexpected: ${joined}`)
    break
  case 'helm':
    if (args[0] === 'upgrade') goLive(opt('--set')?.split('=')[1])
    else if (args[0] === 'rollback') undo()
    else fail(`unexpected: ${joined}`)
    break
  case 'aws': {
    // Lambda versions and ECS task definitions are numbered; each number remembers its app version.
    const numbered = read('numbered', {})
    const live = read('live-number', 0)
    const publish = () => {
      const n = Object.keys(numbered).length + 1
      numbered[n] = process.env.DEPLOY_VERSION
      write('numbered', numbered)
      return n
    }
    const point = (n) => {
      write('live-number', Number(n))
      goLive(numbered[n])
    }
    if (joined.startsWith('lambda get-alias')) console.log(live)
    else if (joined.startsWith('lambda update-function-code')) console.log(publish())
    else if (joined.startsWith('lambda update-alias')) point(opt('--function-version'))
    else if (joined.startsWith('ecs describe-services')) console.log(`arn:aws:ecs:eu-west-1:123456789012:task-definition/web:${live}`)
    else if (joined.startsWith('ecs register-task-definition')) console.log(`arn:aws:ecs:eu-west-1:123456789012:task-definition/web:${publish()}`)
    else if (joined.startsWith('ecs update-service')) point(opt('--task-definition').split(':').at(-1))
    else if (joined.startsWith('ecs wait') || joined.startsWith('cloudfront create-invalidation')) console.log('{}')
    else fail(`unexpected: ${joined}`)
    break
  }
  case 'heroku':
    if (args[0] === 'container:release') goLive(process.env.DEPLOY_VERSION)
    else if (args[0] === 'releases:rollback') undo()
    else if (args[0] !== 'container:push') fail(`unexpected: ${joined}`)
    break
  case 'fly':
    if (args[0] === 'deploy') goLive(imageTag(opt('--image')))
    else fail(`unexpected: ${joined}`)
    break
  case 'vercel':
    if (args[0] === 'deploy') goLive(process.env.DEPLOY_VERSION)
    else if (args[0] === 'rollback' && args[1] === 'status') console.log('rollback complete')
    else if (args[0] === 'rollback') undo()
    else fail(`unexpected: ${joined}`)
    break
  case 'npx':
    // `npx sst deploy` builds the tree it runs in: the version is the checkout's, not an argument.
    if (args[0] === 'sst' && args[1] === 'deploy') goLive(readFileSync('VERSION', 'utf8').trim())
    else fail(`unexpected: ${joined}`)
    break
  case 'docker':
    if (joined.startsWith('compose up')) goLive(process.env.TAG)
    else fail(`unexpected: ${joined}`)
    break
  default:
    fail('unknown stand-in')
}
