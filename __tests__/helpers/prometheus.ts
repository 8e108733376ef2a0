// A real Prometheus (Debian's `prometheus` package) for tests: its own config in a temp dir, a free
// loopback port, a 1 s scrape interval, stopped by the test. A missing binary fails the test: the
// signal is only proven against the real query API.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../demo/fixture.mjs'

export interface RealPrometheus {
  url: string
  /** An instant query's value, or undefined when the result is empty or NaN. */
  value(query: string): Promise<number | undefined>
  stop(): Promise<void>
}

const READY_MS = 30_000

export async function startPrometheus(targets: string[]): Promise<RealPrometheus> {
  if (spawnSync('prometheus', ['--version']).status !== 0)
    throw new Error('prometheus is not installed: apt-get install prometheus (the tests need the real query API)')
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-test-'))
  const port = await freePort()
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: app',
      '    static_configs:',
      `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + READY_MS
  for (;;) {
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) break
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`prometheus did not get ready within ${READY_MS}ms: ${stderr.slice(-500)}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    stop,
    async value(query) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`)
      const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } }
      const v = body.data?.result?.[0]?.value[1]
      return v === undefined || v === 'NaN' ? undefined : Number(v)
    },
  }
}

/** Waits (bounded) until the query gives a number: the target has been scraped often enough for a rate. */
export async function waitForValue(p: RealPrometheus, query: string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await p.value(query)
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`no value for ${query} within ${timeoutMs}ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
