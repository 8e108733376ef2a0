import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet
} from "./chunk-LON2RXNF.js";
import {
  anchored,
  classifyError,
  displayUrl,
  percent,
  redact
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

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
function sumSelector(samples, sel) {
  const tests = sel.matchers.map((m) => {
    if (m.op === "=") return (v) => v === m.value;
    if (m.op === "!=") return (v) => v !== m.value;
    const re = anchored(m.value);
    return m.op === "=~" ? (v) => re.test(v) : (v) => !re.test(v);
  });
  let sum = 0;
  for (const s of samples) {
    if (s.name !== sel.name || !Number.isFinite(s.value)) continue;
    if (sel.matchers.every((m, i) => tests[i](s.labels[m.label] ?? ""))) sum += s.value;
  }
  return sum;
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

// src/gate/error-rate-window.ts
var ErrorRateWindow = class {
  constructor(max) {
    this.max = max;
  }
  max;
  last;
  errors = 0;
  total = 0;
  /** Adds one read (the first is the baseline) and returns the rate so far. */
  add(now) {
    if (this.last) {
      this.errors += increase(this.last.errors, now.errors);
      this.total += increase(this.last.total, now.total);
    }
    this.last = now;
    return this.evidence();
  }
  evidence() {
    return { errors: this.errors, total: this.total, rate: this.total > 0 ? this.errors / this.total : 0, max: this.max };
  }
};
function increase(before, now) {
  return now >= before ? now - before : now;
}

// src/gate/signals/error-rate-run.ts
function startErrorRate(rule, ctx) {
  const name = displayUrl(rule.metricsUrl);
  const window = new ErrorRateWindow(rule.maxErrorRate);
  const ruleText = `${rule.query} \u2264 ${percent(rule.maxErrorRate)}`;
  let last;
  const vote = (v) => ({
    id: "error-rate",
    signal: name,
    subject: name,
    rule: ruleText,
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
export {
  startErrorRate
};
