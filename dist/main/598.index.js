export const id = 598;
export const ids = [598];
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

/***/ 598:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   impactWindow: () => (/* binding */ impactWindow),
/* harmony export */   incidentBody: () => (/* binding */ incidentBody),
/* harmony export */   incidentClosingComment: () => (/* binding */ incidentClosingComment),
/* harmony export */   incidentKey: () => (/* binding */ incidentKey),
/* harmony export */   incidentMarker: () => (/* binding */ incidentMarker),
/* harmony export */   incidentRepeatComment: () => (/* binding */ incidentRepeatComment),
/* harmony export */   incidentTitle: () => (/* binding */ incidentTitle),
/* harmony export */   isIncidentFor: () => (/* binding */ isIncidentFor),
/* harmony export */   parseIncidentMarker: () => (/* binding */ parseIncidentMarker),
/* harmony export */   shouldCloseIncident: () => (/* binding */ shouldCloseIncident),
/* harmony export */   shouldOpenIncident: () => (/* binding */ shouldOpenIncident),
/* harmony export */   utc: () => (/* binding */ utc)
/* harmony export */ });
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2011);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7194);
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6843);
/**
 * The incident issue: on an automatic rollback or a failed one, a GitHub issue holding the report a
 * post-mortem starts from; a repeat of the same environment and version comments on it; a later
 * healthy deploy of the environment comments and closes it. A hidden marker in the body finds it again.
 */



/** GitHub rejects an issue or comment body over 65 536 characters; keep room. */
const MAX_BODY = 60_000;
const MAX_TITLE = 256;
const MAX_EVIDENCE = 25;
const MAX_OUTPUT = 30;
const MAX_CELL = 300;
/** Steps whose passing end proves the old version is back and healthy. */
const PROOF_STEPS = new Set(['rollback-health', 'rollback-smoke', 'rollback-soak']);
/**
 * An automatic rollback (the deploy's gate failed and the old version was put back) and a failed
 * rollback open or update an incident. Manual rollbacks are decisions, not incidents; a cancelled
 * run that rolled back said nothing about the version; dry runs do nothing.
 */
function shouldOpenIncident(r) {
    if (r.dryRun)
        return false;
    return r.status === 'rollback-failed' || (r.status === 'rolled-back' && r.mode === 'deploy' && !r.cancelled);
}
/** A healthy deploy of the environment closes its open incident. */
function shouldCloseIncident(r) {
    return !r.dryRun && r.mode === 'deploy' && r.status === 'deployed';
}
function incidentKey(r) {
    return { environment: r.environment, version: r.version };
}
/**
 * `<!-- rollback-action:incident environment=<env> version=<v> -->`, values URI-encoded so no
 * name can end the comment or add a field. Not redacted: it must read back the same every run.
 */
function incidentMarker(k) {
    return `<!-- rollback-action:incident environment=${encodeURIComponent(k.environment)} version=${encodeURIComponent(k.version)} -->`;
}
/** The marker's key from an issue body, or undefined when it has none (or a damaged one). */
function parseIncidentMarker(body) {
    const m = /<!--\s*rollback-action:incident environment=(\S+) version=(\S+)\s*-->/.exec(body ?? '');
    if (!m)
        return undefined;
    try {
        return { environment: decodeURIComponent(m[1]), version: decodeURIComponent(m[2]) };
    }
    catch {
        return undefined;
    }
}
/** Whether an issue body is the incident of this environment (and version, when given). */
function isIncidentFor(body, environment, version) {
    const k = parseIncidentMarker(body);
    return !!k && k.environment === environment && (version === undefined || k.version === version);
}
/** `Rollback in production: v1.1.0 → v1.0.0`, or `Rollback failed in production: …`. */
function incidentTitle(r) {
    const env = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.environment);
    const v = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.version);
    const prev = r.previousVersion ? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.previousVersion) : undefined;
    const move = r.mode === 'deploy' ? `${v}${prev ? ` → ${prev}` : ''}` : `back to ${v}${prev ? ` from ${prev}` : ''}`;
    return (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(`${r.status === 'rollback-failed' ? 'Rollback failed' : 'Rollback'} in ${env}: ${move}`, MAX_TITLE);
}
/**
 * From the deploy's start to the rollback's proof (the end of the last passing rollback check);
 * `end` is undefined while no version is proven healthy (a failed rollback: the impact goes on).
 */
function impactWindow(r) {
    const deploy = r.steps.find((s) => s.id === 'deploy') ?? r.steps.find((s) => s.phase === 'rollback');
    const proofs = r.status === 'rolled-back' ? r.steps.filter((s) => PROOF_STEPS.has(s.id) && s.outcome === 'passed' && s.endedAt !== undefined) : [];
    const end = proofs.length ? Math.max(...proofs.map((s) => s.endedAt)) : undefined;
    return { start: deploy?.startedAt ?? r.startedAt, end };
}
/** `2026-11-23 03:00:05 UTC`. */
function utc(ms) {
    return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
/** The issue body: marker, one line of what happened, facts, failing check, evidence, timeline, post-mortem checklist. */
function incidentBody(r) {
    const f = (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .alertFacts */ .qi)(r);
    const head = [incidentMarker(incidentKey(r)), `## ${_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .OUTCOME_WORDS */ .nx[r.status].emoji} ${md(f.headline)}`, '', `**What happened:** ${md(whatHappened(r, f))}`, ''];
    const parts = [head.join('\n'), factsTable(r, f), failing(f), evidence(f), timeline(r.steps), postMortem(r)];
    let body = [...parts.slice(0, -2), output(f), ...parts.slice(-2)].join('\n');
    // Too long for GitHub: the command output goes first, then the end is cut (the marker is at the top).
    if (body.length > MAX_BODY)
        body = parts.join('\n');
    return (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(body, MAX_BODY);
}
function whatHappened(r, f) {
    const check = f.failingCheck ? `${f.failingCheck.title} failed (${f.failingCheck.summary})` : f.reason;
    if (r.status === 'rolled-back')
        return `${check}, so ${f.versions[2].value} was put back and passed its health gate.`;
    return `${check}; ${f.consequence ?? 'the rollback did not bring back a healthy version.'}`;
}
function factsTable(r, f) {
    const w = impactWindow(r);
    const window = w.end === undefined ? `since ${utc(w.start)}, still going at ${utc(r.endedAt)}` : `${utc(w.start)} → ${utc(w.end)} (${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(w.end - w.start)})`;
    const rows = [
        ...f.versions.map((v) => [
            v.name,
            v.name === 'Environment' || v.name === 'Trigger' ? cell(v.value) : `\`${v.value.replace(/`/g, "'")}\``,
        ]),
    ];
    if (f.compareUrl)
        rows.push(['Changes', `[${cell(compareText(r))}](${f.compareUrl})`]);
    rows.push(['Impact window', window]);
    if (f.runUrl)
        rows.push(['Workflow run', `[run ${cell(r.context.runId || '')}](${f.runUrl})`]);
    if (f.actor)
        rows.push(['Started by', cell(f.actor)]);
    if (f.commitSubject)
        rows.push(['Commit', cell(f.commitSubject)]);
    return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''].join('\n');
}
function compareText(r) {
    const [base, head] = r.mode === 'deploy' ? [r.previousVersion, r.version] : [r.version, r.previousVersion];
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(`${base}...${head}`);
}
function failing(f) {
    const lines = ['### Failing check', ''];
    if (f.failingCheck)
        lines.push(`**${md(f.failingCheck.title)}** — ${md(f.failingCheck.summary)}`, '');
    lines.push(`**Reason:** ${md(f.reason)}`, '');
    return lines.join('\n');
}
function evidence(f) {
    if (!f.evidence.length)
        return '';
    const shown = f.evidence.slice(0, MAX_EVIDENCE).map((l) => `- ${md((0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(l, 1000))}`);
    if (f.evidence.length > MAX_EVIDENCE)
        shown.push(`- …and ${f.evidence.length - MAX_EVIDENCE} more (see the workflow run)`);
    return ['### Evidence', '', ...shown, ''].join('\n');
}
function output(f) {
    if (!f.output.length)
        return '';
    const title = f.failingCheck?.title ?? 'the failed step';
    const body = f.output
        .slice(-MAX_OUTPUT)
        .map((l) => (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(l, 1000))
        .join('\n');
    // A fence longer than any backtick run in the output cannot be closed by it.
    const fence = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    return [`<details><summary>Last output of ${md(title)}</summary>`, '', fence, body, fence, '', '</details>', ''].join('\n');
}
function timeline(steps) {
    const rows = steps.map((s) => `| ${utc(s.startedAt).slice(11, 19)} | ${cell(s.title)} | ${s.outcome} | ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .stepDurationText */ .yY)(s)} | ${cell((0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(s.summary ?? ''), MAX_CELL))} |`);
    const day = steps.length ? utc(steps[0].startedAt).slice(0, 10) : '';
    return [`### Timeline (UTC${day ? `, ${day}` : ''})`, '', '| Time | Step | Outcome | Duration | Detail |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}
function postMortem(r) {
    const failedRollback = r.status === 'rollback-failed';
    const items = [
        failedRollback ? `**Restore service:** ${md((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.environment))} has no version proven healthy; bring one back and confirm it by hand` : '',
        `**Impact:** who and what was affected during the window above, and how badly`,
        `**Root cause:** why ${md((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.version))} failed ${md((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.environment))}'s check (the evidence above is where to start)`,
        `**Detection:** the health gate caught it; could a test, staging or an earlier check have caught it before production?`,
        failedRollback ? `**Rollback:** why the way back failed, and how to make it work next time` : '',
        `**Action items:** the fix, a test that would have caught it, monitoring or alerts, and this runbook — each as its own issue`,
        `**Redeploy:** the fixed version deployed and healthy (that closes this issue)`,
    ].filter(Boolean);
    return ['### Post-mortem', '', ...items.map((i) => `- [ ] ${i}`), ''].join('\n');
}
/** A comment on the open incident when the same environment and version fail again. */
function incidentRepeatComment(r) {
    const f = (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .alertFacts */ .qi)(r);
    const lines = [`### ${_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .OUTCOME_WORDS */ .nx[r.status].emoji} Again at ${utc(r.endedAt)}: ${md(f.headline)}`, ''];
    if (f.failingCheck)
        lines.push(`**Failing check:** ${md(f.failingCheck.title)} — ${md(f.failingCheck.summary)}`, '');
    lines.push(`**Reason:** ${md(f.reason)}`, '');
    const shown = f.evidence.slice(0, 5).map((l) => `- ${md((0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(l, 500))}`);
    if (shown.length)
        lines.push(...shown, '');
    const w = impactWindow(r);
    lines.push(`**Impact window:** ${w.end === undefined ? `since ${utc(w.start)}, still going` : `${utc(w.start)} → ${utc(w.end)} (${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(w.end - w.start)})`}`, '');
    if (f.runUrl)
        lines.push(`[Workflow run](${f.runUrl})${f.actor ? ` · started by ${cell(f.actor)}` : ''}`, '');
    return (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(lines.join('\n'), MAX_BODY);
}
/** The comment that closes the incident: which version is now healthy, when, and where. */
function incidentClosingComment(r) {
    const f = (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .alertFacts */ .qi)(r);
    const run = f.runUrl ? ` ([workflow run](${f.runUrl}))` : '';
    return (0,_facts_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)([
        `### ${_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .OUTCOME_WORDS */ .nx.deployed.emoji} Resolved: \`${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.version).replace(/`/g, "'")}\` is deployed to ${md((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(r.environment))} and passed its health gate at ${utc(r.endedAt)}${run}.`,
        '',
        'Closing this incident; finish the post-mortem checklist above if it is still open.',
        '',
    ].join('\n'), MAX_BODY);
}
/**
 * Text from users and apps in Markdown: no HTML, and no @mention or team ping
 * (a commit message saying "@org/team" must not notify anyone from an incident).
 */
function md(text) {
    return text
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/@(?=[\w-])/g, '@\u200b');
}
/** A table cell: Markdown-safe, no pipe or line break. */
function cell(text) {
    return md(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}


/***/ })

};
