import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGit,
  require_node_path
} from "./chunk-2GDNEW2S.js";
import {
  LockTimeoutError
} from "./chunk-JDIDMEBD.js";
import {
  isVersionName
} from "./chunk-JXQCFANS.js";
import {
  probe,
  statusRangesText
} from "./chunk-PIBP7SHH.js";
import {
  OUTCOME_WORDS,
  consequence,
  failedStep,
  formatDuration,
  headlineText,
  stepDurationText
} from "./chunk-ZCWOWEQK.js";
import {
  summarizeLatency
} from "./chunk-N6P4XQDT.js";
import {
  parseErrorRateQuery,
  parseRate
} from "./chunk-C75IKLCA.js";
import {
  GatePolicy,
  nextDelay,
  percent
} from "./chunk-QQWE5MX7.js";
import {
  MetricsQueryError,
  parseMetricsQueries,
  queryRule
} from "./chunk-YOTN2GJA.js";
import {
  displayUrl
} from "./chunk-KRG23FXG.js";
import {
  describeExit,
  runShell
} from "./chunk-CYVCJERS.js";
import "./chunk-CLQH5R2E.js";
import "./chunk-VGGPMC44.js";
import {
  HttpDispatcher,
  ProxyEnvError,
  proxyCredentials,
  readProxyEnv
} from "./chunk-YG2QNNYP.js";
import {
  Inputs,
  MAX_DURATION_MS,
  Outputs,
  addSecret,
  core_exports,
  createStateStore,
  durationText,
  error,
  group,
  info,
  interruptedWhat,
  isMidway,
  mkdir,
  mkdtemp,
  redact,
  require_node_fs,
  setFailed,
  setOutput,
  sleep,
  stoppedHow,
  summary,
  urlPath,
  warning
} from "./chunk-6PFF2QCX.js";
import {
  __toESM
} from "./chunk-HANBNIMK.js";

// node_modules/parse-duration/locale/en.js
var unit = /* @__PURE__ */ Object.create(null);
var m = 6e4;
var h = m * 60;
var d = h * 24;
var y = d * 365.25;
unit.year = unit.yr = unit.y = y;
unit.month = unit.mo = unit.mth = y / 12;
unit.week = unit.wk = unit.w = d * 7;
unit.day = unit.d = d;
unit.hour = unit.hr = unit.h = h;
unit.minute = unit.min = unit.m = m;
unit.second = unit.sec = unit.s = 1e3;
unit.millisecond = unit.millisec = unit.ms = 1;
unit.microsecond = unit.microsec = unit.us = unit.\u00B5s = 1e-3;
unit.nanosecond = unit.nanosec = unit.ns = 1e-6;
unit.group = ",";
unit.decimal = ".";
unit.placeholder = " _";
var en_default = unit;

// node_modules/parse-duration/index.js
var durationRE = /((?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([\p{L}]{0,14})/gu;
parse.unit = en_default;
var groupRE;
var placeholder = null;
var group2;
var lookupUnit = (unit2, name) => {
  name = String(name).toLowerCase();
  return unit2[name] ?? (name.endsWith("s") ? unit2[name.slice(0, -1)] : void 0);
};
function parse(str = "", format = "ms") {
  let result = null, prevUnits, unit2 = parse.unit;
  if (unit2.placeholder !== placeholder || unit2.group !== group2)
    groupRE = new RegExp(`(\\d)[${(placeholder = unit2.placeholder) ?? ""}${(group2 = unit2.group) ?? ""}](\\d)`, "g");
  str = String(str);
  let s = str.replace(groupRE, "$1$2");
  if (unit2.decimal !== ".") s = s.replaceAll(unit2.decimal, ".");
  durationRE.lastIndex = 0;
  for (let m2; m2 = durationRE.exec(s); ) {
    let units = m2[2];
    if (!units) {
      if (prevUnits) {
        for (const u in unit2) if (unit2[u] < prevUnits) {
          units = u;
          break;
        }
      } else units = format;
    }
    prevUnits = units = lookupUnit(unit2, units);
    if (typeof units == "number") result = (result || 0) + m2[1] * units;
  }
  return result && result / (lookupUnit(unit2, format) || 1) * (str.trimStart()[0] === "-" ? -1 : 1);
}

// src/headers.ts
var CREDENTIAL_HEADERS = /* @__PURE__ */ new Set(["authorization", "proxy-authorization", "cookie"]);
var CREDENTIAL_WORDS = ["token", "key", "secret", "auth", "session", "signature", "password", "credential"];
var TOKEN_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var BAD_VALUE_CHAR_RE = /[^\t\x20-\x7e\x80-\xff]/;
var CLIENT_OWNED = /* @__PURE__ */ new Set(["connection", "content-length", "expect", "keep-alive", "transfer-encoding", "upgrade"]);
var MIN_SECRET = 4;
var MIN_PART = 8;
var HeaderLineError = class extends Error {
  constructor(line, problem) {
    super(`line ${line}: ${problem}`);
    this.line = line;
    this.problem = problem;
    this.name = "HeaderLineError";
  }
  line;
  problem;
};
function isCredentialHeader(name) {
  const n = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(n) || CREDENTIAL_WORDS.some((w) => n.includes(w));
}
function parseHeaderLines(text) {
  const headers = [];
  const secrets = [];
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) return;
    const [name, value] = splitLine(line, i + 1);
    if (isCredentialHeader(name)) secrets.push(...credentialForms(value));
    checkValue(name, value, i + 1);
    headers.push([name, value]);
  });
  return { headers, secrets: unique(secrets) };
}
function splitLine(line, n) {
  const colon = line.indexOf(":");
  if (colon <= 0) throw new HeaderLineError(n, "expected 'Name: value' (e.g. 'Authorization: Bearer \u2026'); this line has no name before a ':'.");
  const name = line.slice(0, colon).trim();
  if (!TOKEN_RE.test(name)) {
    throw new HeaderLineError(n, "the text before the first ':' is not a header name (one word of letters, digits and !#$%&'*+.^_`|~-, e.g. X-Api-Key).");
  }
  if (CLIENT_OWNED.has(name.toLowerCase())) {
    throw new HeaderLineError(n, `'${name}' is set by the HTTP client itself and cannot be configured; remove this line.`);
  }
  return [name, line.slice(colon + 1).trim()];
}
function checkValue(name, value, n) {
  const bad = BAD_VALUE_CHAR_RE.exec(value)?.[0];
  if (bad === void 0) return;
  throw new HeaderLineError(
    n,
    `the value of '${name}' contains ${describeChar(bad)}, which HTTP headers cannot carry; a header value is one line of printable characters.`
  );
}
function describeChar(c) {
  if (c === "\r") return "a carriage return (CR: a file saved with Windows line endings, or a stray \\r)";
  if (c === "\n") return "a line feed (LF)";
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return code < 32 || code === 127 ? `a control character (${hex})` : `a character outside Latin-1 (${hex}); percent-encode it`;
}
function credentialForms(value) {
  const forms = [value];
  const parts = [];
  const scheme = /^([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+(\S.*)$/.exec(value);
  if (scheme) {
    parts.push(scheme[2]);
    if (scheme[1].toLowerCase() === "basic") forms.push(...basicForms(scheme[2]));
  }
  if (value.includes(";") || /^[^=\s]+=/.test(value)) {
    for (const pair of value.split(";")) if (pair.includes("=")) parts.push(pair.slice(pair.indexOf("=") + 1).trim());
  }
  return [...forms.filter((f) => f.trim().length >= MIN_SECRET), ...parts.filter((p) => p.length >= MIN_PART)];
}
function basicForms(encoded) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return [];
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0 || /[\x00-\x1f\ufffd]/.test(decoded)) return [];
  return [decoded, decoded.slice(colon + 1)];
}
function urlCredentialForms(value) {
  const written = /^[a-z][\w+.-]*:\/\/([^/?#@]*)@/i.exec(value.trim())?.[1];
  if (!written) return [];
  const colon = written.indexOf(":");
  const forms = [];
  if (colon >= 0) {
    const password = written.slice(colon + 1);
    forms.push(password, tryDecode(password), written, tryDecode(written));
  }
  try {
    const u = new URL(value.trim());
    const pair = `${tryDecode(u.username)}:${tryDecode(u.password)}`;
    if (u.password) forms.push(u.password, tryDecode(u.password), `${u.username}:${u.password}`, pair);
    if (u.username || u.password) forms.push(basicToken(pair));
  } catch {
  }
  return unique(forms.filter((f) => f.length >= MIN_SECRET));
}
function basicToken(pair) {
  return Buffer.from(pair).toString("base64");
}
function tryDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function unique(values) {
  return [...new Set(values)];
}

// src/inputs.ts
var ConfigError = class extends Error {
  constructor(input, message) {
    super(`Invalid input '${input}': ${message}`);
    this.input = input;
    this.name = "ConfigError";
  }
  input;
};
var EnvironmentError = class extends ConfigError {
  constructor(variable, message) {
    super(variable, message);
    this.message = `Invalid environment variable ${variable}: ${message}`;
    this.name = "EnvironmentError";
  }
};
var DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
var InputReader = class {
  constructor(source) {
    this.source = source;
  }
  source;
  /** The input as given, trimmed ('' when not set). */
  raw(name) {
    return this.source.getInput(name).trim();
  }
  /** The input as given, untrimmed (multi-line inputs). */
  text(name) {
    return this.source.getInput(name);
  }
  /** A secret input: masked and redacted before anything can print it. */
  secret(name) {
    const value = this.raw(name);
    this.mask(value);
    return value;
  }
  /** Masked by the runner and redacted by us; a URL's path too, for a command that prints only that part. */
  mask(value) {
    if (!value) return;
    for (const part of [value, urlPath(value)]) if (part) this.source.setSecret(part);
    addSecret(value);
  }
  lines(name) {
    return lines(this.text(name));
  }
  bool(name, fallback) {
    return bool(name, this.raw(name), fallback);
  }
  duration(name, fallback, o = {}) {
    return duration(name, this.raw(name) || fallback, o);
  }
  optionalDuration(name) {
    return this.raw(name) ? duration(name, this.raw(name)) : void 0;
  }
  positiveInt(name, fallback) {
    return positiveInt(name, this.raw(name) || fallback);
  }
  /** An http(s) URL, or undefined when not set. */
  url(name, o = {}) {
    const value = o.secret ? this.secret(name) : this.raw(name);
    return value ? httpUrl(name, value, o.secret) : void 0;
  }
  /** `Name: value` lines: credential values masked, the others sent as written. */
  headers(name) {
    return readHeaders(name, this.text(name), (v) => this.mask(v));
  }
};
function lines(text) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
}
function oneOf(input, value, allowed) {
  if (allowed.includes(value)) return value;
  throw new ConfigError(input, `'${value}' is not one of ${allowed.join(", ")}.`);
}
function bool(input, value, fallback) {
  if (value === "") return fallback;
  const v = value.toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  throw new ConfigError(input, `'${value}' is not a boolean; expected true or false.`);
}
function positiveInt(input, value) {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1e3) {
    throw new ConfigError(input, `'${value}' is not a whole number from 1 to 1000.`);
  }
  return Number(value);
}
function duration(input, value, o = {}) {
  const v = value.replace(/\s+/g, "");
  if (o.allowZero && /^0+$/.test(v)) return 0;
  const ms = DURATION_RE.test(v) ? parse(v) : null;
  if (ms === null || ms === void 0 || !Number.isFinite(ms)) {
    throw new ConfigError(input, `'${value}' is not a duration; expected a number with a unit: 500ms, 10s, 5m, 1h, 1d or 1m30s.`);
  }
  if (ms <= 0 && !o.allowZero) throw new ConfigError(input, `'${value}' must be above zero, e.g. 10s.`);
  if (Math.round(ms) > MAX_DURATION_MS) {
    throw new ConfigError(input, `'${value}' is too long: at most 24d (576h), the longest wait Node's timers can hold.`);
  }
  return Math.round(ms);
}
function httpUrl(input, value, isSecret = false) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(input, `${isSecret ? "the value" : `'${value}'`} is not a URL; expected http(s)://host/path.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(input, `${isSecret ? "the value" : `'${value}'`} must use http or https.`);
  }
  return value;
}
function readHeaders(input, text, mask) {
  let parsed;
  try {
    parsed = parseHeaderLines(text);
  } catch (err) {
    if (err instanceof HeaderLineError) throw new ConfigError(input, err.message);
    throw err;
  }
  parsed.secrets.forEach(mask);
  return parsed.headers;
}

// src/gate/signals/baseline.ts
var baselineSignal = {
  id: "baseline",
  inputs: [Inputs.BaselineDuration, Inputs.MaxSlowdown],
  abstain: "wait",
  readsVotes: true,
  read: readBaseline,
  configOf: (g) => g.baseline && g.urls.length ? g.baseline : void 0,
  describe: (c, g) => `baseline: the live version's health-urls probed for ${durationText(c.durationMs)} before deploying, every ${durationText(g.intervalMs)}; fail when the new median is more than ${percent(c.maxSlowdown)} slower and a Mann-Whitney U test gives p < 0.01, over at least 30 samples a side`,
  start: async (c, ctx) => (await import("./baseline-run-SSWLDTTD.js")).startBaseline(c, ctx)
};
function readBaseline(r) {
  const durationMs = r.duration(Inputs.BaselineDuration, "0s", { allowZero: true });
  const maxSlowdown = parseSlowdown(r.raw(Inputs.MaxSlowdown) || "50%");
  if (durationMs === 0) return void 0;
  if (r.lines(Inputs.HealthUrls).length === 0) {
    throw new ConfigError(
      Inputs.BaselineDuration,
      "needs `health-urls`: the baseline is their latency on the live version; set health-urls, or baseline-duration: 0s."
    );
  }
  return { durationMs, maxSlowdown };
}
function parseSlowdown(text) {
  const m2 = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  const value = m2 ? Number(m2[1]) / 100 : NaN;
  if (!(value > 0 && value <= 100))
    throw new ConfigError(
      Inputs.MaxSlowdown,
      `'${text}' is not a slowdown; expected a percentage above 0, e.g. 50% (the new median may be up to 1.5\xD7 the baseline's).`
    );
  return value;
}

// src/gate/signals/error-rate.ts
var errorRateSignal = {
  id: "error-rate",
  inputs: [Inputs.MetricsUrl, Inputs.ErrorRateQuery, Inputs.MaxErrorRate, Inputs.MinRequests],
  abstain: "free",
  read: readErrorRate,
  configOf: (g) => g.errorRate,
  describe: (c) => `error rate: ${c.query} from ${displayUrl(c.metricsUrl)} at most ${percent(c.maxErrorRate)} since the gate started, once ${c.minRequests ?? 0} requests were counted`,
  start: async (c, ctx) => (await import("./error-rate-run-4VND5VDP.js")).startErrorRate(c, ctx)
};
function readErrorRate(r) {
  const metricsUrl = r.raw(Inputs.MetricsUrl);
  const query = r.raw(Inputs.ErrorRateQuery);
  const max = r.raw(Inputs.MaxErrorRate);
  const minRequests = readMinRequests(r.raw(Inputs.MinRequests) || "20");
  if (!metricsUrl) {
    if (query || max)
      throw new ConfigError(Inputs.MetricsUrl, "`error-rate-query` and `max-error-rate` need `metrics-url`, the Prometheus text endpoint to read.");
    return void 0;
  }
  httpUrl(Inputs.MetricsUrl, metricsUrl);
  if (!query) {
    throw new ConfigError(Inputs.ErrorRateQuery, 'required with `metrics-url`; expected e.g. http_requests_total{code=~"5.."} / http_requests_total.');
  }
  let selectors;
  try {
    selectors = parseErrorRateQuery(query);
  } catch (err) {
    throw new ConfigError(Inputs.ErrorRateQuery, err.message);
  }
  let maxErrorRate;
  try {
    maxErrorRate = parseRate(max || "5%");
  } catch (err) {
    throw new ConfigError(Inputs.MaxErrorRate, err.message);
  }
  return { metricsUrl, query, errors: selectors.errors, total: selectors.total, maxErrorRate, minRequests };
}
function readMinRequests(min) {
  if (!/^\d{1,9}$/.test(min))
    throw new ConfigError(Inputs.MinRequests, `'${min}' is not a number of requests; expected a whole number, e.g. 20 (0: vote from the first request).`);
  return Number(min);
}

// src/gate/rules.ts
function parseStatusRanges(text) {
  const ranges = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    let m2;
    let range;
    if (m2 = part.match(/^(\d{3})$/)) range = { min: Number(m2[1]), max: Number(m2[1]) };
    else if (m2 = part.match(/^(\d{3})\s*-\s*(\d{3})$/)) range = { min: Number(m2[1]), max: Number(m2[2]) };
    else if (m2 = part.match(/^([1-5])xx$/i)) range = { min: Number(m2[1]) * 100, max: Number(m2[1]) * 100 + 99 };
    if (!range || range.min < 100 || range.max > 599 || range.min > range.max) {
      throw new ConfigError(Inputs.ExpectedStatus, `'${part}' is not a status code or range; expected e.g. 200-299, 200,204 or 2xx.`);
    }
    ranges.push(range);
  }
  if (ranges.length === 0) throw new ConfigError(Inputs.ExpectedStatus, "expected at least one status code or range, e.g. 200-299.");
  return ranges;
}
function parseBodyMatcher(text) {
  if (!text.trim()) return void 0;
  const m2 = text.trim().match(/^\/(.+)\/([dgimsuvy]*)$/s);
  if (!m2) return { kind: "substring", text: text.trim() };
  try {
    return { kind: "regex", regex: new RegExp(m2[1], m2[2].replace(/[gy]/g, "")), source: text.trim() };
  } catch (err) {
    throw new ConfigError(Inputs.ExpectedBody, `'${text.trim()}' is not a valid regular expression (${err.message}).`);
  }
}

// src/gate/signals/http-probe.ts
var httpProbeSignal = {
  id: "http",
  inputs: [Inputs.HealthUrls, Inputs.HealthHeaders, Inputs.ExpectedStatus, Inputs.ExpectedBody, Inputs.ExpectVersion, Inputs.MaxLatency],
  abstain: "required",
  read: (r) => ({
    urls: r.lines(Inputs.HealthUrls).map((u) => httpUrl(Inputs.HealthUrls, u)),
    headers: r.headers(Inputs.HealthHeaders),
    expectedStatus: parseStatusRanges(r.raw(Inputs.ExpectedStatus) || "200-299"),
    expectedBody: parseBodyMatcher(r.text(Inputs.ExpectedBody)),
    expectVersion: r.bool(Inputs.ExpectVersion, false),
    maxLatencyMs: r.optionalDuration(Inputs.MaxLatency)
  }),
  configOf: (g) => g.urls.length ? g : void 0,
  describe: (c, g) => `health gate: ${c.urls.map(displayUrl).join(", ")} every ${durationText(g.intervalMs)}, ${g.successThreshold} passes to pass, ${g.failureThreshold} failures to fail`,
  // Every gate with health-urls runs it: nothing to load.
  start: (c, ctx) => Promise.resolve(startHttpProbe(c, ctx))
};
function ruleText(c) {
  const parts = [`status ${statusRangesText(c.expectedStatus)}`];
  if (c.expectedBody) parts.push(`body ${c.expectedBody.kind === "regex" ? c.expectedBody.source : JSON.stringify(c.expectedBody.text)}`);
  if (c.expectVersion) parts.push("names the version");
  if (c.maxLatencyMs !== void 0) parts.push(`within ${c.maxLatencyMs}ms`);
  return parts.join(", ");
}
function startHttpProbe(c, ctx) {
  const shown = [...new Map(c.urls.map((u) => [displayUrl(u), u])).entries()];
  const endpoints = shown.map(([name, url]) => ({
    url,
    evidence: { url: name, probes: 0, passed: 0, failed: 0, latency: null, verdict: "pending" },
    latencies: [],
    lastOk: false
  }));
  const rule = ruleText(c);
  return {
    async observe() {
      const probes = await Promise.all(
        endpoints.map(
          (e) => probe(e.url, {
            headers: c.headers,
            requestTimeoutMs: ctx.cfg.requestTimeoutMs,
            expectedStatus: c.expectedStatus,
            expectedBody: c.expectedBody,
            version: c.expectVersion ? ctx.version : void 0,
            maxLatencyMs: c.maxLatencyMs,
            dispatcher: ctx.dispatcher,
            signal: ctx.signal
          })
        )
      );
      return probes.map((p, i) => {
        record(endpoints[i], p);
        return voteOf(p, rule);
      });
    },
    verdictPart: (end) => ({ endpoints: endpoints.map((e) => endpointEvidence(e, end)) }),
    passText() {
      const latency = summarizeLatency(endpoints.flatMap((e) => e.latencies));
      return latency ? `p95 ${latency.p95}ms` : void 0;
    }
  };
}
function voteOf(p, rule) {
  const timing = p.answered ? `${p.status} ${Math.round(p.latencyMs)}ms` : "";
  const head2 = [p.url, timing].filter(Boolean).join(" ");
  return {
    id: "http",
    signal: p.url,
    subject: p.url,
    rule,
    kind: p.ok ? "pass" : "fail",
    answered: p.answered,
    evidence: p.ok ? `${head2} ok` : `${head2} ${p.failure?.message ?? "failed"}`,
    ...p.status !== void 0 ? { status: p.status } : {},
    ...p.failure ? { failure: p.failure } : {},
    ...p.retryAfterMs !== void 0 ? { retryAfterMs: p.retryAfterMs } : {},
    ...p.answered ? { latencyMs: p.latencyMs } : {}
  };
}
function record(e, p) {
  const ev = e.evidence;
  ev.probes++;
  if (p.ok) ev.passed++;
  else ev.failed++;
  e.lastOk = p.ok;
  if (p.answered) e.latencies.push(p.latencyMs);
  ev.roundLatenciesMs ??= [];
  ev.roundLatenciesMs.push(p.answered ? Math.round(p.latencyMs) : null);
  if (p.failure) ev.lastFailure = p.failure;
  if (p.redirects) ev.redirects = p.redirects;
  else delete ev.redirects;
}
function endpointEvidence(e, end) {
  const decided = end.decidedById === "http" && e.evidence.url === end.decidedBy;
  const verdict = end.cancelled ? "pending" : end.passed ? "passed" : decided || !e.lastOk ? "failed" : "passed";
  return { ...e.evidence, verdict, latency: summarizeLatency(e.latencies) };
}

// src/gate/signals/prometheus.ts
var prometheusSignal = {
  id: "prometheus",
  inputs: [Inputs.PrometheusUrl, Inputs.PrometheusHeaders, Inputs.MetricsQueries],
  abstain: "required",
  read: readPrometheus,
  configOf: (g) => g.prometheus,
  describe: (c) => `metrics-queries (${displayUrl(c.url)}): ${c.queries.map((q) => `${q.name}: ${queryRule(q)}`).join("; ")}`,
  preflight: async (c, g, ctx) => (await import("./prometheus-run-TZPRWHWV.js")).preflightPrometheus(c, g, ctx),
  start: async (c, ctx) => (await import("./prometheus-run-TZPRWHWV.js")).startPrometheus(c, ctx)
};
function readPrometheus(r) {
  urlCredentialForms(r.raw(Inputs.PrometheusUrl)).forEach((v) => r.mask(v));
  const url = r.url(Inputs.PrometheusUrl);
  const headers = r.headers(Inputs.PrometheusHeaders);
  let queries;
  try {
    queries = parseMetricsQueries(r.text(Inputs.MetricsQueries));
  } catch (err) {
    if (err instanceof MetricsQueryError) throw new ConfigError(Inputs.MetricsQueries, err.message);
    throw err;
  }
  if (!url) {
    if (queries.length)
      throw new ConfigError(Inputs.PrometheusUrl, "required with `metrics-queries`: the base URL of the Prometheus API, e.g. http://prometheus:9090.");
    if (headers.length) throw new ConfigError(Inputs.PrometheusHeaders, "needs `prometheus-url` and `metrics-queries`.");
    return void 0;
  }
  if (!queries.length) throw new ConfigError(Inputs.MetricsQueries, "required with `prometheus-url`: one check per line, `name: <PromQL> <op> <number>`.");
  return { url, headers, queries };
}

// src/gate/signals/watch.ts
var watchSignal = {
  id: "watch",
  inputs: [Inputs.WatchCommand],
  abstain: "required",
  read: (r) => r.raw(Inputs.WatchCommand) || void 0,
  configOf: (g) => g.watchCommand,
  describe: (c, g) => `watch-command every round (exit 0 passes, within ${durationText(g.requestTimeoutMs)}): ${c}`,
  start: async (command, ctx) => (await import("./watch-run-J4D2OFVV.js")).startWatch(command, ctx)
};

// src/gate/signals/index.ts
var SIGNALS = [httpProbeSignal, errorRateSignal, prometheusSignal, watchSignal, baselineSignal];
function activeSignals(g) {
  return SIGNALS.flatMap((def) => {
    const config = def.configOf(g);
    return config === void 0 ? [] : [{ def, config }];
  });
}

// src/gate/config.ts
function readGateConfig(r) {
  for (const u of [...r.lines(Inputs.HealthUrls), r.raw(Inputs.MetricsUrl)]) urlCredentialForms(u).forEach((v) => r.mask(v));
  const http = httpProbeSignal.read(r);
  return {
    ...http,
    startupTimeoutMs: r.duration(Inputs.StartupTimeout, "5m"),
    intervalMs: r.duration(Inputs.Interval, "5s"),
    requestTimeoutMs: r.duration(Inputs.RequestTimeout, "10s"),
    successThreshold: r.positiveInt(Inputs.SuccessThreshold, "3"),
    failureThreshold: r.positiveInt(Inputs.FailureThreshold, "3"),
    soakMs: r.duration(Inputs.SoakDuration, "0s", { allowZero: true }),
    errorRate: errorRateSignal.read(r),
    prometheus: prometheusSignal.read(r),
    watchCommand: watchSignal.read(r),
    baseline: baselineSignal.read(r),
    rollbackSoakMs: r.duration(Inputs.RollbackSoakDuration, "0s", { allowZero: true })
  };
}
function gateObserves(g) {
  return activeSignals(g).length > 0;
}

// src/sinks/outcomes.ts
var OUTCOME_ALIASES = {
  deployed: "deployed",
  "rolled-back": "rolled-back",
  rollback: "rolled-back",
  "rollback-failed": "rollback-failed",
  failed: "failed"
};
function parseOutcomes(input, text) {
  const out = /* @__PURE__ */ new Set();
  for (const word of text.split(/[,\n]/).map((w) => w.trim()).filter(Boolean)) {
    const outcome = OUTCOME_ALIASES[word];
    if (!outcome) {
      throw new ConfigError(
        input,
        `'${word}' is not an outcome; expected a comma-separated list of deployed, rolled-back (or rollback), rollback-failed, failed.`
      );
    }
    out.add(outcome);
  }
  return out;
}
function shouldNotify(status, outcomes) {
  return status !== "planned" && outcomes.has(status);
}

// src/sinks/send.ts
async function sendAlert(req, o = {}) {
  const { postJson } = await import("./post-json-L6T53HXA.js");
  return postJson(req.url, req.body, {
    service: req.service,
    raw: req.raw,
    headers: req.headers,
    retryAfterFromBody: req.retryAfterFromBody,
    attempts: o.attempts,
    maxBackoffMs: o.maxWaitMs,
    attemptTimeoutMs: o.timeoutMs,
    deadlineMs: o.deadlineMs,
    sleep: o.sleep
  });
}

// src/sinks/types.ts
function defineSink(d2) {
  return {
    id: d2.id,
    kind: d2.kind,
    name: d2.name,
    inputs: d2.inputs,
    read: (r, shared) => {
      const settings = d2.read(r, shared);
      return settings === void 0 ? void 0 : configure(d2, settings);
    },
    definition: d2
  };
}
function configure(d2, settings) {
  return {
    id: d2.id,
    kind: d2.kind,
    name: d2.name,
    settings,
    wants: (record2, shared) => d2.wants ? d2.wants(record2, settings, shared) : true,
    publish: (record2, ctx) => d2.publish(record2, settings, ctx)
  };
}
function delivered(result, what) {
  return result.ok ? { status: "sent", what, attempts: result.attempts } : { status: "failed", error: result.error, attempts: result.attempts };
}

// src/sinks/discord.ts
var MENTION_RE = /^(?:@here|@everyone|<@&\d+>|<@!?\d+>)$/;
function discordRetryAfter(reply) {
  try {
    const seconds = JSON.parse(reply).retry_after;
    return typeof seconds === "number" && seconds >= 0 ? Math.ceil(seconds * 1e3) : void 0;
  } catch {
    return void 0;
  }
}
var discordSink = defineSink({
  id: "discord",
  kind: "alert",
  name: "Discord",
  inputs: [Inputs.DiscordWebhookUrl, Inputs.DiscordMention],
  read(r) {
    const webhookUrl = r.url(Inputs.DiscordWebhookUrl, { secret: true });
    const mention = r.raw(Inputs.DiscordMention) || void 0;
    if (mention && !MENTION_RE.test(mention)) {
      throw new ConfigError(Inputs.DiscordMention, `'${mention}' is not a Discord mention; expected @here, @everyone, <@&roleId> or <@userId>.`);
    }
    return webhookUrl ? { webhookUrl, mention } : void 0;
  },
  wants: (record2, _c, shared) => shouldNotify(record2.status, shared.notifyOn),
  async publish(record2, c, ctx) {
    const { buildDiscordPayload } = await import("./discord-payload-F3EYSEI7.js");
    const body = buildDiscordPayload(record2, { mention: c.mention });
    return delivered(await sendAlert({ service: "Discord", url: c.webhookUrl, body, retryAfterFromBody: discordRetryAfter }, ctx.send), record2.status);
  }
});

// src/sinks/incident.ts
var incidentSink = defineSink({
  id: "incident",
  kind: "alert",
  name: "Incident issue",
  inputs: [Inputs.IncidentIssue, Inputs.IncidentLabels],
  read(r) {
    if (!r.bool(Inputs.IncidentIssue, false)) return void 0;
    const labels = (r.raw(Inputs.IncidentLabels) || "incident,rollback").split(/[,\n]/).map((l) => l.trim()).filter(Boolean);
    return { labels };
  },
  // Decided from the record alone (no module loaded): the pure rules, restated where they are cheap.
  wants: (record2) => !record2.dryRun && (opens(record2) || closes(record2)),
  async publish(record2, c, ctx) {
    const g = ctx.github;
    if (!g.token) return { status: "failed", error: "there is no github-token to open the issue with" };
    if (!g.owner || !g.repo) return { status: "failed", error: "GITHUB_REPOSITORY is not set" };
    const { publishIncident } = await import("./incident-run-7Y65VHCZ.js");
    return publishIncident(record2, c, ctx, { token: g.token, open: opens(record2) });
  }
});
function opens(r) {
  return r.status === "rollback-failed" || r.status === "rolled-back" && r.mode === "deploy" && !r.cancelled;
}
function closes(r) {
  return r.mode === "deploy" && r.status === "deployed";
}

// src/report/outputs.ts
function buildOutputs(r, reportPath2) {
  return {
    [Outputs.Status]: r.status,
    [Outputs.Version]: r.version,
    [Outputs.PreviousVersion]: r.previousVersion ?? "",
    [Outputs.RolledBack]: String(r.rolledBack),
    [Outputs.Reason]: r.reason.replace(/\s*\r?\n\s*/g, " ").trim(),
    [Outputs.Report]: reportPath2,
    [Outputs.DeploymentId]: r.deploymentId === void 0 ? "" : String(r.deploymentId)
  };
}

// src/sinks/outputs.ts
var outputsSink = defineSink({
  id: "outputs",
  kind: "view",
  name: "outputs",
  inputs: [],
  read: () => true,
  publish(record2, _c, ctx) {
    const all = { ...buildOutputs(record2, ctx.reportPath), [Outputs.IncidentUrl]: "", ...ctx.outputs };
    for (const [name, value] of Object.entries(all)) setOutput(name, redact(value));
    return Promise.resolve({ status: "sent", what: "outputs" });
  }
});

// src/sinks/pagerduty.ts
var PAGERDUTY_DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
var isPage = shouldNotify;
var isResolve = (status, pageOn) => (status === "deployed" || status === "rolled-back") && !isPage(status, pageOn);
var pagerDutySink = defineSink({
  id: "pagerduty",
  kind: "alert",
  name: "PagerDuty",
  inputs: [Inputs.PagerdutyRoutingKey, Inputs.PageOn, Inputs.PagerdutyUrl],
  read(r) {
    const routingKey = r.secret(Inputs.PagerdutyRoutingKey);
    const pageOn = parseOutcomes(Inputs.PageOn, r.raw(Inputs.PageOn) || "rollback-failed");
    const given = r.raw(Inputs.PagerdutyUrl);
    const url = given && given !== PAGERDUTY_DEFAULT_URL ? r.url(Inputs.PagerdutyUrl, { secret: true }) : PAGERDUTY_DEFAULT_URL;
    return routingKey ? { routingKey, pageOn, url: url ?? PAGERDUTY_DEFAULT_URL } : void 0;
  },
  wants: (record2, c) => !record2.dryRun && (isPage(record2.status, c.pageOn) || isResolve(record2.status, c.pageOn)),
  async publish(record2, c, ctx) {
    const { buildPagerDutyResolve, buildPagerDutyTrigger } = await import("./pagerduty-event-ID22EKHK.js");
    const page = isPage(record2.status, c.pageOn);
    const body = page ? buildPagerDutyTrigger(record2, { routingKey: c.routingKey }) : buildPagerDutyResolve(record2, { routingKey: c.routingKey });
    const result = await sendAlert({ service: "PagerDuty", url: c.url, body }, ctx.send);
    return delivered(result, page ? `trigger, ${record2.status}` : "resolve");
  }
});

// src/sinks/report.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);

// src/report/json.ts
function buildReport(r) {
  const iso = (ms) => ms === void 0 ? null : new Date(ms).toISOString();
  const report = {
    schemaVersion: 1,
    status: r.status,
    rolledBack: r.rolledBack,
    mode: r.mode,
    environment: r.environment,
    version: r.version,
    previousVersion: r.previousVersion ?? null,
    previousSource: r.previousSource,
    reason: r.reason,
    commitSubject: r.commitSubject ?? null,
    deploymentId: r.deploymentId ?? null,
    dryRun: r.dryRun,
    cancelled: (r.cancelled && !r.mainKilled) ?? false,
    mainKilled: r.mainKilled ?? false,
    unfinished: r.unfinished ?? false,
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    durationMs: r.endedAt - r.startedAt,
    steps: r.steps.map((s) => ({
      id: s.id,
      title: s.title,
      phase: s.phase,
      outcome: s.outcome,
      startedAt: iso(s.startedAt),
      endedAt: iso(s.endedAt),
      durationMs: s.endedAt === void 0 ? null : s.endedAt - s.startedAt,
      summary: s.summary ?? null,
      output: s.output ?? [],
      verdict: s.verdict ?? null
    })),
    context: r.context
  };
  return JSON.parse(redact(JSON.stringify(report)));
}

// src/sinks/report.ts
function reportPath(runnerTemp, runId, stepId, suffix = "") {
  const step = stepId ? `-${stepId.replace(/[^\w.-]/g, "_").slice(0, 100)}` : "";
  return (0, import_node_path.join)(runnerTemp, `rollback-action-report-${runId || "local"}${step}${suffix}.json`);
}
var reportSink = defineSink({
  id: "report",
  kind: "view",
  name: "report",
  inputs: [],
  read: () => true,
  // A few kilobytes, written at once: an asynchronous write would start libuv's thread pool for it.
  publish(record2, _c, ctx) {
    try {
      (0, import_node_fs.writeFileSync)(ctx.reportPath, `${redact(JSON.stringify(buildReport(record2), null, 2))}
`);
      return Promise.resolve({ status: "sent", what: ctx.reportPath });
    } catch (err) {
      return Promise.resolve({ status: "failed", error: `Could not write the report to ${ctx.reportPath}: ${err.message}` });
    }
  }
});

// src/sinks/slack.ts
var MENTION_RE2 = /^<(?:!here|!channel|!everyone|!subteam\^[A-Z0-9]+(?:\|[^<>]*)?|@[UW][A-Z0-9]+)>$/;
var slackSink = defineSink({
  id: "slack",
  kind: "alert",
  name: "Slack",
  inputs: [Inputs.SlackWebhookUrl, Inputs.SlackMention],
  read(r) {
    const webhookUrl = r.url(Inputs.SlackWebhookUrl, { secret: true });
    const mention = r.raw(Inputs.SlackMention) || void 0;
    if (mention && !mention.split(/\s+/).every((m2) => MENTION_RE2.test(m2))) {
      throw new ConfigError(Inputs.SlackMention, `'${mention}' is not a Slack mention; expected e.g. <!here>, <!channel>, <!subteam^S012ABC> or <@U012ABC>.`);
    }
    return webhookUrl ? { webhookUrl, mention } : void 0;
  },
  wants: (record2, _c, shared) => shouldNotify(record2.status, shared.notifyOn),
  async publish(record2, c, ctx) {
    const { buildSlackPayload } = await import("./slack-payload-G22Z4XGF.js");
    const result = await sendAlert({ service: "Slack", url: c.webhookUrl, body: buildSlackPayload(record2, { mention: c.mention }) }, ctx.send);
    return delivered(result, record2.status);
  }
});

// src/report/charts.ts
var MAX_POINTS = 100;
var MAX_CHARTS = 10;
var MAX_LABEL = 120;
var GANTT_KEYWORDS = /^(gantt|title|section|dateformat|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|inclusiveenddates|topaxis|accdescr|acctitle|click|href|call|\d{4}-\d\d-\d\d)/i;
function mermaidText(text, max = MAX_LABEL) {
  const flat = redact(text).replace(/\s+/g, " ").trim();
  const short = flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
  return short.replace(/[#:;%"<>\\`]/g, (c) => `#${c.charCodeAt(0)};`);
}
function ganttTaskName(text) {
  const safe = mermaidText(text) || "step";
  return GANTT_KEYWORDS.test(safe) ? `#${safe.charCodeAt(0)};${safe.slice(1)}` : safe;
}
function tag(s) {
  switch (s.outcome) {
    case "passed":
      return "done, ";
    case "failed":
      return "crit, ";
    case "running":
      return "active, ";
    default:
      return "";
  }
}
function ganttChart(r) {
  const steps2 = r.steps.filter((s) => s.outcome !== "skipped");
  if (!steps2.length) return "";
  const lines2 = ["gantt", `  title ${mermaidText(`Steps of the run in ${r.environment}`)}`, "  dateFormat x", "  axisFormat %H:%M:%S", "  todayMarker off"];
  let phase;
  steps2.forEach((s, i) => {
    if (s.phase !== phase) lines2.push(`  section ${s.phase === "deploy" ? "Deploy" : "Roll back"}`);
    phase = s.phase;
    const end = Math.max(s.startedAt, s.endedAt ?? r.endedAt);
    const name = ganttTaskName(s.outcome === "cancelled" ? `${s.title} (cancelled)` : s.title);
    lines2.push(`  ${name} :${tag(s)}s${i}, ${Math.round(s.startedAt)}, ${Math.round(end)}`);
  });
  return fenced(lines2);
}
function downsampleMax(values, maxPoints = MAX_POINTS) {
  const bucket = Math.max(1, Math.ceil(values.length / Math.max(1, maxPoints)));
  const points = [];
  for (let i = 0; i < values.length; i += bucket) {
    const finite = values.slice(i, i + bucket).filter(Number.isFinite);
    points.push(finite.length ? Math.max(...finite) : 0);
  }
  return { points, bucket };
}
function latencyChart(series, o = {}) {
  const rounds = series.latenciesMs.length;
  if (!rounds) return "";
  const { points, bucket } = downsampleMax(series.latenciesMs, o.maxPoints ?? MAX_POINTS);
  const values = points.map((v) => Number(v.toFixed(v < 10 ? 1 : 0)));
  const top = niceCeiling(Math.max(...values));
  const what = bucket > 1 ? `ms, max of every ${bucket} rounds` : "ms";
  return fenced([
    "xychart-beta",
    `  title "${mermaidText(`Latency of ${series.endpoint} (${what})`)}"`,
    // A range needs two different ends; a single round is drawn on 1 --> 2.
    `  x-axis "round" 1 --> ${Math.max(2, rounds)}`,
    `  y-axis "ms" 0 --> ${top}`,
    `  line [${values.join(", ")}]`
  ]);
}
function latencyCharts(series, o = {}) {
  const max = o.maxCharts ?? MAX_CHARTS;
  const charts = series.slice(0, max).map((s) => latencyChart(s, o)).filter(Boolean);
  if (series.length > max) charts.push(`\u2026and ${series.length - max} more endpoints (their numbers are in the evidence table).
`);
  return charts.join("\n");
}
function buildCharts(r, latencies = [], o = {}) {
  const gantt = ganttChart(r);
  const lat = latencyCharts(latencies, o);
  const parts = [gantt ? `### Timeline

${gantt}` : "", lat ? `### Probe latency per round

${lat}` : ""];
  return parts.filter(Boolean).join("\n");
}
function niceCeiling(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m2) => m2 * p).find((n) => n >= v);
}
function fenced(lines2) {
  return ["```mermaid", ...lines2, "```", ""].join("\n");
}

// src/report/signals-table.ts
var ICONS = { passed: "\u2705", failed: "\u274C", "no data": "\u2796" };
function signalsTable(v) {
  if (!v.signals?.length) return [];
  const cell = (c) => c.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const gate = v.check === "cancelled" ? "cancelled" : v.passed ? "passed" : `failed on ${v.check}`;
  return [
    "",
    `Signals (gate ${gate}):`,
    "",
    "| Signal | Subject | Vote | Rule | Evidence |",
    "|---|---|---|---|---|",
    ...v.signals.map((s) => `| ${s.id} | ${cell(s.name)} | ${ICONS[s.vote]} ${s.vote} | ${cell(s.rule)} | ${cell(s.evidence)} |`)
  ];
}

// src/report/summary.ts
var MAX_BYTES = 900 * 1024;
var SOURCES = { input: "the previous-version input", deployments: "GitHub deployments history", tags: "release tags (semver)", none: "none found" };
function buildSummary(r) {
  const parts = [
    head(r),
    versions(r),
    steps(r),
    pictures(r),
    ...r.steps.filter((s) => s.verdict?.endpoints.length || s.verdict?.signals?.length).map(evidence),
    footer(r)
  ];
  const outputs = r.steps.filter((s) => s.output?.length).map(output);
  let text = [...parts.slice(0, -1), ...outputs, parts.at(-1)].join("\n");
  if (Buffer.byteLength(text) > MAX_BYTES) text = parts.join("\n");
  if (Buffer.byteLength(text) > MAX_BYTES) text = `${Buffer.from(text).subarray(0, MAX_BYTES).toString("utf8")}

\u2026(summary truncated)
`;
  return redact(text);
}
function head(r) {
  const lines2 = [...r.attention ? [`> [!CAUTION]`, `> **${md(r.attention)}**`, ""] : [], `## ${OUTCOME_WORDS[r.status].emoji} ${md(headlineText(r))}`, ""];
  const c = consequence(r);
  if (c) lines2.push(`**${md(c)}**`, "");
  lines2.push(`**Reason:** ${md(r.reason)}`, "");
  const failed = failedStep(r);
  if (failed && r.status !== "deployed") lines2.push(`**Failing check:** ${md(failed.title)} \u2014 ${md(failed.summary ?? failed.outcome)}`, "");
  return lines2.join("\n");
}
function versions(r) {
  const rows = [
    ["Environment", r.environment],
    [r.mode === "deploy" ? "Version deployed" : "Version put back", r.version],
    [r.mode === "deploy" ? "Last known good" : "Replaced", r.previousVersion ?? "\u2014"],
    ["Previous version from", SOURCES[r.previousSource]],
    ["Rolled back", r.rolledBack ? "yes" : "no"],
    ["Commit", r.commitSubject ?? "\u2014"],
    ["Duration", formatDuration(r.endedAt - r.startedAt)]
  ];
  if (r.deploymentId !== void 0) rows.push(["GitHub deployment", String(r.deploymentId)]);
  if (r.mainKilled) rows.push(["Main step", "ended without finishing (killed); the post step took over"]);
  else if (r.cancelled) rows.push(["Cancelled", "yes: the post step took over"]);
  return `${table(["", ""], rows)}
`;
}
function steps(r) {
  const icon = { passed: "\u2705", failed: "\u274C", skipped: "\u23ED\uFE0F", cancelled: "\u23F9\uFE0F", running: "\u2026" };
  return [
    "### Steps",
    "",
    table(
      ["Step", "Phase", "Outcome", "Duration", "Detail"],
      r.steps.map((s) => [s.title, s.phase, `${icon[s.outcome]} ${s.outcome}`, stepDurationText(s), s.summary ?? ""])
    ),
    ""
  ].join("\n");
}
function pictures(r) {
  return buildCharts(r, latencySeries(r));
}
function latencySeries(r) {
  return r.steps.flatMap(
    (s) => (s.verdict?.endpoints ?? []).filter((e) => e.roundLatenciesMs?.length).map((e) => ({ endpoint: `${e.url} (${s.title})`, latenciesMs: (e.roundLatenciesMs ?? []).map((v) => v ?? NaN) }))
  );
}
function evidence(s) {
  const v = s.verdict;
  const rows = v.endpoints.map((e) => [
    e.url,
    e.verdict,
    `${e.passed}/${e.probes}`,
    e.latency ? `${e.latency.p50} / ${e.latency.p95} / ${e.latency.max} ms` : "\u2014",
    e.lastFailure ? `${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` \u2014 \`${e.lastFailure.bodyExcerpt.slice(0, 120).replace(/`/g, "'")}\`` : ""}` : ""
  ]);
  const lines2 = [`### Evidence: ${s.title}`, "", table(["Endpoint", "Verdict", "Passed", "p50 / p95 / max", "Last failure"], rows)];
  if (v.errorRate)
    lines2.push(
      "",
      `Error rate: ${(v.errorRate.rate * 100).toFixed(2)}% (${v.errorRate.errors}/${v.errorRate.total}), max ${(v.errorRate.max * 100).toFixed(2)}%`
    );
  lines2.push(...signalsTable(v));
  lines2.push("");
  return lines2.join("\n");
}
function output(s) {
  const body = (s.output ?? []).join("\n");
  const fence = "`".repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m2) => m2[0].length + 1)));
  return [`<details><summary>Last output of ${md(s.title)}</summary>`, "", fence, body, fence, "", "</details>", ""].join("\n");
}
function footer(r) {
  return r.context.runUrl ? `[Workflow run](${r.context.runUrl}) \xB7 ${md(r.context.repository)} \xB7 by ${md(r.context.actor)}
` : "";
}
function table(header, rows) {
  const cell = (c) => md(c).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}
function md(text) {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// src/sinks/summary.ts
var summarySink = defineSink({
  id: "summary",
  kind: "view",
  name: "job summary",
  inputs: [],
  read: () => true,
  async publish(record2, _c, ctx) {
    if (!ctx.env.GITHUB_STEP_SUMMARY) return { status: "skipped" };
    try {
      await summary.addRaw(buildSummary(record2)).write();
      return { status: "sent", what: "job summary" };
    } catch (err) {
      return { status: "failed", error: `Could not write the job summary: ${err.message}` };
    }
  }
});

// src/sinks/teams.ts
var teamsSink = defineSink({
  id: "teams",
  kind: "alert",
  name: "Teams",
  inputs: [Inputs.TeamsWebhookUrl],
  read(r) {
    const webhookUrl = r.url(Inputs.TeamsWebhookUrl, { secret: true });
    return webhookUrl ? { webhookUrl } : void 0;
  },
  wants: (record2, _c, shared) => shouldNotify(record2.status, shared.notifyOn),
  async publish(record2, c, ctx) {
    const { buildTeamsPayload } = await import("./teams-payload-TEMBDTHJ.js");
    return delivered(await sendAlert({ service: "Teams", url: c.webhookUrl, body: buildTeamsPayload(record2) }, ctx.send), record2.status);
  }
});

// src/sinks/webhook.ts
var webhookSink = defineSink({
  id: "webhook",
  kind: "alert",
  name: "Webhook",
  inputs: [Inputs.WebhookUrl, Inputs.WebhookSecret],
  read(r) {
    const url = r.url(Inputs.WebhookUrl, { secret: true });
    const secret = r.secret(Inputs.WebhookSecret) || void 0;
    if (secret && !url) throw new ConfigError(Inputs.WebhookSecret, "it signs the body sent to `webhook-url`; set `webhook-url` too, or remove it.");
    return url ? { url, secret } : void 0;
  },
  wants: (record2, _c, shared) => shouldNotify(record2.status, shared.notifyOn),
  async publish(record2, c, ctx) {
    const { webhookRequest } = await import("./webhook-body-M7S6ICHT.js");
    const { body, headers } = webhookRequest(buildReport(record2), { secret: c.secret });
    return delivered(await sendAlert({ service: "Webhook", url: c.url, body, raw: true, headers }, ctx.send), record2.status);
  }
});

// src/sinks/index.ts
var SINKS = [reportSink, outputsSink, summarySink, slackSink, discordSink, teamsSink, webhookSink, pagerDutySink, incidentSink];
var SINK_INPUTS = [Inputs.NotifyOn, ...SINKS.flatMap((s) => s.inputs)];
function readSinksConfig(reader) {
  const shared = { notifyOn: parseOutcomes(Inputs.NotifyOn, reader.raw(Inputs.NotifyOn) || "rollback,rollback-failed") };
  const configured = [];
  for (const sink of SINKS) {
    const c = sink.read(reader, shared);
    if (c) configured.push(c);
  }
  return { ...shared, configured };
}
async function publish(record2, config, log, o = {}) {
  const env = o.env ?? process.env;
  const ctx = {
    log,
    shared: config.sinks,
    github: config.github,
    reportPath: reportPath(config.runnerTemp, config.context.runId, env.GITHUB_ACTION, o.reportSuffix),
    send: o.send,
    outputs: {},
    env
  };
  const sinks = config.sinks.configured;
  if (o.alert !== false) {
    const alerts = sinks.filter((s) => s.kind === "alert" && s.wants(record2, config.sinks));
    await Promise.all(alerts.map(async (s) => logAlert(s, record2, await safely(s, record2, ctx), log)));
  }
  for (const view of sinks.filter((s) => s.kind === "view")) {
    const done = await safely(view, record2, ctx);
    if (done.status === "failed") log.warning(done.error);
  }
}
async function safely(s, record2, ctx) {
  try {
    return await s.publish(record2, ctx);
  } catch (err) {
    return { status: "failed", error: err instanceof Error ? err.message : String(err) };
  }
}
function logAlert(s, record2, d2, log) {
  if (d2.status === "sent") log.info(`${s.name} alert sent (${d2.what}).`);
  else if (d2.status === "failed") {
    const tries = d2.attempts ? ` after ${d2.attempts} attempt(s)` : "";
    log.warning(`${s.name} alert NOT sent${tries}: ${d2.error}. The run's outcome is ${record2.status}.`);
  }
}

// src/config.ts
function readProxySettings(env) {
  try {
    return readProxyEnv(env);
  } catch (err) {
    if (err instanceof ProxyEnvError) throw new EnvironmentError(err.variable, err.message);
    throw err;
  }
}
function readConfig(source, env = process.env) {
  const reader = new InputReader(source);
  const raw = (name) => reader.raw(name);
  const mask = (value) => reader.mask(value);
  const secret = (name) => reader.secret(name);
  const sinks = readSinksConfig(reader);
  const token = secret(Inputs.GithubToken);
  const gate = readGateConfig(reader);
  proxyCredentials(readProxySettings(env)).forEach(mask);
  const mode = oneOf(Inputs.Mode, raw(Inputs.Mode) || "deploy", ["deploy", "rollback"]);
  const rollbackCommand = raw(Inputs.RollbackCommand) || void 0;
  const deployCommand = raw(Inputs.DeployCommand);
  if (!deployCommand && !(mode === "rollback" && rollbackCommand)) {
    throw new ConfigError(Inputs.DeployCommand, "it is required: the bash command that deploys the tree it runs in, e.g. `./deploy.sh`.");
  }
  const context = readContext(env);
  const version = checkVersion(Inputs.Version, raw(Inputs.Version) || (mode === "deploy" ? defaultVersion(env) : ""));
  if (mode === "deploy" && !version) {
    throw new ConfigError(Inputs.Version, "no version given and neither GITHUB_REF is a tag nor GITHUB_SHA is set; set `version`.");
  }
  const previousVersion = checkVersion(Inputs.PreviousVersion, raw(Inputs.PreviousVersion)) || void 0;
  const onlyIfLive = checkVersion(Inputs.OnlyIfLive, raw(Inputs.OnlyIfLive)) || void 0;
  if (onlyIfLive && mode !== "rollback") throw new ConfigError(Inputs.OnlyIfLive, "applies to mode rollback only; remove it or set mode: rollback.");
  const smokeCommand = raw(Inputs.SmokeCommand) || void 0;
  if (!gateObserves(gate) && !smokeCommand) {
    throw new ConfigError(
      Inputs.HealthUrls,
      "set at least one of `health-urls` or `smoke-command` (or `metrics-url`, `metrics-queries`, `watch-command`), so the new version is proven healthy before it stays live."
    );
  }
  const [owner = "", repo = ""] = context.repository.split("/");
  return {
    mode,
    deployCommand,
    version,
    previousVersion,
    onlyIfLive,
    tagPattern: raw(Inputs.TagPattern) || "v*",
    environment: environmentName(raw(Inputs.Environment) || "production"),
    gate,
    smokeCommand,
    smokeTimeoutMs: duration(Inputs.SmokeTimeout, raw(Inputs.SmokeTimeout) || "10m"),
    deployTimeoutMs: duration(Inputs.DeployTimeout, raw(Inputs.DeployTimeout) || "30m"),
    rollbackCommand,
    backupCommand: raw(Inputs.BackupCommand) || void 0,
    beforeRollbackCommand: raw(Inputs.BeforeRollbackCommand) || void 0,
    afterRollbackCommand: raw(Inputs.AfterRollbackCommand) || void 0,
    afterDeployCommand: raw(Inputs.AfterDeployCommand) || void 0,
    prepareRollbackCommand: raw(Inputs.PrepareRollbackCommand) || void 0,
    rollbackOnCancel: bool(Inputs.RollbackOnCancel, raw(Inputs.RollbackOnCancel), true),
    cancelTimeoutMs: duration(Inputs.CancelTimeout, raw(Inputs.CancelTimeout) || "4m"),
    failOnRollback: bool(Inputs.FailOnRollback, raw(Inputs.FailOnRollback), true),
    sinks,
    github: {
      token: token || void 0,
      deployments: bool(Inputs.Deployments, raw(Inputs.Deployments), true),
      apiUrl: env.GITHUB_API_URL || "https://api.github.com",
      owner,
      repo,
      concurrencyTimeoutMs: duration(Inputs.ConcurrencyTimeout, raw(Inputs.ConcurrencyTimeout) || "10m", { allowZero: true }),
      environmentUrl: raw(Inputs.EnvironmentUrl) ? httpUrl(Inputs.EnvironmentUrl, raw(Inputs.EnvironmentUrl)) : void 0
    },
    dryRun: bool(Inputs.DryRun, raw(Inputs.DryRun), false),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || env.TMPDIR || "/tmp",
    context
  };
}
function defaultVersion(env) {
  const ref = env.GITHUB_REF ?? "";
  if (ref.startsWith("refs/tags/")) return ref.slice("refs/tags/".length);
  return (env.GITHUB_SHA ?? "").slice(0, 7);
}
function readContext(env) {
  const serverUrl = env.GITHUB_SERVER_URL || "https://github.com";
  const repository = env.GITHUB_REPOSITORY || "";
  const runId = env.GITHUB_RUN_ID || "";
  return {
    repository,
    serverUrl,
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : "",
    actor: env.GITHUB_ACTOR || "",
    sha: env.GITHUB_SHA || "",
    ref: env.GITHUB_REF || "",
    workflow: env.GITHUB_WORKFLOW || "",
    runId
  };
}
function checkVersion(input, value) {
  if (value.startsWith("-")) throw new ConfigError(input, `'${value}' must not start with '-'.`);
  if (value && !isVersionName(value)) {
    throw new ConfigError(input, `'${value}' is not a version; expected a tag like v1.2.3 or a full commit SHA (letters, digits and . _ - + / @).`);
  }
  return value;
}
function environmentName(value) {
  if (/[\r\n]/.test(value) || value.length > 255) {
    throw new ConfigError(Inputs.Environment, "expected a single-line name of at most 255 characters, e.g. production.");
  }
  return value;
}

// src/gate/pass-reason.ts
function passReason(o) {
  const { cfg } = o;
  const parts = [];
  if (!o.soakOnly) parts.push(`${cfg.successThreshold}/${cfg.successThreshold} consecutive rounds ok`);
  if (cfg.soakMs > 0) {
    const blips = o.soakFailures ? ` (${o.soakFailures} failed probe${o.soakFailures === 1 ? "" : "s"}, recovered)` : "";
    parts.push(`healthy through a ${durationText(cfg.soakMs)} soak${blips}`);
  }
  parts.push(...o.facts);
  return `passed: ${parts.join(", ")}`;
}

// src/gate/tally.ts
var VoteTally = class {
  entries = /* @__PURE__ */ new Map();
  add(votes) {
    for (const v of votes) {
      const key = `${v.id} ${v.subject}`;
      const entry = this.entries.get(key) ?? { evidence: { id: v.id, name: v.subject, rule: v.rule, vote: "no data", evidence: "" }, votes: 0 };
      entry.votes++;
      if (v.kind !== "abstain" || entry.evidence.vote === "no data") {
        entry.evidence = { ...entry.evidence, vote: v.kind === "pass" ? "passed" : v.kind === "fail" ? "failed" : "no data", evidence: v.evidence };
      }
      this.entries.set(key, entry);
    }
  }
  /** How many rounds a subject voted in (for the probe count of "never answered"). */
  count(id, subject) {
    return this.entries.get(`${id} ${subject}`)?.votes;
  }
  evidence() {
    return [...this.entries.values()].map((e) => e.evidence);
  }
  /** "error-rate: no data (only 3 requests …)" for each subject that never voted: a pass is never claimed for it. */
  noData() {
    return this.evidence().filter((e) => e.vote === "no data").map((e) => `${e.name}: no data (${e.evidence})`);
  }
};

// src/gate/gate.ts
async function runGate(cfg, o) {
  const now = o.now ?? Date.now;
  const startedAt = now();
  const log = (line) => o.log?.(redact(line));
  const signals = activeSignals(cfg);
  const tally = new VoteTally();
  let rounds = 0;
  let soakFailures = 0;
  let runs = [];
  const verdict = (passed, check, reason, end) => ({
    passed,
    check,
    reason: redact(reason),
    durationMs: now() - startedAt,
    rounds,
    endpoints: [],
    ...runs.reduce((parts, r) => ({ ...parts, ...r.run.verdictPart?.(end) }), {}),
    signals: tally.evidence()
  });
  if (signals.length === 0) {
    return verdict(true, "none", "passed: nothing to probe (no health URLs and no error-rate rule)", { passed: true, cancelled: false, decidedBy: "" });
  }
  const policy = policyFor(cfg, o, startedAt);
  const agent = new HttpDispatcher();
  const ctx = {
    cfg,
    version: o.version,
    previousVersion: o.previousVersion,
    environment: o.environment,
    baseline: o.baseline,
    dispatcher: agent,
    signal: o.signal
  };
  const cancelled = () => verdict(false, "cancelled", `cancelled: the gate was stopped after ${rounds} round${rounds === 1 ? "" : "s"}`, {
    passed: false,
    cancelled: true,
    decidedBy: ""
  });
  try {
    runs = await Promise.all(signals.map(async ({ def, config }) => ({ def, run: await def.start(config, ctx) })));
    for (; ; ) {
      if (o.signal?.aborted) return cancelled();
      const roundStart = now();
      const soaking = policy.passed;
      const votes = await observeRound(runs, { round: rounds + 1, soaking, votes: [] });
      if (o.signal?.aborted) return cancelled();
      rounds++;
      if (soaking) soakFailures += votes.filter((v) => v.kind === "fail").length;
      tally.add(votes);
      const at = (/* @__PURE__ */ new Date()).toISOString();
      const decision = policy.observe(
        now(),
        votes.map((v) => observation(v, runs, at))
      );
      log(`round ${rounds}${soaking ? " (soak)" : ""}: ${votes.map((v) => voteText(v, policy, cfg.failureThreshold)).join("; ")}`);
      const done = await decide(decision, { cfg, o, runs, tally, rounds, soakFailures, verdict });
      if (done) return done;
      const wait = delayAfter(cfg, policy, votes, now() - roundStart, now());
      if (wait > 0) await sleep(wait, o.signal);
    }
  } finally {
    await Promise.all(runs.map(async (r) => r.run.close?.()).map(async (p) => p.catch(() => void 0)));
    await agent.destroy().catch(() => void 0);
  }
}
async function decide(decision, g) {
  if (decision.kind === "passed") {
    const facts = g.runs.map((r) => r.run.passText?.()).filter((t) => Boolean(t));
    const reason = passReason({ cfg: g.cfg, soakOnly: g.o.soakOnly, soakFailures: g.soakFailures, facts: [...facts, ...g.tally.noData()] });
    return g.verdict(true, decision.phase, reason, { passed: true, cancelled: false, decidedBy: "" });
  }
  if (decision.kind === "failed") {
    const end = { passed: false, cancelled: false, decidedBy: decision.endpoint, decidedById: decision.rule ?? "http" };
    const probesOf = (endpoint) => g.tally.count("http", endpoint);
    const { failReason } = await import("./reasons-LNTWHI2I.js");
    return g.verdict(false, decision.check, failReason(g.cfg, decision, { rounds: g.rounds, probesOf }), end);
  }
  return void 0;
}
function policyFor(cfg, o, startedAt) {
  const { successThreshold, failureThreshold, startupTimeoutMs, soakMs, intervalMs } = cfg;
  return new GatePolicy({ successThreshold, failureThreshold, startupTimeoutMs, soakMs, intervalMs, soakOnly: o.soakOnly }, startedAt);
}
function delayAfter(cfg, policy, votes, elapsedMs, t) {
  const retryAfters = votes.map((v) => v.retryAfterMs).filter((ms) => ms !== void 0);
  return nextDelay({
    intervalMs: cfg.intervalMs,
    elapsedMs,
    retryAfterMs: retryAfters.length ? Math.max(...retryAfters) : void 0,
    counting: policy.counting(),
    untilDueMs: policy.dueAt() - t
  });
}
async function observeRound(runs, round) {
  const first = await Promise.all(runs.filter((r) => !r.def.readsVotes).map((r) => r.run.observe(round)));
  const votes = first.flat();
  const later = await Promise.all(runs.filter((r) => r.def.readsVotes).map((r) => r.run.observe({ ...round, votes })));
  return [...votes, ...later.flat()];
}
function observation(v, runs, at) {
  const abstain = v.kind === "abstain" ? v.abstain ?? runs.find((r) => r.def.id === v.id)?.def.abstain ?? "free" : void 0;
  const failure = v.failure ?? (v.kind === "pass" ? void 0 : { at, kind: "error", message: v.evidence });
  return {
    name: v.subject,
    ...v.id === "http" ? {} : { rule: v.id },
    ...abstain ? { abstain } : {},
    ok: v.kind === "pass",
    answered: v.answered,
    ...v.status !== void 0 ? { status: v.status } : {},
    ...failure ? { failure } : {}
  };
}
function voteText(v, policy, threshold) {
  if (v.kind !== "fail") return v.evidence;
  const state = policy.endpoint(v.subject, v.id === "http" ? void 0 : v.id);
  return `${v.evidence} ${state.streak > 0 ? `(failure ${state.streak}/${threshold})` : "(starting)"}`;
}

// src/ports.ts
var coreLog = {
  info: (m2) => info(redact(m2)),
  warning: (m2) => warning(redact(m2)),
  error: (m2) => error(redact(m2)),
  group: (title, fn) => group(redact(title), fn)
};
async function createPorts(config, signal, o) {
  return {
    log: coreLog,
    shell: runShell,
    git: createGit(config.workspace),
    gate: runGate,
    deployments: await createDeploymentLog(config, coreLog),
    state: o.state ?? createStateStore(core_exports),
    signal,
    scratchRoot: o.scratchRoot,
    // Loaded only when a manual rollback asks the health endpoint what is live.
    healthBody: async (url, g) => (await import("./get-text-BF4LCF2Y.js")).getText(url, g)
  };
}
async function createDeploymentLog(config, log) {
  const g = config.github;
  let skipped;
  if (!g.deployments) skipped = "the deployments input is false";
  else if (!g.token) skipped = "there is no github-token";
  else if (!g.owner || !g.repo) skipped = "GITHUB_REPOSITORY is not set";
  if (skipped) {
    log.info(`GitHub deployments skipped: ${skipped}; the previous version comes from tags.`);
    return void 0;
  }
  const { createDeployments, safeDeployments } = await import("./deployments-3KQECQ2O.js");
  const inner = createDeployments({
    token: g.token,
    apiUrl: g.apiUrl,
    owner: g.owner,
    repo: g.repo,
    runId: config.context.runId,
    logUrl: config.context.runUrl || void 0
  });
  return safeDeployments(inner, (m2) => log.warning(`GitHub deployments skipped: ${m2}`));
}

// src/interruption.ts
function interruptedReason(i) {
  const ended = (id) => i.steps.find((s) => s.id === id && s.outcome !== "running" && s.outcome !== "cancelled");
  const cut = [...i.steps].reverse().find((s) => s.outcome === "cancelled" || s.outcome === "running");
  const done = i.plan.filter((p) => ended(p.id)).map((p) => ended(p.id).outcome === "failed" ? `${p.what} (failed)` : p.what);
  const left = i.plan.filter((p) => !ended(p.id)).map((p) => p.what);
  const where = cut ? whereThingsStand(i, cut.id) : `the rollback to ${i.target} was stopped before ${left[0] ?? "its end"}: ${i.environment} may be on ${replaced(i)} or partway`;
  return [
    `${i.because}; then the post step was stopped (${i.stoppedBy}): ${where}`,
    `done: ${done.length ? done.join(", ") : "nothing"}`,
    `left to do by hand: ${left.length ? left.join(", ") : "nothing"}; check ${i.environment} now`
  ].join("; ");
}
function replaced(i) {
  return i.replacing ?? "the version being replaced";
}
function whereThingsStand(i, stepId) {
  const env = i.environment;
  switch (stepId) {
    case "before-rollback":
      return `before-rollback-command was interrupted: ${env} may be on ${replaced(i)}, with that command partway (a down migration, say)`;
    case "checkout":
      return `the checkout of ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`;
    case "rollback":
      return `the redeploy of ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`;
    case "after-rollback":
      return `after-rollback-command was interrupted: ${i.target} was redeployed, but that command is partway`;
    case "rollback-health":
    case "rollback-smoke":
      return `the health check of ${i.target} was interrupted: ${i.target} was redeployed but is not proven healthy`;
    default:
      return `the rollback to ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`;
  }
}

// src/story/steps.ts
var import_node_path2 = __toESM(require_node_path(), 1);

// src/timeline.ts
var Timeline = class {
  constructor(now = Date.now) {
    this.now = now;
  }
  now;
  steps = [];
  start(id, title, phase) {
    const step = { id, title, phase, startedAt: this.now(), outcome: "running" };
    this.steps.push(step);
    return step;
  }
  end(step, outcome, summary2, extra = {}) {
    Object.assign(step, extra, { outcome, endedAt: this.now() });
    if (summary2 !== void 0) step.summary = summary2;
    return step;
  }
  /** A step that was decided without running (e.g. no smoke command configured). */
  skip(id, title, phase, summary2) {
    return this.end(this.start(id, title, phase), "skipped", summary2);
  }
  /** Steps still running are marked cancelled: used when a signal stops the run. */
  cancelRunning(summary2) {
    for (const step of this.steps) if (step.outcome === "running") this.end(step, "cancelled", summary2);
  }
};

// src/story/steps.ts
var Cancelled = class extends Error {
};
var POLL_MS = 5e3;
var Steps = class {
  constructor(config, ports) {
    this.config = config;
    this.ports = ports;
    this.now = ports.now ?? Date.now;
    this.timeline = new Timeline(this.now);
    const startedAt = this.now();
    this.saved = {
      phase: "resolved",
      mode: config.mode,
      version: config.version,
      previousSource: "none",
      scratchRoot: ports.scratchRoot,
      scratch: [],
      startedAt
    };
    this.record = {
      mode: config.mode,
      environment: config.environment,
      version: config.version,
      previousSource: "none",
      status: "failed",
      rolledBack: false,
      reason: "",
      dryRun: config.dryRun,
      startedAt,
      context: config.context
    };
  }
  config;
  ports;
  timeline;
  now;
  saved;
  record;
  wayBack;
  /** The previous version's tree, prepared in the background while the new one is deployed and gated. */
  preparation;
  /** The deployed commit's subject, being read by git while the story goes on (deploy mode). */
  commitSubject;
  /** Checkouts made this run, by version (DEPLOY_TREE / DEPLOY_PREVIOUS_TREE). */
  trees = /* @__PURE__ */ new Map();
  /** What the gate's signals need besides the version: the version replaced, and the baseline collected before the deploy. */
  gateAround = {};
  get log() {
    return this.ports.log;
  }
  /** Runs a user command in its own step; a failure is logged as an error and returned, never thrown. */
  async command(o) {
    const timeoutMs = o.timeoutMs ?? this.config.deployTimeoutMs;
    this.throwIfCancelled();
    const step = this.timeline.start(o.id, o.title, o.phase);
    const r = await this.log.group(
      o.title,
      () => this.ports.shell(o.command, { cwd: o.cwd, env: o.env, timeoutMs, signal: this.ports.signal, onLine: (l) => this.log.info(l) })
    );
    const detail = describeExit(r, durationText(timeoutMs));
    const ok = r.exitCode === 0 && !r.timedOut && !r.cancelled;
    this.timeline.end(step, r.cancelled ? "cancelled" : ok ? "passed" : "failed", detail, ok ? {} : { output: r.tail });
    this.throwIfCancelled();
    if (!ok) this.log[o.failureLevel ?? "error"](`${o.title}: ${detail}`);
    return { ok, detail, lastLine: [...r.tail].reverse().find((l) => l.trim()) };
  }
  /** Runs the gate against `version` in its own step. */
  async gate(o) {
    this.throwIfCancelled();
    const step = this.timeline.start(o.id, o.title, o.phase);
    const verdict = await this.log.group(
      o.title,
      () => this.ports.gate(o.cfg, {
        version: o.version,
        signal: this.ports.signal,
        log: (l) => this.log.info(l),
        soakOnly: o.soakOnly ?? false,
        environment: this.config.environment,
        ...this.gateAround
      })
    );
    this.timeline.end(step, verdict.check === "cancelled" ? "cancelled" : verdict.passed ? "passed" : "failed", verdict.reason, { verdict });
    this.throwIfCancelled();
    if (!verdict.passed) this.log.error(`${o.title}: ${verdict.reason}`);
    return verdict;
  }
  /** A fresh scratch directory, saved for post to remove before anything is written into it. */
  async scratchDir(version) {
    await mkdir(this.ports.scratchRoot, { recursive: true });
    const dir = await mkdtemp((0, import_node_path2.join)(this.ports.scratchRoot, `${version.replace(/[^\w.-]/g, "_")}-`));
    this.saveState({ scratch: [...this.saved.scratch, dir] });
    return dir;
  }
  /** A worktree of `version` in its own scratch directory. */
  async checkout(version, o = {}) {
    const step = this.timeline.start(o.id ?? "checkout", `Check out ${version}`, "rollback");
    const dir = await this.scratchDir(version);
    try {
      await this.log.group(`Check out ${version}`, () => this.ports.git.addWorktree(version, dir, { commit: this.saved.commits?.[version] }));
      this.timeline.end(step, "passed", `worktree of ${version}`);
      this.trees.set(version, dir);
      return { ok: true, detail: "", dir };
    } catch (err) {
      const detail = `could not check out ${version}: ${err.message}`;
      this.timeline.end(step, "failed", detail);
      return { ok: false, detail, dir };
    }
  }
  /** Creates a GitHub deployment, waits for our turn in the environment (unless told not to), marks it in progress. */
  async openDeployment(o) {
    const d2 = this.ports.deployments;
    if (!d2) return void 0;
    const c = this.config;
    const id = await d2.create({
      environment: c.environment,
      ref: o.ref,
      version: o.version,
      phase: o.phase,
      description: o.description,
      rolledBackFrom: o.rolledBackFrom,
      commit: o.commit
    });
    if (!id) return void 0;
    if (this.record.deploymentId === void 0 || o.phase === "deploy") this.record.deploymentId = id;
    this.saveState({ deploymentId: id });
    if (o.wait ?? true) {
      try {
        await d2.waitForTurn(c.environment, id, {
          timeoutMs: c.github.concurrencyTimeoutMs,
          pollMs: Math.min(POLL_MS, Math.max(c.github.concurrencyTimeoutMs / 4, 200)),
          signal: this.ports.signal,
          onWait: (m2) => this.log.info(m2)
        });
      } catch (err) {
        await this.status(id, "failure", "Gave up waiting for another deployment");
        throw err instanceof LockTimeoutError ? err : new LockTimeoutError(err.message);
      }
    }
    this.throwIfCancelled();
    await this.status(id, "in_progress", o.description);
    return id;
  }
  async status(id, state, description) {
    if (!id) return;
    const environmentUrl = state === "success" ? this.config.github.environmentUrl : void 0;
    await this.ports.deployments?.setStatus(id, state, { description, logUrl: this.config.context.runUrl || void 0, environmentUrl });
  }
  /** Resolves the versions in their own step; the record and the state learn them. */
  async resolve(fn) {
    const step = this.timeline.start("resolve", "Resolve versions", this.config.mode === "deploy" ? "deploy" : "rollback");
    const versions2 = await this.log.group("Resolve versions", async () => {
      const v = await fn();
      this.log.info("error" in v ? v.error : v.note);
      return v;
    });
    if ("error" in versions2) {
      this.timeline.end(step, "failed", versions2.error);
      return versions2;
    }
    Object.assign(this.record, { version: versions2.version, previousVersion: versions2.previous, previousSource: versions2.source });
    this.saveState({ version: versions2.version, previous: versions2.previous, previousSource: versions2.source, commits: versions2.commits });
    this.timeline.end(step, "passed", versions2.note);
    return versions2;
  }
  /** Where versions come from: the deployments history first, then tags. */
  versionSources() {
    return { git: this.ports.git, history: this.ports.deployments, log: this.log };
  }
  /** The environment every command gets; the trees are the checkouts of those versions, where the run has one. */
  env(o) {
    return {
      DEPLOY_VERSION: o.version,
      DEPLOY_PREVIOUS_VERSION: o.previous ?? "",
      DEPLOY_ENVIRONMENT: this.config.environment,
      DEPLOY_PHASE: o.phase,
      DEPLOY_TREE: this.treeOf(o.version),
      DEPLOY_PREVIOUS_TREE: this.treeOf(o.previous)
    };
  }
  /** The checkout of `version`: the workspace for the version a deploy puts live, else one this run made, else ''. */
  treeOf(version) {
    if (!version) return "";
    if (this.config.mode === "deploy" && version === this.saved.version) return this.config.workspace;
    return this.trees.get(version) ?? "";
  }
  /** The record leads with this (a failed rollback hook); it is also an error annotation. */
  attention(text) {
    this.log.error(text);
    this.record.attention = this.record.attention ? `${this.record.attention}; ${text}` : text;
  }
  lastVerdict() {
    return [...this.timeline.steps].reverse().find((s) => s.verdict)?.verdict;
  }
  throwIfCancelled() {
    if (this.ports.signal.aborted) throw new Cancelled();
  }
  /**
   * The record, finished. `rolledBack` follows from the status: only a healthy rollback is one.
   * `handOver` (main, cancelled mid-way) keeps the saved phase, so post knows what is left.
   */
  finish(status, reason, o = {}) {
    if (!o.handOver) this.saveState({ phase: "done" });
    Object.assign(this.record, { status, rolledBack: status === "rolled-back", reason });
    return { ...this.record, steps: this.timeline.steps, endedAt: this.now() };
  }
  saveState(patch) {
    this.saved = { ...this.saved, ...patch };
    this.ports.state.save(this.saved);
  }
  /** Post takes over the run main saved: its versions, start time and state. */
  adopt(saved) {
    this.saved = { ...saved, cancelled: true };
    Object.assign(this.record, {
      version: saved.version,
      previousVersion: saved.previous,
      previousSource: saved.previousSource,
      cancelled: true,
      mainKilled: !saved.cancelled,
      startedAt: saved.startedAt
    });
  }
};
function smokeFailure(r) {
  return `smoke-command failed (${r.detail})${r.lastLine ? `: ${r.lastLine}` : ""}`;
}

// src/story/rollback.ts
async function putBack(s, w) {
  const c = s.config;
  const { target, replacing } = w;
  const because = w.failure ? w.failure.reason : `manual rollback to ${target}`;
  s.wayBack = { target, replacing, because, plan: rollbackPlan(s, target, w.live), ids: { rollback: w.existingId, replaced: w.replacedId } };
  s.gateAround.previousVersion = replacing;
  s.saveState({ phase: "rolling-back", replacedDeploymentId: w.replacedId });
  const env = () => s.env({ version: target, previous: replacing, phase: "rollback" });
  const notes = [];
  const closeReplaced = (how) => s.status(w.replacedId, "failure", `${w.failure?.check ?? "cancelled"} failed; ${how}`);
  await beforeRollback(s, w, notes);
  const commit = s.saved.commits?.[target];
  const id = w.existingId ?? await s.openDeployment({
    phase: "rollback",
    version: target,
    ref: commit ?? target,
    description: `Rollback to ${target}${replacing ? ` from ${replacing}` : ""}`,
    rolledBackFrom: replacing,
    commit,
    wait: false
  });
  s.wayBack.ids.rollback = id;
  const { redeployed, treeDir } = await redeploy(s, target, env);
  if (!redeployed.ok) {
    await s.status(id, "failure", `Rollback to ${target} failed: ${redeployed.detail}`);
    await closeReplaced(`rollback to ${target} failed`);
    return s.finish("rollback-failed", `${because}; then the rollback to ${target} failed: ${redeployed.detail}`);
  }
  if (c.afterRollbackCommand) {
    const r = await s.command({ id: "after-rollback", title: "After rollback", phase: "rollback", command: c.afterRollbackCommand, cwd: treeDir, env: env() });
    if (!r.ok) {
      notes.push(`after-rollback-command failed (${r.detail})`);
      s.attention(
        `after-rollback-command failed (${r.detail}): what it does after the redeploy (a down migration, a cache flush) is not done: check the data now`
      );
    }
  }
  const gate = await proveHealthy(s, target, treeDir);
  const extra = notes.length ? `; ${notes.join("; ")}` : "";
  if (!gate.passed) {
    await s.status(id, "failure", `Rollback to ${target} unhealthy: ${gate.reason}`);
    await closeReplaced(`rolled back to ${target}, unhealthy too`);
    return s.finish("rollback-failed", `${because}; rolled back to ${target} but it is unhealthy too: ${gate.reason}${extra}`);
  }
  await closeReplaced(`rolled back to ${target}`);
  if (id) {
    await s.status(id, "success", `Rolled back to ${target}${replacing ? ` from ${replacing}` : ""}`);
    await s.ports.deployments?.markOlderInactive(c.environment, id);
  }
  const summary2 = w.failure ? `${because}; rolled back to ${target}, healthy` : `rolled back to ${target}${replacing ? ` from ${replacing}` : ""}, healthy`;
  return s.finish("rolled-back", `${summary2}${extra}`);
}
async function afterRollbackGate(s, target, gate) {
  const soakMs = s.config.gate.rollbackSoakMs;
  if (!soakMs) return gate;
  const cfg = { ...s.config.gate, soakMs };
  const soak = await s.gate({ id: "rollback-soak", title: `Soak ${target} ${durationText(soakMs)}`, phase: "rollback", version: target, cfg, soakOnly: true });
  return soak.passed ? soak : { passed: false, reason: `rollback-soak-duration: ${soak.reason}` };
}
async function beforeRollback(s, w, notes) {
  const c = s.config;
  if (!c.beforeRollbackCommand) return;
  if (s.saved.beforeRollbackStarted) {
    notes.push("before-rollback-command had already started before the cancel; not run again");
    return;
  }
  let cwd = c.workspace;
  if (c.mode === "rollback") {
    const live = w.live?.version;
    if (!live) {
      const why = `before-rollback-command skipped: ${w.live?.text ?? "the live version is unknown"}; it would run in code that may never have been live. Set previous-version to the live version to run it in that version's checkout`;
      s.log.warning(why);
      s.timeline.skip("before-rollback", "Before rollback", "rollback", why);
      notes.push("before-rollback-command skipped: the live version is unknown");
      return;
    }
    const tree = s.trees.get(live) ?? await s.checkout(live, { id: "live-checkout" });
    if (typeof tree !== "string" && !tree.ok) {
      s.attention(`before-rollback-command not run: ${tree.detail}: undo by hand what it would have done`);
      notes.push(`before-rollback-command not run (${tree.detail})`);
      return;
    }
    cwd = typeof tree === "string" ? tree : tree.dir;
  }
  s.throwIfCancelled();
  s.saveState({ beforeRollbackStarted: true });
  const env = s.env({ version: w.target, previous: w.replacing, phase: "rollback" });
  const r = await s.command({ id: "before-rollback", title: "Before rollback", phase: "rollback", command: c.beforeRollbackCommand, cwd, env });
  if (!r.ok) {
    notes.push(`before-rollback-command failed (${r.detail})`);
    s.attention(`before-rollback-command failed (${r.detail}): the down migration (or what it does) may be half done: check the data now`);
  }
}
async function redeploy(s, target, env) {
  const c = s.config;
  const prepared = await takePrepared(s, target);
  if (c.rollbackCommand) {
    const title = `Roll back to ${target}`;
    const redeployed2 = await s.command({ id: "rollback", title, phase: "rollback", command: c.rollbackCommand, cwd: c.workspace, env: env() });
    return { redeployed: redeployed2, treeDir: c.workspace };
  }
  let dir = prepared;
  if (!dir) {
    const checkout = await s.checkout(target);
    if (!checkout.ok) return { redeployed: checkout, treeDir: c.workspace };
    dir = checkout.dir;
  }
  const redeployed = await s.command({ id: "rollback", title: `Redeploy ${target}`, phase: "rollback", command: c.deployCommand, cwd: dir, env: env() });
  return { redeployed, treeDir: dir };
}
async function takePrepared(s, target) {
  const p = s.preparation;
  if (!p || p.version !== target) return void 0;
  s.preparation = void 0;
  const started = s.now();
  const r = await p.done;
  await p.showOutput();
  s.throwIfCancelled();
  if (!r.ok) {
    s.log.warning(`The preparation of ${target} failed (${r.detail}): using a fresh checkout.`);
    await p.discard("failed: a fresh checkout is used");
    return void 0;
  }
  const waited = s.now() - started;
  s.log.info(`Check out ${target}: using the tree prepared while the gate ran (${r.dir}).`);
  s.timeline.end(
    s.timeline.start("checkout", `Check out ${target}`, "rollback"),
    "passed",
    `prepared tree of ${target}${waited >= 1e3 ? ` (waited ${durationText(waited)} for it)` : ""}`
  );
  return r.dir;
}
async function proveHealthy(s, target, treeDir) {
  const c = s.config;
  if (!smokeProves(s)) {
    const gate = await s.gate({ id: "rollback-health", title: `Health gate ${target}`, phase: "rollback", version: target, cfg: { ...c.gate, soakMs: 0 } });
    return gate.passed ? afterRollbackGate(s, target, gate) : gate;
  }
  const env = s.env({ version: target, phase: "rollback" });
  const r = await s.command({
    id: "rollback-smoke",
    title: `Smoke ${target}`,
    phase: "rollback",
    command: c.smokeCommand,
    cwd: treeDir,
    env,
    timeoutMs: c.smokeTimeoutMs
  });
  return { passed: r.ok, reason: r.ok ? "smoke-command passed" : smokeFailure(r) };
}
function smokeProves(s) {
  const c = s.config;
  return !gateObserves(c.gate) && Boolean(c.smokeCommand);
}
function rollbackPlan(s, target, live) {
  const c = s.config;
  const steps2 = [];
  const manual = c.mode === "rollback";
  if (c.beforeRollbackCommand && !s.saved.beforeRollbackStarted && (!manual || live?.version)) {
    if (manual) steps2.push({ id: "live-checkout", what: `check out ${live.version}` });
    steps2.push({ id: "before-rollback", what: "before-rollback-command" });
  }
  if (c.rollbackCommand) steps2.push({ id: "rollback", what: "rollback-command" });
  else steps2.push({ id: "checkout", what: `check out ${target}` }, { id: "rollback", what: `redeploy ${target}` });
  if (c.afterRollbackCommand) steps2.push({ id: "after-rollback", what: "after-rollback-command" });
  steps2.push({ id: smokeProves(s) ? "rollback-smoke" : "rollback-health", what: `health check of ${target}` });
  if (!smokeProves(s) && c.gate.rollbackSoakMs) steps2.push({ id: "rollback-soak", what: `soak of ${target}` });
  return steps2;
}

// src/story/resume.ts
var STOPPED_STATUS_BUDGET_MS = 1500;
async function resume(s, saved) {
  const how = stoppedHow(saved);
  s.adopt(saved);
  try {
    return await resumeWayBack(s, saved, how);
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    return stoppedMidway(s);
  }
}
async function resumeWayBack(s, saved, how) {
  if (saved.mode === "deploy" && saved.phase === "deploying") {
    const reason2 = `${how} while ${saved.version} was being deployed`;
    if (!saved.previous) {
      await s.status(saved.deploymentId, "failure", "Cancelled; no previous version to roll back to");
      return s.finish("failed", `${reason2}; no previous version to roll back to`);
    }
    return putBack(s, { target: saved.previous, replacing: saved.version, failure: { check: "cancelled", reason: reason2 }, replacedId: saved.deploymentId });
  }
  const [target, replacing] = saved.mode === "deploy" ? [saved.previous, saved.version] : [saved.version, saved.previous];
  const reason = `${how} during the rollback to ${target}`;
  const existingId = saved.deploymentId !== saved.replacedDeploymentId ? saved.deploymentId : void 0;
  return putBack(s, { target, replacing, failure: { check: "cancelled", reason }, existingId, replacedId: saved.replacedDeploymentId });
}
async function stoppedMidway(s) {
  const reason = s.ports.signal.reason;
  const stoppedBy = typeof reason === "string" ? reason : "it was stopped";
  s.timeline.cancelRunning(`stopped: ${stoppedBy}`);
  const w = s.wayBack;
  const env = s.config.environment;
  const text = w ? interruptedReason({ environment: env, target: w.target, replacing: w.replacing, because: w.because, stoppedBy, plan: w.plan, steps: s.timeline.steps }) : `the run stopped while ${interruptedWhat(s.saved)}; then the post step was stopped (${stoppedBy}) before its rollback started; check ${env} now`;
  if (w) {
    const close = async () => {
      for (const id of /* @__PURE__ */ new Set([w.ids.rollback, w.ids.replaced]))
        await s.status(id, "failure", `Rollback to ${w.target} interrupted (${stoppedBy}); check ${env}`);
    };
    const bound = new AbortController();
    await Promise.race([close().finally(() => bound.abort()), sleep(STOPPED_STATUS_BUDGET_MS, bound.signal)]);
  }
  s.record.unfinished = true;
  return s.finish("rollback-failed", text);
}
async function abandon(s, saved) {
  s.adopt(saved);
  for (const id of /* @__PURE__ */ new Set([saved.deploymentId, saved.replacedDeploymentId]))
    await s.status(id, "failure", "Cancelled; not rolled back (rollback-on-cancel false)");
  return s.finish(
    "failed",
    `the job stopped while ${interruptedWhat(saved)} and rollback-on-cancel is false: ${s.config.environment} may be on a partial deploy; check it now`
  );
}
function unfinished(s, saved, error2) {
  s.adopt(saved);
  s.record.unfinished = true;
  return s.finish(
    "rollback-failed",
    `the job stopped while ${interruptedWhat(saved)}, and finishing the rollback failed: ${error2}; check ${s.config.environment} now`
  );
}
async function closeUnstarted(s, saved) {
  await s.status(saved.deploymentId, "failure", "Stopped before deploying; nothing changed");
}

// src/story/after-cancel.ts
async function resumeAfterCancel(config, saved, ports) {
  return resume(new Steps(config, ports), saved);
}
async function abandonAfterCancel(config, saved, ports) {
  return abandon(new Steps(config, ports), saved);
}
function unfinishedAfterCancel(config, saved, ports, error2) {
  return unfinished(new Steps(config, ports), saved, error2);
}
async function closeUnstarted2(config, saved, ports) {
  return closeUnstarted(new Steps(config, ports), saved);
}

// src/verdict.ts
function headline(r) {
  const prev = r.previousVersion ? ` (previous ${r.previousVersion})` : "";
  return `rollback-action: ${r.status} \u2014 ${r.environment} ${r.version}${prev}: ${r.reason}`;
}

// src/post-resume.ts
var STOPPED_ALERT = { attempts: 2, timeoutMs: 1500, maxWaitMs: 250 };
async function resumeRun(saved, stop) {
  const midway = isMidway(saved.phase);
  let story;
  try {
    const config = readConfig(core_exports);
    if (midway) stop.startDeadline(config.cancelTimeoutMs);
    const memory = { save: () => void 0, load: () => void 0 };
    story = { config, ports: await createPorts(config, stop.signal, { scratchRoot: saved.scratchRoot, state: memory }) };
    if (midway) await finishInterrupted(story.config, story.ports, saved, stop);
    else await closeUnstarted2(story.config, saved, story.ports);
  } catch (err) {
    await raiseAlarm(saved, err, stop, story);
  }
}
async function raiseAlarm(saved, err, stop, story) {
  const error2 = redact(err instanceof Error ? err.message : String(err));
  setFailed(`rollback-action post: the run stopped mid-way and finishing it failed: ${error2}. Check the environment now.`);
  if (!story || !isMidway(saved.phase)) return;
  try {
    await publish(unfinishedAfterCancel(story.config, saved, story.ports, error2), story.config, coreLog, {
      reportSuffix: "-post",
      send: stop.signal.aborted ? STOPPED_ALERT : void 0
    });
  } catch (again) {
    warning(`rollback-action post: could not send the alert either: ${redact(String(again))}`);
  }
}
async function finishInterrupted(config, ports, saved, stop) {
  let record2;
  if (config.rollbackOnCancel) {
    warning(
      `The run stopped while ${interruptedWhat(saved)}: ${saved.phase === "deploying" ? "rolling back" : "finishing it"} now (within cancel-timeout ${durationText(config.cancelTimeoutMs)}).`
    );
    record2 = await resumeAfterCancel(config, saved, ports);
  } else record2 = await abandonAfterCancel(config, saved, ports);
  await publish(record2, config, coreLog, { reportSuffix: "-post", send: stop.signal.aborted ? STOPPED_ALERT : void 0 });
  coreLog.info(headline(record2));
  if (record2.status === "rollback-failed" || record2.status === "failed") setFailed(redact(`After the interrupted run: ${record2.reason}`));
}
export {
  resumeRun
};
