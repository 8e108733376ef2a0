import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findPostgresBin, testing } from '../helpers/tools.js'

const root = mkdtempSync(join(tmpdir(), 'pg-layout-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('findPostgresBin', () => {
  it('orders major versions as numbers, newest first', () => {
    expect(testing.newestFirst(['9.6', '10', '17', '15', '16'])).toEqual(['17', '16', '15', '10', '9.6'])
  })

  it('takes the newest major that has initdb, whatever its number', () => {
    for (const [major, server] of [
      ['14', true],
      ['18', true],
      ['19', false],
    ] as const) {
      mkdirSync(join(root, major, 'bin'), { recursive: true })
      if (server) writeFileSync(join(root, major, 'bin', 'initdb'), '')
    }
    expect(findPostgresBin(root)).toBe(join(root, '18', 'bin')) // 19 has only a client
  })
})
