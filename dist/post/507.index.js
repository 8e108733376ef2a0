export const id = 507;
export const ids = [507];
export const modules = {

/***/ 5507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildDiscordPayload: () => (/* binding */ buildDiscordPayload)
/* harmony export */ });
/* unused harmony exports DISCORD_LIMITS, DISCORD_COLORS, embedLength, fitEmbed, allowedMentions */
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6843);

/** Discord's documented limits for a webhook message and its embeds. */
const DISCORD_LIMITS = {
    content: 2000,
    title: 256,
    description: 4096,
    fields: 25,
    fieldName: 256,
    fieldValue: 1024,
    footer: 2048,
    /** Title, description, field names and values, footer text and author name, across all embeds. */
    total: 6000,
};
/** Embed colors by outcome: green, amber, red, dark red, grey. */
const DISCORD_COLORS = {
    deployed: 0x2eb67d,
    'rolled-back': 0xecb22e,
    failed: 0xe01e5a,
    'rollback-failed': 0x8b0000,
    planned: 0x95a5a6,
};
/** The most evidence lines listed; the rest are counted. */
const MAX_EVIDENCE = 10;
const MAX_OUTPUT_LINES = 5;
/** The message: the headline (and the mention, when configured and the outcome is bad) as content, the facts as one embed. */
function buildDiscordPayload(r, o = {}) {
    const f = (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .alertFacts */ .qi)(r);
    const mention = o.mention && (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .mentions */ .wy)(r.status) ? o.mention.trim() : '';
    const content = (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(`${mention ? `${mention} ` : ''}${quiet(f.headline)}`, DISCORD_LIMITS.content);
    const embed = {
        title: (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(f.headline, DISCORD_LIMITS.title),
        description: (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)([f.consequence ? `**${f.consequence}**` : '', f.reason].filter(Boolean).join('\n\n'), DISCORD_LIMITS.description),
        ...(f.runUrl ? { url: f.runUrl } : {}),
        color: DISCORD_COLORS[r.status],
        timestamp: f.endedAt,
        fields: fields(f).slice(0, DISCORD_LIMITS.fields).map(field),
        footer: { text: (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)([f.repository || 'repository', f.actor ? `by ${f.actor}` : '', f.duration].filter(Boolean).join(' · '), DISCORD_LIMITS.footer) },
    };
    return { content, embeds: [fitEmbed(embed, DISCORD_LIMITS.total)], allowed_mentions: allowedMentions(mention) };
}
function fields(f) {
    const out = f.versions.map((v) => ({
        name: v.name,
        value: v.name === 'Environment' || v.name === 'Trigger' ? v.value : code(v.value),
        inline: true,
    }));
    if (f.failingCheck)
        out.push({ name: 'Failing check', value: `${f.failingCheck.title} — ${f.failingCheck.summary}` });
    if (f.evidence.length) {
        const shown = f.evidence.slice(0, MAX_EVIDENCE).map((l) => `• ${l}`);
        if (f.evidence.length > MAX_EVIDENCE)
            shown.push(`…and ${f.evidence.length - MAX_EVIDENCE} more`);
        out.push({ name: 'Evidence', value: shown.join('\n') });
    }
    if (f.output.length)
        out.push({ name: 'Last output', value: fence(f.output.slice(-MAX_OUTPUT_LINES).join('\n')) });
    if (f.commitSubject)
        out.push({ name: 'Commit', value: f.commitSubject });
    if (f.compareUrl)
        out.push({ name: 'Changes', value: f.compareUrl });
    if (f.runUrl)
        out.push({ name: 'Workflow run', value: f.runUrl });
    return out;
}
/** Field names and values: within their limits and never empty (Discord rejects an empty one). */
function field(x) {
    return { ...x, name: (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(x.name || '—', DISCORD_LIMITS.fieldName), value: (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(x.value || '—', DISCORD_LIMITS.fieldValue) };
}
/** Characters Discord counts towards the 6000 of a message's embeds. */
function embedLength(e) {
    return e.title.length + e.description.length + e.footer.text.length + e.fields.reduce((n, x) => n + x.name.length + x.value.length, 0);
}
/**
 * Within `max` characters in all: the description is cut first (the reason also appears in the
 * fields' evidence), then the longest fields, then fields are dropped from the end (the run link
 * in `url` stays). The title and the first four facts are never dropped.
 */
function fitEmbed(e, max) {
    const out = { ...e, fields: e.fields.map((x) => ({ ...x })) };
    let excess = embedLength(out) - max;
    if (excess > 0) {
        out.description = (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(out.description, Math.max(200, out.description.length - excess));
        excess = embedLength(out) - max;
    }
    for (const x of [...out.fields].sort((a, b) => b.value.length - a.value.length)) {
        if (excess <= 0)
            break;
        x.value = (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(x.value, Math.max(64, x.value.length - excess));
        excess = embedLength(out) - max;
    }
    while (excess > 0 && out.fields.length > 4) {
        out.fields.pop();
        excess = embedLength(out) - max;
    }
    if (excess > 0)
        out.description = (0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(out.description, Math.max(1, out.description.length - excess));
    return out;
}
/**
 * Pings nothing but the configured mention: `@here`/`@everyone` allow "everyone", `<@&id>` that
 * role, `<@id>` that user. Text from users (versions, commit messages) can never ping.
 */
function allowedMentions(mention) {
    const m = mention?.trim() ?? '';
    if (m === '@here' || m === '@everyone')
        return { parse: ['everyone'] };
    const role = /^<@&(\d+)>$/.exec(m);
    if (role)
        return { parse: [], roles: [role[1]] };
    const user = /^<@!?(\d+)>$/.exec(m);
    if (user)
        return { parse: [], users: [user[1]] };
    return { parse: [] };
}
/** With "everyone" allowed, user text in the content must not say @everyone/@here itself. */
function quiet(text) {
    return text.replace(/@(everyone|here)/g, '@\u200b$1');
}
function code(text) {
    return `\`${text.replace(/`/g, "'")}\``;
}
/** A code block that the text cannot close. */
function fence(text) {
    return `\`\`\`\n${(0,_facts_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)(text.replace(/```/g, "'''"), DISCORD_LIMITS.fieldValue - 8)}\n\`\`\``;
}


/***/ }),

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


/***/ })

};
