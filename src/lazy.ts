/**
 * Everything a healthy HTTP-only deploy does not run, in the one lazy chunk of its own: the
 * rounds of every gate signal but the HTTP probe, the Prometheus preflight, the baseline's probing,
 * a failed gate's wording, the alert sender and the incident issue's GitHub calls.
 *
 * One chunk, not one per concern. esbuild gives a module that both a step's start and some lazy
 * chunks import a shared chunk of its own per distinct set of those lazy chunks, and a step loads
 * each of them at start: about 0.2 ms a file on Node 24, what parsing 15-20 kB costs. Lazy chunks
 * that each import a different few of those modules (the sender only `secrets` and `timing`, the
 * error rate only `secrets`…) split them into many small files, costing more than they save;
 * through this one module they import them all together, and the shared chunks stay as few as they
 * were (`__tests__/e2e/lazy-chunks.test.ts` counts them).
 */
export { collectSamples } from './gate/baseline-collect.js'
export { failReason } from './gate/reasons.js'
export { startBaseline } from './gate/signals/baseline-run.js'
export { startErrorRate } from './gate/signals/error-rate-run.js'
export { preflightPrometheus, startPrometheus } from './gate/signals/prometheus-run.js'
export { startWatch } from './gate/signals/watch-run.js'
export { postJson } from './http/post-json.js'
export { publishIncident } from './sinks/incident-run.js'
