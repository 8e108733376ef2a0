import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/github/lock-timeout.ts
var LockTimeoutError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "LockTimeoutError";
  }
};

export {
  LockTimeoutError
};
