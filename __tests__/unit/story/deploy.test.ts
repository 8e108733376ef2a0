// src/story/deploy.ts: the deploy story over fake ports — which commands run, in which tree, with which env, and what the record says.
import { describe, expect, it } from 'vitest'
import { runStory } from '../../../src/story/index.js'
import { config } from '../../helpers/builders.js'
import { world, hooks } from '../../helpers/story-world.js'

describe('the deploy story', () => {
  it('deploys, gates, smokes: deployed', async () => {
    const w = world()
    const r = await runStory(config(hooks), w.ports)
    expect(r.status).toBe('deployed')
    expect(r.previousVersion).toBe('v1.0.0')
    expect(w.calls.map((c) => c.command)).toEqual(['backup', './deploy.sh', 'smoke'])
    expect(w.calls[1].env).toEqual({
      DEPLOY_VERSION: 'v1.1.0',
      DEPLOY_PREVIOUS_VERSION: 'v1.0.0',
      DEPLOY_ENVIRONMENT: 'production',
      DEPLOY_PHASE: 'deploy',
      DEPLOY_TREE: '/ws',
      DEPLOY_PREVIOUS_TREE: '',
    })
    // The preparation runs beside the deploy: passed or stopped, depending on how fast it was.
    expect(r.steps.map((s) => (s.id === 'prepare-rollback' ? s.id : `${s.id}:${s.outcome}`))).toEqual([
      'resolve:passed',
      'backup:passed',
      'prepare-rollback',
      'deploy:passed',
      'health:passed',
      'smoke:passed',
    ])
    expect(w.saved.at(-1)?.phase).toBe('done')
  })
  it('a failed backup deploys nothing', async () => {
    const w = world({ failing: ['deploy:backup:v1.1.0'] })
    const r = await runStory(config(hooks), w.ports)
    expect(r.status).toBe('failed')
    expect(r.reason).toMatch(/nothing was deployed/)
    expect(w.calls.map((c) => c.command)).toEqual(['backup'])
  })
  it('dry run resolves and runs nothing', async () => {
    const w = world()
    const r = await runStory(config({ ...hooks, dryRun: true }), w.ports)
    expect(r.status).toBe('planned')
    expect(r.reason).toMatch(/would deploy v1\.1\.0 to production \(previous v1\.0\.0\)/)
    expect(w.calls).toEqual([])
    expect(w.gates).toEqual([])
  })
  it('a cancel mid-deploy stops and records where it was, for post', async () => {
    const w = world({ abortOn: 'deploy:./deploy.sh:v1.1.0' })
    const r = await runStory(config(), w.ports)
    expect(r.status).toBe('failed')
    expect(r.reason).toMatch(/cancelled during deploying; the post step rolls back to v1\.0\.0/)
    expect(w.saved.at(-1)).toMatchObject({ phase: 'deploying', cancelled: true, previous: 'v1.0.0' })
    expect(w.gates).toEqual([])
  })
  it('a cancel that lands before the deploy command deploys nothing and hands nothing to post', async () => {
    const w = world({ abortOn: 'deploy:backup:v1.1.0' })
    const r = await runStory(config(hooks), w.ports)
    expect(r).toMatchObject({ status: 'failed', handedToPost: false })
    expect(w.calls.map((c) => c.command)).toEqual(['backup'])
    expect(w.saved.at(-1)?.phase).toBe('resolved')
  })
  it('a cancel mid-deploy is handed to post, which alerts', async () => {
    const w = world({ abortOn: 'deploy:./deploy.sh:v1.1.0' })
    expect((await runStory(config(), w.ports)).handedToPost).toBe(true)
  })

  it('after-deploy-command runs once the version is proven; its failure is a warning and the version stays deployed', async () => {
    const w = world({ failing: ['deploy:drain:v1.1.0'] })
    const r = await runStory(config({ ...hooks, afterDeployCommand: 'drain' }), w.ports)
    expect(w.calls.map((c) => c.command)).toEqual(['backup', './deploy.sh', 'smoke', 'drain'])
    expect(r.status).toBe('deployed')
    expect(r.reason).toMatch(/after-deploy-command failed \(exit code 1\), v1\.1\.0 stays deployed$/)
    expect(w.warnings).toEqual(['After deploy: exit code 1'])
    expect(w.errors).toEqual([])
    expect(r.attention).toBeUndefined()
  })

  it('after-deploy-command never runs when the gate failed', async () => {
    const w = world({ unhealthy: ['v1.1.0'] })
    await runStory(config({ afterDeployCommand: 'drain' }), w.ports)
    expect(w.calls.map((c) => c.command)).not.toContain('drain')
  })

  it('a cancel during after-deploy-command rolls nothing back: the version was proven', async () => {
    const w = world({ abortOn: 'deploy:drain:v1.1.0' })
    const r = await runStory(config({ afterDeployCommand: 'drain' }), w.ports)
    expect(r).toMatchObject({ status: 'deployed' })
    expect(r.reason).toMatch(/after-deploy-command was cancelled/)
    expect(w.saved.at(-1)?.phase).toBe('done')
  })
})

describe('prepared rollbacks', () => {
  const prepare = { prepareRollbackCommand: 'npm ci' }

  it('the previous version is checked out and prepared (DEPLOY_PHASE=prepare) as the deploy starts; a passing deploy removes it', async () => {
    const w = world({ gateMs: 100 })
    const r = await runStory(config(prepare), w.ports)
    expect(r.status).toBe('deployed')
    const prep = w.calls.find((c) => c.command === 'npm ci')!
    expect(prep.env).toMatchObject({
      DEPLOY_PHASE: 'prepare',
      DEPLOY_VERSION: 'v1.0.0',
      DEPLOY_PREVIOUS_VERSION: 'v1.1.0',
      DEPLOY_TREE: prep.cwd,
      DEPLOY_PREVIOUS_TREE: '/ws',
    })
    expect(w.calls.map((c) => c.command).sort()).toEqual(['./deploy.sh', 'npm ci'])
    expect(w.worktrees.map(([v]) => v)).toEqual(['v1.0.0'])
    expect(w.removed).toEqual([prep.cwd])
  })

  it('a failed gate redeploys in the prepared tree: no second checkout', async () => {
    const w = world({ unhealthy: ['v1.1.0'] })
    const r = await runStory(config(prepare), w.ports)
    expect(r.status).toBe('rolled-back')
    const prep = w.calls.find((c) => c.command === 'npm ci')!
    const redeploy = w.calls.find((c) => c.env.DEPLOY_PHASE === 'rollback')!
    expect(redeploy.cwd).toBe(prep.cwd)
    expect(w.worktrees).toHaveLength(1)
    expect(w.removed).toEqual([])
    expect(r.steps.find((s) => s.id === 'checkout')?.summary).toMatch(/^prepared tree of v1\.0\.0/)
  })

  it('a failed preparation is said, and a fresh checkout is redeployed', async () => {
    const w = world({ unhealthy: ['v1.1.0'], failing: ['prepare:npm ci:v1.0.0'] })
    const r = await runStory(config(prepare), w.ports)
    expect(r.status).toBe('rolled-back')
    expect(w.warnings.join('\n')).toMatch(/The preparation of v1\.0\.0 failed \(prepare-rollback-command failed \(exit code 1\)\): using a fresh checkout/)
    expect(w.worktrees).toHaveLength(2)
    const redeploy = w.calls.find((c) => c.env.DEPLOY_PHASE === 'rollback')!
    expect(redeploy.cwd).not.toBe(w.calls[0].cwd)
  })

  it('with rollback-command and no prepare command, nothing is prepared', async () => {
    const w = world()
    await runStory(config({ rollbackCommand: 'undo' }), w.ports)
    expect(w.worktrees).toEqual([])
  })
})
