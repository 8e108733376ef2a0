// Rollbacks that are safe for data, through dist/: a real migration tool from npm (knex) against a
// real PostgreSQL, each release carrying its own migrations as an app's repository does.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkout, createJob, createOrigin, freePort, headSha, quickGate, ROOT, runStep, scratch, stopApp } from '../../demo/fixture.mjs'
import { startPostgres, type Postgres } from '../helpers/postgres.js'

const KNEXFILE = `module.exports = { client: 'pg', connection: process.env.DATABASE_URL, migrations: { directory: './migrations', loadExtensions: ['.cjs'] } }\n`
const USERS = `exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); t.text('name') })
exports.down = (knex) => knex.schema.dropTable('users')\n`
// Expand-only: the old code ignores the new column, so its down migration belongs after the old version is back.
const EMAIL = `exports.up = (knex) => knex.schema.alterTable('users', (t) => { t.text('email') })
exports.down = (knex) => knex.schema.alterTable('users', (t) => { t.dropColumn('email') })\n`
const ORDERS = `exports.up = (knex) => knex.schema.createTable('orders', (t) => { t.increments('id') })
exports.down = (knex) => knex.schema.dropTable('orders')\n`

const v1 = { 'knexfile.cjs': KNEXFILE, 'migrations/001_users.cjs': USERS }
const v11 = { ...v1, 'migrations/002_email.cjs': EMAIL }

// Migrate forward on a deploy (a rollback redeploys code only: the schema is the hooks' job), then
// write a row as the version's traffic would, then switch the app.
const DEPLOY = [
  '[ "$DEPLOY_PHASE" = rollback ] || knex --knexfile knexfile.cjs migrate:latest',
  `psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qc "INSERT INTO users(name) VALUES ('by $DEPLOY_VERSION $DEPLOY_PHASE')"`,
  './deploy.sh',
].join('\n')

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
beforeAll(() => {
  if (!existsSync('dist/main/index.js') || !existsSync('dist/post/index.js')) throw new Error('dist/ is missing: run npm run build first')
})

interface World {
  root: string
  origin: string
  port: number
  appState: string
  pg: Postgres
}

async function world(releases: Parameters<typeof createOrigin>[1]): Promise<World> {
  const root = scratch('rollback-migrations-')
  const appState = join(root, 'app-state')
  mkdirSync(appState)
  cleanups.push(() => rmSync(root, { recursive: true, force: true }))
  const pg = await startPostgres(root)
  cleanups.push(
    () => pg.stop(),
    () => stopApp(appState),
  )
  return { root, origin: createOrigin(root, releases), port: await freePort(), appState, pg }
}

function job(w: World, ref: string) {
  const workspace = checkout(w.origin, ref, join(w.root, `ws-${ref}-${Math.random().toString(36).slice(2, 6)}`))
  const j = createJob({
    workspace,
    ref: ref.startsWith('v') ? `refs/tags/${ref}` : `refs/heads/${ref}`,
    sha: headSha(workspace),
    extraEnv: {
      APP_STATE: w.appState,
      APP_PORT: String(w.port),
      DATABASE_URL: w.pg.url,
      // knex from this project's devDependencies (an app has its own after `npm ci`; KNEX_PATH is
      // the CLI's way to use another install), psql from the PostgreSQL under test
      KNEX_PATH: join(ROOT, 'node_modules', 'knex'),
      PATH: `${join(ROOT, 'node_modules', '.bin')}:${w.pg.bin}:${process.env.PATH}`,
    },
  })
  cleanups.push(() => j.cleanup())
  return { ...j, workspace }
}

const inputs = (w: World, extra: Record<string, string> = {}) => ({
  'deploy-command': DEPLOY,
  ...quickGate(w.port),
  'github-token': '',
  deployments: 'false',
  ...extra,
})

async function deploy(w: World, tag: string, extra: Record<string, string> = {}) {
  const j = job(w, tag)
  const r = await runStep(j, 'main', inputs(w, extra))
  await runStep(j, 'post', inputs(w, extra))
  return r
}

const columns = (w: World) =>
  w.pg.sql(`SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'users'`)
const migrations = (w: World) => w.pg.sql("SELECT string_agg(name, ',' ORDER BY id) FROM knex_migrations")
const names = (w: World) => w.pg.sql("SELECT string_agg(name, ',' ORDER BY id) FROM users")

describe('database migrations with knex and PostgreSQL, through dist/', () => {
  it('automatic rollback, expand-only order: the down migration runs from the failed code after the old version is back; its rows survive', async () => {
    const w = await world([
      { tag: 'v1.0.0', behaviour: 'ok', files: v1 },
      { tag: 'v1.1.0', behaviour: 'fail', files: v11 },
    ])
    const first = await deploy(w, 'v1.0.0')
    expect(first.outputs.status, first.stdout).toBe('deployed')
    const after = `tail -1 "$APP_STATE/deploys" > "$APP_STATE/live-at-down"\ncd "$DEPLOY_PREVIOUS_TREE" && knex --knexfile knexfile.cjs migrate:down`
    const r = await deploy(w, 'v1.1.0', { 'after-rollback-command': after })
    expect(r.outputs.status, r.stdout).toBe('rolled-back')
    // The old version was live before the schema went back: the failed one never served on it.
    expect(readFileSync(join(w.appState, 'live-at-down'), 'utf8')).toMatch(/^rollback v1\.0\.0 /)
    expect(columns(w)).toBe('id,name')
    expect(migrations(w)).toBe('001_users.cjs')
    expect(names(w)).toBe('by v1.0.0 deploy,by v1.1.0 deploy,by v1.0.0 rollback')
  })

  describe('manual rollback', () => {
    const releases = [
      { tag: 'v1.0.0', behaviour: 'ok', files: v1 },
      { tag: 'v1.1.0', behaviour: 'ok', files: v11 },
      // The default branch moved on: a migration that was never live.
      { version: 'main', behaviour: 'ok', files: { ...v11, 'migrations/003_orders.cjs': ORDERS } },
    ]
    const hook = `echo "$PWD|$DEPLOY_PREVIOUS_TREE|$(ls migrations | tr '\\n' ' ')" > "$APP_STATE/hook-saw"\nknex --knexfile knexfile.cjs migrate:down`

    it("before-rollback-command runs in the live version's checkout (from the health body), never the checked-out branch", async () => {
      const w = await world(releases)
      await deploy(w, 'v1.0.0')
      expect((await deploy(w, 'v1.1.0')).outputs.status).toBe('deployed')
      const j = job(w, 'main')
      const r = await runStep(j, 'main', inputs(w, { mode: 'rollback', version: 'v1.0.0', 'before-rollback-command': hook }))
      await runStep(j, 'post', inputs(w))
      expect(r.outputs, r.stdout).toMatchObject({ status: 'rolled-back', 'previous-version': 'v1.1.0' })
      expect(r.stdout).toMatch(/v1\.1\.0 is live \(the health endpoint's body\)/)
      const [cwd, tree, files] = readFileSync(join(w.appState, 'hook-saw'), 'utf8').trim().split('|')
      expect(cwd).toBe(tree)
      expect(cwd).not.toBe(j.workspace)
      expect(files.trim()).toBe('001_users.cjs 002_email.cjs')
      expect(columns(w)).toBe('id,name')
      expect(migrations(w)).toBe('001_users.cjs')
      expect(names(w)).toMatch(/by v1\.1\.0 deploy/)
    })

    it('with the live version unknown, before-rollback-command is skipped with a warning; the schema is untouched', async () => {
      const w = await world(releases)
      const noExpect = { 'expect-version': 'false' }
      await deploy(w, 'v1.0.0', noExpect)
      await deploy(w, 'v1.1.0', noExpect)
      const j = job(w, 'main')
      const r = await runStep(j, 'main', inputs(w, { ...noExpect, mode: 'rollback', version: 'v1.0.0', 'before-rollback-command': hook }))
      await runStep(j, 'post', inputs(w, noExpect))
      expect(r.outputs.status, r.stdout).toBe('rolled-back')
      expect(r.stdout).toMatch(
        /::warning::before-rollback-command skipped: the live version is unknown \(no deployments history, no previous-version, expect-version is off\)/,
      )
      expect(existsSync(join(w.appState, 'hook-saw'))).toBe(false)
      expect(columns(w)).toBe('id,name,email')
      expect(migrations(w)).toBe('001_users.cjs,002_email.cjs')
    })
  })
})
