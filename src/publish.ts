/** Kept for the entry points: the sinks registry publishes a finished run (see src/sinks/index.ts). */
export { publish, reportPath, type PublishOptions } from './sinks/index.js'
