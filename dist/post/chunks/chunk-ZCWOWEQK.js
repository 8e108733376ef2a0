import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/report/format.ts
var OUTCOME_WORDS = {
  deployed: { emoji: "\u2705", slack: ":white_check_mark:", title: "Deployed" },
  "rolled-back": { emoji: "\u21A9\uFE0F", slack: ":rewind:", title: "Rolled back" },
  "rollback-failed": { emoji: "\u{1F6A8}", slack: ":rotating_light:", title: "ROLLBACK FAILED" },
  failed: { emoji: "\u274C", slack: ":x:", title: "Deploy failed" },
  planned: { emoji: "\u{1F4DD}", slack: ":memo:", title: "Planned (dry run)" }
};
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(ms < 1e4 ? 2 : 1).replace(/\.?0+$/, "")}s`;
  const s = Math.round(ms / 1e3);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")}m`;
}
function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}
function headlineText(r) {
  const w = OUTCOME_WORDS[r.status];
  const prev = r.previousVersion;
  switch (r.status) {
    case "deployed":
      return `${w.title} ${r.version} to ${r.environment}${prev ? ` (previous ${prev})` : ""}`;
    case "rolled-back":
      return r.mode === "rollback" ? `${w.title} ${r.environment} to ${r.version}${prev ? ` (from ${prev})` : ""}` : `${w.title} ${r.environment}: ${r.version} \u2192 ${prev}`;
    case "rollback-failed":
      if (r.unfinished)
        return `${w.title} in ${r.environment}: the rollback ${r.mode === "deploy" ? `from ${r.version} to ${prev}` : `to ${r.version}`} did not finish`;
      return r.mode === "rollback" ? `${w.title} in ${r.environment}: ${r.version} is unhealthy${prev ? `, ${prev} was live` : ""}` : `${w.title} in ${r.environment}: ${r.version} failed and ${prev} is unhealthy too`;
    case "failed":
      return `${w.title}: ${r.version} to ${r.environment}, nothing rolled back`;
    case "planned":
      return `${w.title}: ${r.mode === "deploy" ? `${r.version} to ${r.environment}` : `roll ${r.environment} back to ${r.version}`}`;
  }
}
function consequence(r) {
  switch (r.status) {
    case "rollback-failed":
      if (r.unfinished) return `${r.environment} may be broken right now: the rollback did not finish, and which version is live is unknown. Act now.`;
      return `${r.environment} may be broken right now: neither version passed the health gate. Act now.`;
    case "failed":
      return failedConsequence(r);
    case "rolled-back":
      return r.mode === "rollback" ? void 0 : `${r.previousVersion} is live again and healthy; ${r.version} needs a fix.`;
    default:
      return void 0;
  }
}
var CHANGES_ENVIRONMENT = /* @__PURE__ */ new Set(["deploy", "before-rollback", "rollback", "after-rollback"]);
function failedConsequence(r) {
  const prev = r.previousVersion;
  const touched = r.cancelled || r.steps.some((s) => CHANGES_ENVIRONMENT.has(s.id) && s.outcome !== "skipped");
  if (!touched) return `Nothing was deployed; ${r.mode === "deploy" && prev ? `${prev} in ` : ""}${r.environment} was not touched.`;
  if (r.handedToPost) return `The job was cancelled while ${r.environment} was being changed; the post step takes over.`;
  if (!prev) return "There was no previous version to roll back to.";
  if (r.cancelled) return `Nothing was rolled back after the cancel: ${r.environment} may be in a partial state.`;
  return "The rollback was not possible.";
}
function failedStep(r) {
  return r.steps.find((s) => s.outcome === "failed");
}
function stepDurationText(s) {
  return s.endedAt === void 0 ? "\u2014" : formatDuration(s.endedAt - s.startedAt);
}

export {
  OUTCOME_WORDS,
  formatDuration,
  truncate,
  headlineText,
  consequence,
  failedStep,
  stepDurationText
};
