import { describe, expect, it } from 'vitest'
import { bypassesProxy, isLoopback, parseNoProxy } from '../../src/http/no-proxy.js'
import { proxyCredentials, ProxyEnvError, proxyFor, readProxyEnv } from '../../src/http/proxy-env.js'

const direct = (noProxy: string, url: string) => bypassesProxy(new URL(url), parseNoProxy(noProxy))

describe('NO_PROXY', () => {
  it('* means every host', () => {
    expect(direct('*', 'https://api.github.com/')).toBe(true)
    expect(direct('example.com, *', 'http://10.0.0.1:8080/')).toBe(true)
  })

  it('a host matches itself and every host under it, never a longer name', () => {
    expect(direct('example.com', 'https://example.com/health')).toBe(true)
    expect(direct('example.com', 'https://api.example.com/')).toBe(true)
    expect(direct('example.com', 'https://a.b.example.com/')).toBe(true)
    expect(direct('example.com', 'https://notexample.com/')).toBe(false)
    expect(direct('example.com', 'https://example.com.evil.test/')).toBe(false)
  })

  it('.suffix and *.suffix are domain matches too (curl and undici strip the dot)', () => {
    for (const entry of ['.example.com', '*.example.com']) {
      expect(direct(entry, 'https://api.example.com/')).toBe(true)
      expect(direct(entry, 'https://example.com/')).toBe(true)
      expect(direct(entry, 'https://otherexample.com/')).toBe(false)
    }
  })

  it('host:port applies to that port only, with the scheme default when the URL names none', () => {
    expect(direct('example.com:8080', 'http://example.com:8080/')).toBe(true)
    expect(direct('example.com:8080', 'http://example.com:9090/')).toBe(false)
    expect(direct('example.com:443', 'https://example.com/')).toBe(true)
    expect(direct('example.com:443', 'http://example.com/')).toBe(false)
  })

  it('IPv4 and IPv6 literals, with or without a port, in any spelling', () => {
    expect(direct('10.1.2.3', 'http://10.1.2.3/')).toBe(true)
    expect(direct('10.1.2.3', 'http://10.1.2.4/')).toBe(false)
    expect(direct('10.1.2.3:8080', 'http://10.1.2.3:8080/')).toBe(true)
    expect(direct('10.1.2.3:8080', 'http://10.1.2.3/')).toBe(false)
    expect(direct('fd00::1', 'http://[fd00:0:0::1]/')).toBe(true)
    expect(direct('[fd00::1]', 'http://[fd00::1]:9000/')).toBe(true)
    expect(direct('[fd00::1]:9000', 'http://[fd00::1]:9000/')).toBe(true)
    expect(direct('[fd00::1]:9000', 'http://[fd00::1]:9001/')).toBe(false)
    // A bare IPv6 address ends in a group, not a port.
    expect(direct('fd00::8080', 'http://[fd00::8080]/')).toBe(true)
  })

  it('CIDR ranges, for addresses only', () => {
    expect(direct('10.0.0.0/8', 'http://10.200.3.4/')).toBe(true)
    expect(direct('10.0.0.0/8', 'http://11.0.0.1/')).toBe(false)
    expect(direct('fd00::/8', 'http://[fd12::5]/')).toBe(true)
    expect(direct('fd00::/8', 'http://[fe80::1]/')).toBe(false)
    expect(direct('10.0.0.0/8', 'http://ten.example/')).toBe(false)
  })

  it('separators are commas and whitespace; case does not matter; odd entries are skipped, not fatal', () => {
    expect(direct(' Example.COM ,\tinternal.test\n', 'http://API.internal.test/')).toBe(true)
    expect(parseNoProxy('a..b, :80, 10.0.0.0/99, host:99999, ok.test')).toEqual([{ kind: 'domain', domain: 'ok.test' }])
    expect(parseNoProxy('')).toEqual([])
    expect(parseNoProxy(undefined)).toEqual([])
  })

  it('loopback is the runner itself', () => {
    for (const u of [
      'http://localhost:3000/',
      'http://app.localhost/',
      'http://127.0.0.1/',
      'http://127.8.9.1/',
      'http://[::1]:80/',
      'http://[0:0:0:0:0:0:0:1]/',
    ]) {
      expect(isLoopback(new URL(u))).toBe(true)
    }
    for (const u of ['http://10.0.0.1/', 'http://localhost.example.com/', 'http://[::2]/']) expect(isLoopback(new URL(u))).toBe(false)
  })
})

describe('proxy variables', () => {
  it('http URLs use HTTP_PROXY, https URLs HTTPS_PROXY, with no fallback between them', () => {
    const s = readProxyEnv({ HTTP_PROXY: 'http://plain:3128', HTTPS_PROXY: 'http://secure:3128' })
    expect(proxyFor('http://example.com/', s)?.url.host).toBe('plain:3128')
    expect(proxyFor('https://example.com/', s)?.url.host).toBe('secure:3128')
    const onlyHttp = readProxyEnv({ HTTP_PROXY: 'http://plain:3128' })
    expect(proxyFor('https://example.com/', onlyHttp)).toBeUndefined()
  })

  it('lower case wins over upper case; an empty value counts as unset', () => {
    const s = readProxyEnv({
      http_proxy: 'http://lower:1',
      HTTP_PROXY: 'http://upper:2',
      https_proxy: '',
      HTTPS_PROXY: 'http://upper:3',
      no_proxy: 'a.test',
      NO_PROXY: 'b.test',
    })
    expect(proxyFor('http://x.test/', s)).toMatchObject({ variable: 'http_proxy' })
    expect(proxyFor('http://x.test/', s)?.url.host).toBe('lower:1')
    expect(proxyFor('https://x.test/', s)).toMatchObject({ variable: 'HTTPS_PROXY' })
    expect(proxyFor('http://a.test/', s)).toBeUndefined()
    expect(proxyFor('http://b.test/', s)).toBeDefined()
  })

  it('NO_PROXY and loopback go direct', () => {
    const s = readProxyEnv({ HTTPS_PROXY: 'proxy.corp:8080', NO_PROXY: '.corp,10.0.0.0/8' })
    expect(proxyFor('https://api.github.com/', s)?.url.href).toBe('http://proxy.corp:8080/')
    expect(proxyFor('https://git.corp/', s)).toBeUndefined()
    expect(proxyFor('https://10.1.1.1/', s)).toBeUndefined()
    expect(proxyFor('https://localhost:8443/', s)).toBeUndefined()
    expect(proxyFor('https://127.0.0.1/', s)).toBeUndefined()
  })

  it('no variables: every request goes direct', () => {
    expect(proxyFor('https://api.github.com/', readProxyEnv({}))).toBeUndefined()
  })

  it('a value that is not a proxy URL is refused with the variable named and what to write', () => {
    expect(() => readProxyEnv({ HTTPS_PROXY: 'http://[bad' })).toThrow(ProxyEnvError)
    expect(() => readProxyEnv({ https_proxy: 'socks5://p:1080' })).toThrow(/socks5 proxies are not supported; expected a proxy URL like http:\/\/proxy/)
    expect(() => readProxyEnv({ http_proxy: 'ftp://p' })).toThrow(expect.objectContaining({ variable: 'http_proxy' }))
  })

  it("the proxy's password, user:password and its Basic form are the secrets", () => {
    const s = readProxyEnv({ HTTPS_PROXY: 'http://me:p%40ss@proxy:3128' })
    expect(proxyCredentials(s)).toEqual(expect.arrayContaining(['p@ss', 'p%40ss', 'me:p@ss', Buffer.from('me:p@ss').toString('base64')]))
    expect(proxyCredentials(readProxyEnv({ HTTPS_PROXY: 'http://proxy:3128' }))).toEqual([])
  })
})
