import { describe, expect, it } from 'vitest'
import { requestHeaders } from '../../src/gate/http.js'
import { HeaderLineError, basicToken, credentialForms, isCredentialHeader, parseHeaderLines, urlCredentialForms } from '../../src/headers.js'

function problemOf(text: string): HeaderLineError {
  try {
    parseHeaderLines(text)
  } catch (err) {
    expect(err).toBeInstanceOf(HeaderLineError)
    return err as HeaderLineError
  }
  throw new Error('expected a HeaderLineError')
}

describe('which headers carry credentials', () => {
  it.each([
    'Authorization',
    'proxy-authorization',
    'COOKIE',
    'X-Api-Key',
    'X-Auth-Token',
    'X-Session-Id',
    'X-Hub-Signature-256',
    'X-Password',
    'X-Vault-Credential',
    'x-client-SECRET',
    'Api-Token',
    'X-Amz-Security-Token',
  ])('%s is a credential header', (name) => {
    expect(isCredentialHeader(name)).toBe(true)
  })

  it.each(['X-Env', 'Accept', 'User-Agent', 'Host', 'X-Request-Id', 'Content-Type', 'X-Forwarded-For', 'X-Tenant'])('%s is not', (name) => {
    expect(isCredentialHeader(name)).toBe(false)
  })
})

describe('parseHeaderLines', () => {
  it('sends every header, and keeps only credential values as secrets', () => {
    const h = parseHeaderLines('X-Env: production\n# a comment\n\nAuthorization: Bearer abc.def-123456\nX-Tenant: acme-corp')
    expect(h.headers).toEqual([
      ['X-Env', 'production'],
      ['Authorization', 'Bearer abc.def-123456'],
      ['X-Tenant', 'acme-corp'],
    ])
    expect(h.secrets).toEqual(['Bearer abc.def-123456', 'abc.def-123456'])
  })

  it('reads CRLF input as lines', () => {
    expect(parseHeaderLines('X-Env: production\r\nX-Api-Key: k-98765\r\n').headers).toEqual([
      ['X-Env', 'production'],
      ['X-Api-Key', 'k-98765'],
    ])
  })

  it('a Basic value: the value, its token, the decoded user:password and the password', () => {
    const token = Buffer.from('deploy:hunter2-pw').toString('base64')
    expect(credentialForms(`Basic ${token}`)).toEqual([`Basic ${token}`, 'deploy:hunter2-pw', 'hunter2-pw', token])
  })

  it('a cookie: each long value too, not the short ones', () => {
    const forms = parseHeaderLines('Cookie: theme=dark; session=abcdef123456').secrets
    expect(forms).toContain('theme=dark; session=abcdef123456')
    expect(forms).toContain('abcdef123456')
    expect(forms).not.toContain('dark')
  })

  it('a short token cut out of a value is not a secret of its own (it would hide ordinary words)', () => {
    expect(parseHeaderLines('Authorization: Bearer pass').secrets).toEqual(['Bearer pass'])
  })

  it.each([
    ['a CR', 'X-Env: production\rX-Injected: 1', /carriage return/],
    ['a NUL', 'X-Env: prod\u0000uction', /control character \(U\+0000\)/],
    ['DEL', 'X-Env: prod\u007f', /control character \(U\+007F\)/],
    ['a character beyond Latin-1', 'X-Env: prod€', /outside Latin-1 \(U\+20AC\)/],
  ])('refuses %s in a value, naming the line and the header', (_what, text, problem) => {
    const err = problemOf(`Accept: application/json\n\n${text}`)
    expect(err.line).toBe(3)
    expect(err.message).toMatch(/^line 3: the value of 'X-Env' contains /)
    expect(err.message).toMatch(problem)
    expect(err.message).not.toContain('prod')
  })

  it('refuses a CR in a credential without echoing the value', () => {
    const err = problemOf('Authorization: Bearer s3cr3t-value\rX: 1')
    expect(err.message).not.toContain('s3cr3t')
    expect(err.message).toContain("'Authorization'")
  })

  it('refuses a name that is not a token without showing it (a missing colon can put a token there)', () => {
    const err = problemOf('Bearer s3cr3t-token-value: x')
    expect(err.line).toBe(1)
    expect(err.message).toMatch(/not a header name/)
    expect(err.message).not.toContain('s3cr3t')
    expect(problemOf('no colon here').message).toMatch(/Name: value/)
    expect(problemOf(': value').message).toMatch(/no name/)
  })

  it.each(['Connection', 'Content-Length', 'Expect', 'Keep-Alive', 'Transfer-Encoding', 'Upgrade'])('refuses %s, which the HTTP client owns', (name) => {
    expect(problemOf(`${name}: x`).message).toMatch(/set by the HTTP client itself/)
  })

  it('accepts tabs, Latin-1 and an empty value, which the client sends', () => {
    expect(parseHeaderLines('X-Name: Zoë\tMüller\nX-Empty:').headers).toEqual([
      ['X-Name', 'Zoë\tMüller'],
      ['X-Empty', ''],
    ])
  })
})

describe('urlCredentialForms', () => {
  it('the password, user:password (written and decoded) and the Basic token the probe sends', () => {
    const url = 'https://deploy:hunter2%21pw@shop.example/health'
    const forms = urlCredentialForms(url)
    const sent = requestHeaders(url, []).authorization
    expect(sent).toBe(`Basic ${basicToken('deploy:hunter2!pw')}`)
    expect(forms).toEqual(expect.arrayContaining(['hunter2%21pw', 'hunter2!pw', 'deploy:hunter2%21pw', 'deploy:hunter2!pw', sent.slice('Basic '.length)]))
    expect(forms).not.toContain('deploy')
  })

  it('a user without a password: only the Basic token (user: is sent), not the user name', () => {
    const forms = urlCredentialForms('https://ci-user@shop.example/health')
    expect(forms).toEqual([basicToken('ci-user:')])
  })

  it('nothing for a URL without credentials, or an @ only in its path', () => {
    expect(urlCredentialForms('https://shop.example/health')).toEqual([])
    expect(urlCredentialForms('https://shop.example/users/@me')).toEqual([])
  })
})
