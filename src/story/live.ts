import { loadReleaseTags, resolveForRollback, type LiveSource, type ResolvedVersions } from '../versions.js'
import type { Steps } from './steps.js'

/** What a manual rollback knows about the live version, and where it learned it. */
export interface Live {
  version?: string
  source?: LiveSource
  /** Where it was learned: "the deployments history". */
  from?: string
  /** One clause for the log and the reason: "v1.1.0 is live (the deployments history)", or why it is unknown. */
  text: string
}

export type ManualVersions = ResolvedVersions & { liveNow: Live }

const SOURCE_TEXT: Record<LiveSource, string> = {
  deployments: 'the deployments history',
  'previous-version': 'the previous-version input',
  health: "the health endpoint's body",
}

/**
 * Mode rollback: the target, and what is live: the deployments history; else `previous-version`
 * (in this mode it names the version being replaced); else, with expect-version, the one release
 * tag the health endpoint's body names. The target, when not given, is the last known good before
 * what is live.
 */
export async function resolveManual(s: Steps): Promise<ManualVersions | { error: string }> {
  const c = s.config
  const r = await resolveForRollback({ version: c.version, environment: c.environment, tagPattern: c.tagPattern, onlyIfLive: c.onlyIfLive }, s.versionSources())
  if (!('error' in r) && r.live) return withLive(r, { version: r.live, source: 'deployments' })
  if (c.previousVersion) {
    const live = { version: c.previousVersion, source: 'previous-version' as const }
    if (c.version && !('error' in r)) return withLive(r, live)
    const target = (await loadReleaseTags()).previousFromTags(await s.ports.git.remoteTags().catch(() => []), c.tagPattern, c.previousVersion)
    if (!target)
      return { error: `no version to roll back to: no release tag matching ${c.tagPattern} below ${c.previousVersion} (previous-version, live); set version` }
    return withLive({ version: target, source: 'tags', note: `rolling back to ${target}: the release tag below ${c.previousVersion}` }, live)
  }
  if ('error' in r) return r
  const fromHealth = c.gate.expectVersion ? await liveFromHealth(s) : { text: 'expect-version is off' }
  if (fromHealth.version) return withLive(r, { version: fromHealth.version, source: 'health' })
  return { ...r, liveNow: { text: `the live version is unknown (no deployments history, no previous-version, ${fromHealth.text})` } }
}

function withLive(r: ResolvedVersions, live: { version: string; source: LiveSource }): ManualVersions {
  const text = `${live.version} is live (${SOURCE_TEXT[live.source]})`
  return {
    ...r,
    previous: live.version === r.version ? r.previous : live.version,
    note: `${r.note}; ${text}`,
    liveNow: { ...live, from: SOURCE_TEXT[live.source], text },
  }
}

/** The one release tag the health body names; none when it names none or several. */
async function liveFromHealth(s: Steps): Promise<{ version?: string; text: string }> {
  const url = s.config.gate.urls[0]
  if (!url || !s.ports.healthBody) return { text: 'no health URL to ask' }
  const body = await s.ports
    .healthBody(url, { headers: s.config.gate.headers, timeoutMs: s.config.gate.requestTimeoutMs, signal: s.ports.signal })
    .catch((err: Error) => {
      s.log.warning(`Could not read the health endpoint to learn the live version: ${err.message}`)
      return undefined
    })
  if (body === undefined) return { text: 'the health endpoint did not answer' }
  const named = (await loadReleaseTags()).releaseTagsIn(body, await s.ports.git.remoteTags().catch(() => []), s.config.tagPattern)
  if (named.length === 1) return { version: named[0], text: '' }
  return { text: named.length ? `the health body names several release tags (${named.join(', ')})` : 'the health body names no release tag' }
}
