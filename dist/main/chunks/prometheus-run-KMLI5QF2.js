import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  boundedGet
} from "./chunk-LON2RXNF.js";
import {
  HttpDispatcher,
  classifyError,
  displayUrl,
  queryRule,
  redact
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/gate/promql.ts
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
      `got HTTP ${r.status} with ${r.body.trim() ? `a body that is not JSON: ${excerpt(r.body)}` : "an empty body"}; is prometheus-url the Prometheus API's base URL?`
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
    return error(`got HTTP ${r.status} with JSON that is not a Prometheus API answer: ${excerpt(r.body)}`);
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
  if (typeof text !== "string") return error(`returned a sample without a value: ${excerpt(JSON.stringify(sample) ?? "")}`);
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
function excerpt(body) {
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

// src/gate/signals/prometheus-run.ts
async function preflightPrometheus(c, g, ctx) {
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
}
function startPrometheus(c, ctx) {
  const last = /* @__PURE__ */ new Map();
  return {
    async observe() {
      const votes = await Promise.all(c.queries.map(async (q) => voteOf(q, await ask(c, q, { ...ctx, timeoutMs: ctx.cfg.requestTimeoutMs }))));
      for (const v of votes) if (v.kind === "pass") last.set(v.subject, v.evidence);
      return votes;
    },
    passText: () => last.size ? [...last.values()].join(", ") : void 0
  };
}
function voteOf(q, result) {
  const v = judgeQuery(q, result);
  return { ...v, id: "prometheus", subject: q.name, rule: queryRule(q), answered: v.kind !== "abstain" };
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
export {
  preflightPrometheus,
  startPrometheus
};
