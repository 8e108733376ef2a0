import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/http/body.ts
function timeoutSignal(timeoutMs, outer) {
  const own = AbortSignal.timeout(timeoutMs);
  return outer ? AbortSignal.any([outer, own]) : own;
}
async function readBounded(body, limit) {
  const chunks = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    chunks.push(buf);
    size += buf.length;
    if (size >= limit) {
      truncated = true;
      break;
    }
  }
  return { text: Buffer.concat(chunks).subarray(0, limit).toString("utf8"), truncated };
}

export {
  timeoutSignal,
  readBounded
};
