// The dry-run plan names everything a run would do: every command, every signal with its rule, the
// soak, the hooks in the order they run. Read from the README's all-inputs example, so a new input
// that changes what runs and is missing from the plan fails here.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readConfig, type InputSource } from '../../../src/config.js'
import { describeSignals } from '../../../src/gate/signals/index.js'
import { clearSecrets } from '../../../src/secrets.js'
import { planLines } from '../../../src/story/plan.js'
import type { ResolvedVersions } from '../../../src/versions.js'

const readme = readFileSync('README.md', 'utf8')
const example = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((y) => /^\s*dry-run:/m.test(y) && /^\s*only-if-live:/m.test(y))

/** The `with:` of the README's all-inputs example, as strings the way the runner passes them. */
function allInputs(): Record<string, string> {
  const doc = parse(example!) as unknown
  const steps = (Array.isArray(doc) ? doc : [doc]) as Array<{ with?: Record<string, unknown> }>
  const withBlock = steps.find((s) => s.with)?.with ?? (doc as { with?: Record<string, unknown> }).with ?? {}
  return Object.fromEntries(Object.entries(withBlock).map(([k, v]) => [k, String(v)]))
}

const versions: ResolvedVersions = { version: 'v1.1.0', previous: 'v1.0.0', source: 'input', note: 'previous v1.0.0 (input)' }

describe('the dry-run plan', () => {
  afterEach(() => clearSecrets())

  it('names every command and hook the run would run, the soak and every signal with its rule', () => {
    const given: Record<string, string> = { ...allInputs(), mode: 'deploy', 'only-if-live': '', 'github-token': '' }
    // `${{ … }}` expressions are the workflow's business: plain values in their place.
    for (const [k, v] of Object.entries(given)) {
      const whole = /^\$\{\{[^}]*\}\}$/.test(v.trim())
      given[k] = whole && k.endsWith('url') ? 'https://hooks.example.test/x/secret-path-1' : v.replace(/\$\{\{[^}]*\}\}/g, 'value-1')
    }
    const source: InputSource = { getInput: (name) => given[name] ?? '', setSecret: () => undefined }
    const c = readConfig(source, { GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a'.repeat(40) })
    const text = planLines(c, versions).join('\n')

    for (const command of [
      c.deployCommand,
      c.backupCommand,
      c.smokeCommand,
      c.afterDeployCommand,
      c.prepareRollbackCommand,
      c.beforeRollbackCommand,
      c.afterRollbackCommand,
    ]) {
      expect(command, 'the example sets every command').toBeTruthy()
      expect(text).toContain(command)
    }
    expect(text).toMatch(/rollback: /)
    expect(c.gate.soakMs).toBeGreaterThan(0)
    expect(text).toMatch(/soak: keep watching/)
    for (const line of describeSignals(c.gate)) expect(text).toContain(line)
    expect(c.gate.errorRate, 'the example sets an error rate').toBeDefined()
    expect(text).toMatch(/error rate|error-rate/i)
  })

  it('puts the hooks of the way back in the order they run', () => {
    const given: Record<string, string> = {
      'deploy-command': './deploy.sh',
      'health-urls': 'http://127.0.0.1:1/health',
      'before-rollback-command': 'npm run migrate:down',
      'after-rollback-command': 'redis-cli FLUSHALL',
    }
    const c = readConfig({ getInput: (n) => given[n] ?? '', setSecret: () => undefined }, { GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a'.repeat(40) })
    const lines = planLines(c, versions)
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle))
    expect(at('npm run migrate:down')).toBeGreaterThan(0)
    expect(at('npm run migrate:down')).toBeLessThan(at('deploy-command in a checkout of v1.0.0'))
    expect(at('deploy-command in a checkout of v1.0.0')).toBeLessThan(at('redis-cli FLUSHALL'))
  })
})
