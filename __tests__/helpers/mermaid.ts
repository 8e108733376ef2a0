// Mermaid's own parser, in Node: mermaid sanitizes labels with DOMPurify, which needs a DOM, so a
// jsdom window is installed first. No skip: when mermaid or jsdom is missing, the import throws
// and every test using this fails.
import { JSDOM } from 'jsdom'

type Mermaid = typeof import('mermaid').default
let loaded: Promise<Mermaid> | undefined

function load(): Promise<Mermaid> {
  loaded ??= (async () => {
    const { window } = new JSDOM('<!doctype html><html><body></body></html>')
    Object.assign(globalThis, { window, document: window.document })
    const mermaid = (await import('mermaid')).default
    mermaid.initialize({ startOnLoad: false })
    return mermaid
  })()
  return loaded
}

/** The diagrams in a Markdown text's ```mermaid fences. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1])
}

/**
 * Parses one diagram with mermaid's parser; throws its parse error. The gantt grammar is lenient
 * (a stray colon parses) and fails only when the renderer compiles its tasks, so that step runs
 * here too. Returns the diagram's type and its database (what the renderer would draw).
 */
// mermaid's diagram databases are untyped per diagram kind: the test reads them as the renderer does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function parseMermaid(text: string): Promise<{ type: string; db: any }> {
  const mermaid = await load()
  const { diagramType } = (await mermaid.parse(text)) as { diagramType: string }
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = diagram.db as any
  if (diagramType === 'gantt') {
    const tasks = db.getTasks() as Array<{ startTime: Date; endTime: Date }>
    for (const t of tasks)
      if (!(t.startTime instanceof Date) || Number.isNaN(t.endTime?.getTime())) throw new Error(`gantt task without valid times: ${JSON.stringify(t)}`)
  }
  return { type: diagramType, db }
}
