// The public interface agrees with itself: action.yml, the names the code reads and sets, and the
// README's tables and all-inputs example. A new input that is not documented fails here.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { Inputs, Outputs } from '../../src/constants.js'

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { description?: string; default?: string }>
  outputs: Record<string, { description?: string }>
  runs: Record<string, string>
}
const readme = readFileSync('README.md', 'utf8')

/** First-column names of the README table under `## heading`. */
function tableNames(heading: string): string[] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  return [...section.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1])
}

describe('the public interface', () => {
  it('action.yml declares exactly the inputs the code reads, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Inputs).sort())
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy()
  })

  it('action.yml declares exactly the outputs the code sets, each described', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort())
    for (const [name, output] of Object.entries(action.outputs)) expect(output.description, name).toBeTruthy()
  })

  it('runs on node24 from dist/, with a post step', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/main/index.js', post: 'dist/post/index.js' })
  })

  it('the README documents every input and output, and its all-inputs example uses every input', () => {
    expect(tableNames('Inputs').sort()).toEqual(Object.keys(action.inputs).sort())
    expect(tableNames('Outputs').sort()).toEqual(Object.keys(action.outputs).sort())
    const example = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((y) => /^\s*dry-run:/m.test(y) && /^\s*only-if-live:/m.test(y))
    expect(example, 'an all-inputs example').toBeDefined()
    const used = [...example!.matchAll(/^\s*([\w-]+):/gm)].map((m) => m[1])
    for (const name of Object.keys(action.inputs)) expect(used, name).toContain(name)
  })

  it('the README gives the same defaults as action.yml', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      const row = readme.match(new RegExp(`^\\| \`${name}\` \\| ([^|]*) \\|`, 'm'))?.[1].trim() ?? ''
      const documented = row.replace(/^`|`$/g, '')
      if (input.default === undefined) {
        // It arrives as '' (the runner's rule): the README may say how it is resolved, but must not
        // promise a literal default the runner never passes.
        expect(row, name).not.toMatch(/^`[^`]*`$/)
        continue
      }
      if (input.default.includes('${{')) continue
      expect(documented, name).toBe(input.default)
    }
  })
})
