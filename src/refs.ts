/** What a version may look like as a git ref: shared by versions, git and config, and depending on nothing. */

/** A version as it may reach git and commands' env: a tag or commit name, never an option. */
export function isVersionName(value: string): boolean {
  return /^[\w./+@-]+$/.test(value) && !value.startsWith('-')
}

/** A full commit SHA: the only form in which git fetches a commit from a remote. */
export function isFullSha(value: string | undefined): value is string {
  return value !== undefined && /^[0-9a-f]{40}$/.test(value)
}
