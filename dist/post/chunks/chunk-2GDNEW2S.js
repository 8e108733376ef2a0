import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isFullSha
} from "./chunk-JXQCFANS.js";
import {
  require_node_child_process
} from "./chunk-CLQH5R2E.js";
import {
  require_node_fs,
  rm
} from "./chunk-6PFF2QCX.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-HANBNIMK.js";

// builtin:node:path
var require_node_path = __commonJS({
  "builtin:node:path"(exports, module) {
    module.exports = __require("node:path");
  }
});

// src/git.ts
var import_node_child_process = __toESM(require_node_child_process(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var GitCommandError = class extends Error {
  constructor(args, stderr, status) {
    super(`git ${args[0]} failed (${status}): ${stderr.trim().split("\n").slice(-3).join(" ")}`);
  }
};
function runGit(args, cwd, signal) {
  return new Promise((resolve2, reject) => {
    const child = (0, import_node_child_process.spawn)("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], signal });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code, signal2) => {
      const status = code === 0 ? void 0 : code !== null ? `exit code ${code}` : `killed by ${signal2}`;
      resolve2({ status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}
function tagNames(listing) {
  const prefix = "	refs/tags/";
  const names = [];
  for (let at = listing.indexOf(prefix); at >= 0; at = listing.indexOf(prefix, at)) {
    const start = at + prefix.length;
    const end = listing.indexOf("\n", start);
    at = end < 0 ? listing.length : end;
    names.push(listing.slice(start, at));
  }
  return names;
}
function insideRepository(dir, env = process.env) {
  if (env.GIT_DIR) return true;
  for (let d = (0, import_node_path.resolve)(dir); ; d = (0, import_node_path.dirname)(d)) {
    if ((0, import_node_fs.existsSync)((0, import_node_path.join)(d, ".git"))) return true;
    if ((0, import_node_path.dirname)(d) === d) return false;
  }
}
function createGit(workspace) {
  let inRepo;
  const inRepository = () => inRepo ??= insideRepository(workspace);
  const git = async (args, o = {}) => {
    const cwd = o.cwd ?? workspace;
    if (!(cwd === workspace ? inRepository() : insideRepository(cwd))) {
      throw new Error(
        `${cwd === workspace ? "the workspace" : "the directory"} (${cwd}) is not in a git repository: check the repository out before this step (actions/checkout)`
      );
    }
    const r = await runGit(args, cwd, o.signal);
    if (r.status) throw new GitCommandError(args, r.stderr, r.status);
    return r.stdout;
  };
  let listing;
  const listTags = (signal) => {
    if (listing) return listing;
    const pending = git(["ls-remote", "--tags", "--refs", "origin"], { signal }).then((out) => Object.freeze(tagNames(out)));
    pending.catch(() => {
      if (listing === pending) listing = void 0;
    });
    return listing = pending;
  };
  return {
    remoteTags: () => listTags(),
    inRepository,
    async addWorktree(version, dir, { commit, signal } = {}) {
      const tags = await listTags(signal);
      if (tags.includes(version)) {
        await git(["fetch", "--depth=1", "--no-tags", "origin", "--", `+refs/tags/${version}:refs/tags/${version}`], { signal });
        await git(["worktree", "add", "--detach", dir, `refs/tags/${version}^{commit}`], { signal });
        return;
      }
      const asCommit = `${version}^{commit}`;
      const full = commit ?? (isFullSha(version) ? version : await git(["rev-parse", "--verify", "--quiet", "--end-of-options", asCommit], { signal }).then(
        (o) => o.trim(),
        () => ""
      ));
      if (!isFullSha(full)) {
        throw new Error(`${version} is not a tag on origin, and a commit can be fetched only by its full 40-character SHA: set version to the full SHA`);
      }
      await git(["fetch", "--depth=1", "--no-tags", "origin", "--", full], { signal });
      await git(["worktree", "add", "--detach", dir, "FETCH_HEAD"], { signal });
    },
    async removeWorktree(dir) {
      const registered = (0, import_node_fs.existsSync)((0, import_node_path.join)(dir, ".git"));
      await rm(dir, { recursive: true, force: true });
      if (registered) await git(["worktree", "prune"]).catch(() => void 0);
    },
    async prune() {
      await git(["worktree", "prune"]).catch(() => void 0);
    },
    async commitSubject(cwd, rev = "HEAD") {
      try {
        return (await git(["log", "-1", "--format=%s", rev, "--"], { cwd })).split("\n")[0]?.trim() || void 0;
      } catch {
        return void 0;
      }
    }
  };
}

export {
  require_node_path,
  tagNames,
  insideRepository,
  createGit
};
