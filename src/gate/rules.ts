/** The probe rules' input shapes: accepted statuses and the body matcher. */
import { Inputs } from '../constants.js'
import { ConfigError } from '../inputs.js'
import type { BodyMatcher, StatusRange } from './types.js'

/** `200-299`, `200,204`, `2xx`: codes and ranges, comma-separated. */
export function parseStatusRanges(text: string): StatusRange[] {
  const ranges: StatusRange[] = []
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    let m: RegExpMatchArray | null
    let range: StatusRange | undefined
    if ((m = part.match(/^(\d{3})$/))) range = { min: Number(m[1]), max: Number(m[1]) }
    else if ((m = part.match(/^(\d{3})\s*-\s*(\d{3})$/))) range = { min: Number(m[1]), max: Number(m[2]) }
    else if ((m = part.match(/^([1-5])xx$/i))) range = { min: Number(m[1]) * 100, max: Number(m[1]) * 100 + 99 }
    if (!range || range.min < 100 || range.max > 599 || range.min > range.max) {
      throw new ConfigError(Inputs.ExpectedStatus, `'${part}' is not a status code or range; expected e.g. 200-299, 200,204 or 2xx.`)
    }
    ranges.push(range)
  }
  if (ranges.length === 0) throw new ConfigError(Inputs.ExpectedStatus, 'expected at least one status code or range, e.g. 200-299.')
  return ranges
}

/** A substring, or `/regex/flags`. */
export function parseBodyMatcher(text: string): BodyMatcher | undefined {
  if (!text.trim()) return undefined
  const m = text.trim().match(/^\/(.+)\/([dgimsuvy]*)$/s)
  if (!m) return { kind: 'substring', text: text.trim() }
  try {
    // The g and y flags make test() stateful across probes; they mean nothing here.
    return { kind: 'regex', regex: new RegExp(m[1], m[2].replace(/[gy]/g, '')), source: text.trim() }
  } catch (err) {
    throw new ConfigError(Inputs.ExpectedBody, `'${text.trim()}' is not a valid regular expression (${(err as Error).message}).`)
  }
}
