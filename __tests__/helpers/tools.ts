// Where the machine's PostgreSQL and Redis are. A test that needs one and finds none fails, naming
// what to install: CI must never pass with a database or cache test that did not run.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const INSTALL = 'install it (Debian/Ubuntu: `apt-get install postgresql redis-server`; .ci/run does)'

/** Major versions newest first: "17" before "16" before "9.6". */
function newestFirst(versions: string[]): string[] {
  const key = (v: string) => v.split('.').map(Number)
  return [...versions].sort((a, b) => {
    const [x, y] = [key(a), key(b)]
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0)
    return 0
  })
}

/**
 * The bin directory of the machine's PostgreSQL server (initdb, pg_ctl, psql, pg_dump), any major
 * version: Debian's and Ubuntu's /usr/lib/postgresql/<major>/bin, newest first, else what
 * `pg_config --bindir` says. Undefined when there is none.
 */
export function findPostgresBin(root = '/usr/lib/postgresql'): string | undefined {
  let majors: string[] = []
  try {
    majors = readdirSync(root).filter((d) => /^\d+(\.\d+)?$/.test(d))
  } catch {
    // no Debian-style layout
  }
  for (const major of newestFirst(majors)) if (existsSync(join(root, major, 'bin', 'initdb'))) return join(root, major, 'bin')
  try {
    const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim()
    if (bin && existsSync(join(bin, 'initdb'))) return bin
  } catch {
    // no pg_config either
  }
  return undefined
}

export function requirePostgresBin(): string {
  const bin = findPostgresBin()
  if (!bin) throw new Error(`PostgreSQL server not found (no initdb under /usr/lib/postgresql/*/bin, nor in pg_config --bindir): ${INSTALL}`)
  return bin
}

/** redis-server and redis-cli, on PATH or where Debian puts them. */
export function requireRedis(): { server: string; cli: string } {
  const find = (name: string) =>
    [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/bin', '/usr/local/bin'].map((d) => join(d, name)).find((p) => existsSync(p))
  const server = find('redis-server')
  const cli = find('redis-cli')
  if (!server || !cli)
    throw new Error(`Redis not found (${[!server && 'redis-server', !cli && 'redis-cli'].filter(Boolean).join(' and ')} missing on PATH): ${INSTALL}`)
  return { server, cli }
}

export const testing = { newestFirst }
