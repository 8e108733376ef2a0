import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  HttpDispatcher,
  probe,
  sleep,
  summarizeLatency
} from "./chunk-ZGLGAOJF.js";
import "./chunk-HANBNIMK.js";

// src/gate/baseline-collect.ts
async function collectSamples(cfg, durationMs, o) {
  const now = o.now ?? Date.now;
  const until = now() + durationMs;
  const samples = [];
  let failed = 0;
  const dispatcher = new HttpDispatcher();
  try {
    while (now() < until && !o.signal?.aborted) {
      const started = now();
      const probes = await Promise.all(
        cfg.urls.map(
          (url) => probe(url, {
            headers: cfg.headers,
            requestTimeoutMs: cfg.requestTimeoutMs,
            expectedStatus: cfg.expectedStatus,
            expectedBody: cfg.expectedBody,
            maxLatencyMs: cfg.maxLatencyMs,
            dispatcher,
            signal: o.signal
          })
        )
      );
      for (const p of probes) {
        if (p.ok) samples.push(p.latencyMs);
        else failed++;
      }
      const wait = Math.min(cfg.intervalMs - (now() - started), until - now());
      if (wait > 0) await sleep(wait, o.signal);
    }
  } finally {
    await dispatcher.destroy().catch(() => void 0);
  }
  const l = summarizeLatency(samples);
  const failures = failed ? `; ${failed} failed probe${failed === 1 ? "" : "s"} left out` : "";
  o.log?.(`baseline: ${samples.length} samples of the live version${l ? `, p50 ${l.p50}ms p95 ${l.p95}ms` : ""}${failures}`);
  return samples;
}
export {
  collectSamples
};
