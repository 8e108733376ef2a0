import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  describeSignals,
  durationText
} from "./chunk-ZGLGAOJF.js";

// src/story/plan.ts
function plan(s, v) {
  const lines = planLines(s.config, v);
  for (const line of lines) s.log.info(line);
  for (const line of lines.slice(1)) s.timeline.skip("plan", line, "deploy", "dry run: not run");
  return s.finish("planned", lines[0]);
}
function planLines(c, v) {
  const what = c.mode === "deploy" ? `deploy ${v.version} to ${c.environment}` : `roll ${c.environment} back to ${v.version}`;
  const lines = [`Dry run: would ${what}${v.previous ? ` (${c.mode === "deploy" ? "previous" : "replacing"} ${v.previous})` : ""}; ran nothing`];
  lines.push(v.note);
  if (c.mode === "deploy") {
    if (c.backupCommand) lines.push(`backup: ${c.backupCommand}`);
    lines.push(`deploy: ${c.deployCommand}`);
  }
  lines.push(...describeSignals(c.gate));
  if (c.gate.rollbackSoakMs) lines.push(`rollback soak: a rollback that passed its gate is watched ${durationText(c.gate.rollbackSoakMs)} more`);
  if (c.mode === "deploy") lines.push(...afterGateLines(c));
  if (v.previous || c.mode === "rollback") lines.push(...wayBackLines(c, v));
  else lines.push("on failure: no previous version to roll back to");
  return lines;
}
function afterGateLines(c) {
  const lines = [];
  if (c.smokeCommand) lines.push(`smoke: ${c.smokeCommand}`);
  if (c.gate.soakMs > 0) lines.push(`soak: keep watching every signal ${durationText(c.gate.soakMs)} after passing`);
  if (c.afterDeployCommand) lines.push(`after deploy (a failure only warns): ${c.afterDeployCommand}`);
  if (c.prepareRollbackCommand) lines.push(`prepare the rollback in the previous version's checkout while the gate runs: ${c.prepareRollbackCommand}`);
  return lines;
}
function wayBackLines(c, v) {
  const target = c.mode === "deploy" ? v.previous : v.version;
  const lines = [];
  if (c.beforeRollbackCommand) lines.push(`on failure, before the redeploy: ${c.beforeRollbackCommand}`);
  lines.push(`on failure: ${c.rollbackCommand ? `rollback: ${c.rollbackCommand}` : `deploy-command in a checkout of ${target}`}`);
  if (c.afterRollbackCommand) lines.push(`on failure, after the redeploy: ${c.afterRollbackCommand}`);
  return lines;
}

export {
  plan,
  planLines
};
