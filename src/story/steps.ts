import { mkdir, mkdtemp } from '../fs-async.js'
import { join } from 'node:path'
import type { Config } from '../config.js'
import type { GateCheck, GateConfig, GateVerdict } from '../gate/types.js'
import { LockTimeoutError } from '../github/lock-timeout.js'
import type { PlannedStep } from '../interruption.js'
import { describeExit } from '../shell.js'
import type { SavedRun } from '../state.js'
import { Timeline, type Outcome, type RunRecord, type Step, type StepId } from '../timeline.js'
import { durationText } from '../timing.js'
import type { ResolvedVersions } from '../versions.js'
import type { Ports } from './ports.js'

/** Which check failed the new version (or stopped the run): a gate's own check, or a step of the story. */
export type FailedCheck = 'deploy' | 'smoke' | 'soak' | 'cancelled' | GateCheck

export interface Failure {
  check: FailedCheck
  reason: string
}

export interface CommandOutcome {
  ok: boolean
  detail: string
  lastLine?: string
}

export type Phase = Step['phase']
export type StatusState = 'in_progress' | 'success' | 'failure'

/** How the background preparation of the previous version ended. */
export type Prepared = { ok: true; dir: string } | { ok: false; detail: string }

/**
 * The previous version's tree, made while the new version is deployed and gated: its checkout
 * (so the fetch overlaps the gate) and, with prepare-rollback-command, its build. A rollback's
 * redeploy starts in it the moment it is done; a passing deploy stops it and removes it.
 */
export interface Preparation {
  version: string
  /** Settles when the checkout and the prepare command are done (never rejects). */
  readonly done: Promise<Prepared>
  /** Stops the prepare command's process tree and removes the tree. Idempotent. */
  discard(why: string): Promise<void>
  /** Shows the prepare command's output, kept apart while it ran, in its own log group. */
  showOutput(): Promise<void>
}

/** Signals a cancel seen between steps; caught once, where the story starts. */
export class Cancelled extends Error {}

const POLL_MS = 5000

/** The rollback under way, for the reason when post is stopped part-way through it. */
export interface WayBack {
  target: string
  replacing?: string
  because: string
  plan: PlannedStep[]
  ids: { rollback?: number; replaced?: number }
}

/**
 * The shared step runner of the story: each step is recorded on the timeline, run in its log
 * group, and checked for a cancel before and after. Deploy, rollback and resume are told with it.
 */
export class Steps {
  readonly timeline: Timeline
  readonly now: () => number
  saved: SavedRun
  record: Omit<RunRecord, 'steps' | 'endedAt'>
  wayBack?: WayBack
  /** The previous version's tree, prepared in the background while the new one is deployed and gated. */
  preparation?: Preparation
  /** The deployed commit's subject, being read by git while the story goes on (deploy mode). */
  commitSubject?: Promise<string | undefined>
  /** Checkouts made this run, by version (DEPLOY_TREE / DEPLOY_PREVIOUS_TREE). */
  readonly trees = new Map<string, string>()
  /** What the gate's signals need besides the version: the version replaced, and the baseline collected before the deploy. */
  readonly gateAround: { previousVersion?: string; baseline?: readonly number[] } = {}

  constructor(
    readonly config: Config,
    readonly ports: Ports,
  ) {
    this.now = ports.now ?? Date.now
    this.timeline = new Timeline(this.now)
    const startedAt = this.now()
    this.saved = {
      phase: 'resolved',
      mode: config.mode,
      version: config.version,
      previousSource: 'none',
      scratchRoot: ports.scratchRoot,
      scratch: [],
      startedAt,
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
      startedAt,
      context: config.context,
    }
  }

  get log() {
    return this.ports.log
  }

  /** Runs a user command in its own step; a failure is logged as an error and returned, never thrown. */
  async command(o: {
    id: StepId
    title: string
    phase: Phase
    command: string
    cwd: string
    env: Record<string, string>
    timeoutMs?: number
    /** How a failure is annotated: an error (default), or a warning where the outcome stands (after-deploy-command). */
    failureLevel?: 'error' | 'warning'
  }): Promise<CommandOutcome> {
    const timeoutMs = o.timeoutMs ?? this.config.deployTimeoutMs
    this.throwIfCancelled()
    const step = this.timeline.start(o.id, o.title, o.phase)
    const r = await this.log.group(o.title, () =>
      this.ports.shell(o.command, { cwd: o.cwd, env: o.env, timeoutMs, signal: this.ports.signal, onLine: (l) => this.log.info(l) }),
    )
    const detail = describeExit(r, durationText(timeoutMs))
    const ok = r.exitCode === 0 && !r.timedOut && !r.cancelled
    this.timeline.end(step, r.cancelled ? 'cancelled' : ok ? 'passed' : 'failed', detail, ok ? {} : { output: r.tail })
    this.throwIfCancelled()
    if (!ok) this.log[o.failureLevel ?? 'error'](`${o.title}: ${detail}`)
    return { ok, detail, lastLine: [...r.tail].reverse().find((l) => l.trim()) }
  }

  /** Runs the gate against `version` in its own step. */
  async gate(o: { id: StepId; title: string; phase: Phase; version: string; cfg: GateConfig; soakOnly?: boolean }): Promise<GateVerdict> {
    this.throwIfCancelled()
    const step = this.timeline.start(o.id, o.title, o.phase)
    const verdict = await this.log.group(o.title, () =>
      this.ports.gate(o.cfg, {
        version: o.version,
        signal: this.ports.signal,
        log: (l) => this.log.info(l),
        soakOnly: o.soakOnly ?? false,
        environment: this.config.environment,
        ...this.gateAround,
      }),
    )
    this.timeline.end(step, verdict.check === 'cancelled' ? 'cancelled' : verdict.passed ? 'passed' : 'failed', verdict.reason, { verdict })
    this.throwIfCancelled()
    if (!verdict.passed) this.log.error(`${o.title}: ${verdict.reason}`)
    return verdict
  }

  /** A fresh scratch directory, saved for post to remove before anything is written into it. */
  async scratchDir(version: string): Promise<string> {
    await mkdir(this.ports.scratchRoot, { recursive: true })
    const dir = await mkdtemp(join(this.ports.scratchRoot, `${version.replace(/[^\w.-]/g, '_')}-`))
    this.saveState({ scratch: [...this.saved.scratch, dir] })
    return dir
  }

  /** A worktree of `version` in its own scratch directory. */
  async checkout(version: string, o: { id?: StepId } = {}): Promise<CommandOutcome & { dir: string }> {
    const step = this.timeline.start(o.id ?? 'checkout', `Check out ${version}`, 'rollback')
    const dir = await this.scratchDir(version)
    try {
      await this.log.group(`Check out ${version}`, () => this.ports.git.addWorktree(version, dir, { commit: this.saved.commits?.[version] }))
      this.timeline.end(step, 'passed', `worktree of ${version}`)
      this.trees.set(version, dir)
      return { ok: true, detail: '', dir }
    } catch (err) {
      const detail = `could not check out ${version}: ${(err as Error).message}`
      this.timeline.end(step, 'failed', detail)
      return { ok: false, detail, dir }
    }
  }

  /** Creates a GitHub deployment, waits for our turn in the environment (unless told not to), marks it in progress. */
  async openDeployment(o: {
    phase: 'deploy' | 'rollback'
    version: string
    ref: string
    description: string
    rolledBackFrom?: string
    commit?: string
    wait?: boolean
  }): Promise<number | undefined> {
    const d = this.ports.deployments
    if (!d) return undefined
    const c = this.config
    const id = await d.create({
      environment: c.environment,
      ref: o.ref,
      version: o.version,
      phase: o.phase,
      description: o.description,
      rolledBackFrom: o.rolledBackFrom,
      commit: o.commit,
    })
    if (!id) return undefined
    if (this.record.deploymentId === undefined || o.phase === 'deploy') this.record.deploymentId = id
    this.saveState({ deploymentId: id })
    if (o.wait ?? true) {
      try {
        await d.waitForTurn(c.environment, id, {
          timeoutMs: c.github.concurrencyTimeoutMs,
          pollMs: Math.min(POLL_MS, Math.max(c.github.concurrencyTimeoutMs / 4, 200)),
          signal: this.ports.signal,
          onWait: (m) => this.log.info(m),
        })
      } catch (err) {
        await this.status(id, 'failure', 'Gave up waiting for another deployment')
        throw err instanceof LockTimeoutError ? err : new LockTimeoutError((err as Error).message)
      }
    }
    this.throwIfCancelled()
    await this.status(id, 'in_progress', o.description)
    return id
  }

  async status(id: number | undefined, state: StatusState, description: string): Promise<void> {
    if (!id) return
    // The link goes with success only: a failed status must not send people to a broken version as "the environment".
    const environmentUrl = state === 'success' ? this.config.github.environmentUrl : undefined
    await this.ports.deployments?.setStatus(id, state, { description, logUrl: this.config.context.runUrl || undefined, environmentUrl })
  }

  /** Resolves the versions in their own step; the record and the state learn them. */
  async resolve<T extends ResolvedVersions>(fn: () => Promise<T | { error: string }>): Promise<T | { error: string }> {
    const step = this.timeline.start('resolve', 'Resolve versions', this.config.mode === 'deploy' ? 'deploy' : 'rollback')
    const versions = await this.log.group('Resolve versions', async () => {
      const v = await fn()
      this.log.info('error' in v ? v.error : v.note)
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

  /** Where versions come from: the deployments history first, then tags. */
  versionSources() {
    return { git: this.ports.git, history: this.ports.deployments, log: this.log }
  }

  /** The environment every command gets; the trees are the checkouts of those versions, where the run has one. */
  env(o: { version: string; previous?: string; phase: 'deploy' | 'rollback' | 'prepare' }): Record<string, string> {
    return {
      DEPLOY_VERSION: o.version,
      DEPLOY_PREVIOUS_VERSION: o.previous ?? '',
      DEPLOY_ENVIRONMENT: this.config.environment,
      DEPLOY_PHASE: o.phase,
      DEPLOY_TREE: this.treeOf(o.version),
      DEPLOY_PREVIOUS_TREE: this.treeOf(o.previous),
    }
  }

  /** The checkout of `version`: the workspace for the version a deploy puts live, else one this run made, else ''. */
  treeOf(version: string | undefined): string {
    if (!version) return ''
    if (this.config.mode === 'deploy' && version === this.saved.version) return this.config.workspace
    return this.trees.get(version) ?? ''
  }

  /** The record leads with this (a failed rollback hook); it is also an error annotation. */
  attention(text: string): void {
    this.log.error(text)
    this.record.attention = this.record.attention ? `${this.record.attention}; ${text}` : text
  }

  lastVerdict(): GateVerdict | undefined {
    return [...this.timeline.steps].reverse().find((s) => s.verdict)?.verdict
  }

  throwIfCancelled(): void {
    if (this.ports.signal.aborted) throw new Cancelled()
  }

  /**
   * The record, finished. `rolledBack` follows from the status: only a healthy rollback is one.
   * `handOver` (main, cancelled mid-way) keeps the saved phase, so post knows what is left.
   */
  finish(status: Outcome, reason: string, o: { handOver?: boolean } = {}): RunRecord {
    if (!o.handOver) this.saveState({ phase: 'done' })
    Object.assign(this.record, { status, rolledBack: status === 'rolled-back', reason })
    return { ...this.record, steps: this.timeline.steps, endedAt: this.now() }
  }

  saveState(patch: Partial<SavedRun>): void {
    this.saved = { ...this.saved, ...patch }
    this.ports.state.save(this.saved)
  }

  /** Post takes over the run main saved: its versions, start time and state. */
  adopt(saved: SavedRun): void {
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
}

/** "smoke-command failed (exit code 1): <its last line>" */
export function smokeFailure(r: CommandOutcome): string {
  return `smoke-command failed (${r.detail})${r.lastLine ? `: ${r.lastLine}` : ''}`
}
