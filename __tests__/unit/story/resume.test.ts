// src/story/resume.ts: post after a cancel or a kill, over fake ports.
import { describe, expect, it } from 'vitest'
import { resumeAfterCancel, abandonAfterCancel, unfinishedAfterCancel, closeUnstarted } from '../../../src/story/after-cancel.js'
import { runStory } from '../../../src/story/index.js'
import type { SavedRun } from '../../../src/state.js'
import { config } from '../../helpers/builders.js'
import { world, deploymentLog, hooks, savedRun } from '../../helpers/story-world.js'

describe('post after main stopped part-way', () => {
  it('post resumes a cancelled deploy by putting the previous version back', async () => {
    const w = world()
    const saved = savedRun({ cancelled: true, phase: 'deploying' })
    const r = await resumeAfterCancel(config(), saved, w.ports)
    expect(r.status).toBe('rolled-back')
    expect(r.cancelled).toBe(true)
    expect(w.calls.map((c) => `${c.env.DEPLOY_PHASE} ${c.env.DEPLOY_VERSION}`)).toEqual(['rollback v1.0.0'])
  })
  it('post, after a cancel mid-rollback, does not run before-rollback-command again (a down migration twice loses data)', async () => {
    const w = world()
    const saved = savedRun({ cancelled: true, phase: 'rolling-back', beforeRollbackStarted: true })
    const r = await resumeAfterCancel(config(hooks), saved, w.ports)
    expect(r.status).toBe('rolled-back')
    expect(w.calls.map((c) => c.command)).toEqual(['./deploy.sh', 'flush'])
    expect(r.reason).toMatch(/before-rollback-command had already started before the cancel; not run again/)
  })
  it('a cancel during a status call before the rollback hook: the hook is not marked started, so post runs it', async () => {
    const d = deploymentLog()
    const w = world({ unhealthy: ['v1.1.0'], deployments: d.log })
    const setStatus = d.log.setStatus
    d.log.setStatus = async (id, state, o) => {
      if (o.description.includes('rolling back')) w.controller.abort() // the cancel arrives while GitHub answers
      return setStatus(id, state, o)
    }
    const r = await runStory(config(hooks), w.ports)
    expect(r).toMatchObject({ status: 'failed', handedToPost: true })
    expect(w.calls.map((c) => c.command)).toEqual(['backup', './deploy.sh'])
    const last = w.saved.at(-1)!
    expect(last).toMatchObject({ phase: 'rolling-back', cancelled: true })
    expect(last.beforeRollbackStarted).toBeUndefined()
    const post = world()
    await resumeAfterCancel(config(hooks), last, post.ports)
    expect(post.calls.map((c) => c.command)).toEqual(['down', './deploy.sh', 'flush'])
  })
  it('post with rollback-on-cancel false: a failed record that says to check, and both deployments closed', async () => {
    const d = deploymentLog()
    const w = world({ deployments: d.log })
    const saved: SavedRun = {
      phase: 'rolling-back',
      mode: 'deploy',
      version: 'v1.1.0',
      previous: 'v1.0.0',
      previousSource: 'tags',
      scratchRoot: '/tmp/x',
      scratch: [],
      startedAt: 0,
      deploymentId: 8,
      replacedDeploymentId: 7,
    }
    const r = await abandonAfterCancel(config({ rollbackOnCancel: false }), saved, w.ports)
    expect(r.status).toBe('failed')
    expect(r.reason).toMatch(/while rolling back to v1\.0\.0 and rollback-on-cancel is false: production may be on a partial deploy; check it now/)
    expect(d.events).toEqual(['8 failure', '7 failure'])
    expect(w.calls).toEqual([])
  })
  it('post, when finishing the run threw: a rollback-failed record, so the alarm still goes out', () => {
    const w = world()
    const saved = savedRun()
    const r = unfinishedAfterCancel(config(), saved, w.ports, 'EACCES: permission denied')
    expect(r).toMatchObject({ status: 'rollback-failed', rolledBack: false, version: 'v1.1.0', previousVersion: 'v1.0.0' })
    expect(r.reason).toBe('the job stopped while deploying v1.1.0, and finishing the rollback failed: EACCES: permission denied; check production now')
  })
  it('post after main was killed (no cancel recorded): the reason says the main step ended without finishing', async () => {
    const w = world()
    const saved = savedRun()
    const r = await resumeAfterCancel(config(), saved, w.ports)
    expect(r).toMatchObject({ status: 'rolled-back', mainKilled: true })
    expect(r.reason).toMatch(
      /^the main step ended without finishing \(killed: out of memory, or the runner was lost\) while v1\.1\.0 was being deployed; rolled back to v1\.0\.0, healthy$/,
    )
    expect(r.reason).not.toMatch(/cancel/)
    const cancelled = await resumeAfterCancel(config(), { ...saved, cancelled: true }, world().ports)
    expect(cancelled.reason).toMatch(/^the job was cancelled while v1\.1\.0/)
    expect(cancelled.mainKilled).toBe(false)
  })
  it('post stopped during the redeploy: rollback-failed, saying what finished, what is left, and closing both deployments', async () => {
    const d = deploymentLog()
    const w = world({ deployments: d.log, abortOn: 'rollback:./deploy.sh:v1.0.0', abortReason: 'cancel-timeout 2s ran out' })
    const saved = savedRun({ cancelled: true, phase: 'rolling-back', deploymentId: 7, replacedDeploymentId: 7 })
    const r = await resumeAfterCancel(config({ afterRollbackCommand: 'flush' }), saved, w.ports)
    expect(r).toMatchObject({ status: 'rollback-failed', rolledBack: false, unfinished: true })
    expect(r.reason).toBe(
      'the job was cancelled during the rollback to v1.0.0; then the post step was stopped (cancel-timeout 2s ran out): the redeploy of v1.0.0 was interrupted: production may be on v1.1.0 or partway; done: check out v1.0.0; left to do by hand: redeploy v1.0.0, after-rollback-command, health check of v1.0.0; check production now',
    )
    expect(w.calls.map((c) => c.command)).toEqual(['./deploy.sh'])
    expect(r.steps.map((s) => `${s.id}:${s.outcome}`)).toEqual(['checkout:passed', 'rollback:cancelled'])
    expect(d.events).toEqual(['create 1 rollback v1.0.0', '1 in_progress', '1 failure', '7 failure'])
  })
  it('post stopped in before-rollback-command: the environment may hold that command partway, and nothing after it ran', async () => {
    const w = world({ abortOn: 'rollback:down:v1.0.0', abortReason: 'the runner sent SIGINT' })
    const saved = savedRun({ cancelled: true, phase: 'deploying' })
    const r = await resumeAfterCancel(config({ ...hooks, rollbackCommand: 'undo' }), saved, w.ports)
    expect(r.status).toBe('rollback-failed')
    expect(r.reason).toMatch(
      /\(the runner sent SIGINT\): before-rollback-command was interrupted: production may be on v1\.1\.0, with that command partway .*; done: nothing; left to do by hand: before-rollback-command, rollback-command, after-rollback-command, health check of v1\.0\.0; check production now$/,
    )
  })
  it('post closes a deployment main opened but never started', async () => {
    const d = deploymentLog()
    const w = world({ deployments: d.log })
    await closeUnstarted(
      config(),
      { phase: 'resolved', mode: 'deploy', version: 'v1.1.0', previousSource: 'tags', scratchRoot: '/tmp/x', scratch: [], startedAt: 0, deploymentId: 3 },
      w.ports,
    )
    expect(d.events).toEqual(['3 failure'])
  })
})
