/**
 * The one registry of secret values. Everything we write (log lines, summary, outputs, report,
 * Slack text, state) goes through redact(), so a secret never leaves even where the runner's own
 * masking would not catch it (e.g. a header value split across lines, or text written to a file).
 */
const secrets = new Set<string>()

export const REDACTED = '***'

/** Remembers a value as secret. Values shorter than 4 characters are ignored (they would redact everything). */
export function addSecret(value: string | undefined): void {
  if (value && value.trim().length >= 4) {
    secrets.add(value)
    const trimmed = value.trim()
    if (trimmed !== value) secrets.add(trimmed)
    const path = urlPath(trimmed)
    if (path) secrets.add(path)
    // As it appears inside a JSON string written by an endpoint echoing it (`"` and `\` escaped,
    // and `/` as `\/`, which some JSON encoders write), so a body excerpt cannot show it.
    const json = JSON.stringify(trimmed).slice(1, -1)
    for (const form of [json, json.replace(/\//g, '\\/')]) if (form !== trimmed) secrets.add(form)
  }
}

/**
 * The part of a URL after the host, when it is long enough to be a secret of its own: a webhook's
 * token lives there (/services/T…/B…/xxxx), and a log line may print only that part. Short paths
 * ("/", "/hook") are not secret and would redact ordinary text.
 */
export function urlPath(value: string): string | undefined {
  const path = /^[a-z][a-z\d+.-]*:\/\/[^/?#\s]+([/?#]\S*)$/i.exec(value)?.[1]
  return path && path.length >= 8 ? path : undefined
}

export function secretValues(): string[] {
  // Longest first so a secret containing another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length)
}

export function redact(text: string): string {
  let out = text
  for (const s of secretValues()) out = out.split(s).join(REDACTED)
  return out
}

/** For tests only. */
export function clearSecrets(): void {
  secrets.clear()
}
