import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ApiTimeoutError,
  lazyGitHubClient
} from "./chunk-PBKDAECP.js";
import {
  LockTimeoutError,
  isFullSha,
  redact,
  sleep,
  truncate
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/github/deployments-api.ts
var PAYLOAD_KEY = "rollback-action";
var RECENT = 30;
var DeploymentsApi = class {
  constructor(o) {
    this.o = o;
    this.github = lazyGitHubClient(o);
    this.repo = { owner: o.owner, repo: o.repo };
  }
  o;
  github;
  repo;
  /** Recent states of a deployment, newest first. */
  async statesOf(id, count = 10) {
    const { data } = await (await this.github()).rest.repos.listDeploymentStatuses({ ...this.repo, deployment_id: id, per_page: count });
    return data.map((st) => st.state);
  }
  async latestState(id) {
    return (await this.statesOf(id, 1))[0];
  }
  /** Every status we write: descriptions cut to the API's 140 characters, the run as its log. */
  async postStatus(id, state, description, extra = {}) {
    const github = await this.github();
    await github.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: id,
      state,
      description: truncate(description, 140),
      log_url: this.o.logUrl,
      ...extra
    });
  }
  /** The conclusion of a workflow run that has completed; undefined while it runs. Run ids that are not numbers never end. */
  async runEnded(run) {
    if (!/^\d+$/.test(run)) return void 0;
    const { data } = await (await this.github()).rest.actions.getWorkflowRun({ ...this.repo, run_id: Number(run) });
    return data.status === "completed" ? data.conclusion ?? "completed" : void 0;
  }
  /** The environment's most recent deployments, newest first. */
  async recent(environment) {
    return (await (await this.github()).rest.repos.listDeployments({ ...this.repo, environment, per_page: RECENT })).data;
  }
  /** One page of 100 of the environment's deployments, newest first. */
  async page(environment, page) {
    return (await (await this.github()).rest.repos.listDeployments({ ...this.repo, environment, per_page: 100, page })).data;
  }
  /** A new deployment carrying our payload; its id. */
  async create(p) {
    const res = await (await this.github()).rest.repos.createDeployment({
      ...this.repo,
      ref: p.ref,
      environment: p.environment,
      description: truncate(p.description, 140),
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: p.environment === "production",
      payload: {
        [PAYLOAD_KEY]: {
          version: p.version,
          phase: p.phase,
          run_id: this.o.runId,
          ...p.commit ? { commit: p.commit } : {},
          ...p.rolledBackFrom ? { rolled_back_from: p.rolledBackFrom } : {}
        }
      }
    });
    const id = res.data.id;
    if (!id) throw new Error(`GitHub did not create the deployment: ${res.data.message ?? `HTTP ${res.status}`}`);
    return id;
  }
};
function ours(d) {
  let payload = d.payload;
  if (typeof payload === "string") {
    try {
      payload = JSON.parse(payload);
    } catch {
      return void 0;
    }
  }
  const mine = payload?.[PAYLOAD_KEY];
  return mine && typeof mine === "object" ? mine : void 0;
}
function versionOf(d) {
  const v = ours(d)?.version;
  return typeof v === "string" && v ? v : d.ref;
}
function commitOf(d) {
  const c = ours(d)?.commit;
  if (typeof c === "string" && isFullSha(c)) return { commit: c };
  return isFullSha(d.ref) ? { commit: d.ref } : {};
}
function runOf(d) {
  const r = ours(d)?.run_id;
  return typeof r === "string" ? r : void 0;
}
function apiMessage(err) {
  return redact(err.message ?? String(err)).split("\n")[0];
}
function briefApiError(err) {
  const status = err.status;
  return status ? `${status}: ${apiMessage(err)}` : apiMessage(err);
}

// src/github/deployment-lock.ts
var BUSY = /* @__PURE__ */ new Set(["queued", "pending", "in_progress"]);
async function waitForTurn(api, environment, ownId, w) {
  const started = Date.now();
  let told = "";
  const unreadable = /* @__PURE__ */ new Set();
  for (; ; ) {
    const blocker = await findBlocker(api, { environment, ownId, unreadable, onWait: w.onWait });
    if (!blocker) return;
    const who = `deployment ${blocker.id}${blocker.run ? ` (run ${blocker.run})` : ""}`;
    if (Date.now() - started >= w.timeoutMs) {
      throw new LockTimeoutError(
        `another deployment of ${environment} is still in progress: ${who}; gave up after ${Math.round(w.timeoutMs / 1e3)}s. Put deploy jobs in a workflow \`concurrency:\` group so runs queue instead of overlapping.`
      );
    }
    if (told !== who) w.onWait?.(`Waiting for ${who} of ${environment} to finish\u2026`);
    told = who;
    await sleep(Math.min(w.pollMs, Math.max(0, w.timeoutMs - (Date.now() - started))), w.signal);
    if (w.signal?.aborted) return;
  }
}
async function findBlocker(api, o) {
  for (const d of await api.recent(o.environment)) {
    const run = runOf(d);
    if (d.id >= o.ownId || !ours(d) || run !== void 0 && run === api.o.runId) continue;
    if (!BUSY.has(await api.latestState(d.id) ?? "")) continue;
    if (run !== void 0 && !o.unreadable.has(run)) {
      const ended = await api.runEnded(run).catch((err) => {
        o.unreadable.add(run);
        o.onWait?.(
          `Could not tell whether run ${run} is still going (${briefApiError(err)}); add \`permissions: actions: read\` so deployments left behind by a lost runner are recognized.`
        );
        return void 0;
      });
      if (ended) {
        await api.postStatus(d.id, "error", `Abandoned: run ${run} ended (${ended}) without finishing it`);
        o.onWait?.(`Deployment ${d.id} of ${o.environment} was left in progress by run ${run}, which ended (${ended}); marked it error.`);
        continue;
      }
    }
    return { id: d.id, run };
  }
  return void 0;
}

// src/github/deployments.ts
var HISTORY_PAGES = 20;
function createDeployments(o) {
  const api = new DeploymentsApi(o);
  return {
    successful: (environment) => successful(api, environment),
    async create(p) {
      const id = await api.create(p);
      await api.postStatus(id, "queued", p.description);
      return id;
    },
    waitForTurn: (environment, ownId, w) => waitForTurn(api, environment, ownId, w),
    async setStatus(id, state, s) {
      await api.postStatus(id, state, s.description, {
        log_url: s.logUrl ?? o.logUrl,
        ...s.environmentUrl ? { environment_url: s.environmentUrl } : {},
        auto_inactive: false
      });
    },
    markOlderInactive: (environment, keepId) => markOlderInactive(api, environment, keepId)
  };
}
async function* successful(api, environment) {
  const rolledBackFrom = /* @__PURE__ */ new Set();
  for (let page = 1; page <= HISTORY_PAGES; page++) {
    const data = await api.page(environment, page);
    for (const d of data) {
      const mine = ours(d);
      if (!mine) continue;
      const version = versionOf(d);
      const states = await api.statesOf(d.id);
      const good = states[0] === "success" || states[0] === "inactive" && states.includes("success");
      if (good && !rolledBackFrom.has(version)) yield { id: d.id, version, ...commitOf(d), createdAt: d.created_at };
      const from = mine.rolled_back_from;
      if (good && typeof from === "string") rolledBackFrom.add(from);
    }
    if (data.length < 100) return;
  }
}
async function markOlderInactive(api, environment, keepId) {
  let n = 0;
  for (const d of await api.recent(environment)) {
    if (d.id >= keepId || !ours(d) || await api.latestState(d.id) !== "success") continue;
    await api.postStatus(d.id, "inactive", `Superseded by deployment ${keepId}`);
    n++;
  }
  return n;
}
function describeApiError(err) {
  const e = err;
  const headers = e.response?.headers ?? {};
  const message = apiMessage(err);
  const timeout = [err, err.cause].find((c) => c instanceof ApiTimeoutError);
  if (timeout) return `GitHub API did not answer (${timeout.message}); deployments skipped this run`;
  if ((e.status === 403 || e.status === 429) && headers["x-ratelimit-remaining"] === "0") {
    const reset = Number(headers["x-ratelimit-reset"]);
    return `GitHub API rate limit reached${reset ? ` until ${new Date(reset * 1e3).toISOString()}` : ""}; deployments skipped this run`;
  }
  if (e.status === 403) return `GitHub API refused (403: ${message}): add \`permissions: deployments: write\` to the job`;
  if (e.status === 401) return "GitHub API rejected the token (401): check github-token";
  if (e.status === 404) return "GitHub API answered 404: the repository was not found or the token cannot see it (check github-token and GITHUB_REPOSITORY)";
  if (e.status === 422) return `GitHub API rejected the request (422: ${message})`;
  if (e.status && e.status >= 500) return `GitHub API answered ${e.status}; deployments skipped this run`;
  return `GitHub API unreachable (${message})`;
}
function safeDeployments(inner, warn) {
  const state = { available: true };
  const fault = (err) => {
    if (err instanceof LockTimeoutError) throw err;
    if (state.available) {
      state.available = false;
      state.unavailableReason = describeApiError(err);
      warn(state.unavailableReason);
    }
    return void 0;
  };
  const guard = async (fn, fallback, always = false) => {
    if (!state.available && !always) return fallback;
    try {
      return await fn();
    } catch (err) {
      fault(err);
      return fallback;
    }
  };
  return {
    get available() {
      return state.available;
    },
    get unavailableReason() {
      return state.unavailableReason;
    },
    async *successful(environment) {
      if (!state.available) return;
      try {
        yield* inner.successful(environment);
      } catch (err) {
        fault(err);
      }
    },
    create: (p) => guard(() => inner.create(p), void 0),
    waitForTurn: (env, id, o) => guard(() => inner.waitForTurn(env, id, o), void 0),
    // A deployment that exists gets its final word even after a fault (a passing 502): left
    // queued or in progress, it would hold the next run's lock.
    setStatus: (id, s, o) => guard(() => inner.setStatus(id, s, o), void 0, s !== "in_progress"),
    markOlderInactive: (env, id) => guard(() => inner.markOlderInactive(env, id), 0)
  };
}
export {
  LockTimeoutError,
  PAYLOAD_KEY,
  createDeployments,
  describeApiError,
  safeDeployments,
  versionOf
};
