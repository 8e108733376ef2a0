// The fixture must be as strict as actions/runner, or the e2e tests prove less than they claim:
// action.yml defaults into INPUT_*, fresh file-command files per step, STATE_* into post, post's
// outputs dropped, a malformed file command failing the step, and the cancel signals to node only.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createJob, JOB_TOKEN, parseFileCommands, runStep } from '../../demo/fixture.mjs'

const dirs: string[] = []
const leftovers: number[] = []
afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A job whose steps are small scripts instead of dist/, to observe what the fixture hands a step. */
function scriptJob(scripts: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'rollback-fixture-'))
  dirs.push(dir)
  const job = createJob({ workspace: dir, ref: 'refs/tags/v1.0.0', sha: 'f'.repeat(40) })
  dirs.push(job.dir)
  const entry = (name: string) => {
    const file = join(dir, `${name}.mjs`)
    writeFileSync(file, `import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'\n${scripts[name]}\n`)
    return file
  }
  return { dir, job, entry }
}

describe('the e2e fixture, as strict as the runner', () => {
  it("applies action.yml's defaults as the runner does: declared inputs get their default, none is '', a given '' stays ''", async () => {
    const { job, entry } = scriptJob({
      show: `console.log(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('INPUT_')))))`,
    })
    const r = await runStep(job, 'main', { environment: '', 'deploy-command': './deploy.sh' }, { entry: entry('show') })
    const env = JSON.parse(r.stdout)
    expect(env['INPUT_ENVIRONMENT']).toBe('')
    expect(env['INPUT_DEPLOY-COMMAND']).toBe('./deploy.sh')
    expect(env['INPUT_VERSION']).toBe('')
    expect(env['INPUT_TAG-PATTERN']).toBe('v*')
    expect(env['INPUT_CANCEL-TIMEOUT']).toBe('4m')
    expect(env['INPUT_GITHUB-TOKEN']).toBe(JOB_TOKEN) // so deployments are on unless a test says otherwise
    expect(env['INPUT_DEPLOYMENTS']).toBe('true')
  })

  it('gives each step fresh files, hands main’s state to post as STATE_*, and drops post’s outputs', async () => {
    const { job, entry } = scriptJob({
      main: `appendFileSync(process.env.GITHUB_STATE, 'run<<EOF\\n{"a":1}\\nEOF\\n'); appendFileSync(process.env.GITHUB_OUTPUT, 'status=deployed\\n'); appendFileSync(process.env.GITHUB_STEP_SUMMARY, 'main summary')`,
      post: `const f = (v) => readFileSync(process.env[v], 'utf8'); console.log(JSON.stringify({ state: process.env.STATE_run, files: [f('GITHUB_OUTPUT'), f('GITHUB_STATE'), f('GITHUB_STEP_SUMMARY')] })); appendFileSync(process.env.GITHUB_OUTPUT, 'status=rolled-back\\n')`,
    })
    const main = await runStep(job, 'main', {}, { entry: entry('main') })
    expect(main).toMatchObject({ conclusion: 'success', outputs: { status: 'deployed' }, state: { run: '{"a":1}' }, summary: 'main summary' })
    const post = await runStep(job, 'post', {}, { entry: entry('post') })
    expect(JSON.parse(post.stdout)).toEqual({ state: '{"a":1}', files: ['', '', ''] })
    expect(post.outputs).toEqual({})
  })

  it('a malformed file-command line fails the step; what came before it still counts', async () => {
    const { job, entry } = scriptJob({ main: `appendFileSync(process.env.GITHUB_OUTPUT, 'status=deployed\\nnot a command\\nreason=x\\n')` })
    const r = await runStep(job, 'main', {}, { entry: entry('main') })
    expect(r.code).toBe(0)
    expect(r.conclusion).toBe('failure')
    expect(r.fileErrors).toEqual(["Unable to process file command 'output' successfully: Invalid format 'not a command'"])
    expect(r.outputs).toEqual({ status: 'deployed' })
  })

  it("reads file commands exactly as the runner's parser does", () => {
    expect(parseFileCommands('a=1\n\nb<<EOF\nx\ny=z\nEOF\nc=d=e\nd<<x=y\nv\nx=y\n')).toEqual({ values: { a: '1', b: 'x\ny=z', c: 'd=e', d: 'v' } })
    expect(parseFileCommands('e=<<EOF\n')).toEqual({ values: { e: '<<EOF' } })
    expect(parseFileCommands('b<<EOF\nx\n').error).toBe("Invalid value. Matching delimiter not found 'EOF'")
    expect(parseFileCommands('<<EOF\nEOF\n').error).toMatch(/Name must not be empty/)
    expect(parseFileCommands('name<<\n').error).toMatch(/delimiter must not be empty/)
  })

  it('cancels as the runner does, with its real timings: SIGINT to node only, SIGTERM 7.5 s later, SIGKILL 2.5 s after', async () => {
    const { dir, job, entry } = scriptJob({
      stubborn: `
import { spawn } from 'node:child_process'
const log = (m) => appendFileSync(process.env.SIGNAL_LOG, m + ' ' + Date.now() + '\\n')
// A child in node's own process group: a signal sent to the group would reach it too.
const child = spawn(process.execPath, ['-e', "process.on('SIGINT', () => require('fs').writeFileSync(process.env.CHILD_MARK, 'got SIGINT')); setInterval(() => {}, 1000)"], { stdio: 'ignore' })
writeFileSync(process.env.CHILD_PID, String(child.pid))
process.on('SIGINT', () => log('SIGINT'))
process.on('SIGTERM', () => log('SIGTERM'))
setTimeout(() => console.log('ready'), 300)
setInterval(() => {}, 1000)`,
    })
    const files = { SIGNAL_LOG: join(dir, 'signals.log'), CHILD_MARK: join(dir, 'child-got-sigint'), CHILD_PID: join(dir, 'child.pid') }
    Object.assign(job.env, files)
    const r = await runStep(job, 'main', {}, { entry: entry('stubborn'), cancelWhen: (out: string) => out.includes('ready'), timeoutMs: 30_000 })
    leftovers.push(Number(readFileSync(files.CHILD_PID, 'utf8')))
    expect(r.signal).toBe('SIGKILL')
    expect(r.conclusion).toBe('failure')
    expect(r.signalsSent.map((s: { signal: string }) => s.signal)).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL'])
    const got = readFileSync(files.SIGNAL_LOG, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
    expect(got.map(([sig]) => sig)).toEqual(['SIGINT', 'SIGTERM'])
    const gap = Number(got[1][1]) - Number(got[0][1])
    expect(gap).toBeGreaterThanOrEqual(7400)
    expect(gap).toBeLessThan(8500)
    expect(r.exitAfterCancelMs).toBeGreaterThanOrEqual(9900)
    expect(r.exitAfterCancelMs).toBeLessThan(11_500)
    expect(existsSync(files.CHILD_MARK)).toBe(false) // never its group
  }, 30_000)
})
