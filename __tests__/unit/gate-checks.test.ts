// The probe's pure helpers: version matching, excerpts, URLs shown and credentials sent, error
// kinds, latency percentiles and durations in reasons.
import { afterEach, describe, expect, it } from 'vitest'
import { durationText } from '../../src/timing.js'
import { classifyError, displayUrl, requestHeaders } from '../../src/gate/http.js'
import { percentile, summarizeLatency } from '../../src/gate/latency.js'
import { containsVersion, excerpt, statusRangesText } from '../../src/gate/probe.js'
import { addSecret, clearSecrets } from '../../src/secrets.js'

afterEach(() => clearSecrets())

describe('containsVersion', () => {
  it('finds the version as a whole token, with or without a leading v', () => {
    expect(containsVersion('{"version":"v1.2.3"}', 'v1.2.3')).toBe(true)
    expect(containsVersion('{"version":"1.2.3"}', 'v1.2.3')).toBe(true)
    expect(containsVersion('{"version":"v1.2.3"}', '1.2.3')).toBe(true)
    expect(containsVersion('running 1.2.3.', 'v1.2.3')).toBe(true)
    expect(containsVersion('version=1.2.3+build.7', 'v1.2.3')).toBe(true)
  })

  it('does not take a neighbouring version for it (an old instance still answering)', () => {
    expect(containsVersion('{"version":"v1.10"}', 'v1.1')).toBe(false)
    expect(containsVersion('{"version":"v1.1.5"}', 'v1.1')).toBe(false)
    expect(containsVersion('{"version":"v1.1.0-rc.1"}', 'v1.1.0')).toBe(false)
    expect(containsVersion('{"version":"v11.2.3"}', 'v1.2.3')).toBe(false)
    expect(containsVersion('{"version":"v1.0.0"}', 'v1.1.0')).toBe(false)
  })

  it('a short commit SHA matches the full one, and other names match literally', () => {
    expect(containsVersion('{"commit":"1a2b3c4d5e6f7a8b9c0d"}', '1a2b3c4')).toBe(true)
    expect(containsVersion('{"commit":"01a2b3c4d5e6f"}', '1a2b3c4')).toBe(false)
    expect(containsVersion('build release-42 ok', 'release-42')).toBe(true)
    expect(containsVersion('build release-42-hotfix', 'release-42')).toBe(false)
    expect(containsVersion('a+b (c)', 'a+b')).toBe(true) // regex characters are literal
  })
})

describe('excerpt', () => {
  it('collapses whitespace and keeps about 300 characters', () => {
    expect(excerpt('  line one\n\n\tline two  ')).toBe('line one line two')
    expect(excerpt(' \n ')).toBeUndefined()
    const long = excerpt('x'.repeat(1000))!
    expect(long).toHaveLength(301)
    expect(long.endsWith('…')).toBe(true)
  })

  it('redacts secrets before cutting, so none is half shown', () => {
    addSecret('s3cr3t-token-value')
    const body = `${'a'.repeat(295)} s3cr3t-token-value and more` // the secret straddles the cut
    const e = excerpt(body)!
    expect(e).not.toContain('s3cr3t')
    expect(e).toContain('***')
    expect(excerpt('error: s3cr3t-token-value')).toBe('error: ***')
  })
})

describe('URLs and credentials', () => {
  it('shows URLs without user:password', () => {
    expect(displayUrl('https://user:pw@example.com/health?x=1')).toBe('https://example.com/health?x=1')
    expect(displayUrl('http://127.0.0.1:8080/health')).toBe('http://127.0.0.1:8080/health')
    expect(displayUrl('not a url')).toBe('not a url')
  })

  it('sends user:password from the URL as Basic auth unless Authorization is configured', () => {
    expect(requestHeaders('https://us%40er:p%3Aw@example.com/', [['X-Probe', '1']])).toMatchObject({
      authorization: `Basic ${Buffer.from('us@er:p:w').toString('base64')}`,
      'x-probe': '1',
    })
    expect(requestHeaders('https://u:p@example.com/', [['Authorization', 'Bearer t']]).authorization).toBe('Bearer t')
    expect(requestHeaders('https://example.com/', []).authorization).toBeUndefined()
  })
})

describe('classifyError', () => {
  const err = (code: string, message = code) => Object.assign(new Error(message), { code })

  it('tells network failures apart', () => {
    expect(classifyError(err('ECONNREFUSED'), 1000).kind).toBe('refused')
    expect(classifyError(err('ECONNRESET'), 1000).kind).toBe('reset')
    expect(classifyError(err('UND_ERR_SOCKET', 'other side closed'), 1000).kind).toBe('reset')
    expect(classifyError(err('ENOTFOUND'), 1000)).toEqual({ kind: 'dns', message: 'DNS lookup failed (ENOTFOUND)' })
    expect(classifyError(err('EAI_AGAIN'), 1000).kind).toBe('dns')
    expect(classifyError(err('CERT_HAS_EXPIRED', 'certificate has expired'), 1000)).toEqual({ kind: 'tls', message: 'TLS error: CERT_HAS_EXPIRED' })
    expect(classifyError(err('DEPTH_ZERO_SELF_SIGNED_CERT'), 1000).kind).toBe('tls')
    expect(classifyError(err('ERR_TLS_CERT_ALTNAME_INVALID'), 1000).kind).toBe('tls')
    expect(classifyError(err('UND_ERR_HEADERS_TIMEOUT'), 250)).toEqual({ kind: 'timeout', message: 'no answer within 250ms' })
    expect(classifyError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 250).kind).toBe('timeout')
    expect(classifyError(err('EWHATEVER', 'odd\nsecond line'), 1000)).toEqual({ kind: 'error', message: 'EWHATEVER: odd' })
  })

  it('a cancel is a timeout whose message says cancelled', () => {
    const c = new AbortController()
    c.abort()
    expect(classifyError(new DOMException('aborted', 'AbortError'), 1000, c.signal)).toEqual({ kind: 'timeout', message: 'cancelled' })
  })
})

describe('latency and durations', () => {
  it('nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(hundred, 0.5)).toBe(50)
    expect(percentile(hundred, 0.95)).toBe(95)
    expect(percentile(hundred, 1)).toBe(100)
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(20)
    expect(percentile([10, 20, 30, 40], 0.95)).toBe(40)
    expect(percentile([], 0.5)).toBeNaN()
  })

  it('summarizes p50/p95/max in whole ms, null when nothing answered', () => {
    expect(summarizeLatency([])).toBeNull()
    expect(summarizeLatency([7.4])).toEqual({ p50: 7, p95: 7, max: 7 })
    expect(summarizeLatency([30, 10.6, 20, 500])).toEqual({ p50: 20, p95: 500, max: 500 })
  })

  it('writes durations as the inputs are written', () => {
    expect([durationText(600), durationText(1500), durationText(10_000), durationText(90_000), durationText(300_000), durationText(3_600_000)]).toEqual([
      '600ms',
      '1.5s',
      '10s',
      '1m30s',
      '5m',
      '1h',
    ])
  })

  it('shows status ranges as configured', () => {
    expect(
      statusRangesText([
        { min: 200, max: 299 },
        { min: 304, max: 304 },
      ]),
    ).toBe('200-299,304')
  })
})
