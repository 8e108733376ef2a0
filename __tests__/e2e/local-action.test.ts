// `npm run local`: GitHub's @github/local-action runs the action from src/ with .env.example's
// inputs, as the README says, and deploys the demo's app: v1.0.0 goes live, a broken v1.1.0 is
// rolled back, the Slack stand-in gets the alert.
import { readFileSync, rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { scratch } from '../../demo/fixture.mjs'
import { envFile, localDemo } from '../../demo/local.mjs'

// local-action imports the entry file and calls the `run()` it exports; an entry that only runs
// itself on import cannot be driven by it.
const exportsRun = ['src/main.ts', 'src/post.ts'].every((f) => /export async function run\(/.test(readFileSync(f, 'utf8')))

const roots: string[] = []
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true })
})

describe('.env.example', () => {
  it('holds every line the local demo fills in', () => {
    const text = envFile({ 'INPUT_HEALTH-URLS': 'http://127.0.0.1:1/health', 'INPUT_SLACK-WEBHOOK-URL': 'http://127.0.0.1:2/hook', APP_PORT: '1' })
    expect(text).toMatch(/^INPUT_HEALTH-URLS=http:\/\/127\.0\.0\.1:1\/health$/m)
    expect(text).toMatch(/^INPUT_SLACK-WEBHOOK-URL=http:\/\/127\.0\.0\.1:2\/hook$/m)
    expect(text).toMatch(/^APP_PORT=1$/m)
    expect(text).toMatch(/^INPUT_DEPLOY-COMMAND=\.\/deploy\.sh$/m)
  })

  it('a key it lacks is an error, not a silent extra line', () => {
    expect(() => envFile({ INPUT_NO_SUCH_INPUT: 'x' })).toThrow(/\.env\.example has no INPUT_NO_SUCH_INPUT line/)
  })
})

describe.skipIf(!exportsRun)('local-action', () => {
  it('deploys the demo app, rolls back a broken release and alerts, from src/', { timeout: 300_000 }, async () => {
    const root = scratch('rollback-local-')
    roots.push(root)
    const { ok, first, second } = await localDemo({ root })
    expect(first.outputs.status, first.out).toBe('deployed')
    expect(second.outputs.status, second.out).toBe('rolled-back')
    expect(second.outputs['previous-version']).toBe('v1.0.0')
    expect(ok).toBe(true)
    // The Slack URL is a secret: the action never prints it, under local-action either.
    expect(second.out).not.toContain('XXXXsecretXXXX')
  })
})
