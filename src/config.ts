import { Inputs } from './constants.js'
import { bool, ConfigError, duration, EnvironmentError, httpUrl, InputReader, lines, oneOf, positiveInt, readHeaders, type InputSource } from './inputs.js'
import { gateObserves, readGateConfig } from './gate/config.js'
import type { GateConfig } from './gate/types.js'
import { proxyCredentials, ProxyEnvError, readProxyEnv, type ProxySettings } from './http/proxy-env.js'
import { readSinksConfig, type SinksConfig } from './sinks/index.js'
import type { RunContext } from './timeline.js'
import { isVersionName } from './versions.js'

export { bool, ConfigError, duration, EnvironmentError, InputReader, lines, positiveInt, readHeaders, type InputSource }
export { parseBodyMatcher, parseStatusRanges } from './gate/rules.js'

/** Every setting of one run, parsed and validated. Nothing outside this module reads an input. */
export interface Config {
  /** `deploy`: put `version` live, gate it, roll back on failure. `rollback`: put a known good version back. */
  mode: 'deploy' | 'rollback'
  /** Bash command that deploys the tree it runs in. Empty only in rollback mode with a rollback command. */
  deployCommand: string
  /** The version being deployed; in rollback mode the target, empty meaning "last known good before what is live". */
  version: string
  /** Explicit last known good version; undefined means resolve it (deployments history, then tags). */
  previousVersion?: string
  /**
   * Mode rollback only: act only when this version is live (by the deployments history). Lets a
   * follow-up job roll back every environment of a release without undoing one that already
   * rolled itself back.
   */
  onlyIfLive?: string
  /** Glob that release tags match, e.g. `v*`. */
  tagPattern: string
  environment: string
  gate: GateConfig
  smokeCommand?: string
  smokeTimeoutMs: number
  /** Limit for each deploy, rollback or hook command. */
  deployTimeoutMs: number
  rollbackCommand?: string
  backupCommand?: string
  beforeRollbackCommand?: string
  afterRollbackCommand?: string
  /** Run once the new version is proven (gate, smoke, soak); a failure is a warning. */
  afterDeployCommand?: string
  /** Run in the previous version's checkout while the new one is deployed and gated, so a rollback starts at once. */
  prepareRollbackCommand?: string
  rollbackOnCancel: boolean
  /** After a cancel, the longest the post step spends finishing the rollback before it stops, alerts and reports. */
  cancelTimeoutMs: number
  failOnRollback: boolean
  /** Where the finished run goes: `notify-on`, and every view and configured alert channel (src/sinks/). */
  sinks: SinksConfig
  github: {
    /** Token for the Deployments API: a secret. */
    token?: string
    /** Record deploys and rollbacks as GitHub deployments, and read the last known good from them. */
    deployments: boolean
    apiUrl: string
    owner: string
    repo: string
    /** How long to wait for another run's deployment of the same environment to finish. */
    concurrencyTimeoutMs: number
    /** Shown as the environment's link on GitHub (environment_url of successful statuses). */
    environmentUrl?: string
  }
  dryRun: boolean
  /** The user's checkout: the new version's tree. */
  workspace: string
  /** Where scratch checkouts and the report go. */
  runnerTemp: string
  context: RunContext
}

/** The proxy settings, checked before anything runs; every request reads the same ones. */
function readProxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  try {
    return readProxyEnv(env)
  } catch (err) {
    if (err instanceof ProxyEnvError) throw new EnvironmentError(err.variable, err.message)
    throw err
  }
}

/** Reads and validates every input. Secrets are masked first, before anything can print them. */
export function readConfig(source: InputSource, env: NodeJS.ProcessEnv = process.env): Config {
  const reader = new InputReader(source)
  const raw = (name: string): string => reader.raw(name)
  const mask = (value: string | undefined): void => reader.mask(value)
  const secret = (name: string): string => reader.secret(name)

  // First, so every alert channel's secret is masked before anything else can fail or print.
  const sinks = readSinksConfig(reader)
  const token = secret(Inputs.GithubToken)
  // Every gate input (its credentials masked as they are read), before anything else can fail and print.
  const gate = readGateConfig(reader)
  // The proxy's password goes out in Proxy-Authorization: masked like any credential.
  proxyCredentials(readProxySettings(env)).forEach(mask)

  const mode = oneOf(Inputs.Mode, raw(Inputs.Mode) || 'deploy', ['deploy', 'rollback'] as const)
  const rollbackCommand = raw(Inputs.RollbackCommand) || undefined
  const deployCommand = raw(Inputs.DeployCommand)
  if (!deployCommand && !(mode === 'rollback' && rollbackCommand)) {
    throw new ConfigError(Inputs.DeployCommand, 'it is required: the bash command that deploys the tree it runs in, e.g. `./deploy.sh`.')
  }

  const context = readContext(env)
  const version = checkVersion(Inputs.Version, raw(Inputs.Version) || (mode === 'deploy' ? defaultVersion(env) : ''))
  if (mode === 'deploy' && !version) {
    throw new ConfigError(Inputs.Version, 'no version given and neither GITHUB_REF is a tag nor GITHUB_SHA is set; set `version`.')
  }
  const previousVersion = checkVersion(Inputs.PreviousVersion, raw(Inputs.PreviousVersion)) || undefined
  const onlyIfLive = checkVersion(Inputs.OnlyIfLive, raw(Inputs.OnlyIfLive)) || undefined
  if (onlyIfLive && mode !== 'rollback') throw new ConfigError(Inputs.OnlyIfLive, 'applies to mode rollback only; remove it or set mode: rollback.')

  const smokeCommand = raw(Inputs.SmokeCommand) || undefined
  if (!gateObserves(gate) && !smokeCommand) {
    throw new ConfigError(
      Inputs.HealthUrls,
      'set at least one of `health-urls` or `smoke-command` (or `metrics-url`, `metrics-queries`, `watch-command`), so the new version is proven healthy before it stays live.',
    )
  }

  const [owner = '', repo = ''] = context.repository.split('/')
  return {
    mode,
    deployCommand,
    version,
    previousVersion,
    onlyIfLive,
    tagPattern: raw(Inputs.TagPattern) || 'v*',
    environment: environmentName(raw(Inputs.Environment) || 'production'),
    gate,
    smokeCommand,
    smokeTimeoutMs: duration(Inputs.SmokeTimeout, raw(Inputs.SmokeTimeout) || '10m'),
    deployTimeoutMs: duration(Inputs.DeployTimeout, raw(Inputs.DeployTimeout) || '30m'),
    rollbackCommand,
    backupCommand: raw(Inputs.BackupCommand) || undefined,
    beforeRollbackCommand: raw(Inputs.BeforeRollbackCommand) || undefined,
    afterRollbackCommand: raw(Inputs.AfterRollbackCommand) || undefined,
    afterDeployCommand: raw(Inputs.AfterDeployCommand) || undefined,
    prepareRollbackCommand: raw(Inputs.PrepareRollbackCommand) || undefined,
    rollbackOnCancel: bool(Inputs.RollbackOnCancel, raw(Inputs.RollbackOnCancel), true),
    cancelTimeoutMs: duration(Inputs.CancelTimeout, raw(Inputs.CancelTimeout) || '4m'),
    failOnRollback: bool(Inputs.FailOnRollback, raw(Inputs.FailOnRollback), true),
    sinks,
    github: {
      token: token || undefined,
      deployments: bool(Inputs.Deployments, raw(Inputs.Deployments), true),
      apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
      owner,
      repo,
      concurrencyTimeoutMs: duration(Inputs.ConcurrencyTimeout, raw(Inputs.ConcurrencyTimeout) || '10m', { allowZero: true }),
      environmentUrl: raw(Inputs.EnvironmentUrl) ? httpUrl(Inputs.EnvironmentUrl, raw(Inputs.EnvironmentUrl)) : undefined,
    },
    dryRun: bool(Inputs.DryRun, raw(Inputs.DryRun), false),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || env.TMPDIR || '/tmp',
    context,
  }
}

/** The tag of GITHUB_REF, else the short GITHUB_SHA. */
export function defaultVersion(env: NodeJS.ProcessEnv): string {
  const ref = env.GITHUB_REF ?? ''
  if (ref.startsWith('refs/tags/')) return ref.slice('refs/tags/'.length)
  return (env.GITHUB_SHA ?? '').slice(0, 7)
}

function readContext(env: NodeJS.ProcessEnv): RunContext {
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com'
  const repository = env.GITHUB_REPOSITORY || ''
  const runId = env.GITHUB_RUN_ID || ''
  return {
    repository,
    serverUrl,
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : '',
    actor: env.GITHUB_ACTOR || '',
    sha: env.GITHUB_SHA || '',
    ref: env.GITHUB_REF || '',
    workflow: env.GITHUB_WORKFLOW || '',
    runId,
  }
}

/** Versions reach commands only through env, but they are also shown and used as git refs: no control characters or spaces. */
function checkVersion(input: string, value: string): string {
  if (value.startsWith('-')) throw new ConfigError(input, `'${value}' must not start with '-'.`)
  if (value && !isVersionName(value)) {
    throw new ConfigError(input, `'${value}' is not a version; expected a tag like v1.2.3 or a full commit SHA (letters, digits and . _ - + / @).`)
  }
  return value
}

function environmentName(value: string): string {
  if (/[\r\n]/.test(value) || value.length > 255) {
    throw new ConfigError(Inputs.Environment, 'expected a single-line name of at most 255 characters, e.g. production.')
  }
  return value
}
