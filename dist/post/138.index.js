export const id = 138;
export const ids = [138];
export const modules = {

/***/ 5138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   webhookRequest: () => (/* binding */ webhookRequest)
/* harmony export */ });
/* unused harmony exports SIGNATURE_HEADER, REPORT_SCHEMA_VERSION, webhookBody, signature */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The generic webhook: the run's JSON report as the body, signed so the receiver can tell it came
 * from this workflow: `X-Rollback-Signature-256: sha256=<hex HMAC-SHA256 of the exact body>`,
 * the scheme GitHub's own webhooks use, so receivers can reuse their verification code.
 */

const SIGNATURE_HEADER = 'X-Rollback-Signature-256';
/** The report's shape version; a receiver checks it before reading fields. */
const REPORT_SCHEMA_VERSION = 1;
/**
 * The exact bytes to POST (and to sign): the report as compact JSON, with `schemaVersion` first
 * when the report does not carry one. The report is expected redacted already (buildReport()
 * redacts it as one text); nothing is redacted here, because the body must be what was signed.
 */
function webhookBody(report) {
    const withVersion = 'schemaVersion' in report ? report : { schemaVersion: REPORT_SCHEMA_VERSION, ...report };
    return JSON.stringify(withVersion);
}
/** `sha256=<lowercase hex HMAC-SHA256 of body keyed by secret>`; the body as UTF-8. */
function signature(body, secret) {
    return `sha256=${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
/** Body and headers of the request; the signature header only when a secret is configured. */
function webhookRequest(report, o = {}) {
    const body = webhookBody(report);
    const headers = { 'content-type': 'application/json' };
    if (o.secret)
        headers[SIGNATURE_HEADER] = signature(body, o.secret);
    return { body, headers };
}


/***/ })

};
