// A real PostgreSQL for a test: its own data directory and a free loopback port, stopped by `stop()`.
import { chmodSync, chownSync, mkdirSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { freePort } from '../../demo/fixture.mjs'
import { requirePostgresBin } from './tools.js'

export interface Postgres {
  url: string
  bin: string
  /** One statement through psql, unaligned and tuples-only: "a|b" lines. */
  sql(query: string): string
  stop(): void
}

export async function startPostgres(root: string): Promise<Postgres> {
  const bin = requirePostgresBin()
  const data = join(root, 'pg')
  mkdirSync(data)
  const asRoot = process.getuid?.() === 0
  // As root, the server must run as the postgres user, which must reach its data directory.
  const run = (cmd: string, ...args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe', timeout: 60_000 })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe', timeout: 60_000 })
  if (asRoot) {
    chmodSync(root, 0o755)
    chownSync(data, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()))
  }
  run('initdb', '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8')
  const port = await freePort()
  run('pg_ctl', '-D', data, '-w', '-t', '20', '-l', join(data, 'log'), '-o', `-p ${port} -k ${data} -c listen_addresses=127.0.0.1`, 'start')
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`
  return {
    url,
    bin,
    sql: (q) => execFileSync(join(bin, 'psql'), [url, '-At', '-v', 'ON_ERROR_STOP=1', '-c', q], { encoding: 'utf8', timeout: 20_000 }).trim(),
    stop: () => void run('pg_ctl', '-D', data, '-m', 'immediate', '-t', '20', 'stop'),
  }
}
