import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/refs.ts
function isVersionName(value) {
  return /^[\w./+@-]+$/.test(value) && !value.startsWith("-");
}
function isFullSha(value) {
  return value !== void 0 && /^[0-9a-f]{40}$/.test(value);
}

export {
  isVersionName,
  isFullSha
};
