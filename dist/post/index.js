import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  core_exports,
  createStateStore,
  info,
  isMidway,
  setFailed,
  warning
} from "./chunks/chunk-AV2P36V7.js";
import {
  require_promises
} from "./chunks/chunk-7RAVAINK.js";
import "./chunks/chunk-GPG3U3RS.js";
import {
  redact
} from "./chunks/chunk-QFP3FIQY.js";
import {
  durationText
} from "./chunks/chunk-PP75D4GO.js";
import {
  __toESM
} from "./chunks/chunk-HANBNIMK.js";

// src/post.ts
var import_promises = __toESM(require_promises(), 1);

// src/post-stop.ts
var STOPPED_BUDGET_MS = 5e3;
var BACKSTOP_MS = STOPPED_BUDGET_MS - 500;
var MAX_TIMER_MS = 2 ** 31 - 1;
function createPostStop(o) {
  const proc = o.process ?? process;
  const controller = new AbortController();
  let deadline;
  let backstop;
  const stop = (reason) => {
    if (controller.signal.aborted) return;
    o.onStop(reason);
    controller.abort(reason);
    backstop = setTimeout(() => o.onOverrun(reason), BACKSTOP_MS);
    backstop.unref();
  };
  const onSignal = (sig) => stop(`the runner sent ${sig}: its time for the job after the cancel, or the step's timeout, ran out`);
  proc.on("SIGINT", onSignal);
  proc.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    startDeadline(ms) {
      if (ms >= MAX_TIMER_MS) return;
      deadline = setTimeout(() => stop(`cancel-timeout ${durationText(ms)} ran out`), ms);
      deadline.unref();
    },
    dispose() {
      if (deadline) clearTimeout(deadline);
      if (backstop) clearTimeout(backstop);
      proc.off("SIGINT", onSignal);
      proc.off("SIGTERM", onSignal);
    }
  };
}

// src/post.ts
async function run(o = {}) {
  const stop = createPostStop({
    onStop: (why) => warning(`rollback-action post: stopping (${why}): stopping the running command, then alerting and writing the report.`),
    onOverrun: (why) => {
      setFailed(`rollback-action post: stopped (${why}) and could not finish alerting and reporting in time. Check the environment now.`);
      o.exit?.(1);
    }
  });
  try {
    await post(stop);
  } catch (err) {
    warning(`rollback-action post: ${redact(String(err))}`);
  } finally {
    stop.dispose();
  }
}
async function post(stop) {
  let saved;
  try {
    saved = createStateStore(core_exports).load();
  } catch (err) {
    setFailed(`rollback-action post: ${err.message}; the run may have stopped mid-deploy. Check the environment now.`);
    return;
  }
  if (!saved) {
    info("rollback-action post: main saved no state; nothing to do.");
    return;
  }
  try {
    if (isMidway(saved.phase) || saved.phase === "resolved" && saved.deploymentId) {
      const { resumeRun } = await import("./chunks/post-resume-YMQ5AHOS.js");
      await resumeRun(saved, stop);
    }
  } finally {
    await cleanup(saved);
  }
}
async function cleanup(saved) {
  const git = saved.scratch.length > 0 || isMidway(saved.phase) ? await workspaceGit() : void 0;
  for (const dir of saved.scratch) {
    try {
      await git?.removeWorktree(dir);
    } catch (err) {
      warning(`Could not remove the checkout ${dir}: ${err.message}`);
    }
  }
  if (saved.scratchRoot)
    await (0, import_promises.rm)(saved.scratchRoot, { recursive: true, force: true }).catch((err) => warning(`Could not remove ${saved.scratchRoot}: ${err.message}`));
  await git?.prune();
  info("rollback-action post: checkouts removed.");
}
async function workspaceGit() {
  const { createGit } = await import("./chunks/git-JHDGR4DM.js");
  return createGit(process.env.GITHUB_WORKSPACE || process.cwd());
}

// src/entry/post.ts
void run({ exit: (code) => process.exit(code) }).finally(() => process.exit());
