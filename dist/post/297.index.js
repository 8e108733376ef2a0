export const id = 297;
export const ids = [297];
export const modules = {

/***/ 6843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   mR: () => (/* binding */ stepLines),
/* harmony export */   qi: () => (/* binding */ alertFacts),
/* harmony export */   wy: () => (/* binding */ mentions),
/* harmony export */   yN: () => (/* binding */ jsonBytes)
/* harmony export */ });
/* unused harmony exports evidenceLines, compareUrl */
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2011);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7194);


/** Outcomes that carry a configured mention (same rule as the Slack alert). */
function mentions(status) {
    return status === 'rolled-back' || status === 'rollback-failed';
}
/** Reads the facts of a run; pure. */
function alertFacts(r) {
    const failed = (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .failedStep */ .cG)(r);
    const c = (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .consequence */ .IY)(r);
    return {
        status: r.status,
        headline: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)((0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .headlineText */ .uh)(r)),
        consequence: c === undefined ? undefined : (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(c),
        reason: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.reason),
        versions: versionFacts(r),
        failingCheck: failed && r.status !== 'deployed' ? { title: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(failed.title), summary: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(failed.summary ?? failed.outcome) } : undefined,
        evidence: r.status === 'deployed' ? [] : evidenceLines(r),
        output: r.status === 'deployed' ? [] : (failed?.output ?? []).filter((l) => l.trim()).map(_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$),
        commitSubject: r.commitSubject === undefined ? undefined : (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.commitSubject),
        repository: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.context.repository),
        actor: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.context.actor),
        runUrl: r.context.runUrl,
        compareUrl: compareUrl(r),
        duration: (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(r.endedAt - r.startedAt),
        endedAt: new Date(r.endedAt).toISOString(),
    };
}
function versionFacts(r) {
    const deploy = r.mode === 'deploy';
    return [
        { name: 'Environment', value: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.environment) },
        { name: deploy ? 'Deployed' : 'Put back', value: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.version) },
        { name: deploy ? 'Last known good' : 'Replaced', value: r.previousVersion ? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.previousVersion) : 'none' },
        { name: 'Trigger', value: r.cancelled ? 'cancelled run (post step)' : deploy ? 'automatic (health gate)' : 'manual rollback' },
    ];
}
/** What the gate saw, one line per failing endpoint, then the error-rate rule, as Slack says it. */
function evidenceLines(r) {
    const lines = [];
    for (const s of r.steps) {
        if (s.outcome !== 'failed' || !s.verdict)
            continue;
        for (const e of s.verdict.endpoints)
            if (e.verdict === 'failed' || e.failed > 0)
                lines.push(endpointLine(e));
        const er = s.verdict.errorRate;
        if (er)
            lines.push(`error rate ${(er.rate * 100).toFixed(2)}% (${er.errors}/${er.total}), max ${(er.max * 100).toFixed(2)}%`);
    }
    // Steps without a verdict (a command) still have evidence: their one-line summary.
    const failed = (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .failedStep */ .cG)(r);
    if (!lines.length && failed?.summary)
        lines.push(`${failed.title}: ${failed.summary}`);
    return lines.map(_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$);
}
function endpointLine(e) {
    const lat = e.latency ? `, p95 ${e.latency.p95}ms` : '';
    const last = e.lastFailure ? `: ${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` — ${e.lastFailure.bodyExcerpt.slice(0, 200)}` : ''}` : '';
    return `${e.url} — ${e.passed}/${e.probes} passed${lat}${last}`;
}
/** GitHub's compare view from the last known good to the new version (deploy) or back (manual rollback). */
function compareUrl(r) {
    const { serverUrl, repository } = r.context;
    if (!r.previousVersion || !serverUrl || !repository)
        return undefined;
    const [base, head] = r.mode === 'deploy' ? [r.previousVersion, r.version] : [r.version, r.previousVersion];
    return `${serverUrl}/${repository}/compare/${refPath(base)}...${refPath(head)}`;
}
/** A ref in a URL path: slashes stay (GitHub reads `release/1.0` as one ref there), the rest is escaped. */
function refPath(ref) {
    return encodeURIComponent(ref).replace(/%2F/gi, '/');
}
/** One row per step for details: title, outcome, duration, summary. */
function stepLines(steps) {
    return steps.map((s) => (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(`${s.title}: ${s.outcome}, ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .stepDurationText */ .yY)(s)}${s.summary ? ` — ${s.summary}` : ''}`));
}
/**
 * truncate() by UTF-16 units, without leaving half of a surrogate pair before the ellipsis (a
 * lone surrogate is not valid Unicode and some receivers reject it).
 */
function clip(text, max) {
    return (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(text, max).replace(/[\uD800-\uDBFF]…$/, '…');
}
/** Bytes of a value as JSON, UTF-8: what a receiver's size limit counts. */
function jsonBytes(value) {
    return Buffer.byteLength(JSON.stringify(value));
}


/***/ }),

/***/ 5297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildTeamsPayload: () => (/* binding */ buildTeamsPayload)
/* harmony export */ });
/* unused harmony export TEAMS_MAX_BYTES */
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6843);

/** Teams documents "about 28 KB"; stay under it with room for the request's own framing. */
const TEAMS_MAX_BYTES = 27 * 1024;
const COLORS = {
    deployed: 'Good',
    'rolled-back': 'Warning',
    failed: 'Attention',
    'rollback-failed': 'Attention',
    planned: 'Default',
};
/** Detail at scale k in [0, 1]: every part grows with k, so the card's size does too. */
function detail(k) {
    return {
        evidence: Math.round(25 * k),
        lineChars: Math.max(80, Math.round(1000 * k)),
        outputLines: Math.round(20 * k),
        textChars: Math.max(300, Math.round(4000 * k)),
    };
}
/**
 * The message with the most detail that fits in `maxBytes` (a bisection over the detail scale:
 * a dozen small builds). Schema 1.4: what Teams renders on every client.
 */
function buildTeamsPayload(r, o = {}) {
    const max = o.maxBytes ?? TEAMS_MAX_BYTES;
    const f = (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .alertFacts */ .qi)(r);
    const full = message(card(f, detail(1)));
    if ((0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .jsonBytes */ .yN)(full) <= max)
        return full;
    let [lo, hi] = [0, 1];
    for (let i = 0; i < 12; i++) {
        const mid = (lo + hi) / 2;
        if ((0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .jsonBytes */ .yN)(message(card(f, detail(mid)))) <= max)
            lo = mid;
        else
            hi = mid;
    }
    return message(card(f, detail(lo)));
}
function message(content) {
    return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }] };
}
function card(f, d) {
    const text = (t) => (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(t, d.textChars);
    const body = [{ type: 'TextBlock', text: text(f.headline), wrap: true, size: 'Large', weight: 'Bolder', color: COLORS[f.status] }];
    if (f.consequence)
        body.push({ type: 'TextBlock', text: text(f.consequence), wrap: true, weight: 'Bolder' });
    body.push({ type: 'TextBlock', text: text(f.reason), wrap: true });
    body.push({ type: 'FactSet', facts: facts(f).map((x) => ({ title: x.name, value: (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(x.value, d.lineChars) })) });
    if (d.evidence && f.evidence.length) {
        body.push({ type: 'TextBlock', text: 'Evidence', wrap: true, weight: 'Bolder', spacing: 'Medium' });
        const shown = f.evidence.slice(0, d.evidence).map((l) => `- ${(0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(l, d.lineChars)}`);
        if (f.evidence.length > d.evidence)
            shown.push(`- …and ${f.evidence.length - d.evidence} more`);
        // A blank line between items: Teams' TextBlock markdown needs it to break lines.
        body.push({ type: 'TextBlock', text: shown.join('\n\n'), wrap: true });
    }
    if (d.outputLines && f.output.length) {
        body.push({ type: 'TextBlock', text: 'Last output', wrap: true, weight: 'Bolder', spacing: 'Medium' });
        body.push({
            type: 'TextBlock',
            text: f.output
                .slice(-d.outputLines)
                .map((l) => (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(l, d.lineChars))
                .join('\n\n'),
            wrap: true,
            fontType: 'Monospace',
        });
    }
    body.push({
        type: 'TextBlock',
        text: (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)([f.repository, f.actor ? `by ${f.actor}` : '', f.duration].filter(Boolean).join(' · '), d.lineChars),
        wrap: true,
        isSubtle: true,
        size: 'Small',
    });
    const actions = [];
    if (f.runUrl)
        actions.push({ type: 'Action.OpenUrl', title: 'Open the workflow run', url: f.runUrl });
    // A compare link made of absurdly long versions is left out rather than blowing the size.
    if (f.compareUrl && f.compareUrl.length <= 2048)
        actions.push({ type: 'Action.OpenUrl', title: 'Compare versions', url: f.compareUrl });
    return { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body, actions, msteams: { width: 'Full' } };
}
function facts(f) {
    const out = [...f.versions];
    if (f.failingCheck)
        out.push({ name: 'Failing check', value: `${f.failingCheck.title} — ${f.failingCheck.summary}` });
    if (f.commitSubject)
        out.push({ name: 'Commit', value: f.commitSubject });
    return out;
}


/***/ })

};
