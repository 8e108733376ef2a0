import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plan
} from "./chunk-OJT6OHQM.js";
import {
  durationText,
  gateObserves,
  loadReleaseTags,
  preflightGate,
  resolveForRollback,
  smokeFailure
} from "./chunk-ZGLGAOJF.js";

// src/story/live.ts
var SOURCE_TEXT = {
  deployments: "the deployments history",
  "previous-version": "the previous-version input",
  health: "the health endpoint's body"
};
async function resolveManual(s) {
  const c = s.config;
  const r = await resolveForRollback({ version: c.version, environment: c.environment, tagPattern: c.tagPattern, onlyIfLive: c.onlyIfLive }, s.versionSources());
  if (!("error" in r) && r.live) return withLive(r, { version: r.live, source: "deployments" });
  if (c.previousVersion) {
    const live = { version: c.previousVersion, source: "previous-version" };
    if (c.version && !("error" in r)) return withLive(r, live);
    const target = (await loadReleaseTags()).previousFromTags(await s.ports.git.remoteTags().catch(() => []), c.tagPattern, c.previousVersion);
    if (!target)
      return { error: `no version to roll back to: no release tag matching ${c.tagPattern} below ${c.previousVersion} (previous-version, live); set version` };
    return withLive({ version: target, source: "tags", note: `rolling back to ${target}: the release tag below ${c.previousVersion}` }, live);
  }
  if ("error" in r) return r;
  const fromHealth = c.gate.expectVersion ? await liveFromHealth(s) : { text: "expect-version is off" };
  if (fromHealth.version) return withLive(r, { version: fromHealth.version, source: "health" });
  return { ...r, liveNow: { text: `the live version is unknown (no deployments history, no previous-version, ${fromHealth.text})` } };
}
function withLive(r, live) {
  const text = `${live.version} is live (${SOURCE_TEXT[live.source]})`;
  return {
    ...r,
    previous: live.version === r.version ? r.previous : live.version,
    note: `${r.note}; ${text}`,
    liveNow: { ...live, from: SOURCE_TEXT[live.source], text }
  };
}
async function liveFromHealth(s) {
  const url = s.config.gate.urls[0];
  if (!url || !s.ports.healthBody) return { text: "no health URL to ask" };
  const body = await s.ports.healthBody(url, { headers: s.config.gate.headers, timeoutMs: s.config.gate.requestTimeoutMs, signal: s.ports.signal }).catch((err) => {
    s.log.warning(`Could not read the health endpoint to learn the live version: ${err.message}`);
    return void 0;
  });
  if (body === void 0) return { text: "the health endpoint did not answer" };
  const named = (await loadReleaseTags()).releaseTagsIn(body, await s.ports.git.remoteTags().catch(() => []), s.config.tagPattern);
  if (named.length === 1) return { version: named[0], text: "" };
  return { text: named.length ? `the health body names several release tags (${named.join(", ")})` : "the health body names no release tag" };
}

// src/story/rollback.ts
async function manualRollback(s) {
  const c = s.config;
  const versions = await s.resolve(() => resolveManual(s));
  if ("error" in versions) return s.finish("failed", versions.error);
  const live = versions.liveNow;
  if (c.onlyIfLive && live.source === "deployments" && live.version !== c.onlyIfLive) return alreadyBack(s, c.onlyIfLive, live.version);
  if (live.version === versions.version) return alreadyLive(s, live);
  if (c.dryRun) return plan(s, versions);
  const badSignal = await preflightGate(s, versions);
  if (badSignal) return s.finish("failed", badSignal);
  s.saveState({ live: live.version });
  const existingId = await s.openDeployment({
    phase: "rollback",
    version: versions.version,
    ref: versions.version,
    description: `Rolling back to ${versions.version}`,
    rolledBackFrom: versions.previous
  });
  return putBack(s, { target: versions.version, replacing: versions.previous, existingId, live });
}
async function alreadyLive(s, live) {
  const target = live.version;
  const why = `${target} is already live in ${s.config.environment} (${live.from}): nothing redeployed, no hook run`;
  if (s.config.dryRun) return s.finish("planned", `dry run: ${why}; would only check its health`);
  s.log.info(`${why}; checking its health.`);
  const gate = await proveHealthy(s, target, s.config.workspace);
  return gate.passed ? s.finish("rolled-back", `${why}; ${target} is healthy`) : s.finish("failed", `${why}; but ${target} is unhealthy: ${gate.reason}`);
}
async function alreadyBack(s, expected, live) {
  const env = s.config.environment;
  if (s.config.dryRun)
    return s.finish("planned", `dry run: ${expected} is not live in ${env} (${live} is): would roll nothing back, only check ${live}'s health`);
  s.log.info(`Checking ${live}'s health; nothing is redeployed.`);
  const gate = await proveHealthy(s, live, s.config.workspace);
  const why = `${expected} is not live in ${env} (${live} is): nothing to roll back`;
  return gate.passed ? s.finish("rolled-back", `${why}; ${live} is healthy`) : s.finish("failed", `${why}; but ${live} is unhealthy: ${gate.reason}`);
}
async function putBack(s, w) {
  const c = s.config;
  const { target, replacing } = w;
  const because = w.failure ? w.failure.reason : `manual rollback to ${target}`;
  s.wayBack = { target, replacing, because, plan: rollbackPlan(s, target, w.live), ids: { rollback: w.existingId, replaced: w.replacedId } };
  s.gateAround.previousVersion = replacing;
  s.saveState({ phase: "rolling-back", replacedDeploymentId: w.replacedId });
  const env = () => s.env({ version: target, previous: replacing, phase: "rollback" });
  const notes = [];
  const closeReplaced = (how) => s.status(w.replacedId, "failure", `${w.failure?.check ?? "cancelled"} failed; ${how}`);
  await beforeRollback(s, w, notes);
  const commit = s.saved.commits?.[target];
  const id = w.existingId ?? await s.openDeployment({
    phase: "rollback",
    version: target,
    ref: commit ?? target,
    description: `Rollback to ${target}${replacing ? ` from ${replacing}` : ""}`,
    rolledBackFrom: replacing,
    commit,
    wait: false
  });
  s.wayBack.ids.rollback = id;
  const { redeployed, treeDir } = await redeploy(s, target, env);
  if (!redeployed.ok) {
    await s.status(id, "failure", `Rollback to ${target} failed: ${redeployed.detail}`);
    await closeReplaced(`rollback to ${target} failed`);
    return s.finish("rollback-failed", `${because}; then the rollback to ${target} failed: ${redeployed.detail}`);
  }
  if (c.afterRollbackCommand) {
    const r = await s.command({ id: "after-rollback", title: "After rollback", phase: "rollback", command: c.afterRollbackCommand, cwd: treeDir, env: env() });
    if (!r.ok) {
      notes.push(`after-rollback-command failed (${r.detail})`);
      s.attention(
        `after-rollback-command failed (${r.detail}): what it does after the redeploy (a down migration, a cache flush) is not done: check the data now`
      );
    }
  }
  const gate = await proveHealthy(s, target, treeDir);
  const extra = notes.length ? `; ${notes.join("; ")}` : "";
  if (!gate.passed) {
    await s.status(id, "failure", `Rollback to ${target} unhealthy: ${gate.reason}`);
    await closeReplaced(`rolled back to ${target}, unhealthy too`);
    return s.finish("rollback-failed", `${because}; rolled back to ${target} but it is unhealthy too: ${gate.reason}${extra}`);
  }
  await closeReplaced(`rolled back to ${target}`);
  if (id) {
    await s.status(id, "success", `Rolled back to ${target}${replacing ? ` from ${replacing}` : ""}`);
    await s.ports.deployments?.markOlderInactive(c.environment, id);
  }
  const summary = w.failure ? `${because}; rolled back to ${target}, healthy` : `rolled back to ${target}${replacing ? ` from ${replacing}` : ""}, healthy`;
  return s.finish("rolled-back", `${summary}${extra}`);
}
async function afterRollbackGate(s, target, gate) {
  const soakMs = s.config.gate.rollbackSoakMs;
  if (!soakMs) return gate;
  const cfg = { ...s.config.gate, soakMs };
  const soak = await s.gate({ id: "rollback-soak", title: `Soak ${target} ${durationText(soakMs)}`, phase: "rollback", version: target, cfg, soakOnly: true });
  return soak.passed ? soak : { passed: false, reason: `rollback-soak-duration: ${soak.reason}` };
}
async function beforeRollback(s, w, notes) {
  const c = s.config;
  if (!c.beforeRollbackCommand) return;
  if (s.saved.beforeRollbackStarted) {
    notes.push("before-rollback-command had already started before the cancel; not run again");
    return;
  }
  let cwd = c.workspace;
  if (c.mode === "rollback") {
    const live = w.live?.version;
    if (!live) {
      const why = `before-rollback-command skipped: ${w.live?.text ?? "the live version is unknown"}; it would run in code that may never have been live. Set previous-version to the live version to run it in that version's checkout`;
      s.log.warning(why);
      s.timeline.skip("before-rollback", "Before rollback", "rollback", why);
      notes.push("before-rollback-command skipped: the live version is unknown");
      return;
    }
    const tree = s.trees.get(live) ?? await s.checkout(live, { id: "live-checkout" });
    if (typeof tree !== "string" && !tree.ok) {
      s.attention(`before-rollback-command not run: ${tree.detail}: undo by hand what it would have done`);
      notes.push(`before-rollback-command not run (${tree.detail})`);
      return;
    }
    cwd = typeof tree === "string" ? tree : tree.dir;
  }
  s.throwIfCancelled();
  s.saveState({ beforeRollbackStarted: true });
  const env = s.env({ version: w.target, previous: w.replacing, phase: "rollback" });
  const r = await s.command({ id: "before-rollback", title: "Before rollback", phase: "rollback", command: c.beforeRollbackCommand, cwd, env });
  if (!r.ok) {
    notes.push(`before-rollback-command failed (${r.detail})`);
    s.attention(`before-rollback-command failed (${r.detail}): the down migration (or what it does) may be half done: check the data now`);
  }
}
async function redeploy(s, target, env) {
  const c = s.config;
  const prepared = await takePrepared(s, target);
  if (c.rollbackCommand) {
    const title = `Roll back to ${target}`;
    const redeployed2 = await s.command({ id: "rollback", title, phase: "rollback", command: c.rollbackCommand, cwd: c.workspace, env: env() });
    return { redeployed: redeployed2, treeDir: c.workspace };
  }
  let dir = prepared;
  if (!dir) {
    const checkout = await s.checkout(target);
    if (!checkout.ok) return { redeployed: checkout, treeDir: c.workspace };
    dir = checkout.dir;
  }
  const redeployed = await s.command({ id: "rollback", title: `Redeploy ${target}`, phase: "rollback", command: c.deployCommand, cwd: dir, env: env() });
  return { redeployed, treeDir: dir };
}
async function takePrepared(s, target) {
  const p = s.preparation;
  if (!p || p.version !== target) return void 0;
  s.preparation = void 0;
  const started = s.now();
  const r = await p.done;
  await p.showOutput();
  s.throwIfCancelled();
  if (!r.ok) {
    s.log.warning(`The preparation of ${target} failed (${r.detail}): using a fresh checkout.`);
    await p.discard("failed: a fresh checkout is used");
    return void 0;
  }
  const waited = s.now() - started;
  s.log.info(`Check out ${target}: using the tree prepared while the gate ran (${r.dir}).`);
  s.timeline.end(
    s.timeline.start("checkout", `Check out ${target}`, "rollback"),
    "passed",
    `prepared tree of ${target}${waited >= 1e3 ? ` (waited ${durationText(waited)} for it)` : ""}`
  );
  return r.dir;
}
async function proveHealthy(s, target, treeDir) {
  const c = s.config;
  if (!smokeProves(s)) {
    const gate = await s.gate({ id: "rollback-health", title: `Health gate ${target}`, phase: "rollback", version: target, cfg: { ...c.gate, soakMs: 0 } });
    return gate.passed ? afterRollbackGate(s, target, gate) : gate;
  }
  const env = s.env({ version: target, phase: "rollback" });
  const r = await s.command({
    id: "rollback-smoke",
    title: `Smoke ${target}`,
    phase: "rollback",
    command: c.smokeCommand,
    cwd: treeDir,
    env,
    timeoutMs: c.smokeTimeoutMs
  });
  return { passed: r.ok, reason: r.ok ? "smoke-command passed" : smokeFailure(r) };
}
function smokeProves(s) {
  const c = s.config;
  return !gateObserves(c.gate) && Boolean(c.smokeCommand);
}
function rollbackPlan(s, target, live) {
  const c = s.config;
  const steps = [];
  const manual = c.mode === "rollback";
  if (c.beforeRollbackCommand && !s.saved.beforeRollbackStarted && (!manual || live?.version)) {
    if (manual) steps.push({ id: "live-checkout", what: `check out ${live.version}` });
    steps.push({ id: "before-rollback", what: "before-rollback-command" });
  }
  if (c.rollbackCommand) steps.push({ id: "rollback", what: "rollback-command" });
  else steps.push({ id: "checkout", what: `check out ${target}` }, { id: "rollback", what: `redeploy ${target}` });
  if (c.afterRollbackCommand) steps.push({ id: "after-rollback", what: "after-rollback-command" });
  steps.push({ id: smokeProves(s) ? "rollback-smoke" : "rollback-health", what: `health check of ${target}` });
  if (!smokeProves(s) && c.gate.rollbackSoakMs) steps.push({ id: "rollback-soak", what: `soak of ${target}` });
  return steps;
}

export {
  manualRollback,
  putBack,
  proveHealthy
};
