import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { addSecret, clearSecrets } from '../../src/secrets.js'
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
    Object.assign(process.env, { 'INPUT_GITHUB-TOKEN': 'ghs_hidden', INPUT_HEALTH_HEADERS: 'X: y', ACTIONS_RUNTIME_TOKEN: 'rt', ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/oidc', KEEP_ME: 'yes' })
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
})
