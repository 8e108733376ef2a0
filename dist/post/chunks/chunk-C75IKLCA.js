import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/gate/error-rate-query.ts
var QUERY_FORM = 'expected `errors / total` where each side is a counter selector like name or name{label="value"} (operators =, !=, =~, !~), e.g. http_requests_total{code=~"5.."} / http_requests_total';
function parseErrorRateQuery(query) {
  const parts = splitOutsideBraces(query, "/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`'${query}' is not a ratio of two selectors; ${QUERY_FORM}.`);
  return { errors: parseSelector(parts[0], query), total: parseSelector(parts[1], query) };
}
function splitOutsideBraces(text, sep) {
  const parts = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === "\\") i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === "{") depth++;
    else if (!quoted && c === "}") depth--;
    else if (!quoted && depth === 0 && c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}
function parseSelector(text, query) {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?$/s.exec(text);
  if (!m) throw new Error(`'${text}' in '${query}' is not a metric selector; ${QUERY_FORM}.`);
  const matchers = [];
  for (const part of splitOutsideBraces(m[2] ?? "", ",").filter(Boolean)) {
    const lm = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"$/s.exec(part);
    if (!lm) {
      throw new Error(`'${part}' in '${query}' is not a label matcher; expected label="value", label!="value", label=~"regex" or label!~"regex".`);
    }
    const op = lm[2];
    const value = unquote(lm[3]);
    if (op === "=~" || op === "!~") {
      try {
        anchored(value);
      } catch (err) {
        throw new Error(`'${value}' in '${query}' is not a valid regular expression: ${err.message}.`, { cause: err });
      }
    }
    matchers.push({ label: lm[1], op, value });
  }
  return { name: m[1], matchers };
}
function unquote(s) {
  return s.replace(/\\(.)/gs, (all, c) => c === "n" ? "\n" : c === "t" ? "	" : c === '"' || c === "\\" ? c : all);
}
function anchored(re) {
  return new RegExp(`^(?:${re})$`, "s");
}
function parseRate(text) {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(text.trim());
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`'${text}' is not a rate; expected a percentage from 0% to 100% like 5% or 0.5%, or a fraction from 0 to 1 like 0.05.`);
  }
  return value;
}

export {
  parseErrorRateQuery,
  anchored,
  parseRate
};
