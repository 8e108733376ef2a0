/**
 * `Name: value` header lines from an input (health-headers today, prometheus-headers next): checked
 * the way the HTTP client will check them, so a bad line is refused before anything runs, and sorted
 * into what is a secret and what is not. Only credentials are secrets: masking an ordinary value
 * (`X-Env: production`) would make the runner hide that word in every later log line and drop any
 * job output containing it.
 */

/** Request headers that carry credentials, by exact name (case-insensitive). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie'])
/** Any header whose name contains one of these words (case-insensitive) carries a credential. */
const CREDENTIAL_WORDS = ['token', 'key', 'secret', 'auth', 'session', 'signature', 'password', 'credential'] as const

// A header name is an HTTP token (RFC 9110 5.6.2).
const TOKEN_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// What Node's and undici's clients accept in a value: tab, visible ASCII, and bytes 0x80-0xff.
const BAD_VALUE_CHAR_RE = /[^\t\x20-\x7e\x80-\xff]/
// The HTTP client sets these itself and refuses them (or, for a GET, they mean nothing).
const CLIENT_OWNED = new Set(['connection', 'content-length', 'expect', 'keep-alive', 'transfer-encoding', 'upgrade'])

/** Secrets shorter than this are not masked: they would hide ordinary text (the registry ignores them too). */
const MIN_SECRET = 4
/** A token cut out of a longer value (after `Bearer`, a cookie's value) needs this many characters to be masked on its own. */
const MIN_PART = 8

export interface HeaderLines {
  /** In the order written; names as written. */
  headers: Array<[name: string, value: string]>
  /** Every string to mask and redact: credential values and the parts an echo might show on their own. */
  secrets: string[]
}

/** A header line that cannot be sent; the message names the line, never a value. */
export class HeaderLineError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`)
    this.name = 'HeaderLineError'
  }
}

/** Whether a header's value is a credential: the names above, or a name containing one of the words. */
export function isCredentialHeader(name: string): boolean {
  const n = name.toLowerCase()
  return CREDENTIAL_HEADERS.has(n) || CREDENTIAL_WORDS.some((w) => n.includes(w))
}

/**
 * Reads `Name: value` lines (blank lines and `#` comments skipped). Throws HeaderLineError for a
 * line the HTTP client would refuse; its message names the line (and the name once it is valid).
 */
export function parseHeaderLines(text: string): HeaderLines {
  const headers: Array<[string, string]> = []
  const secrets: string[] = []
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim()
    if (!line || line.startsWith('#')) return
    const [name, value] = splitLine(line, i + 1)
    // Before the value is checked: a credential must be masked even when its line is refused.
    if (isCredentialHeader(name)) secrets.push(...credentialForms(value))
    checkValue(name, value, i + 1)
    headers.push([name, value])
  })
  return { headers, secrets: unique(secrets) }
}

function splitLine(line: string, n: number): [string, string] {
  const colon = line.indexOf(':')
  if (colon <= 0) throw new HeaderLineError(n, "expected 'Name: value' (e.g. 'Authorization: Bearer …'); this line has no name before a ':'.")
  const name = line.slice(0, colon).trim()
  // The name is not shown: a line missing its colon may hold a credential where the name should be.
  if (!TOKEN_RE.test(name)) {
    throw new HeaderLineError(n, "the text before the first ':' is not a header name (one word of letters, digits and !#$%&'*+.^_`|~-, e.g. X-Api-Key).")
  }
  if (CLIENT_OWNED.has(name.toLowerCase())) {
    throw new HeaderLineError(n, `'${name}' is set by the HTTP client itself and cannot be configured; remove this line.`)
  }
  return [name, line.slice(colon + 1).trim()]
}

function checkValue(name: string, value: string, n: number): void {
  const bad = BAD_VALUE_CHAR_RE.exec(value)?.[0]
  if (bad === undefined) return
  throw new HeaderLineError(
    n,
    `the value of '${name}' contains ${describeChar(bad)}, which HTTP headers cannot carry; a header value is one line of printable characters.`,
  )
}

function describeChar(c: string): string {
  if (c === '\r') return 'a carriage return (CR: a file saved with Windows line endings, or a stray \\r)'
  if (c === '\n') return 'a line feed (LF)'
  const code = c.codePointAt(0) ?? 0
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  return code < 0x20 || code === 0x7f ? `a control character (${hex})` : `a character outside Latin-1 (${hex}); percent-encode it`
}

/**
 * The forms of a credential header's value that an endpoint echoing it back could show: the whole
 * value; the credential after an auth scheme (`Bearer <token>`); for Basic, the decoded `user:pass`
 * and its password; each value of a cookie-like `a=1; b=2` list. The base64 of a token is not
 * added: nothing we talk to encodes a token itself, and Basic's base64 is the value as sent.
 */
export function credentialForms(value: string): string[] {
  const forms = [value]
  const parts: string[] = []
  const scheme = /^([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+(\S.*)$/.exec(value)
  if (scheme) {
    parts.push(scheme[2])
    if (scheme[1].toLowerCase() === 'basic') forms.push(...basicForms(scheme[2]))
  }
  if (value.includes(';') || /^[^=\s]+=/.test(value)) {
    for (const pair of value.split(';')) if (pair.includes('=')) parts.push(pair.slice(pair.indexOf('=') + 1).trim())
  }
  // A piece cut out of a value must be longer: a short one (`id=1`) would hide ordinary words and numbers.
  return [...forms.filter((f) => f.trim().length >= MIN_SECRET), ...parts.filter((p) => p.length >= MIN_PART)]
}

/** `dXNlcjpwYXNz` → `user:pass` and `pass`, when it decodes to that shape. */
function basicForms(encoded: string): string[] {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return []
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  // eslint-disable-next-line no-control-regex -- a decoded credential never holds control characters
  if (colon < 0 || /[\x00-\x1f\ufffd]/.test(decoded)) return []
  return [decoded, decoded.slice(colon + 1)]
}

/**
 * The credentials of `scheme://user:password@host/` in every form a request, or an echo of it,
 * carries: the password as written and decoded, `user:password` as written and decoded, and the
 * Basic authorization token the probe sends for it (base64 of the decoded `user:password`). A URL
 * with a user and no password sends `user:` as Basic: that token is the secret then. None when the
 * URL has no userinfo.
 */
export function urlCredentialForms(value: string): string[] {
  const written = /^[a-z][\w+.-]*:\/\/([^/?#@]*)@/i.exec(value.trim())?.[1]
  if (!written) return []
  const colon = written.indexOf(':')
  const forms: string[] = []
  if (colon >= 0) {
    const password = written.slice(colon + 1)
    forms.push(password, tryDecode(password), written, tryDecode(written))
  }
  try {
    // The parsed URL may escape more than was written; the probe sends what it parsed, decoded.
    const u = new URL(value.trim())
    const pair = `${tryDecode(u.username)}:${tryDecode(u.password)}`
    if (u.password) forms.push(u.password, tryDecode(u.password), `${u.username}:${u.password}`, pair)
    if (u.username || u.password) forms.push(basicToken(pair))
  } catch {
    // Not a URL: config refuses it with its own message.
  }
  return unique(forms.filter((f) => f.length >= MIN_SECRET))
}

/** The token of `Authorization: Basic <token>` for `user:password` (UTF-8, as curl and browsers send it). */
export function basicToken(pair: string): string {
  return Buffer.from(pair).toString('base64')
}

function tryDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text // a malformed escape: the text as written is all there is
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
