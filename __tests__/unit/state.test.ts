// The state main hands to post goes through the runner's files as JSON: it must come back whole.
import { afterEach, describe, expect, it } from 'vitest'
import { StateKeys } from '../../src/constants.js'
import { addSecret, clearSecrets } from '../../src/secrets.js'
import { createStateStore, saveCancelSeen, type SavedRun } from '../../src/state.js'

afterEach(() => clearSecrets())

function files(initial: Record<string, string> = {}) {
  const state: Record<string, string> = { ...initial }
  return { state, core: { saveState: (k: string, v: string) => void (state[k] = v), getState: (k: string) => state[k] ?? '' } }
}

const run: SavedRun = {
  phase: 'deploying',
  mode: 'deploy',
  version: 'v1.1.0',
  previous: 'v1.0.0',
  previousSource: 'deployments',
  scratchRoot: '/runner/temp/rollback-action-7-abcd',
  scratch: [],
  deploymentId: 1718,
  startedAt: 1795426984718,
  cancelled: true,
}

describe('createStateStore', () => {
  it('round-trips the run, even when a secret equals a word or number in it', () => {
    for (const secret of ['true', 'deploy', '1718', 'v1.0.0']) addSecret(secret)
    const f = files()
    createStateStore(f.core).save(run)
    expect(createStateStore(f.core).load()).toEqual(run)
  })

  it('nothing saved: undefined; something unreadable: an error post turns into a failed step', () => {
    expect(createStateStore(files().core).load()).toBeUndefined()
    expect(() => createStateStore(files({ [StateKeys.Run]: '{"phase":***}' }).core).load()).toThrow(/not readable/)
    expect(() => createStateStore(files({ [StateKeys.Run]: '{"phase":"***ing","mode":"deploy","scratch":[]}' }).core).load()).toThrow(
      /not one post understands/,
    )
  })

  it('a cancel main saw is known to post even when main was killed before saving its run again', () => {
    const f = files()
    createStateStore(f.core).save({ ...run, cancelled: undefined })
    expect(createStateStore(f.core).load()?.cancelled).toBeUndefined()
    saveCancelSeen(f.core, 'SIGINT')
    expect(createStateStore(f.core).load()?.cancelled).toBe(true)
  })
})
