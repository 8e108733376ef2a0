// The house rules that keep src/ readable, checked rather than hoped for: no function over 80
// lines, no file over 350, and no import circle (data flows one way: inputs → config → story →
// timeline → sinks).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const SRC = resolve('src')
const MAX_FUNCTION_LINES = 80
const MAX_FILE_LINES = 350

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return e.name.endsWith('.ts') ? [path] : []
  })
}

const files = sourceFiles(SRC).map((path) => ({ path, name: relative(SRC, path), text: readFileSync(path, 'utf8') }))

/** Every function-like node longer than the limit, as "file:line name (N lines)". */
function longFunctions(file: { name: string; text: string }): string[] {
  const source = ts.createSourceFile(file.name, file.text, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const lines = end - start + 1
      const name = node.name?.getText(source) ?? '<anonymous>'
      if (lines > MAX_FUNCTION_LINES) found.push(`${file.name}:${start + 1} ${name} (${lines} lines)`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Relative imports of a file (static and dynamic), resolved to src-relative .ts names. */
function importsOf(file: { path: string; text: string }): string[] {
  const specs = [...file.text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1])
  return specs.map((s) => relative(SRC, resolve(dirname(file.path), s.replace(/\.js$/, '.ts'))))
}

/** One import circle, as a list of files, or undefined. Type-only imports count too: they couple the files all the same. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node]
    state.set(node, 'visiting')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(node, 'done')
    return undefined
  }
  for (const node of graph.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return undefined
}

describe('the house rules of src/', () => {
  it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap(longFunctions)).toEqual([])
  })

  it(`no file is over ${MAX_FILE_LINES} lines`, () => {
    const long = files.map((f) => ({ name: f.name, lines: f.text.split('\n').length })).filter((f) => f.lines > MAX_FILE_LINES)
    expect(long).toEqual([])
  })

  it('has no import circle', () => {
    const graph = new Map(files.map((f) => [f.name, importsOf(f)]))
    expect(findCycle(graph)).toBeUndefined()
  })

  it('the checks can fail: a long function, a long file and a circle are found', () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES + 1 }, (_, i) => `  const v${i} = ${i}`).join('\n')
    expect(longFunctions({ name: 'x.ts', text: `function big() {\n${body}\n}\n` })).toEqual([`x.ts:1 big (${MAX_FUNCTION_LINES + 3} lines)`])
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a'])
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeUndefined()
  })
})
