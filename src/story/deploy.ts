import type { RunRecord } from '../timeline.js'
import { durationText } from '../timing.js'
import { isFullSha, resolveForDeploy, type ResolvedVersions } from '../versions.js'
import { startPreparation } from './prepare.js'
import { preflightGate, baselineStep } from './gate-signals.js'
import { Cancelled, smokeFailure, type Failure, type Steps } from './steps.js'

/**
 * Deploy mode: resolve → backup → deploy → gate → smoke → soak; on any failure the way back
 * (rollback.ts). The deployment stays in progress until the rollback ends, so another run waits.
 */
export async function deploy(s: Steps): Promise<RunRecord> {
  const c = s.config
  const versions = await s.resolve(() =>
    resolveForDeploy({ version: c.version, previousVersion: c.previousVersion, environment: c.environment, tagPattern: c.tagPattern }, s.versionSources()),
  )
  if ('error' in versions) return s.finish('failed', versions.error)
  // Read while the story goes on (a git process need not hold up the deploy); runStory adds it.
  s.commitSubject = s.ports.git.commitSubject(c.workspace)
  if (c.dryRun) return (await import('./plan.js')).plan(s, versions)
  // Gate signals: every query checked once before anything is deployed.
  const badSignal = await preflightGate(s, versions)
  if (badSignal) return s.finish('failed', badSignal)

  const id = await s.openDeployment({
    phase: 'deploy',
    version: versions.version,
    ref: c.context.sha || versions.version,
    description: `Deploying ${versions.version}`,
    commit: isFullSha(c.context.sha) ? c.context.sha : undefined,
  })

  if (c.backupCommand) {
    const env = s.env({ version: versions.version, previous: versions.previous, phase: 'deploy' })
    const ok = await s.command({ id: 'backup', title: 'Backup', phase: 'deploy', command: c.backupCommand, cwd: c.workspace, env })
    if (!ok.ok) {
      await s.status(id, 'failure', 'Backup failed; nothing deployed')
      return s.finish('failed', `backup-command failed (${ok.detail}); nothing was deployed`)
    }
  }

  // A cancel that came during the backup or a status call lands here, before anything is deployed.
  s.throwIfCancelled()
  // The previous version's tree is made while the new one is deployed and gated: a rollback starts at once.
  s.preparation = startPreparation(s, versions)
  await beforeDeploy(s, versions)
  s.saveState({ phase: 'deploying' })
  const failure = await deployAndGate(s, versions)
  if (!failure) {
    await s.preparation?.discard(`not needed: ${versions.version} passed; stopped and removed`)
    if (id) {
      await s.status(id, 'success', `Deployed ${versions.version}`)
      await s.ports.deployments?.markOlderInactive(c.environment, id)
    }
    const verdict = s.lastVerdict()
    const live = `${versions.version} is live and healthy${verdict ? `: ${verdict.reason}` : ''}`
    return s.finish('deployed', `${live}${await afterDeploy(s, versions)}`)
  }
  if (!versions.previous) {
    await s.status(id, 'failure', failure.reason)
    return s.finish('failed', `${failure.reason}; no previous version to roll back to`)
  }
  // Its deployment stays in progress until the rollback ends: another run must not start meanwhile.
  await s.status(id, 'in_progress', `${failure.check} failed; rolling back to ${versions.previous}`)
  // The way back is loaded only when it is taken: a deploy that passes never needs it.
  const { putBack } = await import('./rollback.js')
  return putBack(s, { target: versions.previous, replacing: versions.version, failure, replacedId: id })
}

/** The one place for what happens right before the deploy command (the backup already ran). */
async function beforeDeploy(s: Steps, _v: ResolvedVersions): Promise<void> {
  // Gate signals: the live version's latencies, probed just before it is replaced.
  if (s.config.gate.baseline) s.gateAround.baseline = await baselineStep(s)
}

/**
 * after-deploy-command, once the new version is proven (drain the old color, purge the CDN). The
 * version stays deployed whatever it does: a failure is a warning, and a cancel now rolls nothing
 * back (the phase is done before it starts). Returns a clause for the reason.
 */
async function afterDeploy(s: Steps, v: ResolvedVersions): Promise<string> {
  const c = s.config
  if (!c.afterDeployCommand) return ''
  s.saveState({ phase: 'done' })
  const env = s.env({ version: v.version, previous: v.previous, phase: 'deploy' })
  try {
    const r = await s.command({
      id: 'after-deploy',
      title: 'After deploy',
      phase: 'deploy',
      command: c.afterDeployCommand,
      cwd: c.workspace,
      env,
      failureLevel: 'warning',
    })
    return r.ok ? '' : `; after-deploy-command failed (${r.detail}), ${v.version} stays deployed`
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err
    return `; after-deploy-command was cancelled, ${v.version} stays deployed`
  }
}

/** Deploy the new version, then prove it: health gate, smoke command, soak. */
async function deployAndGate(s: Steps, v: ResolvedVersions): Promise<Failure | undefined> {
  const c = s.config
  const env = s.env({ version: v.version, previous: v.previous, phase: 'deploy' })
  const deployed = await s.command({ id: 'deploy', title: `Deploy ${v.version}`, phase: 'deploy', command: c.deployCommand, cwd: c.workspace, env })
  if (!deployed.ok) return { check: 'deploy', reason: `deploy-command failed (${deployed.detail})` }

  s.gateAround.previousVersion = v.previous
  const gate = await s.gate({ id: 'health', title: `Health gate ${v.version}`, phase: 'deploy', version: v.version, cfg: { ...c.gate, soakMs: 0 } })
  if (!gate.passed) return { check: gate.check, reason: gate.reason }

  if (c.smokeCommand) {
    const smoke = await s.command({
      id: 'smoke',
      title: 'Smoke command',
      phase: 'deploy',
      command: c.smokeCommand,
      cwd: c.workspace,
      env,
      timeoutMs: c.smokeTimeoutMs,
    })
    if (!smoke.ok) return { check: 'smoke', reason: smokeFailure(smoke) }
  }

  if (c.gate.soakMs > 0) {
    const soak = await s.gate({ id: 'soak', title: `Soak ${durationText(c.gate.soakMs)}`, phase: 'deploy', version: v.version, cfg: c.gate, soakOnly: true })
    if (!soak.passed) return { check: 'soak', reason: soak.reason }
  }
  return undefined
}
