// The tags figure: how much more a rollback's version resolution costs on an origin with 12 000
// release tags than on one with two, against how much more a bare `git ls-remote --tags` costs on
// the same two origins. Both extras come from real git on real bare repositories; the resolution is
// the action's own, run through dist/ in dry-run mode (it resolves and prints the plan, runs nothing).
import { execFileSync, spawn } from 'node:child_process'
import { join } from 'node:path'
import { checkout, createOrigin, inputEnv, ROOT } from '../demo/fixture.mjs'

export const MANY_TAGS = 12_000

const git = (cwd, args, input) =>
  execFileSync('git', args, { cwd, input, encoding: 'utf8', stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] }).trim()

/** The i-th of the many release tags, in an order unlike their semver order (the pick must compare, not trust order). */
const manyTag = (i) => `v${1 + ((i * 7919) % 30)}.${Math.floor(i / 30) % 20}.${Math.floor(i / 600)}`

/**
 * Two bare origins with the same history: one with two release tags, one with 12 000 more written
 * in one `update-ref --stdin` and packed (as a server holds them); and a shallow, tagless checkout
 * of each, as actions/checkout leaves it. Returns each checkout and the version a rollback picks.
 */
export function createTagOrigins(root) {
  const few = createOrigin(join(root, 'few'), [
    { tag: 'v0.0.1', behaviour: 'ok' },
    { tag: 'v0.0.2', behaviour: 'ok' },
  ])
  const many = createOrigin(join(root, 'many'), [
    { tag: 'v0.0.1', behaviour: 'ok' },
    { tag: 'v0.0.2', behaviour: 'ok' },
  ])
  const head = git(many, ['rev-parse', 'v0.0.2^{commit}'])
  const names = new Set(Array.from({ length: MANY_TAGS }, (_, i) => manyTag(i)))
  if (names.size !== MANY_TAGS) throw new Error(`the bench's tag names collide: ${names.size} distinct of ${MANY_TAGS}`)
  git(many, ['update-ref', '--stdin'], [...names].map((t) => `create refs/tags/${t} ${head}\n`).join(''))
  git(many, ['pack-refs', '--all'])
  const listed = git(many, ['for-each-ref', '--format=x', 'refs/tags']).split('\n').length
  if (listed !== MANY_TAGS + 2) throw new Error(`the many-tags origin holds ${listed} tags, not ${MANY_TAGS + 2}`)
  return {
    few: { ws: checkout(few, 'v0.0.2', join(root, 'ws-few')), target: 'v0.0.1' },
    many: { ws: checkout(many, 'v0.0.2', join(root, 'ws-many')), target: 'v30.19.18' },
  }
}

/** Runs a command to its exit; returns its wall time and its stdout. */
function wall(cmd, args, o) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(cmd, args, { ...o, stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (c) => (out += c))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ ms: performance.now() - started, code, out }))
  })
}

/** A dry-run manual rollback without history: it lists origin's tags and picks the release below the newest. */
async function resolveOnce(job, ws, target) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? job.dir,
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: job.dir,
    GITHUB_OUTPUT: join(job.dir, 'output'),
    GITHUB_STATE: join(job.dir, 'state'),
    GITHUB_STEP_SUMMARY: join(job.dir, 'summary'),
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_RUN_ID: '1',
    ...inputEnv({
      mode: 'rollback',
      'dry-run': 'true',
      'deploy-command': 'true',
      'smoke-command': 'true',
      deployments: 'false',
      'github-token': '',
      version: '',
      'tag-pattern': 'v*',
    }),
  }
  const r = await wall(process.execPath, [join(ROOT, 'dist/main/index.js')], { cwd: ws, env })
  // The figure means something only if the run really listed the tags and picked from them.
  if (r.code !== 0 || !r.out.includes(`rolling back to ${target}: the release tag below the newest`)) {
    throw new Error(`the dry-run rollback did not resolve ${target} from tags (exit ${r.code}):\n${r.out}`)
  }
  return r.ms
}

async function lsRemoteOnce(ws, expectTags) {
  const r = await wall('git', ['ls-remote', '--tags', 'origin'], { cwd: ws, env: { PATH: process.env.PATH, HOME: process.env.HOME ?? ws } })
  const lines = r.out.split('\n').filter(Boolean).length
  if (r.code !== 0 || lines !== expectTags) throw new Error(`git ls-remote listed ${lines} tags, not ${expectTags} (exit ${r.code})`)
  return r.ms
}

/**
 * `runs` rounds, each timing all four back to back (few and many, ls-remote and resolution), so
 * drift in the machine's load hits the four alike. The extras are medians of each round's own
 * difference (many − few): steadier than a difference of two medians. `job`: a scratch dir with
 * the runner's files.
 */
export async function measureTags({ root, job, runs, median }) {
  const { few, many } = createTagOrigins(root)
  const t = { lsFew: [], resolveFew: [], extraLs: [], extraResolve: [] }
  // One untimed round: the first git and node runs pay for cold caches.
  await lsRemoteOnce(many.ws, MANY_TAGS + 2)
  await resolveOnce(job, many.ws, many.target)
  for (let i = 0; i < runs; i++) {
    const lsFew = await lsRemoteOnce(few.ws, 2)
    const resolveFew = await resolveOnce(job, few.ws, few.target)
    const lsMany = await lsRemoteOnce(many.ws, MANY_TAGS + 2)
    const resolveMany = await resolveOnce(job, many.ws, many.target)
    t.lsFew.push(lsFew)
    t.resolveFew.push(resolveFew)
    t.extraLs.push(lsMany - lsFew)
    t.extraResolve.push(resolveMany - resolveFew)
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, median(xs)]))
  return { ...m, ratio: m.extraResolve / m.extraLs }
}
