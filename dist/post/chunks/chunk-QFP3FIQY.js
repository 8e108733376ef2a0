import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/secrets.ts
var secrets = /* @__PURE__ */ new Set();
var REDACTED = "***";
function addSecret(value) {
  if (value && value.trim().length >= 4) {
    secrets.add(value);
    const trimmed = value.trim();
    if (trimmed !== value) secrets.add(trimmed);
    const path = urlPath(trimmed);
    if (path) secrets.add(path);
    const json = JSON.stringify(trimmed).slice(1, -1);
    for (const form of [json, json.replace(/\//g, "\\/")]) if (form !== trimmed) secrets.add(form);
  }
}
function urlPath(value) {
  const path = /^[a-z][a-z\d+.-]*:\/\/[^/?#\s]+([/?#]\S*)$/i.exec(value)?.[1];
  return path && path.length >= 8 ? path : void 0;
}
function secretValues() {
  return [...secrets].sort((a, b) => b.length - a.length);
}
function redact(text) {
  let out = text;
  for (const s of secretValues()) out = out.split(s).join(REDACTED);
  return out;
}

export {
  addSecret,
  urlPath,
  redact
};
