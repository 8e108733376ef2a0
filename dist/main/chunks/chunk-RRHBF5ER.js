import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  consequence,
  failedStep,
  formatDuration,
  headlineText,
  redact,
  stepDurationText,
  truncate
} from "./chunk-ZGLGAOJF.js";

// src/sinks/facts.ts
function mentions(status) {
  return status === "rolled-back" || status === "rollback-failed";
}
function alertFacts(r) {
  const failed = failedStep(r);
  const c = consequence(r);
  return {
    status: r.status,
    attention: r.attention ? redact(r.attention) : void 0,
    headline: redact(headlineText(r)),
    consequence: c === void 0 ? void 0 : redact(c),
    reason: redact(r.reason),
    versions: versionFacts(r),
    failingCheck: failed && r.status !== "deployed" ? { title: redact(failed.title), summary: redact(failed.summary ?? failed.outcome) } : void 0,
    evidence: r.status === "deployed" ? [] : evidenceLines(r),
    output: r.status === "deployed" ? [] : (failed?.output ?? []).filter((l) => l.trim()).map(redact),
    commitSubject: r.commitSubject === void 0 ? void 0 : redact(r.commitSubject),
    repository: redact(r.context.repository),
    actor: redact(r.context.actor),
    runUrl: r.context.runUrl,
    compareUrl: compareUrl(r),
    duration: formatDuration(r.endedAt - r.startedAt),
    endedAt: new Date(r.endedAt).toISOString()
  };
}
function versionFacts(r) {
  const deploy = r.mode === "deploy";
  return [
    { name: "Environment", value: redact(r.environment) },
    { name: deploy ? "Deployed" : "Put back", value: redact(r.version) },
    { name: deploy ? "Last known good" : "Replaced", value: r.previousVersion ? redact(r.previousVersion) : "none" },
    { name: "Trigger", value: r.cancelled ? "cancelled run (post step)" : deploy ? "automatic (health gate)" : "manual rollback" }
  ];
}
function evidenceLines(r) {
  const lines = [];
  for (const s of r.steps) {
    if (s.outcome !== "failed" || !s.verdict) continue;
    for (const e of s.verdict.endpoints) if (e.verdict === "failed" || e.failed > 0) lines.push(endpointLine(e));
    const er = s.verdict.errorRate;
    if (er) lines.push(`error rate ${(er.rate * 100).toFixed(2)}% (${er.errors}/${er.total}), max ${(er.max * 100).toFixed(2)}%`);
  }
  const failed = failedStep(r);
  if (!lines.length && failed?.summary) lines.push(`${failed.title}: ${failed.summary}`);
  return lines.map(redact);
}
function endpointLine(e) {
  const lat = e.latency ? `, p95 ${e.latency.p95}ms` : "";
  const last = e.lastFailure ? `: ${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` \u2014 ${e.lastFailure.bodyExcerpt.slice(0, 200)}` : ""}` : "";
  return `${e.url} \u2014 ${e.passed}/${e.probes} passed${lat}${last}`;
}
function compareUrl(r) {
  const { serverUrl, repository } = r.context;
  if (!r.previousVersion || !serverUrl || !repository) return void 0;
  const [base, head] = r.mode === "deploy" ? [r.previousVersion, r.version] : [r.version, r.previousVersion];
  return `${serverUrl}/${repository}/compare/${refPath(base)}...${refPath(head)}`;
}
function refPath(ref) {
  return encodeURIComponent(ref).replace(/%2F/gi, "/");
}
function stepLines(steps) {
  return steps.map((s) => redact(`${s.title}: ${s.outcome}, ${stepDurationText(s)}${s.summary ? ` \u2014 ${s.summary}` : ""}`));
}
function clip(text, max) {
  return truncate(text, max).replace(/[\uD800-\uDBFF]…$/, "\u2026");
}
function leadLine(f) {
  return f.attention ? `${f.attention}. ${f.headline}` : f.headline;
}
function jsonBytes(value) {
  return Buffer.byteLength(JSON.stringify(value));
}

export {
  mentions,
  alertFacts,
  stepLines,
  clip,
  leadLine,
  jsonBytes
};
