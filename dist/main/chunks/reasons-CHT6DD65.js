import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  durationText
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/gate/reasons.ts
function failReason(cfg, d, facts) {
  const f = d.failure;
  const body = f?.bodyExcerpt ? ` (body: "${f.bodyExcerpt.length > 120 ? `${f.bodyExcerpt.slice(0, 120)}\u2026` : f.bodyExcerpt}")` : "";
  if (d.check === "config") return `config: ${d.endpoint} could not be probed: ${f?.message ?? "the request could not be sent"}`;
  if (d.check === "error-rate") return `error-rate: ${f?.message ?? "error rate over the maximum"} on ${d.failures} consecutive reads of ${d.endpoint}`;
  if (d.check !== "startup-timeout" && d.check !== "soak" && d.check !== "health") {
    return `${d.check}: ${f?.message ?? `${d.endpoint} failed`} on ${d.failures} consecutive round${d.failures === 1 ? "" : "s"}`;
  }
  if (d.check === "startup-timeout") {
    const within = `within ${durationText(cfg.startupTimeoutMs)}`;
    if (!d.endpoint) return `startup-timeout: only ${d.passes}/${cfg.successThreshold} consecutive rounds passed ${within}`;
    const probes = d.rule ? facts.rounds : facts.probesOf(d.endpoint) ?? facts.rounds;
    const what = d.answered ? "not healthy" : d.rule && d.rule !== "error-rate" ? "gave no data" : "never answered";
    const who = d.rule && d.rule !== "error-rate" ? `${d.rule} ${d.endpoint}` : d.endpoint;
    return `startup-timeout: ${who} ${what} ${within}: ${f?.message ?? "no passing round"}${body} (${probes} ${d.rule ? "reads" : "probes"})`;
  }
  if (d.check === "soak" && d.failures < cfg.failureThreshold) {
    const grace = durationText(cfg.failureThreshold * cfg.intervalMs);
    return `soak: ${d.endpoint} kept failing intermittently through the ${durationText(cfg.soakMs)} soak and had not recovered ${grace} after it: ${f?.message ?? "failed"}${body}`;
  }
  return `${d.check}: ${d.endpoint} failed ${d.failures} consecutive probes: ${f?.message ?? "failed"}${body}`;
}
export {
  failReason
};
