import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createGitHubClient
} from "./chunk-PBKDAECP.js";
import {
  alertFacts,
  clip
} from "./chunk-RRHBF5ER.js";
import {
  OUTCOME_WORDS,
  Outputs,
  formatDuration,
  redact,
  stepDurationText
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/sinks/incident-issue.ts
var MAX_BODY = 6e4;
var MAX_TITLE = 256;
var MAX_EVIDENCE = 25;
var MAX_OUTPUT = 30;
var MAX_CELL = 300;
var PROOF_STEPS = /* @__PURE__ */ new Set(["rollback-health", "rollback-smoke", "rollback-soak"]);
function incidentKey(r) {
  return { environment: r.environment, version: r.version };
}
function incidentMarker(k) {
  return `<!-- rollback-action:incident environment=${encodeURIComponent(k.environment)} version=${encodeURIComponent(k.version)} -->`;
}
function parseIncidentMarker(body) {
  const m = /<!--\s*rollback-action:incident environment=(\S+) version=(\S+)\s*-->/.exec(body ?? "");
  if (!m) return void 0;
  try {
    return { environment: decodeURIComponent(m[1]), version: decodeURIComponent(m[2]) };
  } catch {
    return void 0;
  }
}
function isIncidentFor(body, environment, version) {
  const k = parseIncidentMarker(body);
  return !!k && k.environment === environment && (version === void 0 || k.version === version);
}
function incidentTitle(r) {
  const env = redact(r.environment);
  const v = redact(r.version);
  const prev = r.previousVersion ? redact(r.previousVersion) : void 0;
  const move = r.mode === "deploy" ? `${v}${prev ? ` \u2192 ${prev}` : ""}` : `back to ${v}${prev ? ` from ${prev}` : ""}`;
  return clip(`${r.status === "rollback-failed" ? "Rollback failed" : "Rollback"} in ${env}: ${move}`, MAX_TITLE);
}
function impactWindow(r) {
  const deploy = r.steps.find((s) => s.id === "deploy") ?? r.steps.find((s) => s.phase === "rollback");
  const proofs = r.status === "rolled-back" ? r.steps.filter((s) => PROOF_STEPS.has(s.id) && s.outcome === "passed" && s.endedAt !== void 0) : [];
  const end = proofs.length ? Math.max(...proofs.map((s) => s.endedAt)) : void 0;
  return { start: deploy?.startedAt ?? r.startedAt, end };
}
function utc(ms) {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
function incidentBody(r) {
  const f = alertFacts(r);
  const head = [
    incidentMarker(incidentKey(r)),
    ...caution(f),
    `## ${OUTCOME_WORDS[r.status].emoji} ${md(f.headline)}`,
    "",
    `**What happened:** ${md(whatHappened(r, f))}`,
    ""
  ];
  const parts = [head.join("\n"), factsTable(r, f), failing(f), evidence(f), timeline(r.steps), postMortem(r)];
  let body = [...parts.slice(0, -2), output(f), ...parts.slice(-2)].join("\n");
  if (body.length > MAX_BODY) body = parts.join("\n");
  return clip(body, MAX_BODY);
}
function caution(f) {
  return f.attention ? ["> [!CAUTION]", `> **${md(f.attention)}**`, ""] : [];
}
function whatHappened(r, f) {
  const check = f.failingCheck ? `${f.failingCheck.title} failed (${f.failingCheck.summary})` : f.reason;
  if (r.status === "rolled-back") return `${check}, so ${f.versions[2].value} was put back and passed its health gate.`;
  return `${check}; ${f.consequence ?? "the rollback did not bring back a healthy version."}`;
}
function factsTable(r, f) {
  const w = impactWindow(r);
  const window = w.end === void 0 ? `since ${utc(w.start)}, still going at ${utc(r.endedAt)}` : `${utc(w.start)} \u2192 ${utc(w.end)} (${formatDuration(w.end - w.start)})`;
  const rows = [
    ...f.versions.map((v) => [
      v.name,
      v.name === "Environment" || v.name === "Trigger" ? cell(v.value) : `\`${v.value.replace(/`/g, "'")}\``
    ])
  ];
  if (f.compareUrl) rows.push(["Changes", `[${cell(compareText(r))}](${f.compareUrl})`]);
  rows.push(["Impact window", window]);
  if (f.runUrl) rows.push(["Workflow run", `[run ${cell(r.context.runId || "")}](${f.runUrl})`]);
  if (f.actor) rows.push(["Started by", cell(f.actor)]);
  if (f.commitSubject) rows.push(["Commit", cell(f.commitSubject)]);
  return ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`), ""].join("\n");
}
function compareText(r) {
  const [base, head] = r.mode === "deploy" ? [r.previousVersion, r.version] : [r.version, r.previousVersion];
  return redact(`${base}...${head}`);
}
function failing(f) {
  const lines = ["### Failing check", ""];
  if (f.failingCheck) lines.push(`**${md(f.failingCheck.title)}** \u2014 ${md(f.failingCheck.summary)}`, "");
  lines.push(`**Reason:** ${md(f.reason)}`, "");
  return lines.join("\n");
}
function evidence(f) {
  if (!f.evidence.length) return "";
  const shown = f.evidence.slice(0, MAX_EVIDENCE).map((l) => `- ${md(clip(l, 1e3))}`);
  if (f.evidence.length > MAX_EVIDENCE) shown.push(`- \u2026and ${f.evidence.length - MAX_EVIDENCE} more (see the workflow run)`);
  return ["### Evidence", "", ...shown, ""].join("\n");
}
function output(f) {
  if (!f.output.length) return "";
  const title = f.failingCheck?.title ?? "the failed step";
  const body = f.output.slice(-MAX_OUTPUT).map((l) => clip(l, 1e3)).join("\n");
  const fence = "`".repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return [`<details><summary>Last output of ${md(title)}</summary>`, "", fence, body, fence, "", "</details>", ""].join("\n");
}
function timeline(steps) {
  const rows = steps.map(
    (s) => `| ${utc(s.startedAt).slice(11, 19)} | ${cell(s.title)} | ${s.outcome} | ${stepDurationText(s)} | ${cell(clip(redact(s.summary ?? ""), MAX_CELL))} |`
  );
  const day = steps.length ? utc(steps[0].startedAt).slice(0, 10) : "";
  return [`### Timeline (UTC${day ? `, ${day}` : ""})`, "", "| Time | Step | Outcome | Duration | Detail |", "|---|---|---|---|---|", ...rows, ""].join("\n");
}
function postMortem(r) {
  const failedRollback = r.status === "rollback-failed";
  const items = [
    failedRollback ? `**Restore service:** ${md(redact(r.environment))} has no version proven healthy; bring one back and confirm it by hand` : "",
    `**Impact:** who and what was affected during the window above, and how badly`,
    `**Root cause:** why ${md(redact(r.version))} failed ${md(redact(r.environment))}'s check (the evidence above is where to start)`,
    `**Detection:** the health gate caught it; could a test, staging or an earlier check have caught it before production?`,
    failedRollback ? `**Rollback:** why the way back failed, and how to make it work next time` : "",
    `**Action items:** the fix, a test that would have caught it, monitoring or alerts, and this runbook \u2014 each as its own issue`,
    `**Redeploy:** the fixed version deployed and healthy (that closes this issue)`
  ].filter(Boolean);
  return ["### Post-mortem", "", ...items.map((i) => `- [ ] ${i}`), ""].join("\n");
}
function incidentRepeatComment(r) {
  const f = alertFacts(r);
  const lines = [...caution(f), `### ${OUTCOME_WORDS[r.status].emoji} Again at ${utc(r.endedAt)}: ${md(f.headline)}`, ""];
  if (f.failingCheck) lines.push(`**Failing check:** ${md(f.failingCheck.title)} \u2014 ${md(f.failingCheck.summary)}`, "");
  lines.push(`**Reason:** ${md(f.reason)}`, "");
  const shown = f.evidence.slice(0, 5).map((l) => `- ${md(clip(l, 500))}`);
  if (shown.length) lines.push(...shown, "");
  const w = impactWindow(r);
  lines.push(
    `**Impact window:** ${w.end === void 0 ? `since ${utc(w.start)}, still going` : `${utc(w.start)} \u2192 ${utc(w.end)} (${formatDuration(w.end - w.start)})`}`,
    ""
  );
  if (f.runUrl) lines.push(`[Workflow run](${f.runUrl})${f.actor ? ` \xB7 started by ${cell(f.actor)}` : ""}`, "");
  return clip(lines.join("\n"), MAX_BODY);
}
function incidentClosingComment(r) {
  const f = alertFacts(r);
  const run = f.runUrl ? ` ([workflow run](${f.runUrl}))` : "";
  return clip(
    [
      `### ${OUTCOME_WORDS.deployed.emoji} Resolved: \`${redact(r.version).replace(/`/g, "'")}\` is deployed to ${md(redact(r.environment))} and passed its health gate at ${utc(r.endedAt)}${run}.`,
      "",
      "Closing this incident; finish the post-mortem checklist above if it is still open.",
      ""
    ].join("\n"),
    MAX_BODY
  );
}
function md(text) {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@(?=[\w-])/g, "@\u200B");
}
function cell(text) {
  return md(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

// src/sinks/incident-run.ts
var INCIDENT_TOTAL_MS = 15e3;
var INCIDENT_REQUEST_MS = 1e4;
var PAGES = 3;
async function publishIncident(record, c, ctx, o) {
  const github = await createGitHubClient({
    token: o.token,
    apiUrl: ctx.github.apiUrl,
    env: ctx.env,
    requestTimeoutMs: INCIDENT_REQUEST_MS,
    totalMs: INCIDENT_TOTAL_MS
  });
  try {
    return o.open ? await openOrComment(github, record, c, ctx) : await closeOpen(github, record, c, ctx);
  } catch (err) {
    return { status: "failed", error: describe(err) };
  }
}
async function openIncidents(github, c, ctx) {
  const out = [];
  for (let page = 1; page <= PAGES; page++) {
    const { data } = await github.rest.issues.listForRepo({
      owner: ctx.github.owner,
      repo: ctx.github.repo,
      state: "open",
      labels: c.labels.join(","),
      per_page: 100,
      page
    });
    out.push(...data.filter((i) => !i.pull_request));
    if (data.length < 100) break;
  }
  return out;
}
async function openOrComment(github, r, c, ctx) {
  const repo = { owner: ctx.github.owner, repo: ctx.github.repo };
  const same = (await openIncidents(github, c, ctx)).find((i) => isIncidentFor(i.body, r.environment, r.version));
  if (same) {
    await github.rest.issues.createComment({ ...repo, issue_number: same.number, body: incidentRepeatComment(r) });
    ctx.outputs[Outputs.IncidentUrl] = same.html_url;
    return { status: "sent", what: `commented on #${same.number}` };
  }
  const { data } = await github.rest.issues.create({ ...repo, title: incidentTitle(r), body: incidentBody(r), labels: c.labels });
  ctx.outputs[Outputs.IncidentUrl] = data.html_url;
  return { status: "sent", what: `opened #${data.number}` };
}
async function closeOpen(github, r, c, ctx) {
  const repo = { owner: ctx.github.owner, repo: ctx.github.repo };
  const open = (await openIncidents(github, c, ctx)).filter((i) => isIncidentFor(i.body, r.environment));
  if (!open.length) return { status: "skipped" };
  for (const issue of open) {
    await github.rest.issues.createComment({ ...repo, issue_number: issue.number, body: incidentClosingComment(r) });
    await github.rest.issues.update({ ...repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
  }
  ctx.outputs[Outputs.IncidentUrl] = open[0].html_url;
  return { status: "sent", what: `closed ${open.map((i) => `#${i.number}`).join(", ")}` };
}
function describe(err) {
  const e = err;
  const message = redact(e.message ?? String(err)).split("\n")[0];
  if (e.cause?.name === "ApiTimeoutError") return `GitHub API did not answer (${e.cause.message ?? "timed out"})`;
  if (e.response?.headers?.["x-ratelimit-remaining"] === "0") return `GitHub API rate limit reached (${e.status ?? ""})`;
  if (e.status === 403) return `GitHub API refused (403: ${message}): add \`permissions: issues: write\` to the job`;
  if (e.status === 401) return "GitHub API rejected the token (401): check github-token";
  if (e.status === 404) return "GitHub API answered 404: the repository was not found or the token cannot see it (check github-token and its issues permission)";
  if (e.status === 410) return "GitHub API answered 410: issues are turned off for this repository";
  return e.status ? `GitHub API answered ${e.status} (${message})` : `GitHub API unreachable (${message})`;
}
export {
  publishIncident
};
