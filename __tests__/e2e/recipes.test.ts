// Every platform recipe in the README, run through dist/ as written there. Platform CLIs that cannot
// run on a test machine are stand-ins (helpers/platform/stub-cli.mjs) that switch a local app
// between versions as the real platform would; PostgreSQL and Redis are the real thing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { appHealth, checkout, createJob, createOrigin, freePort, headSha, quickGate, runStep, scratch, stopApp } from '../../demo/fixture.mjs'
import { requirePostgresBin, requireRedis } from '../helpers/tools.js'

const STUBS = ['kubectl', 'helm', 'aws', 'heroku', 'fly', 'vercel', 'npx', 'docker']
const STUB = join(import.meta.dirname, '..', 'helpers', 'platform', 'stub-cli.mjs')

/** The recipes, read from the README itself: `<!-- recipe: name -->` then a yaml block of inputs. */
function recipes(): Record<string, Record<string, string>> {
  const readme = readFileSync('README.md', 'utf8')
  const out: Record<string, Record<string, string>> = {}
  for (const m of readme.matchAll(/<!-- recipe: ([\w-]+) -->\s*```yaml\n([\s\S]*?)```/g)) out[m[1]] = parse(m[2]) as Record<string, string>
  return out
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface World {
  root: string
  port: number
  stubState: string
  appState: string
  env: Record<string, string>
  job(tag: string): ReturnType<typeof createJob>
  calls(): string[]
}

async function world(releases: Parameters<typeof createOrigin>[1], env: Record<string, string> = {}): Promise<World> {
  const root = scratch('recipes-e2e-')
  const bin = join(root, 'bin')
  const stubState = join(root, 'platform')
  const appState = join(root, 'app')
  for (const d of [bin, stubState, appState]) mkdirSync(d)
  for (const name of STUBS) symlinkSync(STUB, join(bin, name))
  const origin = createOrigin(root, releases)
  const port = await freePort()
  const w: World = {
    root,
    port,
    stubState,
    appState,
    env: {
      STUB_STATE: stubState,
      STUB_BEHAVIOURS: releases.map((r) => `${r.tag}=${r.behaviour === 'ok' ? 'ok' : 'fail'}`).join(','),
      APP_STATE: appState,
      APP_PORT: String(port),
      ...env,
      // the stand-ins first, then any PATH the test gives
      PATH: `${bin}:${env.PATH ?? process.env.PATH}`,
    },
    job: (tag) => {
      const ws = checkout(origin, tag, join(root, `ws-${tag}-${Math.random().toString(36).slice(2, 6)}`))
      const j = createJob({ workspace: ws, ref: `refs/tags/${tag}`, sha: headSha(ws), extraEnv: w.env })
      cleanups.push(() => j.cleanup())
      return j
    },
    calls: () => (existsSync(join(stubState, 'calls')) ? readFileSync(join(stubState, 'calls'), 'utf8').trim().split('\n') : []),
  }
  cleanups.push(
    () => rmSync(root, { recursive: true, force: true }),
    () => stopApp(appState),
    () => stopApp(stubState),
  )
  return w
}

const gate = (port: number) => ({
  ...quickGate(port),
  deployments: 'false',
  'github-token': '',
})

/** Deploys v1.0.0 (good), then v1.1.0 (broken), with the recipe's inputs; returns the second run. */
async function goodThenBad(w: World, recipe: Record<string, string>) {
  const inputs = { 'deploy-command': './deploy.sh', ...gate(w.port), ...recipe }
  const good = w.job('v1.0.0')
  const first = await runStep(good, 'main', inputs)
  expect(first.outputs.status, first.stdout).toBe('deployed')
  await runStep(good, 'post', inputs)
  const bad = w.job('v1.1.0')
  const second = await runStep(bad, 'main', inputs)
  await runStep(bad, 'post', inputs)
  return second
}

const releases = [
  { tag: 'v1.0.0', behaviour: 'ok' },
  { tag: 'v1.1.0', behaviour: 'fail' },
]

describe('platform recipes from the README, through dist/', () => {
  const all = recipes()

  it('the README has every recipe the docs promise', () => {
    expect(Object.keys(all).sort()).toEqual(['cache', 'compose', 'database', 'ecs', 'fly', 'helm', 'kubernetes', 'lambda', 'sst', 'vercel', 'heroku'].sort())
  })

  const platform: Array<[string, RegExp]> = [
    ['kubernetes', /^kubectl rollout undo deployment\/web$/m],
    ['helm', /^helm rollback web --wait --timeout 5m$/m],
    ['lambda', /^aws lambda update-alias --function-name api --name production --function-version 1$/m],
    ['ecs', /^aws ecs update-service --cluster prod --service web --task-definition arn:aws:ecs:.*:task-definition\/web:1$/m],
    ['heroku', /^heroku releases:rollback --app acme-web$/m],
    ['fly', /^fly deploy --app acme-web --image registry\.fly\.io\/acme-web:v1\.0\.0$/m],
    ['vercel', /^vercel rollback --token/m],
    ['sst', /^npx sst deploy --stage production$/m],
    ['compose', /^docker compose up -d --wait$/m],
  ]

  it.each(platform)('%s: a bad release is rolled back with the recipe, and the good version answers again', async (name, rollbackCall) => {
    const w = await world(releases, { VERCEL_TOKEN: 'vercel-token-xyz' })
    const r = await goodThenBad(w, all[name])
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    expect(r.outputs['previous-version']).toBe('v1.0.0')
    expect((await appHealth(w.port))?.body.version).toBe('v1.0.0')
    const calls = w.calls().join('\n')
    expect(calls).toMatch(rollbackCall)
    if (name === 'sst') expect(r.stdout).toMatch(/Check out v1\.0\.0/) // no rollback-command: the previous tag's own tree
  })

  // These run wherever the suite runs: a machine without PostgreSQL or Redis fails them, naming what to install.
  describe('database (real PostgreSQL, any major version)', () => {
    async function postgres(root: string): Promise<{ url: string; bin: string }> {
      const bin = requirePostgresBin()
      const data = join(root, 'pg')
      mkdirSync(data)
      const asRoot = process.getuid?.() === 0
      const run = (cmd: string, ...args: string[]) =>
        asRoot
          ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
          : execFileSync(join(bin, cmd), args, { stdio: 'pipe' })
      if (asRoot) {
        chmodSync(root, 0o755)
        chownSync(data, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()))
      }
      run('initdb', '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8')
      const port = await freePort()
      run('pg_ctl', '-D', data, '-w', '-t', '20', '-l', join(data, 'log'), '-o', `-p ${port} -k ${data} -c listen_addresses=127.0.0.1`, 'start')
      cleanups.push(() => run('pg_ctl', '-D', data, '-m', 'immediate', '-t', '20', 'stop'))
      return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, bin }
    }
    const sql = (url: string, q: string) =>
      execFileSync(join(requirePostgresBin(), 'psql'), [url, '-At', '-c', q], { encoding: 'utf8', timeout: 20_000 }).trim()
    const up0 = 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY);\n'
    const up1 = `${up0}ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;\n`

    it.each([
      ['the down migration in the new code', 'ALTER TABLE users DROP COLUMN IF EXISTS email;\n'],
      ['the pre-deploy dump, when the down migration fails', 'ALTER TABLE no_such_table DROP COLUMN email;\n'],
    ])('puts the schema back with %s', async (_how, down1) => {
      const root = scratch('recipes-pg-')
      cleanups.push(() => rmSync(root, { recursive: true, force: true }))
      const { url, bin } = await postgres(root)
      // The recipe's psql and pg_dump: the server's own, so pg_dump is never older than the server.
      const w = await world(
        [
          { tag: 'v1.0.0', behaviour: 'ok', files: { 'migrations/up.sql': up0, 'migrations/down.sql': 'SELECT 1;\n' } },
          { tag: 'v1.1.0', behaviour: 'fail', files: { 'migrations/up.sql': up1, 'migrations/down.sql': down1 } },
        ],
        { DATABASE_URL: url, PATH: `${bin}:${process.env.PATH}` },
      )
      const inputs = { 'deploy-command': './deploy.sh', ...gate(w.port), ...all.database }
      const good = w.job('v1.0.0')
      expect((await runStep(good, 'main', inputs)).outputs.status).toBe('deployed')
      sql(url, 'INSERT INTO users VALUES (1)')
      const bad = w.job('v1.1.0')
      const r = await runStep(bad, 'main', inputs)
      expect(r.outputs.status, r.stdout).toBe('rolled-back')
      expect(existsSync(join(bad.runnerTemp, 'pre-deploy.dump'))).toBe(true)
      expect(sql(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'")).toBe('0')
      expect(sql(url, 'SELECT count(*) FROM users')).toBe('1')
    })
  })

  describe('cache (real Redis, stand-in CDN)', () => {
    it('drops what the bad version cached, and invalidates the CDN', async () => {
      const tools = requireRedis()
      const port = await freePort()
      const redis: ChildProcess = spawn(tools.server, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
      cleanups.push(() => redis.kill('SIGKILL'))
      const url = `redis://127.0.0.1:${port}`
      const cli = (...args: string[]) => execFileSync(tools.cli, ['-u', url, ...args], { encoding: 'utf8', timeout: 10_000 }).trim()
      for (
        let i = 0;
        i < 50 &&
        !/PONG/.test(
          (() => {
            try {
              return cli('ping')
            } catch {
              return ''
            }
          })(),
        );
        i++
      )
        await new Promise((r) => setTimeout(r, 100))
      cli('set', 'web:page:/', 'rendered by v1.1.0')
      cli('set', 'web:page:/cart', 'rendered by v1.1.0')
      cli('set', 'sessions:42', 'keep me')
      const w = await world(releases, { REDIS_URL: url, CDN_DISTRIBUTION: 'E123EXAMPLE' })
      const r = await goodThenBad(w, all.cache)
      expect(r.outputs.status, r.stdout).toBe('rolled-back')
      expect(cli('--scan', '--pattern', 'web:*')).toBe('')
      expect(cli('get', 'sessions:42')).toBe('keep me')
      expect(w.calls()).toContain('aws cloudfront create-invalidation --distribution-id E123EXAMPLE --paths /*')
    })
  })
})
