import { describe, expect, it } from 'vitest'
import { randomUUID } from '../../../src/core-shims/random-uuid.js'

describe('randomUUID (what @actions/core gets in place of node:crypto)', () => {
  it('is a version 4, RFC 9562 variant UUID, as crypto.randomUUID makes', () => {
    for (let i = 0; i < 200; i++) expect(randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('never repeats, and every random hex digit takes every value', () => {
    const ids = Array.from({ length: 2000 }, randomUUID)
    expect(new Set(ids).size).toBe(ids.length)
    // 122 random bits: each free position sees all 16 digits over 2000 draws.
    const free = [...Array(36).keys()].filter((i) => ![8, 13, 14, 18, 19, 23].includes(i))
    for (const i of free) expect(new Set(ids.map((id) => id[i])).size, `position ${i}`).toBe(16)
  })
})
