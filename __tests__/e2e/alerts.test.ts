// Every alert channel through dist/: real receivers on 127.0.0.1 capture each request, checked
// against the service's documented format and limits; a hanging and a 429-ing receiver cost at
// most 15 s and change nothing else; PagerDuty triggers on rollback-failed and resolves with the
// same key on the next healthy run; a plain rollback does not page by default.
import { createHmac } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mermaidBlocks, parseMermaid } from '../helpers/mermaid.js'
import { checkout, createJob, createOrigin, freePort, headSha, quickGate, runStep, scratch, stopApp } from '../../demo/fixture.mjs'

const cleanups: Array<() => unknown> = []
beforeAll(() => {
  if (!existsSync('dist/main/index.js')) throw new Error('dist/ is missing: run npm run build first')
})
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A received JSON body, read field by field against the receiving service's documented format. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- other services' shapes, checked by the assertions themselves
type Body = any

interface Captured {
  at: number
  path: string
  headers: IncomingMessage['headers']
  raw: string
  json: Body
}

/** A receiver that records every request and answers as `reply` says (200 by default; a reply that returns false never answers). */
async function receiver(name: string, reply?: (n: number, res: ServerResponse) => boolean | void) {
  const got: Captured[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (raw += c))
    req.on('end', () => {
      let json: unknown
      try {
        json = JSON.parse(raw)
      } catch {
        json = undefined
      }
      got.push({ at: Date.now(), path: req.url ?? '', headers: req.headers, raw, json })
      if (reply?.(got.length, res) === false) return
      if (!res.headersSent) res.writeHead(name === 'pagerduty' ? 202 : 200, { 'content-type': 'application/json' }).end('{"status":"success"}')
    })
  })
  server.on('connection', (s: Socket) => sockets.add(s))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  cleanups.push(
    () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy()
        server.close(r)
      }),
  )
  const secret = `${name}SECRETpart${Math.random().toString(36).slice(2, 10)}`
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/${secret}`, secret, got }
}

/** v1.0.0 good; v1.1.0 with `bad` behaviour; the workspace at v1.1.0. Many long endpoints make the evidence oversize. */
async function world(o: { bad?: string; good?: string; endpoints?: number } = {}) {
  const root = scratch('alerts-e2e-')
  const appState = join(root, 'app')
  mkdirSync(appState)
  const origin = createOrigin(root, [
    { tag: 'v1.0.0', behaviour: o.good ?? 'ok' },
    { tag: 'v1.1.0', behaviour: o.bad ?? 'fail' },
  ])
  const port = await freePort()
  cleanups.push(
    () => rmSync(root, { recursive: true, force: true }),
    () => stopApp(appState),
  )
  const gate = quickGate(port)
  const urls = Array.from({ length: o.endpoints ?? 1 }, (_, i) => `http://127.0.0.1:${port}/health?endpoint=${i}&pad=${'x'.repeat(300)}`)
  const job = (tag: string) => {
    const ws = checkout(origin, tag, join(root, `ws-${tag}-${Math.random().toString(36).slice(2, 6)}`))
    const j = createJob({ workspace: ws, ref: `refs/tags/${tag}`, sha: headSha(ws), extraEnv: { APP_STATE: appState, APP_PORT: String(port) } })
    cleanups.push(() => j.cleanup())
    return j
  }
  const inputs = { 'deploy-command': './deploy.sh', deployments: 'false', ...gate, 'health-urls': urls.join('\n') }
  return { job, inputs, appState }
}

const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning'))
const shown = (stdout: string) => stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))

/** Discord's limits on one embed (title, description, fields, total across the message's embeds). */
function checkDiscord(body: Body) {
  expect(body.content.length).toBeLessThanOrEqual(2000)
  expect(body.embeds).toHaveLength(1)
  const e = body.embeds[0]
  expect(e.title.length).toBeLessThanOrEqual(256)
  expect(e.description.length).toBeLessThanOrEqual(4096)
  expect(e.fields.length).toBeLessThanOrEqual(25)
  for (const f of e.fields) {
    expect(f.name.length).toBeGreaterThan(0)
    expect(f.name.length).toBeLessThanOrEqual(256)
    expect(f.value.length).toBeGreaterThan(0)
    expect(f.value.length).toBeLessThanOrEqual(1024)
  }
  const total = e.title.length + e.description.length + e.footer.text.length + e.fields.reduce((n: number, f: Body) => n + f.name.length + f.value.length, 0)
  expect(total).toBeLessThanOrEqual(6000)
  expect(body.allowed_mentions.parse).not.toContain('everyone')
}

describe('alert channels (dist/)', () => {
  it('a rollback reaches Slack, Discord, Teams and the signed webhook within their limits; PagerDuty only resolves', async () => {
    const [slack, discord, teams, hook, pd] = await Promise.all(['slack', 'discord', 'teams', 'webhook', 'pagerduty'].map((n) => receiver(n)))
    const w = await world({ endpoints: 40 })
    const seed = await runStep(w.job('v1.0.0'), 'main', w.inputs)
    expect(seed.outputs.status, seed.stdout).toBe('deployed')
    const j = w.job('v1.1.0')
    const signingKey = 'whsec-e2e-signing-key-123'
    const main = await runStep(j, 'main', {
      ...w.inputs,
      'slack-webhook-url': slack.url,
      'discord-webhook-url': discord.url,
      'teams-webhook-url': teams.url,
      'webhook-url': hook.url,
      'webhook-secret': signingKey,
      'pagerduty-routing-key': 'R0UTINGKEYe2e0000000000000000000',
      'pagerduty-url': pd.url,
    })
    expect(main.outputs.status, main.stdout).toBe('rolled-back')
    expect(warnings(main.stdout)).toEqual([])
    for (const r of [slack, discord, teams, hook, pd]) expect(r.got, r.url).toHaveLength(1)

    // Slack: at most 50 blocks, sections within 3000 characters.
    const s = slack.got[0].json
    expect(s.blocks.length).toBeLessThanOrEqual(50)
    for (const b of s.blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000)

    // Discord: one embed, amber, every limit kept by cutting (the 40 long endpoints did not fit whole).
    const d = discord.got[0].json
    checkDiscord(d)
    expect(d.embeds[0].color).toBe(0xecb22e)
    expect(JSON.stringify(d.embeds[0].fields)).toMatch(/…/)
    expect(d.embeds[0].url).toBe('https://github.com/acme/web/actions/runs/4242')

    // Teams: a Workflows message with one Adaptive Card, within 28 KB.
    const t = teams.got[0]
    expect(Buffer.byteLength(t.raw)).toBeLessThanOrEqual(28 * 1024)
    expect(t.json.type).toBe('message')
    expect(t.json.attachments).toHaveLength(1)
    expect(t.json.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(t.json.attachments[0].content.type).toBe('AdaptiveCard')
    expect(t.raw).toMatch(/v1\.1\.0/)

    // The webhook: the JSON report, signed over the exact bytes received.
    const h = hook.got[0]
    expect(h.headers['content-type']).toMatch(/^application\/json/)
    expect(h.headers['x-rollback-signature-256']).toBe(`sha256=${createHmac('sha256', signingKey).update(h.raw).digest('hex')}`)
    expect(h.json).toMatchObject({ schemaVersion: 1, status: 'rolled-back', version: 'v1.1.0', previousVersion: 'v1.0.0', rolledBack: true })
    expect(h.json).toEqual(JSON.parse(readFileSync(main.outputs.report, 'utf8')))

    // PagerDuty: a plain rollback does not page by default; it resolves the environment's key.
    expect(pd.got[0].json).toEqual({
      routing_key: 'R0UTINGKEYe2e0000000000000000000',
      event_action: 'resolve',
      dedup_key: 'rollback-action/acme/web/production',
    })

    // The job summary's pictures: the timeline and the probe latency per round, parsed by Mermaid itself.
    const blocks = mermaidBlocks(main.summary ?? '')
    expect(blocks.map((b) => b.split('\n')[0])).toEqual(['gantt', ...Array<string>(10).fill('xychart-beta')])
    for (const b of blocks) await parseMermaid(b)

    // Every URL and key is a secret: nowhere in what the step printed or wrote.
    const written = [shown(main.stdout).join('\n'), main.summary ?? '', readFileSync(main.outputs.report, 'utf8'), JSON.stringify(main.outputs)]
    for (const text of written)
      for (const secret of [slack.secret, discord.secret, teams.secret, hook.secret, pd.secret, signingKey, 'R0UTINGKEYe2e']) expect(text).not.toContain(secret)
    await runStep(j, 'post', w.inputs)
  }, 90_000)

  it('PagerDuty: a failed rollback triggers; the next healthy run resolves with the same key', async () => {
    const pd = await receiver('pagerduty')
    const w = await world({ good: 'fail', bad: 'fail' })
    const key = 'R0UTINGKEYpage000000000000000000'
    const j = w.job('v1.1.0')
    const main = await runStep(j, 'main', { ...w.inputs, 'previous-version': 'v1.0.0', 'pagerduty-routing-key': key, 'pagerduty-url': pd.url })
    expect(main.outputs.status, main.stdout).toBe('rollback-failed')
    expect(pd.got).toHaveLength(1)
    const trigger = pd.got[0].json
    expect(trigger).toMatchObject({
      routing_key: key,
      event_action: 'trigger',
      dedup_key: 'rollback-action/acme/web/production',
      payload: { severity: 'critical', source: 'acme/web/production' },
      links: [{ href: 'https://github.com/acme/web/actions/runs/4242', text: 'Workflow run' }, expect.anything()],
    })
    expect(trigger.payload.summary.length).toBeLessThanOrEqual(1024)
    expect(trigger.payload.custom_details.evidence.length).toBeGreaterThan(0)
    expect(main.stdout).toMatch(/PagerDuty alert sent \(trigger, rollback-failed\)/)
    await runStep(j, 'post', w.inputs)

    // The next run of the same environment (same repository, same key) is healthy.
    const w2 = await world()
    const healthy = await runStep(w2.job('v1.0.0'), 'main', { ...w2.inputs, 'pagerduty-routing-key': key, 'pagerduty-url': pd.url })
    expect(healthy.outputs.status, healthy.stdout).toBe('deployed')
    expect(pd.got).toHaveLength(2)
    expect(pd.got[1].json).toEqual({ routing_key: key, event_action: 'resolve', dedup_key: trigger.dedup_key })
  }, 90_000)

  it('a hanging receiver and a 429-ing one cost at most 15 s; the others arrive, the outcome is unchanged', async () => {
    const hanging = await receiver('teams', () => false)
    // Discord's 429: the wait in the JSON body (seconds), as Discord sends it.
    const limited = await receiver('discord', (n, res) => {
      if (n === 1) {
        res.writeHead(429, { 'content-type': 'application/json' }).end('{"message":"You are being rate limited.","retry_after":1.5,"global":false}')
        return
      }
    })
    const slack = await receiver('slack')
    const w = await world()
    const seed = await runStep(w.job('v1.0.0'), 'main', w.inputs)
    expect(seed.outputs.status).toBe('deployed')
    const j = w.job('v1.1.0')
    const started = Date.now()
    const main = await runStep(j, 'main', { ...w.inputs, 'teams-webhook-url': hanging.url, 'discord-webhook-url': limited.url, 'slack-webhook-url': slack.url })
    const took = Date.now() - started
    expect(main.outputs.status, main.stdout).toBe('rolled-back')
    expect(main.code).toBe(1)
    expect(limited.got).toHaveLength(2)
    expect(limited.got[1].at - limited.got[0].at).toBeGreaterThanOrEqual(1450)
    expect(slack.got).toHaveLength(1)
    // In parallel: the hanging channel's 15 s is the whole cost, whatever the others do.
    expect(Date.now() - hanging.got[0].at).toBeLessThan(16_500)
    expect(took).toBeLessThan(30_000)
    expect(warnings(main.stdout)).toEqual([
      expect.stringMatching(/^::warning::Teams alert NOT sent after \d attempt\(s\): request failed: no answer within .*The run's outcome is rolled-back\.$/),
    ])
    expect(main.stdout).toMatch(/Discord alert sent \(rolled-back\)/)
    await runStep(j, 'post', w.inputs)
  }, 90_000)
})
