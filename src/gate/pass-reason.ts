/** Why the gate passed, in one line, pure: the rounds, the soak and each signal's fact. */
import { durationText } from '../timing.js'
import type { GateConfig } from './types.js'

export function passReason(o: { cfg: GateConfig; soakOnly?: boolean; soakFailures: number; facts: string[] }): string {
  const { cfg } = o
  const parts: string[] = []
  if (!o.soakOnly) parts.push(`${cfg.successThreshold}/${cfg.successThreshold} consecutive rounds ok`)
  if (cfg.soakMs > 0) {
    const blips = o.soakFailures ? ` (${o.soakFailures} failed probe${o.soakFailures === 1 ? '' : 's'}, recovered)` : ''
    parts.push(`healthy through a ${durationText(cfg.soakMs)} soak${blips}`)
  }
  parts.push(...o.facts)
  return `passed: ${parts.join(', ')}`
}
