// src/story/rollback.ts: the way back (automatic and manual) over fake ports.
import { describe, expect, it } from 'vitest'
import { runStory } from '../../../src/story/index.js'
import { config } from '../../helpers/builders.js'
import { world, deploymentLog, hooks } from '../../helpers/story-world.js'

describe('the way back, in detail', () => {
  it('an unhealthy release is rolled back with hooks in the right trees and env', async () => {
    const w = world({ unhealthy: ['v1.1.0'] })
    const r = await runStory(config({ ...hooks, rollbackCommand: undefined }), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.rolledBack).toBe(true)
    expect(r.reason).toMatch(/status 500 from v1\.1\.0; rolled back to v1\.0\.0/)
    expect(w.calls.map((c) => c.command)).toEqual(['backup', './deploy.sh', 'down', './deploy.sh', 'flush'])
    const [down, redeploy] = [w.calls[2], w.calls[3]]
    expect(down.cwd).toBe('/ws') // the new version's tree
    expect(redeploy.cwd).not.toBe('/ws') // its own checkout
    expect(redeploy.env).toMatchObject({ DEPLOY_VERSION: 'v1.0.0', DEPLOY_PREVIOUS_VERSION: 'v1.1.0', DEPLOY_PHASE: 'rollback' })
    expect(w.gates).toEqual(['v1.1.0', 'v1.0.0'])
    expect(w.saved.map((s) => s.phase)).toContain('rolling-back')
  })
  it('a failed smoke command also rolls back, and rollback-command replaces the checkout', async () => {
    const w = world({ failing: ['deploy:smoke:v1.1.0'] })
    const r = await runStory(config({ smokeCommand: 'smoke', rollbackCommand: 'undo' }), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.reason).toMatch(/smoke-command failed \(exit code 1\): boom/)
    expect(w.calls.at(-1)).toMatchObject({ command: 'undo', cwd: '/ws' })
  })
  it('rollback-failed when the previous version is unhealthy too', async () => {
    const w = world({ unhealthy: ['v1.1.0', 'v1.0.0'] })
    const r = await runStory(config(), w.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.rolledBack).toBe(false)
  })
  it('rollback-failed when the redeploy command fails', async () => {
    const w = world({ failing: ['deploy:./deploy.sh:v1.1.0', 'rollback:./deploy.sh:v1.0.0'] })
    const r = await runStory(config(), w.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.reason).toMatch(/deploy-command failed \(exit code 1\); then the rollback to v1\.0\.0 failed/)
    expect(w.gates).toEqual([])
  })
  it('failed, plainly, with nothing to roll back to', async () => {
    const w = world({ tags: ['v1.1.0'], unhealthy: ['v1.1.0'] })
    const r = await runStory(config(), w.ports)
    expect(r.status).toBe('failed')
    expect(r.reason).toMatch(/no previous version to roll back to/)
  })
  it("the deploy's deployment stays in progress, holding the lock, until its rollback ends", async () => {
    const d = deploymentLog()
    const w = world({ unhealthy: ['v1.1.0'], deployments: d.log })
    expect((await runStory(config(), w.ports)).status).toBe('rolled-back')
    expect(d.events).toEqual([
      'create 1 deploy v1.1.0',
      '1 in_progress',
      '1 in_progress',
      'create 2 rollback v1.0.0',
      '2 in_progress',
      '1 failure',
      '2 success',
    ])
  })
  it('a commit from the history is checked out by its full SHA, and the deploy records its own', async () => {
    const full = 'a'.repeat(40)
    const d = deploymentLog([{ version: 'aaaaaaa', commit: full }])
    const w = world({ unhealthy: ['v1.1.0'], deployments: d.log })
    const sha = 'b'.repeat(40)
    const r = await runStory(config({ context: { ...config().context, sha } }), w.ports)
    expect(r).toMatchObject({ status: 'rolled-back', previousVersion: 'aaaaaaa', previousSource: 'deployments' })
    expect(w.worktrees).toEqual([['aaaaaaa', full]])
    expect(d.created.map((c) => [c.phase, c.ref, c.commit])).toEqual([
      ['deploy', sha, sha],
      ['rollback', full, full],
    ])
  })
  it('with smoke-command as the only check, the rollback is proven by it, never called healthy unchecked', async () => {
    const gateless = { gate: { ...config().gate, urls: [] }, smokeCommand: 'smoke' }
    const bad = world({ failing: ['deploy:smoke:v1.1.0', 'rollback:smoke:v1.0.0'] })
    const r = await runStory(config(gateless), bad.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.reason).toMatch(/rolled back to v1\.0\.0 but it is unhealthy too: smoke-command failed \(exit code 1\): boom/)
    const good = world({ failing: ['deploy:smoke:v1.1.0'] })
    expect((await runStory(config(gateless), good.ports)).status).toBe('rolled-back')
    expect(good.calls.map((c) => `${c.env.DEPLOY_PHASE}:${c.command}`)).toEqual([
      'deploy:./deploy.sh',
      'deploy:smoke',
      'rollback:./deploy.sh',
      'rollback:smoke',
    ])
    expect(good.gates).toEqual(['v1.1.0']) // the rollback's proof was the smoke command, not an empty gate
  })
})

describe('manual rollback', () => {
  it('puts the chosen version back and gates it', async () => {
    const w = world()
    const r = await runStory(config({ mode: 'rollback', version: 'v1.0.0', previousVersion: 'v1.1.0', ...hooks }), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.mode).toBe('rollback')
    expect(w.calls.map((c) => c.command)).toEqual(['down', './deploy.sh', 'flush'])
    expect(w.gates).toEqual(['v1.0.0'])
  })
  it('fails before running anything when there is nothing to go back to', async () => {
    const w = world({ tags: ['v1.0.0'] })
    const r = await runStory(config({ mode: 'rollback', version: '' }), w.ports)
    expect(r.status).toBe('failed')
    expect(w.calls).toEqual([])
  })
})

describe('hooks and trees (DEPLOY_TREE, DEPLOY_PREVIOUS_TREE)', () => {
  it('automatic rollback: before-rollback in the new tree; the redeploy and after-rollback in the checkout, with the failed code as DEPLOY_PREVIOUS_TREE', async () => {
    const w = world({ unhealthy: ['v1.1.0'] })
    await runStory(config(hooks), w.ports)
    const [down, redeploy, flush] = w.calls.slice(2)
    expect(down).toMatchObject({ command: 'down', cwd: '/ws', env: { DEPLOY_PREVIOUS_TREE: '/ws', DEPLOY_TREE: '' } })
    expect(redeploy.env).toMatchObject({ DEPLOY_TREE: redeploy.cwd, DEPLOY_PREVIOUS_TREE: '/ws' })
    expect(flush).toMatchObject({ command: 'flush', cwd: redeploy.cwd, env: { DEPLOY_TREE: redeploy.cwd, DEPLOY_PREVIOUS_TREE: '/ws' } })
  })

  it('a failed before-rollback-command is an error the record leads with, and the redeploy goes on', async () => {
    const w = world({ unhealthy: ['v1.1.0'], failing: ['rollback:down:v1.0.0'] })
    const r = await runStory(config(hooks), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.attention).toMatch(/^before-rollback-command failed \(exit code 1\): .*check the data now$/)
    expect(w.errors).toContain(r.attention)
    expect(r.reason).toMatch(/before-rollback-command failed \(exit code 1\)$/)
  })

  it('a failed after-rollback-command is an error the record leads with', async () => {
    const w = world({ unhealthy: ['v1.1.0'], failing: ['rollback:flush:v1.0.0'] })
    const r = await runStory(config(hooks), w.ports)
    expect(r.attention).toMatch(/^after-rollback-command failed \(exit code 1\): .*check the data now$/)
  })
})

describe('manual rollback knows what is live', () => {
  const manual = (o = {}) => config({ mode: 'rollback', version: 'v1.0.0', beforeRollbackCommand: 'down', ...o })

  it('live from previous-version: before-rollback runs in a checkout of the live version, never the workspace', async () => {
    const w = world()
    const r = await runStory(manual({ previousVersion: 'v1.1.0' }), w.ports)
    expect(r).toMatchObject({ status: 'rolled-back', previousVersion: 'v1.1.0' })
    expect(w.worktrees.map(([v]) => v)).toEqual(['v1.1.0', 'v1.0.0'])
    const down = w.calls[0]
    expect(down.command).toBe('down')
    expect(down.cwd).not.toBe('/ws')
    expect(down.env).toMatchObject({ DEPLOY_VERSION: 'v1.0.0', DEPLOY_PREVIOUS_VERSION: 'v1.1.0', DEPLOY_PREVIOUS_TREE: down.cwd })
    expect(r.steps.find((s) => s.id === 'resolve')?.summary).toMatch(/v1\.1\.0 is live \(the previous-version input\)/)
  })

  it('live from the deployments history', async () => {
    const d = deploymentLog([{ version: 'v1.1.0' }, { version: 'v1.0.0' }])
    const w = world({ deployments: d.log })
    const r = await runStory(manual(), w.ports)
    expect(r.steps.find((s) => s.id === 'resolve')?.summary).toMatch(/v1\.1\.0 is live \(the deployments history\)/)
    expect(w.worktrees.map(([v]) => v)).toEqual(['v1.1.0', 'v1.0.0'])
  })

  it("live from the health body's release tag, with expect-version", async () => {
    const w = world({ healthBody: '{"version":"v1.1.0","db":"ok"}' })
    const r = await runStory(manual({ gate: { ...config().gate, expectVersion: true } }), w.ports)
    expect(r.steps.find((s) => s.id === 'resolve')?.summary).toMatch(/v1\.1\.0 is live \(the health endpoint's body\)/)
    expect(w.calls[0].command).toBe('down')
  })

  it('live unknown: before-rollback-command is skipped with a warning that says why; the rollback goes on', async () => {
    const w = world()
    const r = await runStory(manual(), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(w.calls.map((c) => c.command)).toEqual(['./deploy.sh'])
    expect(w.warnings.join('\n')).toMatch(
      /before-rollback-command skipped: the live version is unknown \(no deployments history, no previous-version, expect-version is off\)/,
    )
    expect(r.steps.find((s) => s.id === 'before-rollback')?.outcome).toBe('skipped')
  })

  it('the target already live: nothing redeployed, no hook, its health checked, rolled-back, and the reason says so', async () => {
    const w = world()
    const r = await runStory(manual({ version: 'v1.1.0', previousVersion: 'v1.1.0', afterRollbackCommand: 'flush' }), w.ports)
    expect(r).toMatchObject({ status: 'rolled-back', rolledBack: true })
    expect(r.reason).toMatch(/^v1\.1\.0 is already live in production \(the previous-version input\): nothing redeployed, no hook run; v1\.1\.0 is healthy$/)
    expect(w.calls).toEqual([])
    expect(w.worktrees).toEqual([])
    expect(w.gates).toEqual(['v1.1.0'])
  })

  it('no version given: the last known good below what previous-version says is live', async () => {
    const w = world({ tags: ['v0.9.0', 'v1.0.0', 'v1.1.0'] })
    const r = await runStory(config({ mode: 'rollback', version: '', previousVersion: 'v1.0.0' }), w.ports)
    expect(r).toMatchObject({ status: 'rolled-back', version: 'v0.9.0', previousVersion: 'v1.0.0' })
  })
  it("rollback-soak-duration: the version put back is soaked with the gate's rules; its failure fails the rollback", async () => {
    const soaked = config({ gate: { ...config().gate, rollbackSoakMs: 1000 } })
    const bad = world({ unhealthy: ['v1.1.0'], unhealthySoak: ['v1.0.0'] })
    const r = await runStory(soaked, bad.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.reason).toMatch(/rolled back to v1\.0\.0 but it is unhealthy too: rollback-soak-duration: status 500 from v1\.0\.0/)
    expect(r.steps.map((s) => [s.id, s.outcome]).slice(-2)).toEqual([
      ['rollback-health', 'passed'],
      ['rollback-soak', 'failed'],
    ])
    // The gates learn the version they replace and the environment, for the signals' queries.
    expect(bad.gateCalls.map((g) => [g.version, g.previousVersion, g.environment, g.soakOnly])).toEqual([
      ['v1.1.0', 'v1.0.0', 'production', false],
      ['v1.0.0', 'v1.1.0', 'production', false],
      ['v1.0.0', 'v1.1.0', 'production', true],
    ])

    const good = world({ unhealthy: ['v1.1.0'] })
    expect((await runStory(soaked, good.ports)).status).toBe('rolled-back')
    const plain = world({ unhealthy: ['v1.1.0'] })
    await runStory(config(), plain.ports)
    expect(plain.gateCalls.filter((g) => g.soakOnly)).toEqual([])
  })
})
