import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  alertFacts,
  clip,
  leadLine,
  mentions
} from "./chunk-RRHBF5ER.js";
import "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/sinks/discord-payload.ts
var DISCORD_LIMITS = {
  content: 2e3,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer text and author name, across all embeds. */
  total: 6e3
};
var DISCORD_COLORS = {
  deployed: 3061373,
  "rolled-back": 15512110,
  failed: 14687834,
  "rollback-failed": 9109504,
  planned: 9807270
};
var MAX_EVIDENCE = 10;
var MAX_OUTPUT_LINES = 5;
function buildDiscordPayload(r, o = {}) {
  const f = alertFacts(r);
  const mention = o.mention && mentions(r.status) ? o.mention.trim() : "";
  const content = clip(`${mention ? `${mention} ` : ""}${quiet(leadLine(f))}`, DISCORD_LIMITS.content);
  const embed = {
    title: clip(f.headline, DISCORD_LIMITS.title),
    description: clip(
      [f.attention ? `:rotating_light: **${f.attention}**` : "", f.consequence ? `**${f.consequence}**` : "", f.reason].filter(Boolean).join("\n\n"),
      DISCORD_LIMITS.description
    ),
    ...f.runUrl ? { url: f.runUrl } : {},
    color: DISCORD_COLORS[r.status],
    timestamp: f.endedAt,
    fields: fields(f).slice(0, DISCORD_LIMITS.fields).map(field),
    footer: { text: clip([f.repository || "repository", f.actor ? `by ${f.actor}` : "", f.duration].filter(Boolean).join(" \xB7 "), DISCORD_LIMITS.footer) }
  };
  return { content, embeds: [fitEmbed(embed, DISCORD_LIMITS.total)], allowed_mentions: allowedMentions(mention) };
}
function fields(f) {
  const out = f.versions.map((v) => ({
    name: v.name,
    value: v.name === "Environment" || v.name === "Trigger" ? v.value : code(v.value),
    inline: true
  }));
  if (f.failingCheck) out.push({ name: "Failing check", value: `${f.failingCheck.title} \u2014 ${f.failingCheck.summary}` });
  if (f.evidence.length) {
    const shown = f.evidence.slice(0, MAX_EVIDENCE).map((l) => `\u2022 ${l}`);
    if (f.evidence.length > MAX_EVIDENCE) shown.push(`\u2026and ${f.evidence.length - MAX_EVIDENCE} more`);
    out.push({ name: "Evidence", value: shown.join("\n") });
  }
  if (f.output.length) out.push({ name: "Last output", value: fence(f.output.slice(-MAX_OUTPUT_LINES).join("\n")) });
  if (f.commitSubject) out.push({ name: "Commit", value: f.commitSubject });
  if (f.compareUrl) out.push({ name: "Changes", value: f.compareUrl });
  if (f.runUrl) out.push({ name: "Workflow run", value: f.runUrl });
  return out;
}
function field(x) {
  return { ...x, name: clip(x.name || "\u2014", DISCORD_LIMITS.fieldName), value: clip(x.value || "\u2014", DISCORD_LIMITS.fieldValue) };
}
function embedLength(e) {
  return e.title.length + e.description.length + e.footer.text.length + e.fields.reduce((n, x) => n + x.name.length + x.value.length, 0);
}
function fitEmbed(e, max) {
  const out = { ...e, fields: e.fields.map((x) => ({ ...x })) };
  let excess = embedLength(out) - max;
  if (excess > 0) {
    out.description = clip(out.description, Math.max(200, out.description.length - excess));
    excess = embedLength(out) - max;
  }
  for (const x of [...out.fields].sort((a, b) => b.value.length - a.value.length)) {
    if (excess <= 0) break;
    x.value = clip(x.value, Math.max(64, x.value.length - excess));
    excess = embedLength(out) - max;
  }
  while (excess > 0 && out.fields.length > 4) {
    out.fields.pop();
    excess = embedLength(out) - max;
  }
  if (excess > 0) out.description = clip(out.description, Math.max(1, out.description.length - excess));
  return out;
}
function allowedMentions(mention) {
  const m = mention?.trim() ?? "";
  if (m === "@here" || m === "@everyone") return { parse: ["everyone"] };
  const role = /^<@&(\d+)>$/.exec(m);
  if (role) return { parse: [], roles: [role[1]] };
  const user = /^<@!?(\d+)>$/.exec(m);
  if (user) return { parse: [], users: [user[1]] };
  return { parse: [] };
}
function quiet(text) {
  return text.replace(/@(everyone|here)/g, "@\u200B$1");
}
function code(text) {
  return `\`${text.replace(/`/g, "'")}\``;
}
function fence(text) {
  return `\`\`\`
${clip(text.replace(/```/g, "'''"), DISCORD_LIMITS.fieldValue - 8)}
\`\`\``;
}
export {
  DISCORD_COLORS,
  DISCORD_LIMITS,
  allowedMentions,
  buildDiscordPayload,
  embedLength,
  fitEmbed
};
