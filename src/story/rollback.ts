import type { PlannedStep } from '../interruption.js'
import type { RunRecord } from '../timeline.js'
import { resolveForRollback } from '../versions.js'
import { plan } from './plan.js'
import { smokeFailure, type CommandOutcome, type Failure, type Steps } from './steps.js'

/** What putBack is asked to do: put `target` back in place of `replacing`. */
export interface WayBackRequest {
  target: string
  replacing?: string
  /** Why (an automatic rollback or a resumed one); undefined for a manual rollback. */
  failure?: Failure
  /** The rollback's own deployment, when it is already open (manual, or resumed after main opened it). */
  existingId?: number
  /** The deployment being replaced: it held the lock until now, and ends failed whatever happens. */
  replacedId?: number
}

/** Manual rollback: put a chosen (or the last known good) version back and gate it. */
export async function manualRollback(s: Steps): Promise<RunRecord> {
  const c = s.config
  const versions = await s.resolve(() =>
    resolveForRollback(
      { version: c.version, previousVersion: c.previousVersion, environment: c.environment, tagPattern: c.tagPattern, onlyIfLive: c.onlyIfLive },
      s.versionSources(),
    ),
  )
  if ('error' in versions) return s.finish('failed', versions.error)
  if (c.onlyIfLive && versions.live && versions.live !== c.onlyIfLive) return alreadyBack(s, c.onlyIfLive, versions.live)
  if (c.dryRun) return plan(s, versions)
  const existingId = await s.openDeployment({
    phase: 'rollback',
    version: versions.version,
    ref: versions.version,
    description: `Rolling back to ${versions.version}`,
    rolledBackFrom: versions.previous,
  })
  return putBack(s, { target: versions.version, replacing: versions.previous, existingId })
}

/** only-if-live names a version that is not live (the environment already went back): check, change nothing. */
async function alreadyBack(s: Steps, expected: string, live: string): Promise<RunRecord> {
  const env = s.config.environment
  if (s.config.dryRun)
    return s.finish('planned', `dry run: ${expected} is not live in ${env} (${live} is): would roll nothing back, only check ${live}'s health`)
  s.log.info(`Checking ${live}'s health; nothing is redeployed.`)
  const gate = await proveHealthy(s, live, s.config.workspace)
  const why = `${expected} is not live in ${env} (${live} is): nothing to roll back`
  return gate.passed ? s.finish('rolled-back', `${why}; ${live} is healthy`) : s.finish('failed', `${why}; but ${live} is unhealthy: ${gate.reason}`)
}

/**
 * The way back: before-rollback in the new tree, redeploy `target` (its own checkout, or
 * rollback-command), after-rollback, then the same gate against `target`.
 */
export async function putBack(s: Steps, w: WayBackRequest): Promise<RunRecord> {
  const c = s.config
  const { target, replacing } = w
  const because = w.failure ? w.failure.reason : `manual rollback to ${target}`
  s.wayBack = { target, replacing, because, plan: rollbackPlan(s, target), ids: { rollback: w.existingId, replaced: w.replacedId } }
  s.saveState({ phase: 'rolling-back', replacedDeploymentId: w.replacedId })
  const env = s.env({ version: target, previous: replacing, phase: 'rollback' })
  const notes: string[] = []
  // The replaced deployment ends failed whatever the rollback does; it held the lock until now.
  const closeReplaced = (how: string) => s.status(w.replacedId, 'failure', `${w.failure?.check ?? 'cancelled'} failed; ${how}`)

  if (c.beforeRollbackCommand && !s.saved.beforeRollbackStarted) {
    // Saved before it starts: a migration cut short by a cancel is for a person to finish, not to
    // run twice. A cancel that already came must stop us first, or post would skip a hook never run.
    s.throwIfCancelled()
    s.saveState({ beforeRollbackStarted: true })
    const r = await s.command({ id: 'before-rollback', title: 'Before rollback', phase: 'rollback', command: c.beforeRollbackCommand, cwd: c.workspace, env })
    if (!r.ok) notes.push(`before-rollback-command failed (${r.detail})`)
  } else if (c.beforeRollbackCommand) notes.push('before-rollback-command had already started before the cancel; not run again')

  const commit = s.saved.commits?.[target]
  const id =
    w.existingId ??
    (await s.openDeployment({
      phase: 'rollback',
      version: target,
      ref: commit ?? target,
      description: `Rollback to ${target}${replacing ? ` from ${replacing}` : ''}`,
      rolledBackFrom: replacing,
      commit,
      wait: false,
    }))
  s.wayBack.ids.rollback = id

  const { redeployed, treeDir } = await redeploy(s, target, env)
  if (!redeployed.ok) {
    await s.status(id, 'failure', `Rollback to ${target} failed: ${redeployed.detail}`)
    await closeReplaced(`rollback to ${target} failed`)
    return s.finish('rollback-failed', `${because}; then the rollback to ${target} failed: ${redeployed.detail}`)
  }

  if (c.afterRollbackCommand) {
    const r = await s.command({ id: 'after-rollback', title: 'After rollback', phase: 'rollback', command: c.afterRollbackCommand, cwd: treeDir, env })
    if (!r.ok) notes.push(`after-rollback-command failed (${r.detail})`)
  }

  const gate = await proveHealthy(s, target, treeDir)
  const extra = notes.length ? `; ${notes.join('; ')}` : ''
  if (!gate.passed) {
    await s.status(id, 'failure', `Rollback to ${target} unhealthy: ${gate.reason}`)
    await closeReplaced(`rolled back to ${target}, unhealthy too`)
    return s.finish('rollback-failed', `${because}; rolled back to ${target} but it is unhealthy too: ${gate.reason}${extra}`)
  }
  await closeReplaced(`rolled back to ${target}`)
  if (id) {
    await s.status(id, 'success', `Rolled back to ${target}${replacing ? ` from ${replacing}` : ''}`)
    await s.ports.deployments?.markOlderInactive(c.environment, id)
  }
  const summary = w.failure ? `${because}; rolled back to ${target}, healthy` : `rolled back to ${target}${replacing ? ` from ${replacing}` : ''}, healthy`
  return s.finish('rolled-back', `${summary}${extra}`)
}

/** Puts `target` live: rollback-command in the workspace, else deploy-command in a checkout of `target`. */
async function redeploy(s: Steps, target: string, env: Record<string, string>): Promise<{ redeployed: CommandOutcome; treeDir: string }> {
  const c = s.config
  if (c.rollbackCommand) {
    const redeployed = await s.command({
      id: 'rollback',
      title: `Roll back to ${target}`,
      phase: 'rollback',
      command: c.rollbackCommand,
      cwd: c.workspace,
      env,
    })
    return { redeployed, treeDir: c.workspace }
  }
  const checkout = await s.checkout(target)
  if (!checkout.ok) return { redeployed: checkout, treeDir: c.workspace }
  const redeployed = await s.command({ id: 'rollback', title: `Redeploy ${target}`, phase: 'rollback', command: c.deployCommand, cwd: checkout.dir, env })
  return { redeployed, treeDir: checkout.dir }
}

/**
 * The rollback's proof: the health gate against `target`; when the gate has nothing to probe
 * (smoke-command is the only check configured), the smoke command, so a rollback is never called
 * healthy unchecked.
 */
export async function proveHealthy(s: Steps, target: string, treeDir: string): Promise<{ passed: boolean; reason: string }> {
  const c = s.config
  if (!smokeProves(s)) {
    const verdict = await s.gate({ id: 'rollback-health', title: `Health gate ${target}`, phase: 'rollback', version: target, cfg: { ...c.gate, soakMs: 0 } })
    // The one place for what follows a rollback's passing gate.
    return verdict
  }
  const env = s.env({ version: target, phase: 'rollback' })
  const r = await s.command({
    id: 'rollback-smoke',
    title: `Smoke ${target}`,
    phase: 'rollback',
    command: c.smokeCommand!,
    cwd: treeDir,
    env,
    timeoutMs: c.smokeTimeoutMs,
  })
  return { passed: r.ok, reason: r.ok ? 'smoke-command passed' : smokeFailure(r) }
}

/** With no probe configured, smoke-command is the only proof a rollback can have. */
function smokeProves(s: Steps): boolean {
  const c = s.config
  return c.gate.urls.length === 0 && c.gate.errorRate === undefined && Boolean(c.smokeCommand)
}

/** What putBack will do for `target`, in order, as the timeline names its steps. */
function rollbackPlan(s: Steps, target: string): PlannedStep[] {
  const c = s.config
  const steps: PlannedStep[] = []
  if (c.beforeRollbackCommand && !s.saved.beforeRollbackStarted) steps.push({ id: 'before-rollback', what: 'before-rollback-command' })
  if (c.rollbackCommand) steps.push({ id: 'rollback', what: 'rollback-command' })
  else steps.push({ id: 'checkout', what: `check out ${target}` }, { id: 'rollback', what: `redeploy ${target}` })
  if (c.afterRollbackCommand) steps.push({ id: 'after-rollback', what: 'after-rollback-command' })
  steps.push({ id: smokeProves(s) ? 'rollback-smoke' : 'rollback-health', what: `health check of ${target}` })
  return steps
}
