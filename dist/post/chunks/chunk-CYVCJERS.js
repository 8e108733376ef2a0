import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_child_process
} from "./chunk-CLQH5R2E.js";
import {
  redact,
  require_node_fs
} from "./chunk-6PFF2QCX.js";
import {
  __toESM
} from "./chunk-HANBNIMK.js";

// src/shell.ts
var import_node_child_process = __toESM(require_node_child_process(), 1);

// src/ids.ts
function localId() {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, "0");
  return `${process.pid.toString(36)}-${Date.now().toString(36)}-${random()}${random()}`;
}

// src/process-tree.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var COMMAND_ID_ENV = "ROLLBACK_ACTION_COMMAND_ID";
var identity = (p) => `${p.pid}:${p.startTime}`;
function treeMembers(table, o) {
  const members = /* @__PURE__ */ new Map();
  for (const p of table) {
    if (p.pid === o.self) continue;
    if (p.marked || o.known.has(identity(p)) || o.known.size === 0 && p.pid === o.rootPid) members.set(p.pid, p);
  }
  const children = /* @__PURE__ */ new Map();
  for (const p of table) children.set(p.ppid, [...children.get(p.ppid) ?? [], p]);
  const queue = [...members.values()];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop().pid) ?? []) {
      if (child.pid === o.self || members.has(child.pid)) continue;
      members.set(child.pid, child);
      queue.push(child);
    }
  }
  return [...members.values()];
}
function readProcessTable(commandId) {
  let pids;
  try {
    pids = (0, import_node_fs.readdirSync)("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return void 0;
  }
  const needle = `${COMMAND_ID_ENV}=${commandId}\0`;
  const table = [];
  for (const pid of pids) {
    let stat;
    try {
      stat = (0, import_node_fs.readFileSync)(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let marked = false;
    try {
      marked = (0, import_node_fs.readFileSync)(`/proc/${pid}/environ`).includes(needle);
    } catch {
    }
    table.push({ pid: Number(pid), ppid: Number(fields[1]), startTime: fields[19] ?? "", zombie: fields[0] === "Z" || fields[0] === "X", marked });
  }
  return table;
}
function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
  }
}
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function stopProcessTree(o) {
  const { rootPid } = o;
  if (!rootPid) return;
  const pollMs = o.pollMs ?? 50;
  const known = /* @__PURE__ */ new Set();
  const termed = /* @__PURE__ */ new Set();
  let groupTermed = false;
  const sweep = (sig) => {
    if (sig === "SIGKILL" || !groupTermed) signal(-rootPid, sig);
    groupTermed = true;
    const table = readProcessTable(o.commandId);
    if (!table) return groupAlive(rootPid) ? 1 : 0;
    let alive = 0;
    for (const p of treeMembers(table, { rootPid, known, self: process.pid })) {
      const id = identity(p);
      known.add(id);
      if (p.zombie) continue;
      alive++;
      if (sig === "SIGKILL" || !termed.has(id)) signal(p.pid, sig);
      termed.add(id);
    }
    return alive;
  };
  const until = async (sig, ms) => {
    const deadline = Date.now() + ms;
    for (; ; ) {
      if (sweep(sig) === 0) return true;
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
    }
  };
  if (await until("SIGTERM", o.graceMs)) return;
  await until("SIGKILL", o.killWaitMs ?? 1e3);
}

// src/shell.ts
var KILL_GRACE_MS = 2e3;
var EXIT_REPORT_MS = 500;
var runShell = (command, o) => new Promise((resolve) => new RunningCommand(command, o, resolve));
var RunningCommand = class {
  constructor(command, o, resolve) {
    this.o = o;
    this.resolve = resolve;
    this.child = (0, import_node_child_process.spawn)("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", command], {
      cwd: o.cwd,
      env: { ...commandEnv(process.env), ...o.env, [COMMAND_ID_ENV]: this.commandId },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    });
    for (const stream of [this.child.stdout, this.child.stderr]) this.readLines(stream);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.stopTree();
    }, o.timeoutMs);
    if (o.signal?.aborted) this.onAbort();
    else o.signal?.addEventListener("abort", this.onAbort, { once: true });
    this.child.on("error", (err) => {
      this.emit(`failed to start bash: ${err.message}`);
      if (!this.exited) this.finish(127, null);
      this.exited = true;
    });
    this.child.on("exit", (code, sig) => this.onExit(code, sig));
  }
  o;
  resolve;
  started = Date.now();
  tail = [];
  commandId = localId();
  child;
  timer;
  timedOut = false;
  cancelled = false;
  /** bash has exited or failed to start: its result is decided. */
  exited = false;
  finished = false;
  stopping;
  exitReport;
  onAbort = () => {
    this.cancelled = true;
    this.stopTree();
  };
  emit(line) {
    const clean = redact(line.replace(/\r$/, ""));
    this.tail.push(clean);
    if (this.tail.length > (this.o.tailLines ?? 20)) this.tail.shift();
    this.o.onLine?.(clean);
  }
  readLines(stream) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) this.emit(line);
    });
    stream.on("end", () => {
      if (buffered) this.emit(buffered);
      buffered = "";
    });
  }
  stopTree() {
    if (this.stopping) return;
    this.stopping = stopProcessTree({ rootPid: this.child.pid, commandId: this.commandId, graceMs: KILL_GRACE_MS });
    void this.stopping.then(() => {
      this.exitReport = setTimeout(() => {
        if (this.exited) return;
        this.exited = true;
        this.releasePipes();
        this.finish(null, "SIGKILL");
      }, EXIT_REPORT_MS);
    });
  }
  /**
   * On exit, give the pipes a moment to drain, then let go of them: a server the command started in
   * the background (`./server &`) may hold them open for as long as it lives, and must not be waited for.
   */
  onExit(code, sig) {
    if (this.exited) return;
    this.exited = true;
    const settle = setTimeout(() => {
      this.releasePipes();
      this.finish(code, sig);
    }, 200);
    this.child.on("close", () => {
      clearTimeout(settle);
      this.finish(code, sig);
    });
  }
  releasePipes() {
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }
  finish(exitCode, signal2) {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.o.signal?.removeEventListener("abort", this.onAbort);
    const result = () => ({
      exitCode,
      signal: signal2,
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      durationMs: Date.now() - this.started,
      tail: this.tail
    });
    if (!this.stopping) return this.resolve(result());
    void this.stopping.then(() => {
      clearTimeout(this.exitReport);
      this.resolve(result());
    });
  }
};
function describeExit(r, timeoutText) {
  if (r.cancelled) return "cancelled";
  if (r.timedOut) return `timed out after ${timeoutText} (process tree stopped)`;
  if (r.exitCode === 0) return "exit code 0";
  if (r.exitCode === null) return `killed by ${r.signal ?? "a signal"}`;
  return `exit code ${r.exitCode}`;
}
function commandEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^INPUT_/i.test(k) || /^ACTIONS_RUNTIME_TOKEN$/i.test(k) || k === COMMAND_ID_ENV) continue;
    out[k] = v;
  }
  return out;
}

export {
  runShell,
  describeExit
};
