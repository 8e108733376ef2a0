/** Types shared by the health gate's probe, policy and metrics, and by config and the views. */
import type { MetricsQuery } from './metrics-queries.js'

/** An inclusive range of accepted HTTP statuses; a single code has min === max. */
export interface StatusRange {
  min: number
  max: number
}

/** What a probe body must contain: a plain substring or a regular expression (`/re/flags`). */
export type BodyMatcher = { kind: 'substring'; text: string } | { kind: 'regex'; regex: RegExp; source: string }

/** One label matcher of a Prometheus selector, e.g. code=~"5..". */
export interface LabelMatcher {
  label: string
  op: '=' | '!=' | '=~' | '!~'
  value: string
}

/** A Prometheus counter selector: metric name plus label matchers; matching series are summed. */
export interface MetricSelector {
  name: string
  matchers: LabelMatcher[]
}

/** Error-rate rule read from a Prometheus text endpoint: errors / total over the gate window. */
export interface ErrorRateRule {
  metricsUrl: string
  /** The query as the user wrote it, for messages. */
  query: string
  errors: MetricSelector
  total: MetricSelector
  /** Highest acceptable rate, 0..1 (the input `5%` is 0.05). */
  maxErrorRate: number
  /** The rule votes only once this many requests were counted since the gate started (min-requests); it abstains before. */
  minRequests?: number
}

/** Prometheus queries (prometheus-url, prometheus-headers, metrics-queries). */
export interface PrometheusConfig {
  url: string
  /** Sent with every query; credential values are masked. */
  headers: Array<[name: string, value: string]>
  queries: MetricsQuery[]
}

/** The baseline comparison (baseline-duration, max-slowdown). */
export interface BaselineConfig {
  /** How long the live version's health-urls are probed before deploying. */
  durationMs: number
  /** 0.5: the new median may be up to 50 % above the baseline's. */
  maxSlowdown: number
}

/** The HTTP probe signal's settings (health-urls and the rules every probe is checked against). */
export interface HttpProbeConfig {
  /** URLs probed each round, concurrently. May be empty when only a smoke command gates. */
  urls: string[]
  /** Header pairs sent with every probe; credential values are masked and redacted, the others are not secret. */
  headers: Array<[name: string, value: string]>
  expectedStatus: StatusRange[]
  expectedBody?: BodyMatcher
  /** The body must contain the version being deployed. */
  expectVersion: boolean
  maxLatencyMs?: number
}

/** Every setting of the health gate, already parsed and validated by config.ts. */
export interface GateConfig extends HttpProbeConfig {
  startupTimeoutMs: number
  intervalMs: number
  requestTimeoutMs: number
  successThreshold: number
  failureThreshold: number
  /** After passing, keep probing this long with the same failure rule. 0 = no soak. */
  soakMs: number
  errorRate?: ErrorRateRule
  prometheus?: PrometheusConfig
  /** bash run every round; exit 0 passes, non-zero fails, bounded by requestTimeoutMs. */
  watchCommand?: string
  baseline?: BaselineConfig
  /** After a rollback passes its gate, keep watching it this long (0: not at all). */
  rollbackSoakMs?: number
}

/** Why one probe failed; network kinds are told apart so the on-call person knows where to look. */
export type FailureKind =
  | 'refused'
  | 'reset'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'status'
  | 'body'
  | 'version'
  | 'latency'
  | 'redirect'
  /** The request could not be sent (invalid header, URL or option): our configuration, not the service. */
  | 'config'
  | 'error'

export interface ProbeFailure {
  /** ISO time of the probe. */
  at: string
  kind: FailureKind
  /** One line, e.g. "status 500 not in 200-299" or "connection refused". */
  message: string
  status?: number
  /** First few hundred characters of the body, secrets redacted. */
  bodyExcerpt?: string
}

/** What the gate saw of one endpoint. */
export interface EndpointEvidence {
  url: string
  probes: number
  passed: number
  failed: number
  /** Latency of answered probes, in ms; null when none answered. */
  latency: { p50: number; p95: number; max: number } | null
  lastFailure?: ProbeFailure
  /** Redirects followed by the last probe, if any. */
  redirects?: string[]
  verdict: 'passed' | 'failed' | 'pending'
  /** Each probe's latency in ms, one per round, in order; null when it got no answer (the summary's latency chart). */
  roundLatenciesMs?: Array<number | null>
}

export interface ErrorRateEvidence {
  errors: number
  total: number
  /** errors / total over the window; 0 when total is 0. */
  rate: number
  max: number
}

/** Which check decided a gate: a rule that failed or passed it, or none ran ('none'), or it was stopped ('cancelled'). */
export type GateCheck = 'health' | 'startup-timeout' | 'soak' | 'config' | Exclude<SignalId, 'http'> | 'cancelled' | 'none'

/** The gate's decision with the evidence behind it. */
export interface GateVerdict {
  passed: boolean
  /** Which check decided. */
  check: GateCheck
  /** One line for humans: what failed and its evidence (or why it passed). */
  reason: string
  durationMs: number
  rounds: number
  endpoints: EndpointEvidence[]
  errorRate?: ErrorRateEvidence
  /** Each signal's vote over this gate, for the summary (absent in records from before signals had votes). */
  signals?: SignalEvidence[]
}

/** The gate's signals, by the names the summary and the plan use. */
export type SignalId = 'http' | 'error-rate' | 'prometheus' | 'watch' | 'baseline'

/** What one signal (one subject of it: an endpoint, a query) said over a whole gate. */
export interface SignalEvidence {
  id: SignalId
  /** The subject: an endpoint's URL, a query's name, `watch-command`, `baseline`. */
  name: string
  /** The rule it was held to. */
  rule: string
  /** Its last vote: a gate can fail on one signal while another passed, and the summary must show both. */
  vote: 'passed' | 'failed' | 'no data'
  /** Its last evidence line. */
  evidence: string
}
