import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  describeExit,
  durationText,
  runShell
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/gate/signals/watch-run.ts
var WATCH_SUBJECT = "watch-command";
function startWatch(command, ctx) {
  return {
    async observe() {
      const timeoutMs = ctx.cfg.requestTimeoutMs;
      const r = await runShell(command, {
        cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
        env: { DEPLOY_VERSION: ctx.version, DEPLOY_PREVIOUS_VERSION: ctx.previousVersion ?? "", DEPLOY_ENVIRONMENT: ctx.environment ?? "" },
        timeoutMs,
        signal: ctx.signal,
        tailLines: 5
      });
      const last = [...r.tail].reverse().find((l) => l.trim())?.trim();
      const exit = describeExit(r, durationText(timeoutMs));
      const base = { id: "watch", signal: WATCH_SUBJECT, subject: WATCH_SUBJECT, rule: `${command} exits 0` };
      if (r.cancelled) return [{ ...base, kind: "abstain", answered: false, evidence: "cancelled" }];
      if (r.exitCode === 0 && !r.timedOut) return [{ ...base, kind: "pass", answered: true, evidence: last ?? "exit code 0" }];
      const message = last ? `${last} (${exit})` : exit;
      return [
        {
          ...base,
          kind: "fail",
          answered: true,
          evidence: message,
          failure: { at: (/* @__PURE__ */ new Date()).toISOString(), kind: r.timedOut ? "timeout" : "error", message }
        }
      ];
    }
  };
}
export {
  WATCH_SUBJECT,
  startWatch
};
