import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/timing.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
var MAX_DURATION_MS = 24 * 24 * 60 * 60 * 1e3;
function monotonicMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let timer;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const until = monotonicMs() + Math.max(0, ms);
    const wait = () => {
      timer = setTimeout(() => monotonicMs() >= until ? done() : wait(), Math.min(Math.max(0, until - monotonicMs()), MAX_TIMER_MS));
    };
    signal?.addEventListener("abort", done, { once: true });
    wait();
  });
}
function parseRetryAfter(header, now = Date.now()) {
  if (!header) return void 0;
  const h = header.trim();
  if (/^\d+$/.test(h)) return Number(h) * 1e3;
  const at = Date.parse(h);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function durationText(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${Number((ms / 1e3).toFixed(2))}s`;
  const s = Math.round(ms / 1e3);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor(s % 3600 / 60), s % 60];
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${sec ? `${sec}s` : ""}`;
}

export {
  MAX_DURATION_MS,
  monotonicMs,
  sleep,
  parseRetryAfter,
  durationText
};
