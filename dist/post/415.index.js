export const id = 415;
export const ids = [415];
export const modules = {

/***/ 2415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildSlackPayload: () => (/* binding */ buildSlackPayload)
/* harmony export */ });
/* unused harmony export escapeSlack */
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2011);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7194);


const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
const MAX_HEADER = 150;
const MAX_ENDPOINTS = 10;
/** Slack's escaping: user-controlled text (commit messages, versions, app bodies) cannot ping or link. */
function escapeSlack(text) {
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** The alert: outcome, environment and versions in the header; why, evidence, commit and run link below. */
function buildSlackPayload(r, o) {
    const w = _report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .OUTCOME_WORDS */ .nx[r.status];
    const headline = (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .headlineText */ .uh)(r);
    const mention = o.mention && (r.status === 'rolled-back' || r.status === 'rollback-failed') ? `${o.mention} ` : '';
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(headline), MAX_HEADER), emoji: true } }];
    const c = (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .consequence */ .IY)(r);
    const lead = [`${mention}${w.slack} *${escapeSlack(headline)}*`, c ? `*${escapeSlack(c)}*` : ''].filter(Boolean).join('\n');
    blocks.push(section(lead));
    const fields = [
        `*Environment*\n${escapeSlack(r.environment)}`,
        `*${r.mode === 'deploy' ? 'Deployed' : 'Put back'}*\n\`${escapeSlack(r.version)}\``,
        `*${r.mode === 'deploy' ? 'Last known good' : 'Replaced'}*\n${r.previousVersion ? `\`${escapeSlack(r.previousVersion)}\`` : 'none'}`,
        `*Trigger*\n${trigger(r)}`,
    ];
    blocks.push({ type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text: (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(text, 2000) })) });
    if (r.status !== 'deployed') {
        const failed = (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .failedStep */ .cG)(r);
        const check = failed ? `*Failing check:* ${escapeSlack(failed.title)}\n` : '';
        blocks.push(section(`${check}*Reason:* ${escapeSlack(r.reason)}`));
        const endpoints = r.steps.flatMap((s) => s.outcome === 'failed' && s.verdict ? s.verdict.endpoints.filter((e) => e.verdict === 'failed' || e.failed > 0) : []);
        const lines = endpoints.slice(0, MAX_ENDPOINTS).map((e) => {
            const lat = e.latency ? `, p95 ${e.latency.p95}ms` : '';
            const last = e.lastFailure
                ? `: ${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` — \`${e.lastFailure.bodyExcerpt.slice(0, 200).replace(/`/g, "'")}\`` : ''}`
                : '';
            return `• ${escapeSlack(e.url)} — ${e.passed}/${e.probes} passed${lat}${escapeSlack(last)}`;
        });
        if (endpoints.length > MAX_ENDPOINTS)
            lines.push(`…and ${endpoints.length - MAX_ENDPOINTS} more endpoints`);
        if (lines.length)
            blocks.push(section(`*Evidence*\n${lines.join('\n')}`));
        const tail = failed?.output?.filter((l) => l.trim()).slice(-5);
        if (tail?.length)
            blocks.push(section(`*Last output of ${escapeSlack(failed.title)}*\n\`\`\`${escapeSlack(tail.join('\n')).replace(/`/g, "'")}\`\`\``));
    }
    if (r.commitSubject)
        blocks.push(section(`*Commit:* ${escapeSlack(r.commitSubject)}`));
    const ctx = r.context;
    const run = ctx.runUrl ? `<${ctx.runUrl}|workflow run>` : 'workflow run';
    blocks.push({
        type: 'context',
        elements: [
            {
                type: 'mrkdwn',
                text: (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(`${escapeSlack(ctx.repository || 'repository')} · ${run} · by ${escapeSlack(ctx.actor || 'unknown')} · ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(r.endedAt - r.startedAt)}`, MAX_SECTION),
            },
        ],
    });
    const fallback = `${mention}${w.title}: ${r.environment} ${r.version}${r.previousVersion ? ` / previous ${r.previousVersion}` : ''} — ${r.reason}`;
    return { text: (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(`${mention}${escapeSlack(fallback.slice(mention.length))}`, MAX_SECTION), blocks: blocks.slice(0, MAX_BLOCKS) };
}
function trigger(r) {
    if (r.mainKilled)
        return 'main step ended without finishing (post step)';
    if (r.cancelled)
        return 'cancelled run (post step)';
    return r.mode === 'rollback' ? 'manual rollback' : 'automatic (health gate)';
}
function section(text) {
    return { type: 'section', text: { type: 'mrkdwn', text: (0,_report_format_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(text, MAX_SECTION) } };
}


/***/ })

};
