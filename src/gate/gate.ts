/**
 * The health gate: rounds in which every configured signal observes and votes, fed to the policy
 * until it decides. The verdict carries each signal's evidence and a one-line reason.
 */
import { HttpDispatcher } from '../http/dispatcher.js'
import { redact } from '../secrets.js'
import { sleep } from '../timing.js'
import { GatePolicy, nextDelay, type Decision, type Observation } from './policy.js'
import { passReason } from './pass-reason.js'
import { activeSignals } from './signals/index.js'
import type { GateContext, GateEnd, RoundContext, SignalDefinition, SignalRun, SignalVote } from './signals/types.js'
import { VoteTally } from './tally.js'
import type { GateCheck, GateConfig, GateVerdict } from './types.js'

export interface GateOptions {
  /** The version that must be live (expect-version), and `{{version}}` in queries. */
  version: string
  /** `{{previous_version}}` in queries: the version being replaced (during a rollback, the one that failed). */
  previousVersion?: string
  /** `{{environment}}` in queries. */
  environment?: string
  /** The live version's latencies from before the deploy (collectBaseline), for the baseline signal. */
  baseline?: readonly number[]
  /** Cancel: the verdict is then `cancelled`, returned as soon as in-flight requests are aborted. */
  signal?: AbortSignal
  /** One line per round. */
  log?: (line: string) => void
  /** The clock (ms); Date.now by default. */
  now?: () => number
  /** The soak after the smoke command: the service has passed already, so every failure counts from the first probe. */
  soakOnly?: boolean
}

interface Running {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  def: SignalDefinition<any>
  run: SignalRun
}

export async function runGate(cfg: GateConfig, o: GateOptions): Promise<GateVerdict> {
  const now = o.now ?? Date.now
  const startedAt = now()
  const log = (line: string) => o.log?.(redact(line))
  const signals = activeSignals(cfg)
  const tally = new VoteTally()
  let rounds = 0
  let soakFailures = 0
  let runs: Running[] = []

  const verdict: VerdictOf = (passed, check, reason, end) => ({
    passed,
    check,
    reason: redact(reason),
    durationMs: now() - startedAt,
    rounds,
    endpoints: [],
    ...runs.reduce<Partial<GateVerdict>>((parts, r) => ({ ...parts, ...r.run.verdictPart?.(end) }), {}),
    signals: tally.evidence(),
  })
  if (signals.length === 0) {
    return verdict(true, 'none', 'passed: nothing to probe (no health URLs and no error-rate rule)', { passed: true, cancelled: false, decidedBy: '' })
  }

  const policy = policyFor(cfg, o, startedAt)
  // One pool for the whole gate, so rounds reuse connections (direct, or through the proxy the
  // environment names for each URL); destroyed (not closed: close would wait for idle keep-alive
  // sockets) before the verdict is returned, so nothing holds the process.
  const agent = new HttpDispatcher()
  const ctx: GateContext = {
    cfg,
    version: o.version,
    previousVersion: o.previousVersion,
    environment: o.environment,
    baseline: o.baseline,
    dispatcher: agent,
    signal: o.signal,
  }
  const cancelled = () =>
    verdict(false, 'cancelled', `cancelled: the gate was stopped after ${rounds} round${rounds === 1 ? '' : 's'}`, {
      passed: false,
      cancelled: true,
      decidedBy: '',
    })
  try {
    // Inside the try: a signal that cannot start (its module failed to load) still has the pool destroyed.
    runs = await Promise.all(signals.map(async ({ def, config }) => ({ def, run: await def.start(config, ctx) })))
    for (;;) {
      if (o.signal?.aborted) return cancelled()
      const roundStart = now()
      const soaking = policy.passed
      const votes = await observeRound(runs, { round: rounds + 1, soaking, votes: [] })
      if (o.signal?.aborted) return cancelled()
      rounds++
      if (soaking) soakFailures += votes.filter((v) => v.kind === 'fail').length
      tally.add(votes)

      const at = new Date().toISOString()
      const decision = policy.observe(
        now(),
        votes.map((v) => observation(v, runs, at)),
      )
      log(`round ${rounds}${soaking ? ' (soak)' : ''}: ${votes.map((v) => voteText(v, policy, cfg.failureThreshold)).join('; ')}`)

      const done = await decide(decision, { cfg, o, runs, tally, rounds, soakFailures, verdict })
      if (done) return done
      const wait = delayAfter(cfg, policy, votes, now() - roundStart, now())
      if (wait > 0) await sleep(wait, o.signal)
    }
  } finally {
    // A signal that cannot close cleanly must not hide the verdict.
    await Promise.all(runs.map(async (r) => r.run.close?.()).map(async (p) => p.catch(() => undefined)))
    await agent.destroy().catch(() => undefined)
  }
}

type VerdictOf = (passed: boolean, check: GateCheck, reason: string, end: GateEnd) => GateVerdict

/** A decided round's verdict, with its reason; undefined while the policy wants more rounds. */
async function decide(
  decision: Decision,
  g: { cfg: GateConfig; o: GateOptions; runs: Running[]; tally: VoteTally; rounds: number; soakFailures: number; verdict: VerdictOf },
): Promise<GateVerdict | undefined> {
  if (decision.kind === 'passed') {
    const facts = g.runs.map((r) => r.run.passText?.()).filter((t): t is string => Boolean(t))
    const reason = passReason({ cfg: g.cfg, soakOnly: g.o.soakOnly, soakFailures: g.soakFailures, facts: [...facts, ...g.tally.noData()] })
    return g.verdict(true, decision.phase, reason, { passed: true, cancelled: false, decidedBy: '' })
  }
  if (decision.kind === 'failed') {
    const end: GateEnd = { passed: false, cancelled: false, decidedBy: decision.endpoint, decidedById: decision.rule ?? 'http' }
    const probesOf = (endpoint: string) => g.tally.count('http', endpoint)
    // The failure's wording is loaded only when a gate fails.
    const { failReason } = await import('./reasons.js')
    return g.verdict(false, decision.check, failReason(g.cfg, decision, { rounds: g.rounds, probesOf }), end)
  }
  return undefined
}

function policyFor(cfg: GateConfig, o: GateOptions, startedAt: number): GatePolicy {
  const { successThreshold, failureThreshold, startupTimeoutMs, soakMs, intervalMs } = cfg
  return new GatePolicy({ successThreshold, failureThreshold, startupTimeoutMs, soakMs, intervalMs, soakOnly: o.soakOnly }, startedAt)
}

/** The pause before the next round: the interval, stretched by a Retry-After within bounds (nextDelay). */
function delayAfter(cfg: GateConfig, policy: GatePolicy, votes: SignalVote[], elapsedMs: number, t: number): number {
  const retryAfters = votes.map((v) => v.retryAfterMs).filter((ms): ms is number => ms !== undefined)
  return nextDelay({
    intervalMs: cfg.intervalMs,
    elapsedMs,
    retryAfterMs: retryAfters.length ? Math.max(...retryAfters) : undefined,
    counting: policy.counting(),
    untilDueMs: policy.dueAt() - t,
  })
}

/** Every signal at once; the ones that read votes (the baseline) after the others, with their votes. */
async function observeRound(runs: Running[], round: RoundContext): Promise<SignalVote[]> {
  const first = await Promise.all(runs.filter((r) => !r.def.readsVotes).map((r) => r.run.observe(round)))
  const votes = first.flat()
  const later = await Promise.all(runs.filter((r) => r.def.readsVotes).map((r) => r.run.observe({ ...round, votes })))
  return [...votes, ...later.flat()]
}

/** A vote as the policy counts it: the HTTP probe's subjects are endpoints, every other signal's are rules of its name. */
function observation(v: SignalVote, runs: Running[], at: string): Observation {
  const abstain = v.kind === 'abstain' ? (v.abstain ?? runs.find((r) => r.def.id === v.id)?.def.abstain ?? 'free') : undefined
  const failure = v.failure ?? (v.kind === 'pass' ? undefined : { at, kind: 'error' as const, message: v.evidence })
  return {
    name: v.subject,
    ...(v.id === 'http' ? {} : { rule: v.id }),
    ...(abstain ? { abstain } : {}),
    ok: v.kind === 'pass',
    answered: v.answered,
    ...(v.status !== undefined ? { status: v.status } : {}),
    ...(failure ? { failure } : {}),
  }
}

/** "url 200 3ms ok", "url connection refused (starting)", "error-rate = 0.2 (max < 0.05) (failure 2/3)". */
function voteText(v: SignalVote, policy: GatePolicy, threshold: number): string {
  if (v.kind !== 'fail') return v.evidence
  const state = policy.endpoint(v.subject, v.id === 'http' ? undefined : v.id)
  return `${v.evidence} ${state.streak > 0 ? `(failure ${state.streak}/${threshold})` : '(starting)'}`
}
