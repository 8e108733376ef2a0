import { collectBaseline, needsPreflight, preflightSignals } from '../gate/prepare.js'
import { durationText } from '../timing.js'
import type { ResolvedVersions } from '../versions.js'
import type { Steps } from './steps.js'

/** The gate's signals checked before anything is deployed (each Prometheus query once); the reason when one fails. */
export async function preflightGate(s: Steps, v: Pick<ResolvedVersions, 'version' | 'previous'>): Promise<string | undefined> {
  const c = s.config
  if (!needsPreflight(c.gate)) return undefined
  const step = s.timeline.start('preflight', 'Check the gate signals', c.mode === 'deploy' ? 'deploy' : 'rollback')
  const log = (l: string) => s.log.info(l)
  try {
    await s.log.group('Check the gate signals', () =>
      preflightSignals(c.gate, { version: v.version, previousVersion: v.previous, environment: c.environment, signal: s.ports.signal, log }),
    )
    s.timeline.end(step, 'passed', 'every query answered')
    return undefined
  } catch (err) {
    const reason = `${(err as Error).message}; nothing was deployed`
    s.timeline.end(step, 'failed', reason)
    s.log.error(reason)
    return reason
  }
}

/** baseline-duration: the live version's latencies, for the gate's comparison. */
export async function baselineStep(s: Steps): Promise<number[]> {
  const c = s.config.gate
  const step = s.timeline.start('baseline', `Baseline ${durationText(c.baseline!.durationMs)}`, 'deploy')
  let summary = ''
  const samples = await s.log.group('Baseline of the live version', () => collectBaseline(c, { signal: s.ports.signal, log: (l) => s.log.info((summary = l)) }))
  s.timeline.end(step, s.ports.signal.aborted ? 'cancelled' : 'passed', summary)
  s.throwIfCancelled()
  return samples
}
