import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { constants, promises } from '../../../src/core-shims/summary-fs.js'

const dir = mkdtempSync(join(tmpdir(), 'summary-fs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("summary-fs (what @actions/core's job summary gets in place of node:fs)", () => {
  it('writes, appends and checks access as fs.promises does', async () => {
    const f = join(dir, 'summary.md')
    await promises.writeFile(f, '# one\n', { encoding: 'utf8' })
    await promises.appendFile(f, 'two\n', { encoding: 'utf8' })
    expect(readFileSync(f, 'utf8')).toBe('# one\ntwo\n')
    await expect(promises.access(f, constants.R_OK | constants.W_OK)).resolves.toBeUndefined()
  })

  it('rejects as fs.promises does when the file cannot be reached', async () => {
    await expect(promises.access(join(dir, 'missing.md'), constants.R_OK)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
