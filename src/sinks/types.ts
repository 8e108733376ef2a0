/**
 * What a sink is: one destination of a finished run record (a view such as the outputs or the job
 * summary, or an alert channel). Each sink declares and reads its own inputs; the registry in
 * index.ts runs them. Adding a channel is one file plus one line there.
 */
import type { InputReader } from '../inputs.js'
import type { Outcome, RunRecord } from '../timeline.js'

/** How hard one alert tries; post shortens it when it is itself being stopped. */
export interface SendOptions {
  /** Total attempts, first included. */
  attempts?: number
  /** Longest backoff between attempts when the receiver did not send Retry-After. */
  maxWaitMs?: number
  /** One attempt's limit. */
  timeoutMs?: number
  /** The whole alert, retries included (15 s). */
  deadlineMs?: number
  sleep?: (ms: number) => Promise<void>
}

export type SinkId = 'report' | 'outputs' | 'summary' | 'slack' | 'discord' | 'teams' | 'webhook' | 'pagerduty' | 'incident'

/**
 * A view is written by every step that publishes; an alert goes out only from the step that
 * finished the story (main hands it to post when it stopped mid-way), all alerts in parallel.
 */
export type SinkKind = 'view' | 'alert'

export interface SinkLog {
  info(message: string): void
  warning(message: string): void
}

/** The repository the run belongs to, and the token to act on it (for the incident issue). */
export interface GitHubTarget {
  token?: string
  apiUrl: string
  owner: string
  repo: string
}

/** Settings every alert shares, read once by the registry. */
export interface SharedSinkSettings {
  /** Outcomes that alert (Slack, Discord, Teams, the webhook); `rollback` is stored as `rolled-back`. */
  notifyOn: ReadonlySet<Outcome>
}

export interface SinkContext {
  log: SinkLog
  shared: SharedSinkSettings
  github: GitHubTarget
  /** Where the JSON report is (or would be) written. */
  reportPath: string
  send?: SendOptions
  /** Outputs that alerts produce (the incident issue's address); the outputs view writes them. */
  outputs: Record<string, string>
  env: NodeJS.ProcessEnv
}

/** What became of one alert; the registry turns it into one log line. */
export type Delivery = { status: 'skipped' } | { status: 'sent'; what: string; attempts?: number } | { status: 'failed'; error: string; attempts?: number }

export interface SinkDefinition<C> {
  id: SinkId
  kind: SinkKind
  /** The channel's name in log lines and warnings, e.g. "Slack". */
  name: string
  /** The inputs it reads (action.yml, constants and README hold the same names). */
  inputs: readonly string[]
  /** Its settings, or undefined when it is not configured (views are always configured). */
  read(r: InputReader, shared: SharedSinkSettings): C | undefined
  /** Whether this run concerns it (notify-on, page-on, the incident rules); decided before any module is loaded. */
  wants?(record: RunRecord, c: C, shared: SharedSinkSettings): boolean
  /** Writes or sends; an alert never throws for a failed delivery, it says so. */
  publish(record: RunRecord, c: C, ctx: SinkContext): Promise<Delivery>
}

/** A sink with its settings read: what Config carries. */
export interface ConfiguredSink {
  id: SinkId
  kind: SinkKind
  name: string
  settings: unknown
  wants(record: RunRecord, shared: SharedSinkSettings): boolean
  publish(record: RunRecord, ctx: SinkContext): Promise<Delivery>
}

/** A sink in the registry's list: its settings' type is hidden behind read(). */
export interface Sink<C = unknown> {
  id: SinkId
  kind: SinkKind
  name: string
  inputs: readonly string[]
  /** Reads its settings; undefined when it is not configured. */
  read(r: InputReader, shared: SharedSinkSettings): ConfiguredSink | undefined
  /** The definition, for tests of one sink. */
  definition: SinkDefinition<C>
}

export function defineSink<C>(d: SinkDefinition<C>): Sink<C> {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    inputs: d.inputs,
    read: (r, shared) => {
      const settings = d.read(r, shared)
      return settings === undefined ? undefined : configure(d, settings)
    },
    definition: d,
  }
}

/** Binds a definition to its settings, keeping the settings' type between read and publish. */
export function configure<C>(d: SinkDefinition<C>, settings: C): ConfiguredSink {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    settings,
    wants: (record, shared) => (d.wants ? d.wants(record, settings, shared) : true),
    publish: (record, ctx) => d.publish(record, settings, ctx),
  }
}

/** A sender's result as a delivery: `what` names what was sent (the outcome, "resolve"…). */
export function delivered(result: { ok: true; attempts: number } | { ok: false; attempts: number; error: string }, what: string): Delivery {
  return result.ok ? { status: 'sent', what, attempts: result.attempts } : { status: 'failed', error: result.error, attempts: result.attempts }
}
