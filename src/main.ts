import * as core from '@actions/core'
import { ConfigError, readConfig } from './config.js'
import { coreLog, createPorts } from './ports.js'
import { publish } from './publish.js'
import { runStory, scratchRoot } from './story/index.js'
import { redact } from './secrets.js'
import { saveCancelSeen } from './state.js'
import { headline, exitVerdict } from './verdict.js'

/**
 * The main step: the deploy story. The only place main fails the step. It never throws and never
 * exits the process: src/entry/main.ts (what the runner runs) exits after it; @github/local-action
 * calls it as it is.
 */
export async function run(): Promise<void> {
  // The runner sends SIGINT on cancel (SIGTERM 7.5 s later): stop the command in flight and save where we are.
  const controller = new AbortController()
  const onSignal = (sig: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      core.warning(`${sig} received: the job is being cancelled; stopping the running command.`)
      // At once, in a key of its own: if main is killed before it saves again, post still knows it was a cancel.
      saveCancelSeen(core, sig)
    }
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    await main(controller.signal)
  } catch (err) {
    core.setFailed(`rollback-action failed unexpectedly: ${redact(err instanceof Error ? (err.stack ?? err.message) : String(err))}`)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

async function main(signal: AbortSignal): Promise<void> {
  let config
  try {
    config = readConfig(core)
  } catch (err) {
    core.setFailed(err instanceof ConfigError ? err.message : `Could not read the inputs: ${redact(String(err))}`)
    return
  }

  const ports = await createPorts(config, signal, { scratchRoot: scratchRoot(config.runnerTemp, config.context.runId) })
  const record = await runStory(config, ports)
  // Stopped mid-deploy or mid-rollback: the post step finishes the story and alerts; main only records where it stopped.
  await publish(record, config, coreLog, { alert: !record.handedToPost })

  coreLog.info(headline(record))
  const failure = exitVerdict(record, config.failOnRollback)
  if (failure) core.setFailed(redact(failure))
}
