import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/gate/metrics-queries.ts
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
var NAME = /^[A-Za-z0-9_-]+$/;
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
  if (!NAME.test(name)) {
    throw new MetricsQueryError(
      n,
      `'${name}' is not a check name; use letters, digits, _ and - before the first colon (e.g. error-rate), then the query; ${FORM}.`
    );
  }
  if (PERCENT.test(rest)) {
    throw new MetricsQueryError(n, `'${name}': the threshold cannot be a percentage; write the number the query returns, e.g. 0.05 for 5% of a ratio.`);
  }
  const m = THRESHOLD.exec(rest);
  if (!m) throw new MetricsQueryError(n, `'${name}' does not end with a threshold (an operator and a number, e.g. < 0.05); ${FORM}.`);
  const promql = m[1].trim();
  if (!promql) throw new MetricsQueryError(n, `'${name}' has a threshold but no query before it; ${FORM}.`);
  const scanned = scanQuery(promql);
  if (typeof scanned === "string") throw new MetricsQueryError(n, `'${name}': ${scanned}.`);
  return { name, line: n, promql, parts: scanned, op: m[2], threshold: Number(m[3]), thresholdText: m[3] };
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
function queryRule(q) {
  return `${q.promql} ${q.op} ${q.thresholdText}`;
}

export {
  MetricsQueryError,
  parseMetricsQueries,
  queryRule
};
