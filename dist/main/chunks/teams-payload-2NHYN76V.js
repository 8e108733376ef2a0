import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  alertFacts,
  clip,
  jsonBytes
} from "./chunk-RRHBF5ER.js";
import "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/sinks/teams-payload.ts
var TEAMS_MAX_BYTES = 27 * 1024;
var COLORS = {
  deployed: "Good",
  "rolled-back": "Warning",
  failed: "Attention",
  "rollback-failed": "Attention",
  planned: "Default"
};
function detail(k) {
  return {
    evidence: Math.round(25 * k),
    lineChars: Math.max(80, Math.round(1e3 * k)),
    outputLines: Math.round(20 * k),
    textChars: Math.max(300, Math.round(4e3 * k))
  };
}
function buildTeamsPayload(r, o = {}) {
  const max = o.maxBytes ?? TEAMS_MAX_BYTES;
  const f = alertFacts(r);
  const full = message(card(f, detail(1)));
  if (jsonBytes(full) <= max) return full;
  let [lo, hi] = [0, 1];
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    if (jsonBytes(message(card(f, detail(mid)))) <= max) lo = mid;
    else hi = mid;
  }
  return message(card(f, detail(lo)));
}
function message(content) {
  return { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content }] };
}
function card(f, d) {
  const text = (t) => clip(t, d.textChars);
  const body = [];
  if (f.attention) body.push({ type: "TextBlock", text: text(f.attention), wrap: true, weight: "Bolder", color: "Attention" });
  body.push({ type: "TextBlock", text: text(f.headline), wrap: true, size: "Large", weight: "Bolder", color: COLORS[f.status] });
  if (f.consequence) body.push({ type: "TextBlock", text: text(f.consequence), wrap: true, weight: "Bolder" });
  body.push({ type: "TextBlock", text: text(f.reason), wrap: true });
  body.push({ type: "FactSet", facts: facts(f).map((x) => ({ title: x.name, value: clip(x.value, d.lineChars) })) });
  if (d.evidence && f.evidence.length) {
    body.push({ type: "TextBlock", text: "Evidence", wrap: true, weight: "Bolder", spacing: "Medium" });
    const shown = f.evidence.slice(0, d.evidence).map((l) => `- ${clip(l, d.lineChars)}`);
    if (f.evidence.length > d.evidence) shown.push(`- \u2026and ${f.evidence.length - d.evidence} more`);
    body.push({ type: "TextBlock", text: shown.join("\n\n"), wrap: true });
  }
  if (d.outputLines && f.output.length) {
    body.push({ type: "TextBlock", text: "Last output", wrap: true, weight: "Bolder", spacing: "Medium" });
    body.push({
      type: "TextBlock",
      text: f.output.slice(-d.outputLines).map((l) => clip(l, d.lineChars)).join("\n\n"),
      wrap: true,
      fontType: "Monospace"
    });
  }
  body.push({
    type: "TextBlock",
    text: clip([f.repository, f.actor ? `by ${f.actor}` : "", f.duration].filter(Boolean).join(" \xB7 "), d.lineChars),
    wrap: true,
    isSubtle: true,
    size: "Small"
  });
  const actions = [];
  if (f.runUrl) actions.push({ type: "Action.OpenUrl", title: "Open the workflow run", url: f.runUrl });
  if (f.compareUrl && f.compareUrl.length <= 2048) actions.push({ type: "Action.OpenUrl", title: "Compare versions", url: f.compareUrl });
  return { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body, actions, msteams: { width: "Full" } };
}
function facts(f) {
  const out = [...f.versions];
  if (f.failingCheck) out.push({ name: "Failing check", value: `${f.failingCheck.title} \u2014 ${f.failingCheck.summary}` });
  if (f.commitSubject) out.push({ name: "Commit", value: f.commitSubject });
  return out;
}
export {
  TEAMS_MAX_BYTES,
  buildTeamsPayload
};
