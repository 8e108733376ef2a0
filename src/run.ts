import { mkdir, mkdtemp } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { SCRATCH_PREFIX } from './constants.js'
import type { Config } from './config.js'
import type { GateConfig, GateVerdict } from './gate/types.js'
import type { Git } from './git.js'
import { describeExit, type Shell } from './shell.js'
import { interruptedReason, type PlannedStep } from './interruption.js'
import { interruptedWhat, isMidway, stoppedHow, type SavedRun, type StateStore } from './state.js'
import { Timeline, type Outcome, type RunRecord, type Step } from './timeline.js'
import { gateObserves } from './gate/config.js'
import { collectBaseline, needsPreflight, preflightSignals } from './gate/prepare.js'
import { describeSignals } from './gate/signals/index.js'
import { isFullSha, resolveForDeploy, resolveForRollback, type History, type ResolvedVersions } from './versions.js'
import { durationText, sleep } from './timing.js'

export interface Log {
  info(message: string): void
  warning(message: string): void
  error(message: string): void
  group<T>(title: string, fn: () => Promise<T>): Promise<T>
}

/** GitHub deployments as the run uses them; every method already turns API faults into warnings. */
export interface DeploymentLog extends History {
  create(p: {
    environment: string
    ref: string
    version: string
    phase: 'deploy' | 'rollback'
    description: string
    rolledBackFrom?: string
    commit?: string
  }): Promise<number | undefined>
  waitForTurn(environment: string, ownId: number, o: { timeoutMs: number; pollMs: number; signal?: AbortSignal; onWait?: (msg: string) => void }): Promise<void>
  setStatus(
    id: number,
    state: 'in_progress' | 'success' | 'failure' | 'inactive',
    o: { description: string; logUrl?: string; environmentUrl?: string },
  ): Promise<void>
  markOlderInactive(environment: string, keepId: number): Promise<unknown>
}

export type GateRunner = (
  cfg: GateConfig,
  o: {
    version: string
    signal?: AbortSignal
    log?: (line: string) => void
    soakOnly?: boolean
    /** For the gate's signals: `{{previous_version}}`, `{{environment}}` in queries, and the baseline's latencies. */
    previousVersion?: string
    environment?: string
    baseline?: readonly number[]
  },
) => Promise<GateVerdict>

/** Everything the story touches in the world. main.ts and post.ts wire the real ones; tests pass their own. */
export interface Ports {
  log: Log
  shell: Shell
  git: Git
  gate: GateRunner
  /** Undefined when deployments are off or there is no token. */
  deployments?: DeploymentLog
  state: StateStore
  /** Aborted when the job is cancelled. */
  signal: AbortSignal
  /** Directory under RUNNER_TEMP for this run's checkouts; post removes it whole. */
  scratchRoot: string
  now?: () => number
}

interface Failure {
  check: string
  reason: string
}

const POLL_MS = 5000
/** After post was stopped, closing the deployments may take this long: the alert and report must still fit the runner's 7.5 s. */
const STOPPED_STATUS_BUDGET_MS = 1500

/** Signals a cancel seen between steps; caught once, in Story.run. */
class Cancelled extends Error {}

/**
 * The story of one run: resolve → backup → deploy → gate → smoke, and on any failure the way back:
 * before-rollback → redeploy the previous version → after-rollback → gate again. Every step is
 * recorded on the timeline; the returned record is all the views need.
 */
class Story {
  private readonly timeline: Timeline
  private readonly now: () => number
  private readonly startedAt: number
  private saved: SavedRun
  private record: Omit<RunRecord, 'steps' | 'endedAt'>
  /** The rollback under way, for the reason when post is stopped part-way through it. */
  private wayBack?: { target: string; replacing?: string; because: string; plan: PlannedStep[]; ids: { rollback?: number; replaced?: number } }
  /** What the gate's signals need besides the version: the version replaced, and the baseline collected before the deploy. */
  private gateAround: { previousVersion?: string; baseline?: readonly number[] } = {}

  constructor(
    private readonly config: Config,
    private readonly ports: Ports,
  ) {
    this.now = ports.now ?? Date.now
    this.timeline = new Timeline(this.now)
    this.startedAt = this.now()
    this.saved = {
      phase: 'resolved',
      mode: config.mode,
      version: config.version,
      previousSource: 'none',
      scratchRoot: ports.scratchRoot,
      scratch: [],
      startedAt: this.startedAt,
    }
    this.record = {
      mode: config.mode,
      environment: config.environment,
      version: config.version,
      previousSource: 'none',
      status: 'failed',
      rolledBack: false,
      reason: '',
      dryRun: config.dryRun,
      startedAt: this.startedAt,
      context: config.context,
    }
  }

  /** Main: the whole story for the configured mode. */
  async run(): Promise<RunRecord> {
    try {
      return this.config.mode === 'deploy' ? await this.deploy() : await this.manualRollback()
    } catch (err) {
      if (err instanceof LockTimeout) return this.finish('failed', false, err.message)
      if (!(err instanceof Cancelled)) throw err
      return this.cancelled()
    }
  }

  /**
   * Post, after main stopped part-way (a cancel, or a kill): put back what main was replacing. When
   * post itself is stopped (cancel-timeout, the runner's signals), the record says what is left.
   */
  async resume(saved: SavedRun): Promise<RunRecord> {
    const how = stoppedHow(saved)
    this.adopt(saved)
    try {
      return await this.resumeWayBack(saved, how)
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err
      return this.stoppedMidway()
    }
  }

  private async resumeWayBack(saved: SavedRun, how: string): Promise<RunRecord> {
    if (saved.mode === 'deploy' && saved.phase === 'deploying') {
      const reason = `${how} while ${saved.version} was being deployed`
      if (!saved.previous) {
        if (saved.deploymentId) await this.status(saved.deploymentId, 'failure', 'Cancelled; no previous version to roll back to')
        return this.finish('failed', false, `${reason}; no previous version to roll back to`)
      }
      return this.putBack(saved.previous, saved.version, { check: 'cancelled', reason }, undefined, saved.deploymentId)
    }
    // Cancelled during a rollback (automatic or manual): finish that rollback.
    const [target, replacing] = saved.mode === 'deploy' ? [saved.previous!, saved.version] : [saved.version, saved.previous]
    const reason = `${how} during the rollback to ${target}`
    // deploymentId is the rollback's own once main had opened it (else still the replaced one).
    const existing = saved.deploymentId !== saved.replacedDeploymentId ? saved.deploymentId : undefined
    return this.putBack(target, replacing, { check: 'cancelled', reason }, existing, saved.replacedDeploymentId)
  }

  private async deploy(): Promise<RunRecord> {
    const c = this.config
    const versions = await this.resolve(() =>
      resolveForDeploy({ version: c.version, previousVersion: c.previousVersion, environment: c.environment, tagPattern: c.tagPattern }, this.versionSources()),
    )
    if ('error' in versions) return this.finish('failed', false, versions.error)
    this.record.commitSubject = await this.ports.git.commitSubject(c.workspace)
    if (c.dryRun) return this.plan(versions)
    // Gate signals: every query checked once before anything is deployed.
    const badSignal = await this.preflightGate(versions.version, versions.previous)
    if (badSignal) return this.finish('failed', false, badSignal)

    const id = await this.openDeployment('deploy', versions.version, c.context.sha || versions.version, `Deploying ${versions.version}`, {
      commit: isFullSha(c.context.sha) ? c.context.sha : undefined,
    })

    if (c.backupCommand) {
      const ok = await this.command('backup', 'Backup', 'deploy', c.backupCommand, c.workspace, this.env(versions.version, versions.previous, 'deploy'))
      if (!ok.ok) {
        if (id) await this.status(id, 'failure', 'Backup failed; nothing deployed')
        return this.finish('failed', false, `backup-command failed (${ok.detail}); nothing was deployed`)
      }
    }

    // A cancel that came during the backup or a status call lands here, before anything is deployed.
    this.throwIfCancelled()
    // Gate signals: the live version's latencies, probed just before it is replaced.
    if (c.gate.baseline) this.gateAround.baseline = await this.baselineStep()
    this.saveState({ phase: 'deploying' })
    const failure = await this.deployAndGate(versions)
    if (!failure) {
      if (id) {
        await this.status(id, 'success', `Deployed ${versions.version}`)
        await this.ports.deployments?.markOlderInactive(c.environment, id)
      }
      const verdict = this.lastVerdict()
      return this.finish('deployed', false, `${versions.version} is live and healthy${verdict ? `: ${verdict.reason}` : ''}`)
    }
    if (!versions.previous) {
      if (id) await this.status(id, 'failure', failure.reason)
      return this.finish('failed', false, `${failure.reason}; no previous version to roll back to`)
    }
    // Its deployment stays in progress until the rollback ends: another run must not start meanwhile.
    if (id) await this.status(id, 'in_progress', `${failure.check} failed; rolling back to ${versions.previous}`)
    return this.putBack(versions.previous, versions.version, failure, undefined, id)
  }

  /** Deploy the new version, then prove it: health gate, smoke command, soak. */
  private async deployAndGate(v: ResolvedVersions): Promise<Failure | undefined> {
    const c = this.config
    const env = this.env(v.version, v.previous, 'deploy')
    const deployed = await this.command('deploy', `Deploy ${v.version}`, 'deploy', c.deployCommand, c.workspace, env)
    if (!deployed.ok) return { check: 'deploy', reason: `deploy-command failed (${deployed.detail})` }

    this.gateAround.previousVersion = v.previous
    const gate = await this.gateStep('health', `Health gate ${v.version}`, 'deploy', v.version, { ...c.gate, soakMs: 0 })
    if (!gate.passed) return { check: gate.check, reason: gate.reason }

    if (c.smokeCommand) {
      const smoke = await this.command('smoke', 'Smoke command', 'deploy', c.smokeCommand, c.workspace, env, c.smokeTimeoutMs)
      if (!smoke.ok) return { check: 'smoke', reason: smokeFailure(smoke) }
    }

    if (c.gate.soakMs > 0) {
      const soak = await this.gateStep('soak', `Soak ${durationText(c.gate.soakMs)}`, 'deploy', v.version, c.gate, true)
      if (!soak.passed) return { check: 'soak', reason: soak.reason }
    }
    return undefined
  }

  /** Manual rollback: put a chosen (or the last known good) version back and gate it. */
  private async manualRollback(): Promise<RunRecord> {
    const c = this.config
    const versions = await this.resolve(() =>
      resolveForRollback(
        { version: c.version, previousVersion: c.previousVersion, environment: c.environment, tagPattern: c.tagPattern, onlyIfLive: c.onlyIfLive },
        this.versionSources(),
      ),
    )
    if ('error' in versions) return this.finish('failed', false, versions.error)
    if (c.onlyIfLive && versions.live && versions.live !== c.onlyIfLive) return this.alreadyBack(c.onlyIfLive, versions.live)
    if (c.dryRun) return this.plan(versions)
    const badSignal = await this.preflightGate(versions.version, versions.previous)
    if (badSignal) return this.finish('failed', false, badSignal)
    const id = await this.openDeployment('rollback', versions.version, versions.version, `Rolling back to ${versions.version}`, {
      rolledBackFrom: versions.previous,
    })
    return this.putBack(versions.version, versions.previous, undefined, id)
  }

  /** only-if-live names a version that is not live (the environment already went back): check, change nothing. */
  private async alreadyBack(expected: string, live: string): Promise<RunRecord> {
    const env = this.config.environment
    if (this.config.dryRun)
      return this.finish('planned', false, `dry run: ${expected} is not live in ${env} (${live} is): would roll nothing back, only check ${live}'s health`)
    this.ports.log.info(`Checking ${live}'s health; nothing is redeployed.`)
    const gate = await this.proveHealthy(live, this.config.workspace)
    const why = `${expected} is not live in ${env} (${live} is): nothing to roll back`
    return gate.passed
      ? this.finish('rolled-back', true, `${why}; ${live} is healthy`)
      : this.finish('failed', false, `${why}; but ${live} is unhealthy: ${gate.reason}`)
  }

  /**
   * The way back: before-rollback in the new tree, redeploy `target` (its own checkout, or
   * rollback-command), after-rollback, then the same gate against `target`.
   */
  private async putBack(
    target: string,
    replacing: string | undefined,
    failure: Failure | undefined,
    existingId: number | undefined,
    replacedId?: number,
  ): Promise<RunRecord> {
    const c = this.config
    const because = failure ? `${failure.reason}` : `manual rollback to ${target}`
    this.wayBack = { target, replacing, because, plan: this.rollbackPlan(target), ids: { rollback: existingId, replaced: replacedId } }
    this.gateAround.previousVersion = replacing
    this.saveState({ phase: 'rolling-back', replacedDeploymentId: replacedId })
    const env = this.env(target, replacing, 'rollback')
    const notes: string[] = []
    // The replaced deployment ends failed whatever the rollback does; it held the lock until now.
    const closeReplaced = async (how: string) => {
      if (replacedId) await this.status(replacedId, 'failure', `${failure?.check ?? 'cancelled'} failed; ${how}`)
    }

    if (c.beforeRollbackCommand && !this.saved.beforeRollbackStarted) {
      // Saved before it starts: a migration cut short by a cancel is for a person to finish, not to
      // run twice. A cancel that already came must stop us first, or post would skip a hook never run.
      this.throwIfCancelled()
      this.saveState({ beforeRollbackStarted: true })
      const r = await this.command('before-rollback', 'Before rollback', 'rollback', c.beforeRollbackCommand, c.workspace, env)
      if (!r.ok) notes.push(`before-rollback-command failed (${r.detail})`)
    } else if (c.beforeRollbackCommand) notes.push('before-rollback-command had already started before the cancel; not run again')

    const commit = this.saved.commits?.[target]
    const id =
      existingId ??
      (await this.openDeployment('rollback', target, commit ?? target, `Rollback to ${target}${replacing ? ` from ${replacing}` : ''}`, {
        rolledBackFrom: replacing,
        commit,
        wait: false,
      }))
    this.wayBack.ids.rollback = id

    let treeDir = c.workspace
    let redeployed: CommandOutcome
    if (c.rollbackCommand) {
      redeployed = await this.command('rollback', `Roll back to ${target}`, 'rollback', c.rollbackCommand, c.workspace, env)
    } else {
      const checkout = await this.checkout(target)
      if (!checkout.ok) redeployed = checkout
      else {
        treeDir = checkout.dir
        redeployed = await this.command('rollback', `Redeploy ${target}`, 'rollback', c.deployCommand, treeDir, env)
      }
    }

    if (!redeployed.ok) {
      if (id) await this.status(id, 'failure', `Rollback to ${target} failed: ${redeployed.detail}`)
      await closeReplaced(`rollback to ${target} failed`)
      return this.finish('rollback-failed', false, `${because}; then the rollback to ${target} failed: ${redeployed.detail}`)
    }

    if (c.afterRollbackCommand) {
      const r = await this.command('after-rollback', 'After rollback', 'rollback', c.afterRollbackCommand, treeDir, env)
      if (!r.ok) notes.push(`after-rollback-command failed (${r.detail})`)
    }

    const gate = await this.proveHealthy(target, treeDir)
    const extra = notes.length ? `; ${notes.join('; ')}` : ''
    if (!gate.passed) {
      if (id) await this.status(id, 'failure', `Rollback to ${target} unhealthy: ${gate.reason}`)
      await closeReplaced(`rolled back to ${target}, unhealthy too`)
      return this.finish('rollback-failed', false, `${because}; rolled back to ${target} but it is unhealthy too: ${gate.reason}${extra}`)
    }
    await closeReplaced(`rolled back to ${target}`)
    if (id) {
      await this.status(id, 'success', `Rolled back to ${target}${replacing ? ` from ${replacing}` : ''}`)
      await this.ports.deployments?.markOlderInactive(c.environment, id)
    }
    const summary = failure ? `${because}; rolled back to ${target}, healthy` : `rolled back to ${target}${replacing ? ` from ${replacing}` : ''}, healthy`
    return this.finish('rolled-back', true, `${summary}${extra}`)
  }

  private async resolve(fn: () => Promise<ResolvedVersions | { error: string }>): Promise<ResolvedVersions | { error: string }> {
    const step = this.timeline.start('resolve', 'Resolve versions', this.config.mode === 'deploy' ? 'deploy' : 'rollback')
    const versions = await this.ports.log.group('Resolve versions', async () => {
      const v = await fn()
      this.ports.log.info('error' in v ? v.error : v.note)
      return v
    })
    if ('error' in versions) {
      this.timeline.end(step, 'failed', versions.error)
      return versions
    }
    Object.assign(this.record, { version: versions.version, previousVersion: versions.previous, previousSource: versions.source })
    this.saveState({ version: versions.version, previous: versions.previous, previousSource: versions.source, commits: versions.commits })
    this.timeline.end(step, 'passed', versions.note)
    return versions
  }

  /** Dry run: say what would happen, run nothing. */
  private plan(v: ResolvedVersions): RunRecord {
    const c = this.config
    const lines = planLines(c, v)
    for (const line of lines) this.ports.log.info(line)
    for (const line of lines.slice(1)) this.timeline.skip('plan', line, 'deploy', 'dry run: not run')
    return this.finish('planned', false, lines[0])
  }

  private async checkout(version: string): Promise<CommandOutcome & { dir: string }> {
    const step = this.timeline.start('checkout', `Check out ${version}`, 'rollback')
    await mkdir(this.ports.scratchRoot, { recursive: true })
    const dir = await mkdtemp(join(this.ports.scratchRoot, `${version.replace(/[^\w.-]/g, '_')}-`))
    this.saveState({ scratch: [...this.saved.scratch, dir] })
    try {
      await this.ports.log.group(`Check out ${version}`, () => this.ports.git.addWorktree(version, dir, this.saved.commits?.[version]))
      this.timeline.end(step, 'passed', `worktree of ${version}`)
      return { ok: true, detail: '', dir }
    } catch (err) {
      const detail = `could not check out ${version}: ${(err as Error).message}`
      this.timeline.end(step, 'failed', detail)
      return { ok: false, detail, dir }
    }
  }

  private async command(
    id: string,
    title: string,
    phase: Step['phase'],
    command: string,
    cwd: string,
    env: Record<string, string>,
    timeoutMs = this.config.deployTimeoutMs,
  ): Promise<CommandOutcome> {
    this.throwIfCancelled()
    const step = this.timeline.start(id, title, phase)
    const r = await this.ports.log.group(title, () =>
      this.ports.shell(command, { cwd, env, timeoutMs, signal: this.ports.signal, onLine: (l) => this.ports.log.info(l) }),
    )
    const detail = describeExit(r, durationText(timeoutMs))
    const ok = r.exitCode === 0 && !r.timedOut && !r.cancelled
    this.timeline.end(step, r.cancelled ? 'cancelled' : ok ? 'passed' : 'failed', detail, ok ? {} : { output: r.tail })
    this.throwIfCancelled()
    if (!ok) this.ports.log.error(`${title}: ${detail}`)
    return { ok, detail, lastLine: [...r.tail].reverse().find((l) => l.trim()) }
  }

  /** The gate's signals checked before anything is deployed (each Prometheus query once); the reason when one fails. */
  private async preflightGate(version: string, previousVersion?: string): Promise<string | undefined> {
    if (!needsPreflight(this.config.gate)) return undefined
    const step = this.timeline.start('preflight', 'Check the gate signals', this.config.mode === 'deploy' ? 'deploy' : 'rollback')
    const log = (l: string) => this.ports.log.info(l)
    try {
      await this.ports.log.group('Check the gate signals', () =>
        preflightSignals(this.config.gate, { version, previousVersion, environment: this.config.environment, signal: this.ports.signal, log }),
      )
      this.timeline.end(step, 'passed', 'every query answered')
      return undefined
    } catch (err) {
      const reason = `${(err as Error).message}; nothing was deployed`
      this.timeline.end(step, 'failed', reason)
      this.ports.log.error(reason)
      return reason
    }
  }

  /** baseline-duration: the live version's latencies, for the gate's comparison. */
  private async baselineStep(): Promise<number[]> {
    const c = this.config.gate
    const step = this.timeline.start('baseline', `Baseline ${durationText(c.baseline!.durationMs)}`, 'deploy')
    let summary = ''
    const samples = await this.ports.log.group('Baseline of the live version', () =>
      collectBaseline(c, { signal: this.ports.signal, log: (l) => this.ports.log.info((summary = l)) }),
    )
    this.timeline.end(step, this.ports.signal.aborted ? 'cancelled' : 'passed', summary)
    this.throwIfCancelled()
    return samples
  }

  private async gateStep(id: string, title: string, phase: Step['phase'], version: string, cfg: GateConfig, soakOnly = false): Promise<GateVerdict> {
    this.throwIfCancelled()
    const step = this.timeline.start(id, title, phase)
    const verdict = await this.ports.log.group(title, () =>
      this.ports.gate(cfg, {
        version,
        signal: this.ports.signal,
        log: (l) => this.ports.log.info(l),
        soakOnly,
        environment: this.config.environment,
        ...this.gateAround,
      }),
    )
    this.timeline.end(step, verdict.check === 'cancelled' ? 'cancelled' : verdict.passed ? 'passed' : 'failed', verdict.reason, { verdict })
    this.throwIfCancelled()
    if (!verdict.passed) this.ports.log.error(`${title}: ${verdict.reason}`)
    return verdict
  }

  /** Creates a GitHub deployment, waits for our turn in the environment, marks it in progress. */
  private async openDeployment(
    phase: 'deploy' | 'rollback',
    version: string,
    ref: string,
    description: string,
    o: { rolledBackFrom?: string; commit?: string; wait?: boolean } = {},
  ): Promise<number | undefined> {
    const d = this.ports.deployments
    if (!d) return undefined
    const c = this.config
    const wait = o.wait ?? true
    const id = await d.create({ environment: c.environment, ref, version, phase, description, rolledBackFrom: o.rolledBackFrom, commit: o.commit })
    if (!id) return undefined
    if (this.record.deploymentId === undefined || phase === 'deploy') this.record.deploymentId = id
    this.saveState({ deploymentId: id })
    if (wait) {
      try {
        await d.waitForTurn(c.environment, id, {
          timeoutMs: c.github.concurrencyTimeoutMs,
          pollMs: Math.min(POLL_MS, Math.max(c.github.concurrencyTimeoutMs / 4, 200)),
          signal: this.ports.signal,
          onWait: (m) => this.ports.log.info(m),
        })
      } catch (err) {
        await this.status(id, 'failure', 'Gave up waiting for another deployment')
        throw new LockTimeout((err as Error).message)
      }
    }
    this.throwIfCancelled()
    await this.status(id, 'in_progress', description)
    return id
  }

  private async status(id: number, state: 'in_progress' | 'success' | 'failure', description: string): Promise<void> {
    // The link goes with success only: a failed status must not send people to a broken version as "the environment".
    const environmentUrl = state === 'success' ? this.config.github.environmentUrl : undefined
    await this.ports.deployments?.setStatus(id, state, { description, logUrl: this.config.context.runUrl || undefined, environmentUrl })
  }

  private lastVerdict(): GateVerdict | undefined {
    return [...this.timeline.steps].reverse().find((s) => s.verdict)?.verdict
  }

  /** Where versions come from: the deployments history first, then tags. */
  private versionSources() {
    return { git: this.ports.git, history: this.ports.deployments, log: this.ports.log }
  }

  private env(version: string, previous: string | undefined, phase: 'deploy' | 'rollback'): Record<string, string> {
    return {
      DEPLOY_VERSION: version,
      DEPLOY_PREVIOUS_VERSION: previous ?? '',
      DEPLOY_ENVIRONMENT: this.config.environment,
      DEPLOY_PHASE: phase,
    }
  }

  private throwIfCancelled(): void {
    if (this.ports.signal.aborted) throw new Cancelled()
  }

  /**
   * The rollback's proof: the health gate against `target`; when the gate has nothing to probe
   * (smoke-command is the only check configured), the smoke command, so a rollback is never called
   * healthy unchecked.
   */
  private async proveHealthy(target: string, treeDir: string): Promise<{ passed: boolean; reason: string }> {
    const c = this.config
    const probes = gateObserves(c.gate)
    if (probes || !c.smokeCommand) {
      const gate = await this.gateStep('rollback-health', `Health gate ${target}`, 'rollback', target, { ...c.gate, soakMs: 0 })
      if (!gate.passed || !c.gate.rollbackSoakMs) return gate
      // rollback-soak-duration: the version put back is watched with the same rules before it is called healthy.
      const soakMs = c.gate.rollbackSoakMs
      const soak = await this.gateStep('rollback-soak', `Soak ${target} ${durationText(soakMs)}`, 'rollback', target, { ...c.gate, soakMs }, true)
      return soak.passed ? soak : { passed: false, reason: `rollback-soak-duration: ${soak.reason}` }
    }
    const r = await this.command(
      'rollback-smoke',
      `Smoke ${target}`,
      'rollback',
      c.smokeCommand,
      treeDir,
      this.env(target, undefined, 'rollback'),
      c.smokeTimeoutMs,
    )
    return { passed: r.ok, reason: r.ok ? 'smoke-command passed' : smokeFailure(r) }
  }

  /** What putBack will do for `target`, in order, as the timeline names its steps. */
  private rollbackPlan(target: string): PlannedStep[] {
    const c = this.config
    const plan: PlannedStep[] = []
    if (c.beforeRollbackCommand && !this.saved.beforeRollbackStarted) plan.push({ id: 'before-rollback', what: 'before-rollback-command' })
    if (c.rollbackCommand) plan.push({ id: 'rollback', what: 'rollback-command' })
    else plan.push({ id: 'checkout', what: `check out ${target}` }, { id: 'rollback', what: `redeploy ${target}` })
    if (c.afterRollbackCommand) plan.push({ id: 'after-rollback', what: 'after-rollback-command' })
    const smokeProves = !gateObserves(c.gate) && Boolean(c.smokeCommand)
    plan.push({ id: smokeProves ? 'rollback-smoke' : 'rollback-health', what: `health check of ${target}` })
    if (!smokeProves && c.gate.rollbackSoakMs) plan.push({ id: 'rollback-soak', what: `soak of ${target}` })
    return plan
  }

  /**
   * Post was stopped mid-rollback (cancel-timeout, or the runner's SIGINT/SIGTERM): the command's
   * tree is already stopped; say what finished and what is left, and close the deployments within
   * a short bound, since the alert and the report must still go out before the runner's SIGKILL.
   */
  private async stoppedMidway(): Promise<RunRecord> {
    const reason = this.ports.signal.reason
    const stoppedBy = typeof reason === 'string' ? reason : 'it was stopped'
    this.timeline.cancelRunning(`stopped: ${stoppedBy}`)
    const w = this.wayBack
    const env = this.config.environment
    const text = w
      ? interruptedReason({
          environment: env,
          target: w.target,
          replacing: w.replacing,
          because: w.because,
          stoppedBy,
          plan: w.plan,
          steps: this.timeline.steps,
        })
      : `the run stopped while ${interruptedWhat(this.saved)}; then the post step was stopped (${stoppedBy}) before its rollback started; check ${env} now`
    if (w) {
      const close = async () => {
        for (const id of new Set([w.ids.rollback, w.ids.replaced]))
          if (id) await this.status(id, 'failure', `Rollback to ${w.target} interrupted (${stoppedBy}); check ${env}`)
      }
      const bound = new AbortController()
      await Promise.race([close().finally(() => bound.abort()), sleep(STOPPED_STATUS_BUDGET_MS, bound.signal)])
    }
    this.record.unfinished = true
    return this.finish('rollback-failed', false, text)
  }

  /** Main was cancelled: record where it was; post does the rollback. */
  private cancelled(): RunRecord {
    this.timeline.cancelRunning('job cancelled')
    this.saveState({ cancelled: true })
    const phase = this.saved.phase
    const next = isMidway(phase)
      ? this.config.rollbackOnCancel && (this.saved.mode === 'rollback' || this.saved.previous)
        ? `the post step rolls back to ${this.saved.mode === 'deploy' ? this.saved.previous : this.saved.version}`
        : 'rollback-on-cancel is off or there is no previous version: nothing will be rolled back'
      : 'nothing was deployed'
    this.record.handedToPost = isMidway(phase)
    return this.finish('failed', false, `cancelled during ${phase === 'resolved' ? 'preparation' : phase}; ${next}`, false)
  }

  /** Post, when the run stopped mid-way and will not be rolled back (rollback-on-cancel false): say so, close the deployments. */
  async abandon(saved: SavedRun): Promise<RunRecord> {
    this.adopt(saved)
    for (const id of new Set([saved.deploymentId, saved.replacedDeploymentId]))
      if (id) await this.status(id, 'failure', 'Cancelled; not rolled back (rollback-on-cancel false)')
    return this.finish(
      'failed',
      false,
      `the job stopped while ${interruptedWhat(saved)} and rollback-on-cancel is false: ${this.config.environment} may be on a partial deploy; check it now`,
    )
  }

  /** Post, when finishing an interrupted run threw: the environment may be broken, and the alert must still go. */
  unfinished(saved: SavedRun, error: string): RunRecord {
    this.adopt(saved)
    this.record.unfinished = true
    return this.finish(
      'rollback-failed',
      false,
      `the job stopped while ${interruptedWhat(saved)}, and finishing the rollback failed: ${error}; check ${this.config.environment} now`,
    )
  }

  /** Post takes over the run main saved: its versions, start time and state. */
  private adopt(saved: SavedRun): void {
    this.saved = { ...saved, cancelled: true }
    Object.assign(this.record, {
      version: saved.version,
      previousVersion: saved.previous,
      previousSource: saved.previousSource,
      cancelled: true,
      mainKilled: !saved.cancelled,
      startedAt: saved.startedAt,
    })
  }

  /** Post, when the run stopped before deploying anything: its deployment must not stay queued or in progress. */
  async closeUnstarted(saved: SavedRun): Promise<void> {
    if (saved.deploymentId) await this.status(saved.deploymentId, 'failure', 'Stopped before deploying; nothing changed')
  }

  private finish(status: Outcome, rolledBack: boolean, reason: string, done = true): RunRecord {
    if (done) this.saveState({ phase: 'done' })
    Object.assign(this.record, { status, rolledBack, reason })
    return { ...this.record, steps: this.timeline.steps, endedAt: this.now() }
  }

  private saveState(patch: Partial<SavedRun>): void {
    this.saved = { ...this.saved, ...patch }
    this.ports.state.save(this.saved)
  }
}

interface CommandOutcome {
  ok: boolean
  detail: string
  lastLine?: string
}

/** "smoke-command failed (exit code 1): <its last line>" */
function smokeFailure(r: CommandOutcome): string {
  return `smoke-command failed (${r.detail})${r.lastLine ? `: ${r.lastLine}` : ''}`
}

/** Another run held the environment past concurrency-timeout. */
export class LockTimeout extends Error {}

export function planLines(c: Config, v: ResolvedVersions): string[] {
  const what = c.mode === 'deploy' ? `deploy ${v.version} to ${c.environment}` : `roll ${c.environment} back to ${v.version}`
  const lines = [`Dry run: would ${what}${v.previous ? ` (${c.mode === 'deploy' ? 'previous' : 'replacing'} ${v.previous})` : ''}; ran nothing`]
  lines.push(v.note)
  if (c.mode === 'deploy') {
    if (c.backupCommand) lines.push(`backup: ${c.backupCommand}`)
    lines.push(`deploy: ${c.deployCommand}`)
  }
  lines.push(...describeSignals(c.gate))
  if (c.gate.rollbackSoakMs) lines.push(`rollback soak: a rollback that passed its gate is watched ${durationText(c.gate.rollbackSoakMs)} more`)
  if (c.smokeCommand && c.mode === 'deploy') lines.push(`smoke: ${c.smokeCommand}`)
  if (v.previous || c.mode === 'rollback') {
    lines.push(
      `on failure: ${c.rollbackCommand ? `rollback: ${c.rollbackCommand}` : `deploy-command in a checkout of ${c.mode === 'deploy' ? v.previous : v.version}`}`,
    )
  } else lines.push('on failure: no previous version to roll back to')
  return lines
}

export async function runStory(config: Config, ports: Ports): Promise<RunRecord> {
  return new Story(config, ports).run()
}

/** Post step after a cancel: finish what main could not. */
export async function resumeAfterCancel(config: Config, saved: SavedRun, ports: Ports): Promise<RunRecord> {
  return new Story(config, ports).resume(saved)
}

/** Post step after a cancel with rollback-on-cancel false: the record that says so. */
export async function abandonAfterCancel(config: Config, saved: SavedRun, ports: Ports): Promise<RunRecord> {
  return new Story(config, ports).abandon(saved)
}

/** Post step, when finishing an interrupted run threw: the record that raises the alarm. */
export function unfinishedAfterCancel(config: Config, saved: SavedRun, ports: Ports, error: string): RunRecord {
  return new Story(config, ports).unfinished(saved, error)
}

/** Post step after main stopped before deploying: close its deployment. */
export async function closeUnstarted(config: Config, saved: SavedRun, ports: Ports): Promise<void> {
  return new Story(config, ports).closeUnstarted(saved)
}

/** Where the scratch directories of one run live; post removes the whole root. */
export function scratchRoot(runnerTemp: string, runId: string): string {
  return join(runnerTemp, `${SCRATCH_PREFIX}${runId || 'local'}-${randomBytes(4).toString('hex')}`)
}
