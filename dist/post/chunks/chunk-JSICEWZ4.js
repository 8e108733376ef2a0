import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_child_process
} from "./chunk-CLQH5R2E.js";
import {
  ErrorRateWindow,
  percent,
  summarizeLatency
} from "./chunk-EUUYR7FQ.js";
import {
  boundedGet,
  classifyError,
  displayUrl,
  readBounded,
  requestHeaders,
  timeoutSignal
} from "./chunk-TE2Q6HRJ.js";
import {
  HttpDispatcher
} from "./chunk-QYAIPIB3.js";
import {
  Inputs,
  MAX_DURATION_MS,
  addSecret,
  durationText,
  monotonicMs,
  parseRetryAfter,
  redact,
  require_node_fs,
  urlPath
} from "./chunk-YQK2E33Q.js";
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
var group;
var lookupUnit = (unit2, name) => {
  name = String(name).toLowerCase();
  return unit2[name] ?? (name.endsWith("s") ? unit2[name.slice(0, -1)] : void 0);
};
function parse(str = "", format = "ms") {
  let result = null, prevUnits, unit2 = parse.unit;
  if (unit2.placeholder !== placeholder || unit2.group !== group)
    groupRE = new RegExp(`(\\d)[${(placeholder = unit2.placeholder) ?? ""}${(group = unit2.group) ?? ""}](\\d)`, "g");
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
var BASELINE_SUBJECT = "baseline";
var baselineSignal = {
  id: "baseline",
  inputs: [Inputs.BaselineDuration, Inputs.MaxSlowdown],
  abstain: "wait",
  readsVotes: true,
  read: readBaseline,
  configOf: (g) => g.baseline && g.urls.length ? g.baseline : void 0,
  describe: (c, g) => `baseline: the live version's health-urls probed for ${durationText(c.durationMs)} before deploying, every ${durationText(g.intervalMs)}; fail when the new median is more than ${percent(c.maxSlowdown)} slower and a Mann-Whitney U test gives p < 0.01, over at least 30 samples a side`,
  start: (c, ctx) => {
    const candidate = [];
    const baseline = ctx.baseline ?? [];
    const rule = `median at most ${percent(c.maxSlowdown)} slower than the live version's (p < 0.01)`;
    let passed;
    return {
      passText: () => passed && `baseline: ${passed}`,
      async observe(round) {
        for (const v of round.votes) if (v.id === "http" && v.kind === "pass" && v.latencyMs !== void 0) candidate.push(v.latencyMs);
        const { BASELINE_DEFAULTS, judgeBaseline } = await import("./baseline-P7TPG3CJ.js");
        const vote = judgeBaseline({ baseline, candidate, maxSlowdown: c.maxSlowdown });
        const short = baseline.length < BASELINE_DEFAULTS.minSamples;
        const evidence = short && baseline.length === 0 ? "no baseline was collected (baseline-duration runs before a deploy only)" : vote.evidence;
        passed = vote.kind === "pass" ? evidence : void 0;
        return [
          {
            id: "baseline",
            signal: BASELINE_SUBJECT,
            subject: BASELINE_SUBJECT,
            rule,
            kind: vote.kind,
            evidence,
            answered: vote.kind !== "abstain",
            ...vote.kind === "abstain" ? { abstain: short ? "free" : "wait" } : {}
          }
        ];
      }
    };
  }
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

// src/gate/metrics.ts
var NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
var LABEL = /[a-zA-Z_][a-zA-Z0-9_]*/y;
function parseExposition(text) {
  const out = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const sample = parseSampleLine(line);
    if (sample) out.push(sample);
  }
  return out;
}
function parseSampleLine(line) {
  NAME.lastIndex = 0;
  const name = NAME.exec(line)?.[0];
  if (!name) return void 0;
  let i = name.length;
  const skipSpaces = () => {
    while (line[i] === " " || line[i] === "	") i++;
  };
  skipSpaces();
  const labels = {};
  if (line[i] === "{") {
    i++;
    for (; ; ) {
      skipSpaces();
      if (line[i] === "}") break;
      LABEL.lastIndex = i;
      const label = LABEL.exec(line)?.[0];
      if (!label) return void 0;
      i += label.length;
      skipSpaces();
      if (line[i] !== "=") return void 0;
      i++;
      skipSpaces();
      if (line[i] !== '"') return void 0;
      i++;
      let value2 = "";
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] !== "\\") {
          value2 += line[i];
          continue;
        }
        const next = line[++i];
        value2 += next === "n" ? "\n" : next === '"' || next === "\\" ? next : `\\${next ?? ""}`;
      }
      if (line[i] !== '"') return void 0;
      i++;
      labels[label] = value2;
      skipSpaces();
      if (line[i] === ",") i++;
      else if (line[i] !== "}") return void 0;
    }
    i++;
  }
  const [valueText, timestamp, extra] = line.slice(i).trim().split(/\s+/);
  if (!valueText || extra !== void 0 || timestamp !== void 0 && !/^-?\d+(\.\d+)?$/.test(timestamp)) return void 0;
  const value = parseValue(valueText);
  return value === void 0 ? void 0 : { name, labels, value };
}
function parseValue(v) {
  if (v === "+Inf" || v === "Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  if (v === "NaN") return NaN;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : void 0;
}
var QUERY_FORM = 'expected `errors / total` where each side is a counter selector like name or name{label="value"} (operators =, !=, =~, !~), e.g. http_requests_total{code=~"5.."} / http_requests_total';
function parseErrorRateQuery(query) {
  const parts = splitOutsideBraces(query, "/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`'${query}' is not a ratio of two selectors; ${QUERY_FORM}.`);
  return { errors: parseSelector(parts[0], query), total: parseSelector(parts[1], query) };
}
function splitOutsideBraces(text, sep) {
  const parts = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === "\\") i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === "{") depth++;
    else if (!quoted && c === "}") depth--;
    else if (!quoted && depth === 0 && c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}
function parseSelector(text, query) {
  const m2 = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?$/s.exec(text);
  if (!m2) throw new Error(`'${text}' in '${query}' is not a metric selector; ${QUERY_FORM}.`);
  const matchers = [];
  for (const part of splitOutsideBraces(m2[2] ?? "", ",").filter(Boolean)) {
    const lm = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"$/s.exec(part);
    if (!lm) {
      throw new Error(`'${part}' in '${query}' is not a label matcher; expected label="value", label!="value", label=~"regex" or label!~"regex".`);
    }
    const op = lm[2];
    const value = unquote(lm[3]);
    if (op === "=~" || op === "!~") {
      try {
        anchored(value);
      } catch (err) {
        throw new Error(`'${value}' in '${query}' is not a valid regular expression: ${err.message}.`, { cause: err });
      }
    }
    matchers.push({ label: lm[1], op, value });
  }
  return { name: m2[1], matchers };
}
function unquote(s) {
  return s.replace(/\\(.)/gs, (all, c) => c === "n" ? "\n" : c === "t" ? "	" : c === '"' || c === "\\" ? c : all);
}
function anchored(re) {
  return new RegExp(`^(?:${re})$`, "s");
}
function sumSelector(samples, sel) {
  const tests = sel.matchers.map((m2) => {
    if (m2.op === "=") return (v) => v === m2.value;
    if (m2.op === "!=") return (v) => v !== m2.value;
    const re = anchored(m2.value);
    return m2.op === "=~" ? (v) => re.test(v) : (v) => !re.test(v);
  });
  let sum = 0;
  for (const s of samples) {
    if (s.name !== sel.name || !Number.isFinite(s.value)) continue;
    if (sel.matchers.every((m2, i) => tests[i](s.labels[m2.label] ?? ""))) sum += s.value;
  }
  return sum;
}
function parseRate(text) {
  const m2 = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(text.trim());
  const value = m2 ? Number(m2[1]) / (m2[2] ? 100 : 1) : NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`'${text}' is not a rate; expected a percentage from 0% to 100% like 5% or 0.5%, or a fraction from 0 to 1 like 0.05.`);
  }
  return value;
}
var METRICS_LIMIT = 16 * 1024 * 1024;
async function readCounters(url, sel, o) {
  try {
    const { status, text } = await boundedGet(o.dispatcher, url, {
      headers: [],
      accept: "text/plain",
      limit: METRICS_LIMIT,
      timeoutMs: o.timeoutMs,
      signal: o.signal
    });
    if (status < 200 || status > 299) {
      return { ok: false, answered: true, kind: "status", message: redact(`metrics ${displayUrl(url)} answered status ${status}`) };
    }
    const samples = parseExposition(text);
    const seen = samples.some((s) => s.name === sel.total.name);
    return { ok: true, errors: sumSelector(samples, sel.errors), total: sumSelector(samples, sel.total), seen };
  } catch (err) {
    const c = classifyError(err, o.timeoutMs, o.signal);
    return { ok: false, answered: false, kind: c.kind, message: redact(`metrics ${displayUrl(url)}: ${c.message}`) };
  }
}

// src/gate/signals/error-rate.ts
var errorRateSignal = {
  id: "error-rate",
  inputs: [Inputs.MetricsUrl, Inputs.ErrorRateQuery, Inputs.MaxErrorRate, Inputs.MinRequests],
  abstain: "free",
  read: readErrorRate,
  configOf: (g) => g.errorRate,
  describe: (c) => `error rate: ${c.query} from ${displayUrl(c.metricsUrl)} at most ${percent(c.maxErrorRate)} since the gate started, once ${c.minRequests ?? 0} requests were counted`,
  start: (c, ctx) => startErrorRate(c, ctx)
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
function startErrorRate(rule, ctx) {
  const name = displayUrl(rule.metricsUrl);
  const window = new ErrorRateWindow(rule.maxErrorRate);
  const ruleText2 = `${rule.query} \u2264 ${percent(rule.maxErrorRate)}`;
  let last;
  const vote = (v) => ({
    id: "error-rate",
    signal: name,
    subject: name,
    rule: ruleText2,
    ...v
  });
  return {
    async observe() {
      const read = await readCounters(rule.metricsUrl, rule, { dispatcher: ctx.dispatcher, timeoutMs: ctx.cfg.requestTimeoutMs, signal: ctx.signal });
      const at = (/* @__PURE__ */ new Date()).toISOString();
      if (!read.ok) return [vote({ kind: "fail", answered: read.answered, evidence: read.message, failure: { at, kind: read.kind, message: read.message } })];
      last = window.add(read);
      const text = `error rate ${percent(last.rate)} (${last.errors}/${last.total})${read.seen ? "" : ` (no ${rule.total.name} series yet)`}`;
      if (last.total < (rule.minRequests ?? 0)) {
        return [vote({ kind: "abstain", answered: true, evidence: `only ${last.total} requests since the gate started (min-requests ${rule.minRequests})` })];
      }
      if (last.rate <= last.max) return [vote({ kind: "pass", answered: true, evidence: `${text} ok` })];
      const message = `error rate ${percent(last.rate)} over max-error-rate ${percent(last.max)} (${last.errors} of ${last.total} requests since the gate started)`;
      return [vote({ kind: "fail", answered: true, evidence: message, failure: { at, kind: "status", message } })];
    },
    verdictPart: () => last ? { errorRate: last } : {},
    passText: () => last ? `error rate ${percent(last.rate)} (${last.errors}/${last.total})` : void 0
  };
}

// src/gate/probe.ts
var MAX_REDIRECTS = 5;
var BODY_LIMIT = 64 * 1024;
var EXCERPT_CHARS = 300;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
async function probe(url, o) {
  const started = monotonicMs();
  const at = (/* @__PURE__ */ new Date()).toISOString();
  const shown = displayUrl(url);
  const signal2 = timeoutSignal(o.requestTimeoutMs, o.signal);
  const redirects = [];
  const origin = originOf(url);
  let status;
  const result = (failure, extra = {}) => ({
    url: shown,
    ok: !failure,
    answered: status !== void 0,
    status,
    latencyMs: monotonicMs() - started,
    ...redirects.length ? { redirects } : {},
    ...extra,
    ...failure ? { failure: { at, kind: failure.kind, message: redact(failure.message), status, bodyExcerpt: failure.bodyExcerpt } } : {}
  });
  let current = url;
  try {
    for (; ; ) {
      const sameOrigin = originOf(current) === origin;
      status = void 0;
      const res = await o.dispatcher.request(current, {
        method: "GET",
        headers: requestHeaders(current, sameOrigin ? o.headers : []),
        signal: signal2,
        timeoutMs: o.requestTimeoutMs
      });
      status = res.statusCode;
      const location = header(res.headers.location);
      if (REDIRECT_STATUSES.has(status) && location) {
        await readBounded(res.body, BODY_LIMIT);
        if (redirects.length >= MAX_REDIRECTS) {
          return result({ kind: "redirect", message: `more than ${MAX_REDIRECTS} redirects (last: ${displayUrl(current)} \u2192 ${location})` });
        }
        const next = resolveLocation(location, current);
        if (!next) return result({ kind: "redirect", message: `redirect to an invalid location (${displayUrl(current)} \u2192 ${location.slice(0, 200)})` });
        current = next.toString();
        redirects.push(displayUrl(current));
        continue;
      }
      const body = await readBounded(res.body, BODY_LIMIT).catch((err) => {
        const c = classifyError(err, o.requestTimeoutMs, o.signal);
        throw Object.assign(new BodyError(`${c.message} while reading the body`), { kind: c.kind });
      });
      const latencyMs = monotonicMs() - started;
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header(res.headers["retry-after"])) : void 0;
      const extra = { latencyMs, ...retryAfterMs !== void 0 ? { retryAfterMs } : {} };
      const bodyExcerpt = excerpt(body.text);
      if (!o.expectedStatus.some((r) => status >= r.min && status <= r.max)) {
        return result({ kind: "status", message: `status ${status} not in ${statusRangesText(o.expectedStatus)}`, bodyExcerpt }, extra);
      }
      if (o.expectedBody && !bodyMatches(body.text, o.expectedBody)) {
        const want = o.expectedBody.kind === "regex" ? o.expectedBody.source : JSON.stringify(o.expectedBody.text);
        return result({ kind: "body", message: `body does not match ${want}`, bodyExcerpt }, extra);
      }
      if (o.version && !containsVersion(body.text, o.version)) {
        return result({ kind: "version", message: `body does not contain version ${o.version} (an old instance still answering?)`, bodyExcerpt }, extra);
      }
      if (o.maxLatencyMs !== void 0 && latencyMs > o.maxLatencyMs) {
        return result({ kind: "latency", message: `took ${Math.round(latencyMs)}ms, over max-latency ${o.maxLatencyMs}ms` }, extra);
      }
      return result(void 0, extra);
    }
  } catch (err) {
    if (err instanceof BodyError) return result({ kind: err.kind, message: err.message });
    return result(classifyError(err, o.requestTimeoutMs, o.signal));
  }
}
var BodyError = class extends Error {
  kind = "error";
};
function bodyMatches(body, m2) {
  if (m2.kind === "substring") return body.includes(m2.text);
  m2.regex.lastIndex = 0;
  return m2.regex.test(body);
}
function containsVersion(body, version) {
  const core = /^v\d/.test(version) ? version.slice(1) : version;
  const sha = /^[0-9a-f]{7,40}$/.test(core) ? "[0-9a-f]*" : "";
  const escaped = core.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.])v?${escaped}${sha}(?!\\w|[.-]\\w)`).test(body);
}
function excerpt(body) {
  const text = redact(redact(body).replace(/\s+/g, " ").trim());
  if (!text) return void 0;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}\u2026` : text;
}
function statusRangesText(ranges) {
  return ranges.map((r) => r.min === r.max ? String(r.min) : `${r.min}-${r.max}`).join(",");
}
function header(value) {
  return Array.isArray(value) ? value[0] : value;
}
function resolveLocation(location, base) {
  try {
    return new URL(location, base);
  } catch {
    return void 0;
  }
}
function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
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
  start: (c, ctx) => startHttpProbe(c, ctx)
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
  const head = [p.url, timing].filter(Boolean).join(" ");
  return {
    id: "http",
    signal: p.url,
    subject: p.url,
    rule,
    kind: p.ok ? "pass" : "fail",
    answered: p.answered,
    evidence: p.ok ? `${head} ok` : `${head} ${p.failure?.message ?? "failed"}`,
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

// src/gate/promql.ts
var PLACEHOLDERS = ["version", "previous_version", "environment"];
var METRICS_QUERY_EXAMPLE = 'error-rate: sum(rate(http_requests_total{code=~"5..",version="{{version}}"}[1m])) / sum(rate(http_requests_total{version="{{version}}"}[1m])) < 0.05';
var FORM = `expected \`name: <PromQL> <op> <number>\` with op one of < <= > >=, e.g. \`${METRICS_QUERY_EXAMPLE}\``;
var MetricsQueryError = class extends Error {
  constructor(line, message) {
    super(`line ${line}: ${message}`);
    this.line = line;
    this.name = "MetricsQueryError";
  }
  line;
};
var NAME2 = /^[A-Za-z0-9_-]+$/;
var NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
var THRESHOLD = new RegExp(String.raw`^(.*?)\s*(<=|>=|<|>)\s*(${NUMBER})$`, "s");
var PERCENT = new RegExp(String.raw`(<=|>=|<|>)\s*${NUMBER}\s*%$`);
function parseMetricsQueries(text) {
  const out = [];
  const seen = /* @__PURE__ */ new Map();
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const q = parseLine(line, i + 1);
    const first = seen.get(q.name);
    if (first !== void 0) throw new MetricsQueryError(q.line, `the name '${q.name}' is already used on line ${first}; give each check its own name.`);
    seen.set(q.name, q.line);
    out.push(q);
  });
  return out;
}
function parseLine(line, n) {
  const colon = line.indexOf(":");
  if (colon < 0) throw new MetricsQueryError(n, `'${line}' has no name; ${FORM}.`);
  const name = line.slice(0, colon).trim();
  const rest = line.slice(colon + 1).trim();
  if (!NAME2.test(name)) {
    throw new MetricsQueryError(
      n,
      `'${name}' is not a check name; use letters, digits, _ and - before the first colon (e.g. error-rate), then the query; ${FORM}.`
    );
  }
  if (PERCENT.test(rest)) {
    throw new MetricsQueryError(n, `'${name}': the threshold cannot be a percentage; write the number the query returns, e.g. 0.05 for 5% of a ratio.`);
  }
  const m2 = THRESHOLD.exec(rest);
  if (!m2) throw new MetricsQueryError(n, `'${name}' does not end with a threshold (an operator and a number, e.g. < 0.05); ${FORM}.`);
  const promql = m2[1].trim();
  if (!promql) throw new MetricsQueryError(n, `'${name}' has a threshold but no query before it; ${FORM}.`);
  const scanned = scanQuery(promql);
  if (typeof scanned === "string") throw new MetricsQueryError(n, `'${name}': ${scanned}.`);
  return { name, line: n, promql, parts: scanned, op: m2[2], threshold: Number(m2[3]), thresholdText: m2[3] };
}
var CLOSERS = { ")": "(", "]": "[", "}": "{" };
var PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/y;
function scanQuery(q) {
  const parts = [];
  const open = [];
  let text = "";
  let quote;
  let regexString = false;
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    PLACEHOLDER.lastIndex = i;
    const ph = c === "{" && q[i + 1] === "{" ? PLACEHOLDER.exec(q) : null;
    if (ph) {
      const name = ph[1];
      if (!PLACEHOLDERS.includes(name)) return `'${ph[0]}' is not a placeholder; expected {{version}}, {{previous_version}} or {{environment}}`;
      if (quote !== '"') return `put ${ph[0]} inside a double-quoted string, e.g. version="${ph[0]}", where its value can be escaped`;
      parts.push(text, { placeholder: name, regex: regexString });
      text = "";
      i += ph[0].length - 1;
      continue;
    }
    text += c;
    if (quote) {
      if (c === "\\" && quote !== "`") text += q[++i] ?? "";
      else if (c === quote) quote = void 0;
    } else if (c === '"' || c === "'" || c === "`") {
      quote = c;
      regexString = /[=!]~\s*$/.test(q.slice(0, i));
    } else if (c === "#") {
      return "a # outside quotes starts a PromQL comment, which would hide the rest of the line; remove it";
    } else if (c === "(" || c === "[" || c === "{") {
      open.push(c);
    } else if (c in CLOSERS) {
      if (open.pop() !== CLOSERS[c]) return `the ${c} at character ${i + 1} of the query closes nothing`;
    }
  }
  if (quote) return `a string opened with ${quote} is not closed`;
  if (open.length) return `the ${open[open.length - 1]} opened in the query is not closed`;
  parts.push(text);
  return parts.filter((p) => p !== "");
}
function renderQuery(q, values) {
  const valueOf = {
    version: values.version,
    previous_version: values.previousVersion ?? "",
    environment: values.environment
  };
  return q.parts.map((p) => typeof p === "string" ? p : escapePromqlString(p.regex ? quoteRegex(valueOf[p.placeholder]) : valueOf[p.placeholder])).join("");
}
function escapePromqlString(value) {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const code = value.charCodeAt(i);
    if (c === "\\" || c === '"') out += `\\${c}`;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "	") out += "\\t";
    else if (code < 32 || code === 127) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code === 65533) out += "\\uFFFD";
    else if (code >= 55296 && code <= 56319 && value.charCodeAt(i + 1) >= 56320 && value.charCodeAt(i + 1) <= 57343) out += c + value[++i];
    else if (code >= 55296 && code <= 57343) out += "\\uFFFD";
    else out += c;
  }
  return out;
}
function quoteRegex(value) {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}
function meetsThreshold(value, op, threshold) {
  switch (op) {
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
  }
}

// src/gate/prometheus-result.ts
var EXCERPT = 200;
var SERIES_SHOWN = 3;
function parseQueryResponse(r) {
  const error = (message) => ({ kind: "error", message: redact(`query '${r.name}' ${message}`) });
  let json;
  try {
    json = JSON.parse(r.body);
  } catch {
    return error(
      `got HTTP ${r.status} with ${r.body.trim() ? `a body that is not JSON: ${excerpt2(r.body)}` : "an empty body"}; is prometheus-url the Prometheus API's base URL?`
    );
  }
  const envelope = json;
  if (envelope?.status === "error") {
    const type = typeof envelope.errorType === "string" ? `${envelope.errorType}, ` : "";
    return error(
      `was rejected by Prometheus (${type}HTTP ${r.status}): '${typeof envelope.error === "string" ? envelope.error : JSON.stringify(envelope.error ?? "")}'`
    );
  }
  if (envelope?.status !== "success" || typeof envelope.data !== "object" || envelope.data === null) {
    return error(`got HTTP ${r.status} with JSON that is not a Prometheus API answer: ${excerpt2(r.body)}`);
  }
  if (r.status < 200 || r.status > 299) return error(`got HTTP ${r.status}`);
  const { resultType, result } = envelope.data;
  switch (resultType) {
    case "scalar":
      return sampleValue(result, error);
    case "vector":
      return vectorValue(result, error);
    case "matrix":
      return error(
        "returned a range vector (a selector with [range]); a check needs one number: wrap it in a function like rate(\u2026) and aggregate with sum(\u2026) or max(\u2026)"
      );
    case "string":
      return error("returned a string; a check needs one number");
    default:
      return error(`returned an unknown result type ${JSON.stringify(resultType)}`);
  }
}
function vectorValue(result, error) {
  if (!Array.isArray(result)) return error("returned a vector that is not a list");
  if (result.length === 0) return { kind: "no-data", reason: "empty result" };
  if (result.length > 1) {
    const shown = result.slice(0, SERIES_SHOWN).map((s) => seriesName(s.metric ?? {}));
    const more = result.length > SERIES_SHOWN ? ` and ${result.length - SERIES_SHOWN} more` : "";
    return error(`returned ${result.length} series (${shown.join(", ")}${more}); a check needs one number: aggregate them, e.g. sum(\u2026) or max(\u2026)`);
  }
  const series = result[0];
  if (series.histogram !== void 0) return error("returned a native histogram; a check needs one number: use histogram_quantile(\u2026) or histogram_count(\u2026)");
  return sampleValue(series.value, error);
}
function sampleValue(sample, error) {
  const text = Array.isArray(sample) ? sample[1] : void 0;
  if (typeof text !== "string") return error(`returned a sample without a value: ${excerpt2(JSON.stringify(sample) ?? "")}`);
  if (text === "NaN") return { kind: "no-data", reason: "NaN" };
  if (text === "+Inf" || text === "Inf") return { kind: "value", value: Infinity };
  if (text === "-Inf") return { kind: "value", value: -Infinity };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return error(`returned a value that is not a number: '${text}'`);
  return { kind: "value", value: Number(text) };
}
function seriesName(metric) {
  const { __name__: name = "", ...labels } = metric;
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${name}{${pairs.join(",")}}`;
}
function excerpt2(body) {
  const flat = body.replace(/\s+/g, " ").trim();
  return `'${flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}\u2026` : flat}'`;
}
function judgeQuery(q, result) {
  if (result.kind === "no-data") return { signal: q.name, kind: "abstain", evidence: `${q.name}: no data (${result.reason})` };
  if (result.kind === "error") return { signal: q.name, kind: "abstain", evidence: result.message };
  const bound = q.op === "<" || q.op === "<=" ? "max" : "min";
  const evidence = `${q.name} = ${numberText(result.value, q.threshold)} (${bound} ${q.op} ${q.thresholdText})`;
  return { signal: q.name, kind: meetsThreshold(result.value, q.op, q.threshold) ? "pass" : "fail", evidence, value: result.value };
}
function numberText(value, threshold) {
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  const short = Number(value.toPrecision(6));
  return short === threshold && value !== threshold ? String(value) : String(short);
}

// src/gate/signals/prometheus-client.ts
var ANSWER_LIMIT = 1024 * 1024;
function queryUrl(base, query) {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, "")}/api/v1/query`;
  u.searchParams.set("query", query);
  return u.toString();
}
async function instantQuery(o) {
  const url = queryUrl(o.baseUrl, o.query);
  try {
    const res = await boundedGet(o.dispatcher, url, {
      headers: o.headers,
      accept: "application/json",
      limit: ANSWER_LIMIT,
      timeoutMs: o.timeoutMs,
      signal: o.signal
    });
    return { ok: true, status: res.status, body: res.text };
  } catch (err) {
    const c = classifyError(err, o.timeoutMs, o.signal);
    return { ok: false, message: redact(`prometheus ${displayUrl(o.baseUrl)}: ${c.message}`) };
  }
}

// src/gate/signals/prometheus.ts
var prometheusSignal = {
  id: "prometheus",
  inputs: [Inputs.PrometheusUrl, Inputs.PrometheusHeaders, Inputs.MetricsQueries],
  abstain: "required",
  read: readPrometheus,
  configOf: (g) => g.prometheus,
  describe: (c) => `metrics-queries (${displayUrl(c.url)}): ${c.queries.map((q) => `${q.name}: ${ruleOf(q)}`).join("; ")}`,
  async preflight(c, g, ctx) {
    const dispatcher = new HttpDispatcher();
    try {
      for (const q of c.queries) {
        const result = await ask(c, q, { ...ctx, dispatcher, timeoutMs: g.requestTimeoutMs });
        if (result.kind === "error") throw new Error(`metrics-queries line ${q.line}: ${result.message}`);
        ctx.log?.(`metrics-queries: ${q.name} answers (${result.kind === "value" ? `now ${result.value}` : `no data yet: ${result.reason}`})`);
      }
    } finally {
      await dispatcher.destroy().catch(() => void 0);
    }
  },
  start: (c, ctx) => {
    const last = /* @__PURE__ */ new Map();
    return {
      async observe() {
        const votes = await Promise.all(c.queries.map(async (q) => voteOf2(q, await ask(c, q, { ...ctx, timeoutMs: ctx.cfg.requestTimeoutMs }))));
        for (const v of votes) if (v.kind === "pass") last.set(v.subject, v.evidence);
        return votes;
      },
      passText: () => last.size ? [...last.values()].join(", ") : void 0
    };
  }
};
function ruleOf(q) {
  return `${q.promql} ${q.op} ${q.thresholdText}`;
}
function voteOf2(q, result) {
  const v = judgeQuery(q, result);
  return { ...v, id: "prometheus", subject: q.name, rule: ruleOf(q), answered: v.kind !== "abstain" };
}
async function ask(c, q, o) {
  const values = { version: o.version, previousVersion: o.previousVersion, environment: o.environment ?? "" };
  const answer = await instantQuery({
    baseUrl: c.url,
    query: renderQuery(q, values),
    headers: c.headers,
    dispatcher: o.dispatcher,
    timeoutMs: o.timeoutMs,
    signal: o.signal
  });
  if (!answer.ok) return { kind: "error", message: `query '${q.name}': ${answer.message}` };
  return parseQueryResponse({ name: q.name, status: answer.status, body: answer.body });
}
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

// src/shell.ts
var import_node_child_process = __toESM(require_node_child_process(), 1);

// src/ids.ts
function localId() {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, "0");
  return `${process.pid.toString(36)}-${Date.now().toString(36)}-${random()}${random()}`;
}

// src/process-tree.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var COMMAND_ID_ENV = "ROLLBACK_ACTION_COMMAND_ID";
var identity = (p) => `${p.pid}:${p.startTime}`;
function treeMembers(table, o) {
  const members = /* @__PURE__ */ new Map();
  for (const p of table) {
    if (p.pid === o.self) continue;
    if (p.marked || o.known.has(identity(p)) || o.known.size === 0 && p.pid === o.rootPid) members.set(p.pid, p);
  }
  const children = /* @__PURE__ */ new Map();
  for (const p of table) children.set(p.ppid, [...children.get(p.ppid) ?? [], p]);
  const queue = [...members.values()];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop().pid) ?? []) {
      if (child.pid === o.self || members.has(child.pid)) continue;
      members.set(child.pid, child);
      queue.push(child);
    }
  }
  return [...members.values()];
}
function readProcessTable(commandId) {
  let pids;
  try {
    pids = (0, import_node_fs.readdirSync)("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return void 0;
  }
  const needle = `${COMMAND_ID_ENV}=${commandId}\0`;
  const table = [];
  for (const pid of pids) {
    let stat;
    try {
      stat = (0, import_node_fs.readFileSync)(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let marked = false;
    try {
      marked = (0, import_node_fs.readFileSync)(`/proc/${pid}/environ`).includes(needle);
    } catch {
    }
    table.push({ pid: Number(pid), ppid: Number(fields[1]), startTime: fields[19] ?? "", zombie: fields[0] === "Z" || fields[0] === "X", marked });
  }
  return table;
}
function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
  }
}
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function stopProcessTree(o) {
  const { rootPid } = o;
  if (!rootPid) return;
  const pollMs = o.pollMs ?? 50;
  const known = /* @__PURE__ */ new Set();
  const termed = /* @__PURE__ */ new Set();
  let groupTermed = false;
  const sweep = (sig) => {
    if (sig === "SIGKILL" || !groupTermed) signal(-rootPid, sig);
    groupTermed = true;
    const table = readProcessTable(o.commandId);
    if (!table) return groupAlive(rootPid) ? 1 : 0;
    let alive = 0;
    for (const p of treeMembers(table, { rootPid, known, self: process.pid })) {
      const id = identity(p);
      known.add(id);
      if (p.zombie) continue;
      alive++;
      if (sig === "SIGKILL" || !termed.has(id)) signal(p.pid, sig);
      termed.add(id);
    }
    return alive;
  };
  const until = async (sig, ms) => {
    const deadline = Date.now() + ms;
    for (; ; ) {
      if (sweep(sig) === 0) return true;
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
    }
  };
  if (await until("SIGTERM", o.graceMs)) return;
  await until("SIGKILL", o.killWaitMs ?? 1e3);
}

// src/shell.ts
var KILL_GRACE_MS = 2e3;
var EXIT_REPORT_MS = 500;
var runShell = (command, o) => new Promise((resolve) => new RunningCommand(command, o, resolve));
var RunningCommand = class {
  constructor(command, o, resolve) {
    this.o = o;
    this.resolve = resolve;
    this.child = (0, import_node_child_process.spawn)("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", command], {
      cwd: o.cwd,
      env: { ...commandEnv(process.env), ...o.env, [COMMAND_ID_ENV]: this.commandId },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    });
    for (const stream of [this.child.stdout, this.child.stderr]) this.readLines(stream);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.stopTree();
    }, o.timeoutMs);
    if (o.signal?.aborted) this.onAbort();
    else o.signal?.addEventListener("abort", this.onAbort, { once: true });
    this.child.on("error", (err) => {
      this.emit(`failed to start bash: ${err.message}`);
      if (!this.exited) this.finish(127, null);
      this.exited = true;
    });
    this.child.on("exit", (code, sig) => this.onExit(code, sig));
  }
  o;
  resolve;
  started = Date.now();
  tail = [];
  commandId = localId();
  child;
  timer;
  timedOut = false;
  cancelled = false;
  /** bash has exited or failed to start: its result is decided. */
  exited = false;
  finished = false;
  stopping;
  exitReport;
  onAbort = () => {
    this.cancelled = true;
    this.stopTree();
  };
  emit(line) {
    const clean = redact(line.replace(/\r$/, ""));
    this.tail.push(clean);
    if (this.tail.length > (this.o.tailLines ?? 20)) this.tail.shift();
    this.o.onLine?.(clean);
  }
  readLines(stream) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) this.emit(line);
    });
    stream.on("end", () => {
      if (buffered) this.emit(buffered);
      buffered = "";
    });
  }
  stopTree() {
    if (this.stopping) return;
    this.stopping = stopProcessTree({ rootPid: this.child.pid, commandId: this.commandId, graceMs: KILL_GRACE_MS });
    void this.stopping.then(() => {
      this.exitReport = setTimeout(() => {
        if (this.exited) return;
        this.exited = true;
        this.releasePipes();
        this.finish(null, "SIGKILL");
      }, EXIT_REPORT_MS);
    });
  }
  /**
   * On exit, give the pipes a moment to drain, then let go of them: a server the command started in
   * the background (`./server &`) may hold them open for as long as it lives, and must not be waited for.
   */
  onExit(code, sig) {
    if (this.exited) return;
    this.exited = true;
    const settle = setTimeout(() => {
      this.releasePipes();
      this.finish(code, sig);
    }, 200);
    this.child.on("close", () => {
      clearTimeout(settle);
      this.finish(code, sig);
    });
  }
  releasePipes() {
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }
  finish(exitCode, signal2) {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.o.signal?.removeEventListener("abort", this.onAbort);
    const result = () => ({
      exitCode,
      signal: signal2,
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      durationMs: Date.now() - this.started,
      tail: this.tail
    });
    if (!this.stopping) return this.resolve(result());
    void this.stopping.then(() => {
      clearTimeout(this.exitReport);
      this.resolve(result());
    });
  }
};
function describeExit(r, timeoutText) {
  if (r.cancelled) return "cancelled";
  if (r.timedOut) return `timed out after ${timeoutText} (process tree stopped)`;
  if (r.exitCode === 0) return "exit code 0";
  if (r.exitCode === null) return `killed by ${r.signal ?? "a signal"}`;
  return `exit code ${r.exitCode}`;
}
function commandEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^INPUT_/i.test(k) || /^ACTIONS_RUNTIME_TOKEN$/i.test(k) || k === COMMAND_ID_ENV) continue;
    out[k] = v;
  }
  return out;
}

// src/gate/signals/watch.ts
var WATCH_SUBJECT = "watch-command";
var watchSignal = {
  id: "watch",
  inputs: [Inputs.WatchCommand],
  abstain: "required",
  read: (r) => r.raw(Inputs.WatchCommand) || void 0,
  configOf: (g) => g.watchCommand,
  describe: (c, g) => `watch-command every round (exit 0 passes, within ${durationText(g.requestTimeoutMs)}): ${c}`,
  start: (command, ctx) => ({
    async observe() {
      const timeoutMs = ctx.cfg.requestTimeoutMs;
      const r = await runShell(command, {
        cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
        env: { DEPLOY_VERSION: ctx.version, DEPLOY_PREVIOUS_VERSION: ctx.previousVersion ?? "", DEPLOY_ENVIRONMENT: ctx.environment ?? "" },
        timeoutMs,
        signal: ctx.signal,
        tailLines: 5
      });
      const last = [...r.tail].reverse().find((l) => l.trim())?.trim();
      const exit = describeExit(r, durationText(timeoutMs));
      const base = { id: "watch", signal: WATCH_SUBJECT, subject: WATCH_SUBJECT, rule: `${command} exits 0` };
      if (r.cancelled) return [{ ...base, kind: "abstain", answered: false, evidence: "cancelled" }];
      if (r.exitCode === 0 && !r.timedOut) return [{ ...base, kind: "pass", answered: true, evidence: last ?? "exit code 0" }];
      const message = last ? `${last} (${exit})` : exit;
      return [
        {
          ...base,
          kind: "fail",
          answered: true,
          evidence: message,
          failure: { at: (/* @__PURE__ */ new Date()).toISOString(), kind: r.timedOut ? "timeout" : "error", message }
        }
      ];
    }
  })
};

// src/gate/signals/index.ts
var SIGNALS = [httpProbeSignal, errorRateSignal, prometheusSignal, watchSignal, baselineSignal];
function activeSignals(g) {
  return SIGNALS.flatMap((def) => {
    const config = def.configOf(g);
    return config === void 0 ? [] : [{ def, config }];
  });
}

export {
  urlCredentialForms,
  ConfigError,
  EnvironmentError,
  InputReader,
  oneOf,
  bool,
  duration,
  httpUrl,
  baselineSignal,
  errorRateSignal,
  httpProbeSignal,
  prometheusSignal,
  runShell,
  describeExit,
  watchSignal,
  activeSignals
};
