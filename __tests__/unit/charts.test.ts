// The summary's Mermaid pictures: every block parses with Mermaid's own parser (mermaid from npm,
// in a jsdom window), labels survive escaping, and 10 000 probes stay far under 1 MiB.
import { afterEach, describe, expect, it } from 'vitest'
import { buildCharts, downsampleMax, ganttChart, ganttTaskName, latencyChart, latencyCharts, mermaidText } from '../../src/report/charts.js'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import { mermaidBlocks, parseMermaid } from '../helpers/mermaid.js'
import { record, step, T0 } from '../helpers/run-record.js'

afterEach(() => clearSecrets())

/** Mermaid's entity placeholders back to characters: what the rendered chart shows. */
function shown(text: string): string {
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/ﬂ°quot¶ß/g, '"')
    .trim()
}

const HOSTILE = 'title: "x" #1; 100% <b>bad</b> \\ `tick`\nsection two'

describe('gantt of the run', () => {
  it('parses, with one bar per step that ran, in deploy and rollback sections, tagged by outcome', async () => {
    const r = record()
    r.steps.splice(1, 0, step('backup', 'skipped', 1, 0, { title: 'Backup' }))
    const block = mermaidBlocks(ganttChart(r))
    expect(block).toHaveLength(1)
    const { type, db } = await parseMermaid(block[0])
    expect(type).toBe('gantt')
    const tasks = db.getTasks() as Array<{ task: string; section: string; startTime: Date; endTime: Date; crit?: boolean; done?: boolean }>
    expect(tasks.map((t) => shown(t.task))).toEqual(['Resolve versions', 'Deploy v1.1.0', 'Health gate v1.1.0', 'Roll back to v1.0.0', 'Health gate v1.0.0'])
    expect(tasks.map((t) => t.section)).toEqual(['Deploy', 'Deploy', 'Deploy', 'Roll back', 'Roll back'])
    expect(tasks[2]).toMatchObject({ crit: true })
    expect(tasks[4]).toMatchObject({ done: true })
    // Times are the steps' own, to the millisecond.
    expect(tasks[2].startTime.getTime()).toBe(T0 + 10_000)
    expect(tasks[2].endTime.getTime()).toBe(T0 + 30_000)
  })

  it('draws a running step active up to the run end and a cancelled one untagged', async () => {
    const r = record({ endedAt: T0 + 90_000 })
    r.steps[4] = { ...r.steps[4], outcome: 'running', endedAt: undefined }
    r.steps[3] = { ...r.steps[3], outcome: 'cancelled' }
    const { db } = await parseMermaid(mermaidBlocks(ganttChart(r))[0])
    const tasks = db.getTasks()
    expect(tasks[4]).toMatchObject({ active: true })
    expect(tasks[4].endTime.getTime()).toBe(T0 + 90_000)
    expect(shown(tasks[3].task)).toBe('Roll back to v1.0.0 (cancelled)')
    expect(tasks[3].crit || tasks[3].done || tasks[3].active).toBeFalsy()
  })

  it('keeps hostile step titles and environment names as text, not syntax', async () => {
    const r = record({ environment: HOSTILE })
    r.steps[1].title = HOSTILE
    r.steps[2].title = 'gantt dateFormat YYYY'
    r.steps[3].title = '2026-01-01 click here'
    const text = ganttChart(r)
    expect(text).not.toMatch(/^\s*section two/m)
    const { db } = await parseMermaid(mermaidBlocks(text)[0])
    const tasks = db.getTasks()
    expect(tasks).toHaveLength(5)
    expect(shown(tasks[1].task)).toBe(HOSTILE.replace('\n', ' '))
    expect(shown(tasks[2].task)).toBe('gantt dateFormat YYYY')
    expect(shown(tasks[3].task)).toBe('2026-01-01 click here')
    expect(db.getSections()).toEqual(['Deploy', 'Roll back'])
    expect(shown(db.getDiagramTitle())).toBe(`Steps of the run in ${HOSTILE.replace('\n', ' ')}`)
  })

  it('escapes every syntax character and starts no task with a keyword', () => {
    expect(mermaidText('a:b;c#d%e"f<g>h')).toBe('a#58;b#59;c#35;d#37;e#34;f#60;g#62;h')
    expect(ganttTaskName('Title of it')).toBe('#84;itle of it')
    expect(ganttTaskName('Deploy v1')).toBe('Deploy v1')
    expect(ganttChart(record({ steps: [] }))).toBe('')
  })

  it('redacts secrets in titles', () => {
    addSecret('sekrit-value')
    const r = record()
    r.steps[1].title = 'Deploy with sekrit-value'
    expect(ganttChart(r)).not.toContain('sekrit-value')
  })
})

describe('latency charts', () => {
  it('downsamples by bucket maximum so a spike stays visible', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i === 4321 ? 9000 : 20))
    const { points, bucket } = downsampleMax(values, 100)
    expect(points).toHaveLength(100)
    expect(bucket).toBe(100)
    expect(points[43]).toBe(9000)
    expect(points.filter((p) => p === 20)).toHaveLength(99)
    expect(downsampleMax([1, 2, 3], 100)).toEqual({ points: [1, 2, 3], bucket: 1 })
    expect(downsampleMax([1, NaN, NaN, NaN, 5], 3)).toEqual({ points: [1, 0, 5], bucket: 2 })
  })

  it('parses as an xychart with the title, range and the downsampled line', async () => {
    const lat = Array.from({ length: 250 }, (_, i) => 10 + (i % 7) + (i === 200 ? 500 : 0))
    const { type, db } = await parseMermaid(mermaidBlocks(latencyChart({ endpoint: 'https://shop.example/health?x=1#frag', latenciesMs: lat }))[0])
    expect(type).toBe('xychart')
    expect(shown(db.getDiagramTitle())).toBe('Latency of https://shop.example/health?x=1#frag (ms, max of every 3 rounds)')
    const text = latencyChart({ endpoint: 'e', latenciesMs: lat })
    const line = /line \[(.*)\]/.exec(text)![1].split(', ').map(Number)
    expect(line).toHaveLength(84)
    // The spike at round 201 survives the bucketing.
    expect(Math.max(...line)).toBe(Math.max(...lat))
    expect(text).toContain('x-axis "round" 1 --> 250')
    expect(text).toContain('y-axis "ms" 0 --> 1000')
  })

  it('parses a single round and all-zero rounds', async () => {
    for (const latenciesMs of [[42], [0, 0, 0], [0.25, 3.14]]) {
      const block = mermaidBlocks(latencyChart({ endpoint: 'x', latenciesMs }))[0]
      await expect(parseMermaid(block)).resolves.toMatchObject({ type: 'xychart' })
    }
    expect(latencyChart({ endpoint: 'x', latenciesMs: [] })).toBe('')
  })

  it('keeps a hostile endpoint label as text', async () => {
    const { db } = await parseMermaid(mermaidBlocks(latencyChart({ endpoint: HOSTILE, latenciesMs: [1, 2] }))[0])
    expect(shown(db.getDiagramTitle())).toBe(`Latency of ${HOSTILE.replace('\n', ' ')} (ms)`)
  })

  it('charts at most maxCharts endpoints and counts the rest', () => {
    const series = Array.from({ length: 15 }, (_, i) => ({ endpoint: `https://e${i}.example/`, latenciesMs: [1, 2, 3] }))
    const text = latencyCharts(series)
    expect(mermaidBlocks(text)).toHaveLength(10)
    expect(text).toContain('…and 5 more endpoints')
  })
})

describe('the summary pictures', () => {
  it('stay under 1 MiB after 10 000 probes on many endpoints, and every block parses', async () => {
    const series = Array.from({ length: 50 }, (_, e) => ({
      endpoint: `https://shop.example/${'p'.repeat(5000)}/${e}`,
      latenciesMs: Array.from({ length: 10_000 }, (_, i) => 5 + ((i * 7919 + e) % 300) / 3),
    }))
    const text = buildCharts(record(), series)
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024)
    const blocks = mermaidBlocks(text)
    expect(blocks).toHaveLength(11)
    expect(text).toContain('### Timeline')
    expect(text).toContain('### Probe latency per round')
    for (const b of blocks) await parseMermaid(b)
  })

  it('has only the timeline when no latencies were recorded', () => {
    const text = buildCharts(record())
    expect(mermaidBlocks(text)).toHaveLength(1)
    expect(text).not.toContain('Probe latency')
  })

  it('a broken block is caught by the parser (the check can fail)', async () => {
    await expect(parseMermaid('xychart-beta\n  title "a"b"\n  line [1, 2]\n')).rejects.toThrow(/Parse error/)
    // The hazards the escaping removes: a colon or a # in a task name, a ; in its data.
    await expect(parseMermaid('gantt\n  dateFormat x\n  section A\n  a:b :done, s0, 0, 1\n')).rejects.toThrow()
    await expect(parseMermaid('gantt\n  dateFormat x\n  section A\n  task :done#x, s0, 0, 1\n')).rejects.toThrow()
    await expect(parseMermaid('gantt\n  dateFormat x\n  section A\n  task :done, s0, 0, 1; x\n')).rejects.toThrow(/Parse error/)
  })
})
