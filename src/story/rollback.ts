import type { GateVerdict } from '../gate/types.js'
import type { PlannedStep } from '../interruption.js'
import type { RunRecord } from '../timeline.js'
import { durationText } from '../timing.js'
import { gateObserves } from '../gate/config.js'
import { preflightGate } from './gate-signals.js'
import { resolveManual, type Live } from './live.js'
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
  /** Manual rollback: the version known to be live, where before-rollback-command runs; undefined when unknown. */
  live?: Live
}

/** Manual rollback: put a chosen (or the last known good) version back and gate it. */
export async function manualRollback(s: Steps): Promise<RunRecord> {
  const c = s.config
  const versions = await s.resolve(() => resolveManual(s))
  if ('error' in versions) return s.finish('failed', versions.error)
  const live = versions.liveNow
  if (c.onlyIfLive && live.source === 'deployments' && live.version !== c.onlyIfLive) return alreadyBack(s, c.onlyIfLive, live.version!)
  if (live.version === versions.version) return alreadyLive(s, live)
  if (c.dryRun) return plan(s, versions)
  const badSignal = await preflightGate(s, versions)
  if (badSignal) return s.finish('failed', badSignal)
  s.saveState({ live: live.version })
  const existingId = await s.openDeployment({
    phase: 'rollback',
    version: versions.version,
    ref: versions.version,
    description: `Rolling back to ${versions.version}`,
    rolledBackFrom: versions.previous,
  })
  return putBack(s, { target: versions.version, replacing: versions.previous, existingId, live })
}

/** The target is already live: nothing is redeployed and no hook runs; only its health is checked. */
async function alreadyLive(s: Steps, live: Live): Promise<RunRecord> {
  const target = live.version!
  const why = `${target} is already live in ${s.config.environment} (${live.from}): nothing redeployed, no hook run`
  if (s.config.dryRun) return s.finish('planned', `dry run: ${why}; would only check its health`)
  s.log.info(`${why}; checking its health.`)
  const gate = await proveHealthy(s, target, s.config.workspace)
  return gate.passed ? s.finish('rolled-back', `${why}; ${target} is healthy`) : s.finish('failed', `${why}; but ${target} is unhealthy: ${gate.reason}`)
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
  s.wayBack = { target, replacing, because, plan: rollbackPlan(s, target, w.live), ids: { rollback: w.existingId, replaced: w.replacedId } }
  s.gateAround.previousVersion = replacing
  s.saveState({ phase: 'rolling-back', replacedDeploymentId: w.replacedId })
  const env = () => s.env({ version: target, previous: replacing, phase: 'rollback' })
  const notes: string[] = []
  // The replaced deployment ends failed whatever the rollback does; it held the lock until now.
  const closeReplaced = (how: string) => s.status(w.replacedId, 'failure', `${w.failure?.check ?? 'cancelled'} failed; ${how}`)

  await beforeRollback(s, w, notes)
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
    const r = await s.command({ id: 'after-rollback', title: 'After rollback', phase: 'rollback', command: c.afterRollbackCommand, cwd: treeDir, env: env() })
    if (!r.ok) {
      notes.push(`after-rollback-command failed (${r.detail})`)
      s.attention(
        `after-rollback-command failed (${r.detail}): what it does after the redeploy (a down migration, a cache flush) is not done: check the data now`,
      )
    }
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

/**
 * What follows a rollback whose gate passed, before it is called healthy: with
 * rollback-soak-duration, the version put back is watched with the same rules.
 */
async function afterRollbackGate(s: Steps, target: string, gate: GateVerdict): Promise<{ passed: boolean; reason: string }> {
  const soakMs = s.config.gate.rollbackSoakMs
  if (!soakMs) return gate
  const cfg = { ...s.config.gate, soakMs }
  const soak = await s.gate({ id: 'rollback-soak', title: `Soak ${target} ${durationText(soakMs)}`, phase: 'rollback', version: target, cfg, soakOnly: true })
  return soak.passed ? soak : { passed: false, reason: `rollback-soak-duration: ${soak.reason}` }
}

/**
 * before-rollback-command: in an automatic rollback, in the new version's tree (the workspace,
 * where its down migrations live); in a manual one, in a checkout of the live version, and skipped
 * with a warning when what is live is unknown (code that was never live must not migrate anything).
 */
async function beforeRollback(s: Steps, w: WayBackRequest, notes: string[]): Promise<void> {
  const c = s.config
  if (!c.beforeRollbackCommand) return
  if (s.saved.beforeRollbackStarted) {
    notes.push('before-rollback-command had already started before the cancel; not run again')
    return
  }
  let cwd = c.workspace
  if (c.mode === 'rollback') {
    const live = w.live?.version
    if (!live) {
      const why = `before-rollback-command skipped: ${w.live?.text ?? 'the live version is unknown'}; it would run in code that may never have been live. Set previous-version to the live version to run it in that version's checkout`
      s.log.warning(why)
      s.timeline.skip('before-rollback', 'Before rollback', 'rollback', why)
      notes.push('before-rollback-command skipped: the live version is unknown')
      return
    }
    const tree = s.trees.get(live) ?? (await s.checkout(live, { id: 'live-checkout' }))
    if (typeof tree !== 'string' && !tree.ok) {
      s.attention(`before-rollback-command not run: ${tree.detail}: undo by hand what it would have done`)
      notes.push(`before-rollback-command not run (${tree.detail})`)
      return
    }
    cwd = typeof tree === 'string' ? tree : tree.dir
  }
  // Saved before it starts: a migration cut short by a cancel is for a person to finish, not to
  // run twice. A cancel that already came must stop us first, or post would skip a hook never run.
  s.throwIfCancelled()
  s.saveState({ beforeRollbackStarted: true })
  const env = s.env({ version: w.target, previous: w.replacing, phase: 'rollback' })
  const r = await s.command({ id: 'before-rollback', title: 'Before rollback', phase: 'rollback', command: c.beforeRollbackCommand, cwd, env })
  if (!r.ok) {
    notes.push(`before-rollback-command failed (${r.detail})`)
    s.attention(`before-rollback-command failed (${r.detail}): the down migration (or what it does) may be half done: check the data now`)
  }
}

/** Puts `target` live: rollback-command in the workspace, else deploy-command in its prepared tree or a fresh checkout. */
async function redeploy(s: Steps, target: string, env: () => Record<string, string>): Promise<{ redeployed: CommandOutcome; treeDir: string }> {
  const c = s.config
  const prepared = await takePrepared(s, target)
  if (c.rollbackCommand) {
    const title = `Roll back to ${target}`
    const redeployed = await s.command({ id: 'rollback', title, phase: 'rollback', command: c.rollbackCommand, cwd: c.workspace, env: env() })
    return { redeployed, treeDir: c.workspace }
  }
  let dir = prepared
  if (!dir) {
    const checkout = await s.checkout(target)
    if (!checkout.ok) return { redeployed: checkout, treeDir: c.workspace }
    dir = checkout.dir
  }
  const redeployed = await s.command({ id: 'rollback', title: `Redeploy ${target}`, phase: 'rollback', command: c.deployCommand, cwd: dir, env: env() })
  return { redeployed, treeDir: dir }
}

/**
 * The tree prepared while the gate ran, once its preparation is done (waiting for it if it still
 * runs); undefined when there is none or it failed (then it says so, and a fresh checkout is made).
 */
async function takePrepared(s: Steps, target: string): Promise<string | undefined> {
  const p = s.preparation
  if (!p || p.version !== target) return undefined
  s.preparation = undefined
  const started = s.now()
  const r = await p.done
  await p.showOutput()
  s.throwIfCancelled()
  if (!r.ok) {
    s.log.warning(`The preparation of ${target} failed (${r.detail}): using a fresh checkout.`)
    await p.discard('failed: a fresh checkout is used')
    return undefined
  }
  const waited = s.now() - started
  s.log.info(`Check out ${target}: using the tree prepared while the gate ran (${r.dir}).`)
  s.timeline.end(
    s.timeline.start('checkout', `Check out ${target}`, 'rollback'),
    'passed',
    `prepared tree of ${target}${waited >= 1000 ? ` (waited ${durationText(waited)} for it)` : ''}`,
  )
  return r.dir
}

/**
 * The rollback's proof: the health gate against `target`; when the gate has nothing to probe
 * (smoke-command is the only check configured), the smoke command, so a rollback is never called
 * healthy unchecked.
 */
export async function proveHealthy(s: Steps, target: string, treeDir: string): Promise<{ passed: boolean; reason: string }> {
  const c = s.config
  if (!smokeProves(s)) {
    const gate = await s.gate({ id: 'rollback-health', title: `Health gate ${target}`, phase: 'rollback', version: target, cfg: { ...c.gate, soakMs: 0 } })
    return gate.passed ? afterRollbackGate(s, target, gate) : gate
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
  return !gateObserves(c.gate) && Boolean(c.smokeCommand)
}

/** What putBack will do for `target`, in order, as the timeline names its steps. */
function rollbackPlan(s: Steps, target: string, live?: Live): PlannedStep[] {
  const c = s.config
  const steps: PlannedStep[] = []
  const manual = c.mode === 'rollback'
  if (c.beforeRollbackCommand && !s.saved.beforeRollbackStarted && (!manual || live?.version)) {
    if (manual) steps.push({ id: 'live-checkout', what: `check out ${live!.version}` })
    steps.push({ id: 'before-rollback', what: 'before-rollback-command' })
  }
  if (c.rollbackCommand) steps.push({ id: 'rollback', what: 'rollback-command' })
  else steps.push({ id: 'checkout', what: `check out ${target}` }, { id: 'rollback', what: `redeploy ${target}` })
  if (c.afterRollbackCommand) steps.push({ id: 'after-rollback', what: 'after-rollback-command' })
  steps.push({ id: smokeProves(s) ? 'rollback-smoke' : 'rollback-health', what: `health check of ${target}` })
  if (!smokeProves(s) && c.gate.rollbackSoakMs) steps.push({ id: 'rollback-soak', what: `soak of ${target}` })
  return steps
}
