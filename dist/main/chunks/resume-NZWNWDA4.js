import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  putBack
} from "./chunk-FQXTZTOP.js";
import "./chunk-OJT6OHQM.js";
import {
  Cancelled,
  interruptedWhat,
  isMidway,
  sleep,
  stoppedHow
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/interruption.ts
function interruptedReason(i) {
  const ended = (id) => i.steps.find((s) => s.id === id && s.outcome !== "running" && s.outcome !== "cancelled");
  const cut = [...i.steps].reverse().find((s) => s.outcome === "cancelled" || s.outcome === "running");
  const done = i.plan.filter((p) => ended(p.id)).map((p) => ended(p.id).outcome === "failed" ? `${p.what} (failed)` : p.what);
  const left = i.plan.filter((p) => !ended(p.id)).map((p) => p.what);
  const where = cut ? whereThingsStand(i, cut.id) : `the rollback to ${i.target} was stopped before ${left[0] ?? "its end"}: ${i.environment} may be on ${replaced(i)} or partway`;
  return [
    `${i.because}; then the post step was stopped (${i.stoppedBy}): ${where}`,
    `done: ${done.length ? done.join(", ") : "nothing"}`,
    `left to do by hand: ${left.length ? left.join(", ") : "nothing"}; check ${i.environment} now`
  ].join("; ");
}
function replaced(i) {
  return i.replacing ?? "the version being replaced";
}
function whereThingsStand(i, stepId) {
  const env = i.environment;
  switch (stepId) {
    case "before-rollback":
      return `before-rollback-command was interrupted: ${env} may be on ${replaced(i)}, with that command partway (a down migration, say)`;
    case "checkout":
      return `the checkout of ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`;
    case "rollback":
      return `the redeploy of ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`;
    case "after-rollback":
      return `after-rollback-command was interrupted: ${i.target} was redeployed, but that command is partway`;
    case "rollback-health":
    case "rollback-smoke":
      return `the health check of ${i.target} was interrupted: ${i.target} was redeployed but is not proven healthy`;
    default:
      return `the rollback to ${i.target} was interrupted: ${env} may be on ${replaced(i)} or partway`;
  }
}

// src/story/resume.ts
var STOPPED_STATUS_BUDGET_MS = 1500;
async function resume(s, saved) {
  const how = stoppedHow(saved);
  s.adopt(saved);
  try {
    return await resumeWayBack(s, saved, how);
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    return stoppedMidway(s);
  }
}
async function resumeWayBack(s, saved, how) {
  if (saved.mode === "deploy" && saved.phase === "deploying") {
    const reason2 = `${how} while ${saved.version} was being deployed`;
    if (!saved.previous) {
      await s.status(saved.deploymentId, "failure", "Cancelled; no previous version to roll back to");
      return s.finish("failed", `${reason2}; no previous version to roll back to`);
    }
    return putBack(s, { target: saved.previous, replacing: saved.version, failure: { check: "cancelled", reason: reason2 }, replacedId: saved.deploymentId });
  }
  const [target, replacing] = saved.mode === "deploy" ? [saved.previous, saved.version] : [saved.version, saved.previous];
  const reason = `${how} during the rollback to ${target}`;
  const existingId = saved.deploymentId !== saved.replacedDeploymentId ? saved.deploymentId : void 0;
  return putBack(s, { target, replacing, failure: { check: "cancelled", reason }, existingId, replacedId: saved.replacedDeploymentId });
}
async function stoppedMidway(s) {
  const reason = s.ports.signal.reason;
  const stoppedBy = typeof reason === "string" ? reason : "it was stopped";
  s.timeline.cancelRunning(`stopped: ${stoppedBy}`);
  const w = s.wayBack;
  const env = s.config.environment;
  const text = w ? interruptedReason({ environment: env, target: w.target, replacing: w.replacing, because: w.because, stoppedBy, plan: w.plan, steps: s.timeline.steps }) : `the run stopped while ${interruptedWhat(s.saved)}; then the post step was stopped (${stoppedBy}) before its rollback started; check ${env} now`;
  if (w) {
    const close = async () => {
      for (const id of /* @__PURE__ */ new Set([w.ids.rollback, w.ids.replaced]))
        await s.status(id, "failure", `Rollback to ${w.target} interrupted (${stoppedBy}); check ${env}`);
    };
    const bound = new AbortController();
    await Promise.race([close().finally(() => bound.abort()), sleep(STOPPED_STATUS_BUDGET_MS, bound.signal)]);
  }
  s.record.unfinished = true;
  return s.finish("rollback-failed", text);
}
function handOver(s) {
  s.timeline.cancelRunning("job cancelled");
  s.saveState({ cancelled: true });
  const { phase, mode, previous, version } = s.saved;
  const next = isMidway(phase) ? s.config.rollbackOnCancel && (mode === "rollback" || previous) ? `the post step rolls back to ${mode === "deploy" ? previous : version}` : "rollback-on-cancel is off or there is no previous version: nothing will be rolled back" : "nothing was deployed";
  s.record.handedToPost = isMidway(phase);
  return s.finish("failed", `cancelled during ${phase === "resolved" ? "preparation" : phase}; ${next}`, { handOver: true });
}
async function abandon(s, saved) {
  s.adopt(saved);
  for (const id of /* @__PURE__ */ new Set([saved.deploymentId, saved.replacedDeploymentId]))
    await s.status(id, "failure", "Cancelled; not rolled back (rollback-on-cancel false)");
  return s.finish(
    "failed",
    `the job stopped while ${interruptedWhat(saved)} and rollback-on-cancel is false: ${s.config.environment} may be on a partial deploy; check it now`
  );
}
function unfinished(s, saved, error) {
  s.adopt(saved);
  s.record.unfinished = true;
  return s.finish(
    "rollback-failed",
    `the job stopped while ${interruptedWhat(saved)}, and finishing the rollback failed: ${error}; check ${s.config.environment} now`
  );
}
async function closeUnstarted(s, saved) {
  await s.status(saved.deploymentId, "failure", "Stopped before deploying; nothing changed");
}
export {
  abandon,
  closeUnstarted,
  handOver,
  resume,
  unfinished
};
