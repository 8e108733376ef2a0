import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  OUTCOME_WORDS,
  consequence,
  failedStep,
  formatDuration,
  headlineText,
  redact,
  truncate
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/sinks/slack-payload.ts
var MAX_BLOCKS = 50;
var MAX_SECTION = 3e3;
var MAX_HEADER = 150;
var MAX_ENDPOINTS = 10;
function escapeSlack(text) {
  return redact(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function buildSlackPayload(r, o) {
  const w = OUTCOME_WORDS[r.status];
  const headline = headlineText(r);
  const mention = o.mention && (r.status === "rolled-back" || r.status === "rollback-failed") ? `${o.mention} ` : "";
  const blocks = [{ type: "header", text: { type: "plain_text", text: truncate(redact(headline), MAX_HEADER), emoji: true } }];
  const c = consequence(r);
  const attention = r.attention ? `:rotating_light: *${escapeSlack(r.attention)}*` : "";
  const lead = [attention, `${mention}${w.slack} *${escapeSlack(headline)}*`, c ? `*${escapeSlack(c)}*` : ""].filter(Boolean).join("\n");
  blocks.push(section(lead));
  const fields = [
    `*Environment*
${escapeSlack(r.environment)}`,
    `*${r.mode === "deploy" ? "Deployed" : "Put back"}*
\`${escapeSlack(r.version)}\``,
    `*${r.mode === "deploy" ? "Last known good" : "Replaced"}*
${r.previousVersion ? `\`${escapeSlack(r.previousVersion)}\`` : "none"}`,
    `*Trigger*
${trigger(r)}`
  ];
  blocks.push({ type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text: truncate(text, 2e3) })) });
  if (r.status !== "deployed") {
    const failed = failedStep(r);
    const check = failed ? `*Failing check:* ${escapeSlack(failed.title)}
` : "";
    blocks.push(section(`${check}*Reason:* ${escapeSlack(r.reason)}`));
    const endpoints = r.steps.flatMap(
      (s) => s.outcome === "failed" && s.verdict ? s.verdict.endpoints.filter((e) => e.verdict === "failed" || e.failed > 0) : []
    );
    const lines = endpoints.slice(0, MAX_ENDPOINTS).map((e) => {
      const lat = e.latency ? `, p95 ${e.latency.p95}ms` : "";
      const last = e.lastFailure ? `: ${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` \u2014 \`${e.lastFailure.bodyExcerpt.slice(0, 200).replace(/`/g, "'")}\`` : ""}` : "";
      return `\u2022 ${escapeSlack(e.url)} \u2014 ${e.passed}/${e.probes} passed${lat}${escapeSlack(last)}`;
    });
    if (endpoints.length > MAX_ENDPOINTS) lines.push(`\u2026and ${endpoints.length - MAX_ENDPOINTS} more endpoints`);
    if (lines.length) blocks.push(section(`*Evidence*
${lines.join("\n")}`));
    const tail = failed?.output?.filter((l) => l.trim()).slice(-5);
    if (tail?.length) blocks.push(section(`*Last output of ${escapeSlack(failed.title)}*
\`\`\`${escapeSlack(tail.join("\n")).replace(/`/g, "'")}\`\`\``));
  }
  if (r.commitSubject) blocks.push(section(`*Commit:* ${escapeSlack(r.commitSubject)}`));
  const ctx = r.context;
  const run = ctx.runUrl ? `<${ctx.runUrl}|workflow run>` : "workflow run";
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: truncate(
          `${escapeSlack(ctx.repository || "repository")} \xB7 ${run} \xB7 by ${escapeSlack(ctx.actor || "unknown")} \xB7 ${formatDuration(r.endedAt - r.startedAt)}`,
          MAX_SECTION
        )
      }
    ]
  });
  const fallback = `${mention}${r.attention ? `${r.attention}. ` : ""}${w.title}: ${r.environment} ${r.version}${r.previousVersion ? ` / previous ${r.previousVersion}` : ""} \u2014 ${r.reason}`;
  return { text: truncate(`${mention}${escapeSlack(fallback.slice(mention.length))}`, MAX_SECTION), blocks: blocks.slice(0, MAX_BLOCKS) };
}
function trigger(r) {
  if (r.mainKilled) return "main step ended without finishing (post step)";
  if (r.cancelled) return "cancelled run (post step)";
  return r.mode === "rollback" ? "manual rollback" : "automatic (health gate)";
}
function section(text) {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, MAX_SECTION) } };
}
export {
  buildSlackPayload,
  escapeSlack
};
