/**
 * The gate's signals: one small interface that the HTTP probe, the error rate and every later
 * signal implement. A signal declares and reads its own inputs, observes once per round and
 * votes pass, fail or abstain ("no data") with its evidence, and describes itself for the dry-run
 * plan and the summary. The round loop (gate.ts) runs over the list with no special case.
 */
import type { HttpDispatcher } from '../../http/dispatcher.js'
import type { InputReader } from '../../inputs.js'
import type { GateConfig, GateVerdict, ProbeFailure, SignalEvidence, SignalId } from '../types.js'
import type { Vote } from '../vote.js'

/**
 * What an abstaining vote does to the round:
 * - `required`: the round cannot pass, and no data at the end of the window fails the gate naming the signal;
 * - `wait`: the round cannot pass before the window ends (the baseline holds the pass until it has voted);
 * - `free`: the round passes as far as this signal goes (it says why it had nothing to say).
 */
export type AbstainRule = 'required' | 'wait' | 'free'

/** One signal's vote on one subject (an endpoint, a query, the command) in one round. */
export interface SignalVote extends Vote {
  id: SignalId
  /** The policy's streak key within the signal: an endpoint's URL, a query's name. */
  subject: string
  /** The rule, as the plan and the summary show it. */
  rule: string
  /** Something answered (an HTTP response, a command's exit): failures before the first answer are "still starting". */
  answered: boolean
  /** For an abstaining vote: what it does to the round. */
  abstain?: AbstainRule
  /** The HTTP status, where there was one (502/503/504 before the first answer are still "starting"). */
  status?: number
  failure?: ProbeFailure
  /** The service asked for a slower pace (429/503 Retry-After). */
  retryAfterMs?: number
  /** A probe's latency, when answered: the baseline reads the new version's latencies from these. */
  latencyMs?: number
}

/** What a gate run knows, handed to each signal when it starts. */
export interface GateContext {
  cfg: GateConfig
  /** The version that must be live (expect-version) and the `{{version}}` of queries. */
  version: string
  previousVersion?: string
  environment?: string
  /** The live version's latencies from before the deploy (baseline-duration). */
  baseline?: readonly number[]
  /** One connection pool for the whole gate. */
  dispatcher: HttpDispatcher
  signal?: AbortSignal
}

export interface RoundContext {
  /** 1-based round number. */
  round: number
  /** The health check has passed: these rounds are the soak. */
  soaking: boolean
  /** The votes of the signals observed before this one in the round (only for `readsVotes` signals). */
  votes: readonly SignalVote[]
}

/** How the gate ended, for a signal's part of the verdict. */
export interface GateEnd {
  passed: boolean
  cancelled: boolean
  /** The subject whose streak decided a failure ('' when none did). */
  decidedBy: string
  /** The signal of that subject. */
  decidedById?: SignalId
}

export interface SignalRun {
  observe(round: RoundContext): Promise<SignalVote[]>
  /** The legacy parts of the verdict this signal fills (endpoints, errorRate), given how the gate ended. */
  verdictPart?(end: GateEnd): Partial<Pick<GateVerdict, 'endpoints' | 'errorRate'>>
  /** A short fact for the pass reason, e.g. "p95 12ms". */
  passText?(): string | undefined
  close?(): Promise<void>
}

export interface PreflightContext {
  version: string
  previousVersion?: string
  environment?: string
  signal?: AbortSignal
  log?: (line: string) => void
}

export interface SignalDefinition<C> {
  id: SignalId
  /** The inputs it reads (for the docs and CONTRIBUTING). */
  inputs: readonly string[]
  /** Reads its inputs; undefined when not configured. Throws ConfigError for bad input. */
  read(r: InputReader): C | undefined
  /** Its config within the assembled gate config. */
  configOf(g: GateConfig): C | undefined
  /** The rule line of the dry-run plan. */
  describe(c: C, g: GateConfig): string
  /** What an abstaining vote does to the round. */
  abstain: AbstainRule
  /** Observes after the other signals of the round, reading their votes. */
  readsVotes?: boolean
  /** Checked once before anything is deployed (a typo fails the run up front). Throws with the reason. */
  preflight?(c: C, g: GateConfig, ctx: PreflightContext): Promise<void>
  /**
   * Starts observing. Async so that a signal loads what only its rounds need (a parser, a client)
   * through `await import()` here, and a gate that does not use it never loads it; reading and
   * describing its config stay synchronous, as the config is checked before anything runs.
   */
  start(c: C, ctx: GateContext): Promise<SignalRun>
}

export type { SignalEvidence, SignalId }
