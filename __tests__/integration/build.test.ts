// The build is deterministic: check-dist compares a fresh build with the committed dist/, so two
// builds of the same src/ must be byte-identical (no time, path or load order in the output). A
// race shows only now and then; this catches what differs every time.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, scratch } from '../../demo/fixture.mjs'

const root = scratch('build-twice-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

function build(out: string): Map<string, string> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, env: { ...process.env, BUILD_OUT: out }, stdio: 'pipe' })
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
  return new Map(files.map((e) => [relative(out, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name), 'utf8')]))
}

describe('the build', () => {
  it('gives byte-identical output twice (chunk names are content hashes)', () => {
    const builds = [build(join(root, 'one')), build(join(root, 'two'))]
    const [first, ...others] = builds
    expect(first.size).toBeGreaterThan(10)
    for (const other of others) {
      expect([...other.keys()].sort()).toEqual([...first.keys()].sort())
      for (const [name, text] of first) expect(other.get(name), name).toBe(text)
    }
  }, 60_000)
})
