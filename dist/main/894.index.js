export const id = 894;
export const ids = [894];
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

/***/ 3894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildPagerDutyResolve: () => (/* binding */ buildPagerDutyResolve),
/* harmony export */   buildPagerDutyTrigger: () => (/* binding */ buildPagerDutyTrigger)
/* harmony export */ });
/* unused harmony exports PAGERDUTY_LIMITS, PAGERDUTY_SEVERITY, shouldPage, shouldResolve, pagerDutyDedupKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7194);
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6843);
/**
 * PagerDuty Events API v2: a `trigger` for the outcomes that page, and a `resolve` with the same
 * dedup_key when a later run of the environment is healthy again, so the incident closes itself.
 */



const PAGERDUTY_LIMITS = { dedupKey: 255, summary: 1024 };
/**
 * Severity by outcome: a failed rollback leaves the environment possibly down (critical); a deploy
 * that failed without a way back may have (error); a rollback that worked left the old version
 * healthy and a fix to make (warning); the rest is information.
 */
const PAGERDUTY_SEVERITY = {
    'rollback-failed': 'critical',
    failed: 'error',
    'rolled-back': 'warning',
    deployed: 'info',
    planned: 'info',
};
/** Lists in custom_details are cut to these so an event stays far under the API's 512 KB. */
const MAX_EVIDENCE = 25;
const MAX_LINE = 500;
const MAX_OUTPUT = 20;
const MAX_STEPS = 40;
/** Whether this outcome triggers a page. Dry runs never page. */
function shouldPage(status, pageOn) {
    return status !== 'planned' && pageOn.has(status);
}
/**
 * Whether this run resolves the environment's open page: it ended healthy (`deployed`, or
 * `rolled-back` with the old version proven), and, when `pageOn` is given, it does not page itself
 * (with `page-on: rolled-back` a rollback triggers rather than resolves).
 */
function shouldResolve(status, pageOn) {
    return (status === 'deployed' || status === 'rolled-back') && !(pageOn && shouldPage(status, pageOn));
}
/**
 * `rollback-action/<owner>/<repo>/<environment>`: one open alert per environment, which the
 * next healthy run resolves. Not redacted: it must be identical across runs, and a repository's
 * and an environment's names are not secrets. Over 255 characters, the tail becomes a hash so
 * the key stays unique and stable.
 */
function pagerDutyDedupKey(repository, environment) {
    const key = `rollback-action/${repository}/${environment}`;
    if (key.length <= PAGERDUTY_LIMITS.dedupKey)
        return key;
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(key).digest('hex').slice(0, 16);
    return `${key.slice(0, PAGERDUTY_LIMITS.dedupKey - hash.length - 1)}~${hash}`;
}
/** The trigger event for a run that pages. */
function buildPagerDutyTrigger(r, o) {
    const f = (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .alertFacts */ .qi)(r);
    const failed = r.steps.find((s) => s.outcome === 'failed');
    const links = [
        f.runUrl ? { href: f.runUrl, text: 'Workflow run' } : undefined,
        f.compareUrl ? { href: f.compareUrl, text: 'Changes between the versions' } : undefined,
    ];
    return {
        routing_key: o.routingKey,
        event_action: 'trigger',
        dedup_key: pagerDutyDedupKey(r.context.repository, r.environment),
        payload: {
            summary: (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(`${f.headline} — ${f.reason}`, PAGERDUTY_LIMITS.summary),
            source: (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(`${f.repository || 'repository'}/${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.environment)}`, 255),
            severity: PAGERDUTY_SEVERITY[r.status],
            timestamp: f.endedAt,
            component: (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(f.repository || 'repository', 255),
            group: (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.environment), 255),
            // The kind of failure: the gate's check ('health', 'error-rate'…) or the failed step's id.
            class: (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(failed?.verdict?.check ?? failed?.id ?? r.status), 255),
            custom_details: details(r, f),
        },
        links: links.filter((l) => l !== undefined),
        client: 'rollback-action',
        ...(f.runUrl ? { client_url: f.runUrl } : {}),
    };
}
function details(r, f) {
    const cut = (lines, n, fromEnd = false) => (fromEnd ? lines.slice(-n) : lines.slice(0, n)).map((l) => (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(l, MAX_LINE));
    return {
        status: r.status,
        consequence: f.consequence ?? null,
        reason: f.reason,
        ...Object.fromEntries(f.versions.map((v) => [v.name.toLowerCase().replace(/ /g, '_'), v.value])),
        failing_check: f.failingCheck ? `${f.failingCheck.title} — ${f.failingCheck.summary}` : null,
        evidence: cut(f.evidence, MAX_EVIDENCE),
        more_evidence: Math.max(0, f.evidence.length - MAX_EVIDENCE),
        last_output: cut(f.output, MAX_OUTPUT, true),
        steps: cut((0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .stepLines */ .mR)(r.steps), MAX_STEPS),
        commit: f.commitSubject ?? null,
        actor: f.actor,
        duration: f.duration,
        run_url: f.runUrl || null,
        compare_url: f.compareUrl ?? null,
    };
}
/** The resolve event: only the key and the action, as the API asks. */
function buildPagerDutyResolve(r, o) {
    return { routing_key: o.routingKey, event_action: 'resolve', dedup_key: pagerDutyDedupKey(r.context.repository, r.environment) };
}


/***/ })

};
