import * as core from '@actions/core'
import type { Config } from './config.js'
import { runGate } from './gate/gate.js'
import { createGit } from './git.js'
import type { DeploymentLog, Log, Ports } from './story/ports.js'
import { redact } from './secrets.js'
import { runShell } from './shell.js'
import { createStateStore, type StateStore } from './state.js'

/** The log, through @actions/core, with every line redacted (the runner's masking misses split or encoded secrets). */
export const coreLog: Log = {
  info: (m) => core.info(redact(m)),
  warning: (m) => core.warning(redact(m)),
  error: (m) => core.error(redact(m)),
  group: (title, fn) => core.group(redact(title), fn),
}

/** The real world, wired for the runner. */
export async function createPorts(config: Config, signal: AbortSignal, o: { scratchRoot: string; state?: StateStore }): Promise<Ports> {
  return {
    log: coreLog,
    shell: runShell,
    git: createGit(config.workspace),
    gate: runGate,
    deployments: await createDeploymentLog(config, coreLog),
    state: o.state ?? createStateStore(core),
    signal,
    scratchRoot: o.scratchRoot,
    // Loaded only when a manual rollback asks the health endpoint what is live.
    healthBody: async (url, g) => (await import('./http/get-text.js')).getText(url, g),
  }
}

/** GitHub deployments when on and possible; otherwise undefined, and the log says why. */
export async function createDeploymentLog(config: Config, log: Log): Promise<DeploymentLog | undefined> {
  const g = config.github
  let skipped: string | undefined
  if (!g.deployments) skipped = 'the deployments input is false'
  else if (!g.token) skipped = 'there is no github-token'
  else if (!g.owner || !g.repo) skipped = 'GITHUB_REPOSITORY is not set'
  if (skipped) {
    log.info(`GitHub deployments skipped: ${skipped}; the previous version comes from tags.`)
    return undefined
  }
  // Loaded only when deployments are on: the API client and the lock are not needed otherwise.
  const { createDeployments, safeDeployments } = await import('./github/deployments.js')
  const inner = createDeployments({
    token: g.token!,
    apiUrl: g.apiUrl,
    owner: g.owner,
    repo: g.repo,
    runId: config.context.runId,
    logUrl: config.context.runUrl || undefined,
  })
  return safeDeployments(inner, (m) => log.warning(`GitHub deployments skipped: ${m}`))
}
