import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import { COMMAND_ID_ENV } from '../../src/process-tree.js'
import { describeExit, runShell } from '../../src/shell.js'

const dir = mkdtempSync(join(tmpdir(), 'shell-test-'))
afterAll(() => {
  clearSecrets()
  rmSync(dir, { recursive: true, force: true })
})

const run = (command: string, o: Partial<Parameters<typeof runShell>[1]> = {}) =>
  runShell(command, { cwd: dir, env: { DEPLOY_VERSION: 'v1.2.3' }, timeoutMs: 10_000, ...o })

describe('runShell', () => {
  it('runs bash in the given directory with the deploy env, streaming lines', async () => {
    const lines: string[] = []
    const r = await run('echo "$DEPLOY_VERSION in $(pwd)"; echo err >&2', { onLine: (l) => lines.push(l) })
    expect(r.exitCode).toBe(0)
    expect(lines).toContain(`v1.2.3 in ${dir}`)
    expect(lines).toContain('err')
  })

  it("hides the action's inputs and the runner's own token from the command, as from run: steps", async () => {
    const saved = { ...process.env }
    Object.assign(process.env, {
      'INPUT_GITHUB-TOKEN': 'ghs_hidden',
      INPUT_HEALTH_HEADERS: 'X: y',
      ACTIONS_RUNTIME_TOKEN: 'rt',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/oidc',
      KEEP_ME: 'yes',
    })
    try {
      const lines: string[] = []
      // base64 so that redaction cannot hide a leak from this test
      await run('env | base64 -w0; echo', { onLine: (l) => lines.push(l) })
      const seen = Buffer.from(lines.join(''), 'base64').toString('utf8')
      expect(seen).toContain('KEEP_ME=yes')
      expect(seen).toContain('ACTIONS_ID_TOKEN_REQUEST_URL=') // OIDC logins in deploy scripts keep working
      expect(seen).toContain('DEPLOY_VERSION=v1.2.3')
      expect(seen).not.toMatch(/INPUT_|ghs_hidden|ACTIONS_RUNTIME_TOKEN/)
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    }
  })

  it('fails on the first failing command and in pipelines, like run: steps', async () => {
    expect((await run('false; echo after')).exitCode).toBe(1)
    expect((await run('false | cat')).exitCode).toBe(1)
    expect(describeExit(await run('exit 3'), '10s')).toBe('exit code 3')
  })

  it('keeps the last lines as evidence, with secrets redacted', async () => {
    addSecret('hunter2-secret')
    const r = await run('for i in $(seq 1 30); do echo "line $i"; done; echo "token hunter2-secret"', { tailLines: 5 })
    expect(r.tail).toEqual(['line 27', 'line 28', 'line 29', 'line 30', 'token ***'])
  })

  it('stops the whole process tree on timeout', async () => {
    const marker = join(dir, 'child-survived')
    const started = Date.now()
    const r = await run(`(sleep 1.5; touch ${marker}) & sleep 30`, { timeoutMs: 300 })
    expect(r.timedOut).toBe(true)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(describeExit(r, '300ms')).toMatch(/timed out after 300ms/)
    await new Promise((res) => setTimeout(res, 1800))
    expect(existsSync(marker)).toBe(false)
  })

  it('stops the tree when the signal aborts', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 200)
    const r = await run('sleep 30', { signal: controller.signal })
    expect(r.cancelled).toBe(true)
    expect(r.durationMs).toBeLessThan(5000)
  })

  it('does not wait for a background server that keeps the output pipe open', async () => {
    const r = await run('sleep 5 & echo started')
    expect(r.exitCode).toBe(0)
    expect(r.tail).toContain('started')
    expect(r.durationMs).toBeLessThan(3000)
  })

  it('gives every command its own id in the environment, for its tree to be found by', async () => {
    const ids = await Promise.all([1, 2].map(async () => (await run(`echo "$${COMMAND_ID_ENV}"`)).tail[0]))
    expect(ids[0]).toMatch(/^[0-9a-z]+-[0-9a-z]+-[0-9a-z]{16}$/)
    expect(ids[1]).not.toBe(ids[0])
  })
})

/** Running, on Linux: /proc has it and it is not a zombie waiting for a parent that never reaps it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0])
  } catch {
    return false
  }
}

describe.runIf(process.platform === 'linux')('runShell stops what left the process group', () => {
  const started: number[] = []
  afterAll(() => {
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // gone, as it should be
      }
    }
  })

  /** Processes that escape the group each write their pid to a file; the command itself then hangs. */
  // (the setsid ones first: after `set -m` a background job leads its own group, and setsid would fork)
  const escapes = {
    setsid: `setsid sleep 300 & echo $! >${dir}/p-setsid`,
    // forks, and its parent exits at once: an orphan only the environment id leads to
    'setsid -f': `setsid -f bash -c 'echo $$ >${dir}/p-setsidf; exec sleep 300'`,
    'set -m': `set -m; sleep 300 & echo $! >${dir}/p-setm`,
    // no environment left: found through its parent
    'env -i grandchild': `(env -i sleep 300 & echo $! >${dir}/p-envi; wait) &`,
    'a process ignoring SIGTERM': `bash -c 'trap "" TERM; echo $$ >${dir}/p-term; while :; do sleep 0.1; done' &`,
  }
  const pidFiles = ['p-setsid', 'p-setsidf', 'p-setm', 'p-envi', 'p-term']
  const hanging = `${Object.values(escapes).join('\n')}\nsleep 1; echo ready; sleep 300`

  async function pids(): Promise<number[]> {
    const out = pidFiles.map((f) => Number(readFileSync(join(dir, f), 'utf8')))
    started.push(...out)
    for (const f of pidFiles) rmSync(join(dir, f))
    return out
  }

  it('on timeout: every descendant is stopped, within the grace', async () => {
    const t0 = Date.now()
    const r = await run(hanging, { timeoutMs: 1500 })
    expect(r.timedOut).toBe(true)
    expect(r.tail).toContain('ready')
    // SIGTERM, 2 s of grace for the process that ignores it, then SIGKILL
    expect(Date.now() - t0).toBeLessThan(1500 + 2000 + 1500)
    const ps = await pids()
    expect(ps.filter(alive)).toEqual([])
  })

  it('on abort: every descendant is stopped', async () => {
    const controller = new AbortController()
    const r = await run(hanging, { signal: controller.signal, onLine: (l) => l === 'ready' && controller.abort() })
    expect(r.cancelled).toBe(true)
    expect(r.durationMs).toBeLessThan(1500 + 2000 + 1500)
    const ps = await pids()
    expect(ps.filter(alive)).toEqual([])
  })

  it('after a command exits on its own, what it left running is the deployed app and stays', async () => {
    const r = await run(`${Object.values(escapes).slice(0, 4).join('\n')}\nsleep 300 >/dev/null 2>&1 & echo $! >${dir}/p-plain\nsleep 0.5`)
    expect(r.exitCode).toBe(0)
    const ps = [...pidFiles.slice(0, 4), 'p-plain'].map((f) => Number(readFileSync(join(dir, f), 'utf8')))
    started.push(...ps)
    await new Promise((res) => setTimeout(res, 500))
    expect(ps.filter(alive)).toEqual(ps)
    for (const f of [...pidFiles.slice(0, 4), 'p-plain']) rmSync(join(dir, f))
  })
})
