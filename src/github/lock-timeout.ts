/**
 * Another run kept the environment busy past concurrency-timeout: a clear failure, not an API fault.
 * In a module of its own so the story can tell it apart without loading the GitHub client.
 */
export class LockTimeoutError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LockTimeoutError'
  }
}
