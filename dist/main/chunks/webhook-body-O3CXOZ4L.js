import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_crypto
} from "./chunk-OYR7WTVN.js";
import "./chunk-ZGLGAOJF.js";
import {
  __toESM
} from "./chunk-HANBNIMK.js";

// src/sinks/webhook-body.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var SIGNATURE_HEADER = "X-Rollback-Signature-256";
var REPORT_SCHEMA_VERSION = 1;
function webhookBody(report) {
  const withVersion = "schemaVersion" in report ? report : { schemaVersion: REPORT_SCHEMA_VERSION, ...report };
  return JSON.stringify(withVersion);
}
function signature(body, secret) {
  return `sha256=${(0, import_node_crypto.createHmac)("sha256", secret).update(body, "utf8").digest("hex")}`;
}
function webhookRequest(report, o = {}) {
  const body = webhookBody(report);
  const headers = { "content-type": "application/json" };
  if (o.secret) headers[SIGNATURE_HEADER] = signature(body, o.secret);
  return { body, headers };
}
export {
  REPORT_SCHEMA_VERSION,
  SIGNATURE_HEADER,
  signature,
  webhookBody,
  webhookRequest
};
