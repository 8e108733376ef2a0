import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, duration, parseStatusRanges, readConfig, type InputSource } from '../../src/config.js'
import { clearSecrets, redact } from '../../src/secrets.js'
import { MAX_DURATION_MS } from '../../src/timing.js'

function source(inputs: Record<string, string>): InputSource & { masked: string[] } {
  const masked: string[] = []
  return { masked, getInput: (n) => inputs[n] ?? '', setSecret: (v) => masked.push(v) }
}

const base = { 'deploy-command': './deploy.sh', 'health-urls': 'http://127.0.0.1:8080/health' }
const env = { GITHUB_REF: 'refs/tags/v1.2.0', GITHUB_SHA: '0123456789abcdef', GITHUB_REPOSITORY: 'acme/web', GITHUB_RUN_ID: '7' }

function errorOf(inputs: Record<string, string>, e: NodeJS.ProcessEnv = env): ConfigError {
  try {
    readConfig(source({ ...base, ...inputs }), e)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return err as ConfigError
  }
  throw new Error('expected a ConfigError')
}

afterEach(() => clearSecrets())

describe('readConfig', () => {
  it('fills the documented defaults', () => {
    const c = readConfig(source(base), env)
    expect(c.mode).toBe('deploy')
    expect(c.version).toBe('v1.2.0')
    expect(c.environment).toBe('production')
    expect(c.tagPattern).toBe('v*')
    expect(c.gate).toMatchObject({
      startupTimeoutMs: 300_000,
      intervalMs: 5000,
      requestTimeoutMs: 10_000,
      successThreshold: 3,
      failureThreshold: 3,
      soakMs: 0,
      expectVersion: false,
    })
    expect(c.gate.expectedStatus).toEqual([{ min: 200, max: 299 }])
    expect(c.deployTimeoutMs).toBe(1_800_000)
    expect(c.rollbackOnCancel).toBe(true)
    expect(c.cancelTimeoutMs).toBe(240_000)
    expect(c.failOnRollback).toBe(true)
    expect([...c.sinks.notifyOn]).toEqual(['rolled-back', 'rollback-failed'])
    expect(c.github).toMatchObject({ owner: 'acme', repo: 'web', deployments: true })
    expect(c.context.runUrl).toBe('https://github.com/acme/web/actions/runs/7')
  })

  it('takes the short sha when the ref is not a tag, and nothing in rollback mode', () => {
    expect(readConfig(source(base), { ...env, GITHUB_REF: 'refs/heads/main' }).version).toBe('0123456')
    expect(readConfig(source({ ...base, mode: 'rollback' }), env).version).toBe('')
  })

  it('masks secrets at once and registers them for redaction', () => {
    const s = source({
      ...base,
      'slack-webhook-url': 'https://hooks.example.test/services/T/B/abcdef',
      'github-token': 'ghs_tokenvalue',
      'health-headers': 'Authorization: Bearer xyz123\nX-Key: k-9876',
    })
    const c = readConfig(s, env)
    expect(s.masked).toEqual(
      expect.arrayContaining(['https://hooks.example.test/services/T/B/abcdef', '/services/T/B/abcdef', 'ghs_tokenvalue', 'Bearer xyz123', 'k-9876']),
    )
    expect(c.gate.headers).toEqual([
      ['Authorization', 'Bearer xyz123'],
      ['X-Key', 'k-9876'],
    ])
    expect(redact('posting to https://hooks.example.test/services/T/B/abcdef with Bearer xyz123')).toBe('posting to *** with ***')
  })

  it('masks only credential header values: others are sent as written, never masked or redacted', () => {
    const s = source({ ...base, 'health-headers': 'X-Env: production\nAccept: application/json\nAuthorization: Bearer tok-1234567890\nX-Api-Key: k-98765' })
    const c = readConfig(s, env)
    expect(c.gate.headers).toEqual([
      ['X-Env', 'production'],
      ['Accept', 'application/json'],
      ['Authorization', 'Bearer tok-1234567890'],
      ['X-Api-Key', 'k-98765'],
    ])
    expect(s.masked).toEqual(expect.arrayContaining(['Bearer tok-1234567890', 'tok-1234567890', 'k-98765']))
    expect(s.masked.join('\n')).not.toMatch(/production|application\/json/)
    expect(redact('Rolled back production from v1.1.0 (tok-1234567890)')).toBe('Rolled back production from v1.1.0 (***)')
  })

  it('masks a URL credential in its Basic form too, so an echo of the request header is redacted', () => {
    const s = source({ ...base, 'health-urls': 'http://deploy:hunter2-pw@127.0.0.1:8080/health' })
    readConfig(s, env)
    const basic = Buffer.from('deploy:hunter2-pw').toString('base64')
    expect(s.masked).toEqual(expect.arrayContaining(['hunter2-pw', 'deploy:hunter2-pw', basic]))
    expect(redact(`{"authorization":"Basic ${basic}","x":"deploy:hunter2-pw"}`)).toBe('{"authorization":"Basic ***","x":"***"}')
  })

  it('refuses a header line the HTTP client would refuse, naming the input and line, not the value', () => {
    const err = errorOf({ 'health-headers': 'X-Env: production\nAuthorization: Bearer s3cr3t\rX-Evil: 1' })
    expect(err.input).toBe('health-headers')
    expect(err.message).toMatch(/^Invalid input 'health-headers': line 2: the value of 'Authorization' contains a carriage return/)
    expect(err.message).not.toContain('s3cr3t')
  })

  it('masks the password of a health or metrics URL, as written and decoded', () => {
    const s = source({
      ...base,
      'health-urls': 'https://admin:s3cret%21pw@shop.example/health',
      'metrics-url': 'http://m:metricpass@127.0.0.1:9/metrics',
      'error-rate-query': 'a / b',
    })
    const c = readConfig(s, env)
    expect(s.masked).toEqual(expect.arrayContaining(['s3cret%21pw', 's3cret!pw', 'metricpass']))
    expect(c.gate.urls).toEqual(['https://admin:s3cret%21pw@shop.example/health'])
    expect(redact('GET https://admin:s3cret%21pw@shop.example/health')).not.toContain('s3cret')
  })

  it('parses gate settings', () => {
    const c = readConfig(
      source({
        ...base,
        'expected-status': '200, 204, 3xx',
        'expected-body': '/"status":\\s*"ok"/i',
        'max-latency': '1m30s',
        'soak-duration': '0',
        interval: '500ms',
      }),
      env,
    )
    expect(c.gate.expectedStatus).toEqual([
      { min: 200, max: 200 },
      { min: 204, max: 204 },
      { min: 300, max: 399 },
    ])
    expect(c.gate.expectedBody?.kind).toBe('regex')
    expect(c.gate.maxLatencyMs).toBe(90_000)
    expect(c.gate.soakMs).toBe(0)
    expect(c.gate.intervalMs).toBe(500)
  })

  it('reads the error-rate rule', () => {
    const c = readConfig(
      source({
        ...base,
        'metrics-url': 'http://127.0.0.1:9/metrics',
        'error-rate-query': 'http_requests_total{code=~"5.."} / http_requests_total',
        'max-error-rate': '2%',
      }),
      env,
    )
    expect(c.gate.errorRate?.maxErrorRate).toBeCloseTo(0.02)
    expect(c.gate.errorRate?.errors.name).toBe('http_requests_total')
  })

  it.each([
    ['mode', { mode: 'redeploy' }, /not one of deploy, rollback/],
    ['deploy-command', { 'deploy-command': '' }, /required/],
    ['health-urls', { 'health-urls': '' }, /at least one of/],
    ['health-urls', { 'health-urls': 'ftp://x/health' }, /http or https/],
    ['health-urls', { 'health-urls': 'not a url' }, /not a URL/],
    ['health-headers', { 'health-headers': 'no colon here' }, /Name: value/],
    ['expected-status', { 'expected-status': '700' }, /200-299/],
    ['expected-body', { 'expected-body': '/(unclosed/' }, /regular expression/],
    ['expect-version', { 'expect-version': 'yes' }, /true or false/],
    ['interval', { interval: '5' }, /with a unit/],
    ['interval', { interval: '0s' }, /above zero/],
    ['request-timeout', { 'request-timeout': '0' }, /with a unit/],
    ['startup-timeout', { 'startup-timeout': 'soon' }, /duration/],
    ['deploy-timeout', { 'deploy-timeout': '-5m' }, /duration/],
    ['success-threshold', { 'success-threshold': '0' }, /whole number/],
    ['failure-threshold', { 'failure-threshold': '2.5' }, /whole number/],
    ['slack-mention', { 'slack-mention': '@here' }, /<!here>/],
    ['slack-webhook-url', { 'slack-webhook-url': 'hooks.slack.example/abc' }, /not a URL/],
    ['notify-on', { 'notify-on': 'always' }, /not an outcome/],
    ['version', { version: 'v1; rm -rf /' }, /not a version/],
    ['previous-version', { 'previous-version': '--upload-pack=x' }, /not a version|must not start/],
    ['metrics-url', { 'error-rate-query': 'a / b' }, /need `metrics-url`/],
    ['error-rate-query', { 'metrics-url': 'http://127.0.0.1:9/metrics' }, /required/],
    ['max-error-rate', { 'metrics-url': 'http://127.0.0.1:9/metrics', 'error-rate-query': 'a / b', 'max-error-rate': 'lots' }, /./],
    ['rollback-on-cancel', { 'rollback-on-cancel': '1' }, /true or false/],
    ['only-if-live', { 'only-if-live': 'v1.1.0' }, /mode rollback only/],
    ['only-if-live', { mode: 'rollback', 'only-if-live': 'v1 && true' }, /not a version/],
    ['smoke-timeout', { 'smoke-timeout': 'forever' }, /duration/],
    ['concurrency-timeout', { 'concurrency-timeout': '10' }, /with a unit/],
  ])('rejects a bad %s', (name, inputs, message) => {
    const err = errorOf(inputs)
    expect(err.input).toBe(name)
    expect(err.message).toContain(`Invalid input '${name}'`)
    expect(err.message).toMatch(message)
  })

  it('never echoes a bad secret value in its error', () => {
    const err = errorOf({ 'slack-webhook-url': 'hooks.slack.example/services/SECRETPART' })
    expect(err.message).not.toContain('SECRETPART')
  })

  it('reads only-if-live in rollback mode', () => {
    expect(readConfig(source({ ...base, mode: 'rollback', 'only-if-live': 'v1.1.0' }), env).onlyIfLive).toBe('v1.1.0')
  })

  it('allows rollback mode with only a rollback command', () => {
    const c = readConfig(source({ ...base, mode: 'rollback', 'deploy-command': '', 'rollback-command': 'kubectl rollout undo deployment/web' }), env)
    expect(c.rollbackCommand).toContain('rollout undo')
  })
})

const DURATION_INPUTS = [
  'interval',
  'request-timeout',
  'startup-timeout',
  'deploy-timeout',
  'smoke-timeout',
  'soak-duration',
  'concurrency-timeout',
  'max-latency',
]

describe('the longest duration: 24 days, under what Node timers can hold', () => {
  it('is below 2^31-1 ms', () => {
    expect(MAX_DURATION_MS).toBe(24 * 86_400_000)
    expect(MAX_DURATION_MS).toBeLessThanOrEqual(2 ** 31 - 1)
  })

  it.each(DURATION_INPUTS)('%s accepts exactly 24d and refuses 1 ms more, naming the input and the maximum', (name) => {
    const at = (value: string) => readConfig(source({ ...base, [name]: value }), env)
    expect(() => at('24d')).not.toThrow()
    expect(() => at('576h')).not.toThrow()
    expect(() => at('23d23h59m59s999ms')).not.toThrow()
    const over = errorOf({ [name]: '24d1ms' })
    expect(over.input).toBe(name)
    expect(over.message).toBe(`Invalid input '${name}': '24d1ms' is too long: at most 24d (576h), the longest wait Node's timers can hold.`)
    expect(errorOf({ [name]: '999h' }).message).toMatch(/at most 24d/)
  })

  it('gives the value in ms', () => {
    expect(readConfig(source({ ...base, 'deploy-timeout': '24d' }), env).deployTimeoutMs).toBe(MAX_DURATION_MS)
    expect(duration('x', `${MAX_DURATION_MS}ms`)).toBe(MAX_DURATION_MS)
    expect(() => duration('x', `${MAX_DURATION_MS + 1}ms`)).toThrow(/at most 24d/)
    expect(duration('x', '1d12h')).toBe(36 * 3_600_000)
  })
})

describe('duration and status parsing', () => {
  it('accepts the documented forms', () => {
    expect(duration('x', '500ms')).toBe(500)
    expect(duration('x', '10s')).toBe(10_000)
    expect(duration('x', '5m')).toBe(300_000)
    expect(duration('x', '1h')).toBe(3_600_000)
    expect(duration('x', '1m30s')).toBe(90_000)
    expect(duration('x', '1.5s')).toBe(1500)
    expect(duration('x', '0', { allowZero: true })).toBe(0)
    expect(() => duration('x', '0')).toThrow(/unit/)
    expect(() => duration('x', '10 parsecs')).toThrow(/duration/)
  })

  it('reads codes and ranges', () => {
    expect(parseStatusRanges('200-299')).toEqual([{ min: 200, max: 299 }])
    expect(() => parseStatusRanges('299-200')).toThrow(/expected-status/)
    expect(() => parseStatusRanges('')).toThrow(/expected-status/)
  })
})
