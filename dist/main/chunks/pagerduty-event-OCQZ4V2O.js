import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  alertFacts,
  clip,
  leadLine,
  stepLines
} from "./chunk-RRHBF5ER.js";
import {
  require_node_crypto
} from "./chunk-OYR7WTVN.js";
import {
  redact
} from "./chunk-ZGLGAOJF.js";
import {
  __toESM
} from "./chunk-HANBNIMK.js";

// src/sinks/pagerduty-event.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var PAGERDUTY_LIMITS = { dedupKey: 255, summary: 1024 };
var PAGERDUTY_SEVERITY = {
  "rollback-failed": "critical",
  failed: "error",
  "rolled-back": "warning",
  deployed: "info",
  planned: "info"
};
var MAX_EVIDENCE = 25;
var MAX_LINE = 500;
var MAX_OUTPUT = 20;
var MAX_STEPS = 40;
function shouldPage(status, pageOn) {
  return status !== "planned" && pageOn.has(status);
}
function shouldResolve(status, pageOn) {
  return (status === "deployed" || status === "rolled-back") && !(pageOn && shouldPage(status, pageOn));
}
function pagerDutyDedupKey(repository, environment) {
  const key = `rollback-action/${repository}/${environment}`;
  if (key.length <= PAGERDUTY_LIMITS.dedupKey) return key;
  const hash = (0, import_node_crypto.createHash)("sha256").update(key).digest("hex").slice(0, 16);
  return `${key.slice(0, PAGERDUTY_LIMITS.dedupKey - hash.length - 1)}~${hash}`;
}
function buildPagerDutyTrigger(r, o) {
  const f = alertFacts(r);
  const failed = r.steps.find((s) => s.outcome === "failed");
  const links = [
    f.runUrl ? { href: f.runUrl, text: "Workflow run" } : void 0,
    f.compareUrl ? { href: f.compareUrl, text: "Changes between the versions" } : void 0
  ];
  return {
    routing_key: o.routingKey,
    event_action: "trigger",
    dedup_key: pagerDutyDedupKey(r.context.repository, r.environment),
    payload: {
      summary: clip(`${leadLine(f)} \u2014 ${f.reason}`, PAGERDUTY_LIMITS.summary),
      source: clip(`${f.repository || "repository"}/${redact(r.environment)}`, 255),
      severity: PAGERDUTY_SEVERITY[r.status],
      timestamp: f.endedAt,
      component: clip(f.repository || "repository", 255),
      group: clip(redact(r.environment), 255),
      // The kind of failure: the gate's check ('health', 'error-rate'…) or the failed step's id.
      class: clip(redact(failed?.verdict?.check ?? failed?.id ?? r.status), 255),
      custom_details: details(r, f)
    },
    links: links.filter((l) => l !== void 0),
    client: "rollback-action",
    ...f.runUrl ? { client_url: f.runUrl } : {}
  };
}
function details(r, f) {
  const cut = (lines, n, fromEnd = false) => (fromEnd ? lines.slice(-n) : lines.slice(0, n)).map((l) => clip(l, MAX_LINE));
  return {
    status: r.status,
    consequence: f.consequence ?? null,
    reason: f.reason,
    ...Object.fromEntries(f.versions.map((v) => [v.name.toLowerCase().replace(/ /g, "_"), v.value])),
    failing_check: f.failingCheck ? `${f.failingCheck.title} \u2014 ${f.failingCheck.summary}` : null,
    evidence: cut(f.evidence, MAX_EVIDENCE),
    more_evidence: Math.max(0, f.evidence.length - MAX_EVIDENCE),
    last_output: cut(f.output, MAX_OUTPUT, true),
    steps: cut(stepLines(r.steps), MAX_STEPS),
    commit: f.commitSubject ?? null,
    actor: f.actor,
    duration: f.duration,
    run_url: f.runUrl || null,
    compare_url: f.compareUrl ?? null
  };
}
function buildPagerDutyResolve(r, o) {
  return { routing_key: o.routingKey, event_action: "resolve", dedup_key: pagerDutyDedupKey(r.context.repository, r.environment) };
}
export {
  PAGERDUTY_LIMITS,
  PAGERDUTY_SEVERITY,
  buildPagerDutyResolve,
  buildPagerDutyTrigger,
  pagerDutyDedupKey,
  shouldPage,
  shouldResolve
};
