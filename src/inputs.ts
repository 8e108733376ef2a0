/**
 * Reading inputs: where they come from, the reader every part of the config uses (secrets masked
 * the moment they are read), and the parsers for the shapes inputs take. Each signal and sink reads
 * its own inputs through an InputReader; config.ts composes them into one Config.
 */
import parseDuration from 'parse-duration'
import { HeaderLineError, parseHeaderLines, type HeaderLines } from './headers.js'
import { addSecret, urlPath } from './secrets.js'
import { MAX_DURATION_MS } from './timing.js'

/** Where inputs come from: @actions/core in production, a map in tests. */
export interface InputSource {
  getInput(name: string): string
  /** Tells the runner to mask a value in its log. */
  setSecret(value: string): void
}

/** A bad input: the message names the input and says what to type instead. */
export class ConfigError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`Invalid input '${input}': ${message}`)
    this.name = 'ConfigError'
  }
}

/** A proxy variable of the environment (HTTP_PROXY, HTTPS_PROXY) that is not a proxy URL. */
export class EnvironmentError extends ConfigError {
  constructor(variable: string, message: string) {
    super(variable, message)
    this.message = `Invalid environment variable ${variable}: ${message}`
    this.name = 'EnvironmentError'
  }
}

// Durations need a unit; compound forms like `1m30s` are allowed.
const DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/

/** Reads inputs by name; `secret()` and `mask()` mask a value with the runner and redact it in everything we write. */
export class InputReader {
  constructor(private readonly source: InputSource) {}

  /** The input as given, trimmed ('' when not set). */
  raw(name: string): string {
    return this.source.getInput(name).trim()
  }

  /** The input as given, untrimmed (multi-line inputs). */
  text(name: string): string {
    return this.source.getInput(name)
  }

  /** A secret input: masked and redacted before anything can print it. */
  secret(name: string): string {
    const value = this.raw(name)
    this.mask(value)
    return value
  }

  /** Masked by the runner and redacted by us; a URL's path too, for a command that prints only that part. */
  mask(value: string | undefined): void {
    if (!value) return
    for (const part of [value, urlPath(value)]) if (part) this.source.setSecret(part)
    addSecret(value)
  }

  lines(name: string): string[] {
    return lines(this.text(name))
  }

  bool(name: string, fallback: boolean): boolean {
    return bool(name, this.raw(name), fallback)
  }

  duration(name: string, fallback: string, o: { allowZero?: boolean } = {}): number {
    return duration(name, this.raw(name) || fallback, o)
  }

  optionalDuration(name: string): number | undefined {
    return this.raw(name) ? duration(name, this.raw(name)) : undefined
  }

  positiveInt(name: string, fallback: string): number {
    return positiveInt(name, this.raw(name) || fallback)
  }

  /** An http(s) URL, or undefined when not set. */
  url(name: string, o: { secret?: boolean } = {}): string | undefined {
    const value = o.secret ? this.secret(name) : this.raw(name)
    return value ? httpUrl(name, value, o.secret) : undefined
  }

  /** `Name: value` lines: credential values masked, the others sent as written. */
  headers(name: string): Array<[string, string]> {
    return readHeaders(name, this.text(name), (v) => this.mask(v))
  }
}

/** Newline-separated list; blank lines and `#` comments ignored. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
}

export function oneOf<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new ConfigError(input, `'${value}' is not one of ${allowed.join(', ')}.`)
}

export function bool(input: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  const v = value.toLowerCase()
  if (v === 'true') return true
  if (v === 'false') return false
  throw new ConfigError(input, `'${value}' is not a boolean; expected true or false.`)
}

export function positiveInt(input: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1000) {
    throw new ConfigError(input, `'${value}' is not a whole number from 1 to 1000.`)
  }
  return Number(value)
}

/**
 * A duration with a unit (`500ms`, `10s`, `5m`, `1h`, `2d`, `1m30s`), in ms, at most 24 days. Bare
 * numbers are refused because `30` could mean seconds or minutes; bare `0` is accepted where zero
 * makes sense.
 */
export function duration(input: string, value: string, o: { allowZero?: boolean } = {}): number {
  const v = value.replace(/\s+/g, '')
  if (o.allowZero && /^0+$/.test(v)) return 0
  const ms = DURATION_RE.test(v) ? parseDuration(v) : null
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    throw new ConfigError(input, `'${value}' is not a duration; expected a number with a unit: 500ms, 10s, 5m, 1h, 1d or 1m30s.`)
  }
  if (ms <= 0 && !o.allowZero) throw new ConfigError(input, `'${value}' must be above zero, e.g. 10s.`)
  // Node's timers cannot wait longer than about 24.8 days (a longer one fires at once): refused
  // here rather than a deploy killed the moment it starts.
  if (Math.round(ms) > MAX_DURATION_MS) {
    throw new ConfigError(input, `'${value}' is too long: at most 24d (576h), the longest wait Node's timers can hold.`)
  }
  return Math.round(ms)
}

export function httpUrl(input: string, value: string, isSecret = false): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(input, `${isSecret ? 'the value' : `'${value}'`} is not a URL; expected http(s)://host/path.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(input, `${isSecret ? 'the value' : `'${value}'`} must use http or https.`)
  }
  return value
}

/**
 * A headers input (`Name: value` lines): a line the HTTP client would refuse is bad input, named
 * by its line and never echoing a value; credential values are masked, the others sent as written.
 */
export function readHeaders(input: string, text: string, mask: (secret: string) => void): Array<[string, string]> {
  let parsed: HeaderLines
  try {
    parsed = parseHeaderLines(text)
  } catch (err) {
    if (err instanceof HeaderLineError) throw new ConfigError(input, err.message)
    throw err
  }
  parsed.secrets.forEach(mask)
  return parsed.headers
}
