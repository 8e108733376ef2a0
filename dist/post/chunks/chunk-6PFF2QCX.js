import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS,
  __export,
  __require,
  __toESM
} from "./chunk-HANBNIMK.js";

// builtin:os
var require_os = __commonJS({
  "builtin:os"(exports, module) {
    module.exports = __require("os");
  }
});

// builtin:node:fs
var require_node_fs = __commonJS({
  "builtin:node:fs"(exports, module) {
    module.exports = __require("node:fs");
  }
});

// builtin:fs
var require_fs = __commonJS({
  "builtin:fs"(exports, module) {
    module.exports = __require("fs");
  }
});

// builtin:path
var require_path = __commonJS({
  "builtin:path"(exports, module) {
    module.exports = __require("path");
  }
});

// core-without-unused:core
var core_exports = {};
__export(core_exports, {
  ExitCode: () => ExitCode,
  addPath: () => addPath,
  debug: () => debug,
  endGroup: () => endGroup,
  error: () => error,
  exportVariable: () => exportVariable,
  getBooleanInput: () => getBooleanInput,
  getInput: () => getInput,
  getMultilineInput: () => getMultilineInput,
  getState: () => getState,
  group: () => group,
  info: () => info,
  isDebug: () => isDebug,
  markdownSummary: () => markdownSummary,
  notice: () => notice,
  saveState: () => saveState,
  setCommandEcho: () => setCommandEcho,
  setFailed: () => setFailed,
  setOutput: () => setOutput,
  setSecret: () => setSecret,
  startGroup: () => startGroup,
  summary: () => summary,
  toPlatformPath: () => toPlatformPath,
  toPosixPath: () => toPosixPath,
  toWin32Path: () => toWin32Path,
  warning: () => warning
});

// node_modules/@actions/core/lib/command.js
var os = __toESM(require_os(), 1);

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// src/core-shims/random-uuid.ts
var import_node_fs = __toESM(require_node_fs());
function randomUUID() {
  const b = randomBytes16();
  b[6] = b[6] & 15 | 64;
  b[8] = b[8] & 63 | 128;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
var POOL_SIZE = 256;
var pool = Buffer.alloc(0);
var used = 0;
function randomBytes16() {
  if (used + 16 > pool.length) {
    pool = readUrandom(POOL_SIZE) ?? process.getBuiltinModule("node:crypto").randomBytes(POOL_SIZE);
    used = 0;
  }
  return Buffer.from(pool.subarray(used, used += 16));
}
function readUrandom(size) {
  let fd;
  try {
    fd = (0, import_node_fs.openSync)("/dev/urandom", "r");
    const b = Buffer.alloc(size);
    return (0, import_node_fs.readSync)(fd, b, 0, size, null) === size ? b : void 0;
  } catch {
    return void 0;
  } finally {
    if (fd !== void 0) (0, import_node_fs.closeSync)(fd);
  }
}

// node_modules/@actions/core/lib/file-command.js
var fs = __toESM(require_fs(), 1);
var os2 = __toESM(require_os(), 1);
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter2 = `ghadelimiter_${randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter2)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter2}"`);
  }
  if (convertedValue.includes(delimiter2)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter2}"`);
  }
  return `${key}<<${delimiter2}${os2.EOL}${convertedValue}${os2.EOL}${delimiter2}`;
}

// node_modules/@actions/core/lib/core.js
var os3 = __toESM(require_os(), 1);
var path2 = __toESM(require_path(), 1);

// node_modules/@actions/core/lib/summary.js
var import_os = __toESM(require_os(), 1);

// src/core-shims/summary-fs.ts
var import_node_fs2 = __toESM(require_node_fs());
function settled(f) {
  return (...args) => {
    try {
      f(...args);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
}
var promises = {
  access: settled(import_node_fs2.accessSync),
  appendFile: settled(import_node_fs2.appendFileSync),
  writeFile: settled(import_node_fs2.writeFileSync)
};

// node_modules/@actions/core/lib/summary.js
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, import_node_fs2.constants.R_OK | import_node_fs2.constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(import_os.EOL);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var markdownSummary = _summary;
var summary = _summary;

// node_modules/@actions/core/lib/path-utils.js
var path = __toESM(require_path(), 1);
function toPosixPath(pth) {
  return pth.replace(/[\\]/g, "/");
}
function toWin32Path(pth) {
  return pth.replace(/[/]/g, "\\");
}
function toPlatformPath(pth) {
  return pth.replace(/[/\\]/g, path.sep);
}

// node_modules/@actions/core/lib/core.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function exportVariable(name, val) {
  const convertedVal = toCommandValue(val);
  process.env[name] = convertedVal;
  const filePath = process.env["GITHUB_ENV"] || "";
  if (filePath) {
    return issueFileCommand("ENV", prepareKeyValueMessage(name, val));
  }
  issueCommand("set-env", { name }, convertedVal);
}
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function addPath(inputPath) {
  const filePath = process.env["GITHUB_PATH"] || "";
  if (filePath) {
    issueFileCommand("PATH", inputPath);
  } else {
    issueCommand("add-path", {}, inputPath);
  }
  process.env["PATH"] = `${inputPath}${path2.delimiter}${process.env["PATH"]}`;
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function getMultilineInput(name, options) {
  const inputs = getInput(name, options).split("\n").filter((x) => x !== "");
  if (options && options.trimWhitespace === false) {
    return inputs;
  }
  return inputs.map((input) => input.trim());
}
function getBooleanInput(name, options) {
  const trueValue = ["true", "True", "TRUE"];
  const falseValue = ["false", "False", "FALSE"];
  const val = getInput(name, options);
  if (trueValue.includes(val))
    return true;
  if (falseValue.includes(val))
    return false;
  throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}
Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os3.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setCommandEcho(enabled) {
  issue("echo", enabled ? "on" : "off");
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function isDebug() {
  return process.env["RUNNER_DEBUG"] === "1";
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os3.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function group(name, fn) {
  return __awaiter2(this, void 0, void 0, function* () {
    startGroup(name);
    let result;
    try {
      result = yield fn();
    } finally {
      endGroup();
    }
    return result;
  });
}
function saveState(name, value) {
  const filePath = process.env["GITHUB_STATE"] || "";
  if (filePath) {
    return issueFileCommand("STATE", prepareKeyValueMessage(name, value));
  }
  issueCommand("save-state", { name }, toCommandValue(value));
}
function getState(name) {
  return process.env[`STATE_${name}`] || "";
}

// src/fs-async.ts
var import_node_fs3 = __toESM(require_node_fs(), 1);
var { promisify } = process.getBuiltinModule("node:util");
var mkdir = promisify(import_node_fs3.mkdir);
var mkdtemp = promisify(import_node_fs3.mkdtemp);
var rm = promisify(import_node_fs3.rm);

// src/timing.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
var MAX_DURATION_MS = 24 * 24 * 60 * 60 * 1e3;
function monotonicMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let timer;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const until = monotonicMs() + Math.max(0, ms);
    const wait = () => {
      timer = setTimeout(() => monotonicMs() >= until ? done() : wait(), Math.min(Math.max(0, until - monotonicMs()), MAX_TIMER_MS));
    };
    signal?.addEventListener("abort", done, { once: true });
    wait();
  });
}
function parseRetryAfter(header, now = Date.now()) {
  if (!header) return void 0;
  const h = header.trim();
  if (/^\d+$/.test(h)) return Number(h) * 1e3;
  const at = Date.parse(h);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function durationText(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${Number((ms / 1e3).toFixed(2))}s`;
  const s = Math.round(ms / 1e3);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor(s % 3600 / 60), s % 60];
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${sec ? `${sec}s` : ""}`;
}

// src/post-stop.ts
var STOPPED_BUDGET_MS = 5e3;
var BACKSTOP_MS = STOPPED_BUDGET_MS - 500;
var MAX_TIMER_MS2 = 2 ** 31 - 1;
function createPostStop(o) {
  const proc = o.process ?? process;
  const controller = new AbortController();
  let deadline;
  let backstop;
  const stop = (reason) => {
    if (controller.signal.aborted) return;
    o.onStop(reason);
    controller.abort(reason);
    backstop = setTimeout(() => o.onOverrun(reason), BACKSTOP_MS);
    backstop.unref();
  };
  const onSignal = (sig) => stop(`the runner sent ${sig}: its time for the job after the cancel, or the step's timeout, ran out`);
  proc.on("SIGINT", onSignal);
  proc.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    startDeadline(ms) {
      if (ms >= MAX_TIMER_MS2) return;
      deadline = setTimeout(() => stop(`cancel-timeout ${durationText(ms)} ran out`), ms);
      deadline.unref();
    },
    dispose() {
      if (deadline) clearTimeout(deadline);
      if (backstop) clearTimeout(backstop);
      proc.off("SIGINT", onSignal);
      proc.off("SIGTERM", onSignal);
    }
  };
}

// src/secrets.ts
var secrets = /* @__PURE__ */ new Set();
var REDACTED = "***";
function addSecret(value) {
  if (value && value.trim().length >= 4) {
    secrets.add(value);
    const trimmed = value.trim();
    if (trimmed !== value) secrets.add(trimmed);
    const path3 = urlPath(trimmed);
    if (path3) secrets.add(path3);
    const json = JSON.stringify(trimmed).slice(1, -1);
    for (const form of [json, json.replace(/\//g, "\\/")]) if (form !== trimmed) secrets.add(form);
  }
}
function urlPath(value) {
  const path3 = /^[a-z][a-z\d+.-]*:\/\/[^/?#\s]+([/?#]\S*)$/i.exec(value)?.[1];
  return path3 && path3.length >= 8 ? path3 : void 0;
}
function secretValues() {
  return [...secrets].sort((a, b) => b.length - a.length);
}
function redact(text) {
  let out = text;
  for (const s of secretValues()) out = out.split(s).join(REDACTED);
  return out;
}

// src/constants.ts
var Inputs = {
  Mode: "mode",
  DeployCommand: "deploy-command",
  Version: "version",
  PreviousVersion: "previous-version",
  TagPattern: "tag-pattern",
  Environment: "environment",
  HealthUrls: "health-urls",
  HealthHeaders: "health-headers",
  ExpectedStatus: "expected-status",
  ExpectedBody: "expected-body",
  ExpectVersion: "expect-version",
  StartupTimeout: "startup-timeout",
  Interval: "interval",
  RequestTimeout: "request-timeout",
  SuccessThreshold: "success-threshold",
  FailureThreshold: "failure-threshold",
  MaxLatency: "max-latency",
  SoakDuration: "soak-duration",
  MetricsUrl: "metrics-url",
  ErrorRateQuery: "error-rate-query",
  MaxErrorRate: "max-error-rate",
  MinRequests: "min-requests",
  PrometheusUrl: "prometheus-url",
  PrometheusHeaders: "prometheus-headers",
  MetricsQueries: "metrics-queries",
  WatchCommand: "watch-command",
  BaselineDuration: "baseline-duration",
  MaxSlowdown: "max-slowdown",
  RollbackSoakDuration: "rollback-soak-duration",
  SmokeCommand: "smoke-command",
  SmokeTimeout: "smoke-timeout",
  DeployTimeout: "deploy-timeout",
  RollbackCommand: "rollback-command",
  BackupCommand: "backup-command",
  BeforeRollbackCommand: "before-rollback-command",
  AfterRollbackCommand: "after-rollback-command",
  AfterDeployCommand: "after-deploy-command",
  PrepareRollbackCommand: "prepare-rollback-command",
  RollbackOnCancel: "rollback-on-cancel",
  CancelTimeout: "cancel-timeout",
  FailOnRollback: "fail-on-rollback",
  SlackWebhookUrl: "slack-webhook-url",
  SlackMention: "slack-mention",
  NotifyOn: "notify-on",
  DiscordWebhookUrl: "discord-webhook-url",
  DiscordMention: "discord-mention",
  TeamsWebhookUrl: "teams-webhook-url",
  WebhookUrl: "webhook-url",
  WebhookSecret: "webhook-secret",
  PagerdutyRoutingKey: "pagerduty-routing-key",
  PageOn: "page-on",
  PagerdutyUrl: "pagerduty-url",
  IncidentIssue: "incident-issue",
  IncidentLabels: "incident-labels",
  GithubToken: "github-token",
  Deployments: "deployments",
  ConcurrencyTimeout: "concurrency-timeout",
  OnlyIfLive: "only-if-live",
  EnvironmentUrl: "environment-url",
  DryRun: "dry-run"
};
var Outputs = {
  Status: "status",
  Version: "version",
  PreviousVersion: "previous-version",
  RolledBack: "rolled-back",
  Reason: "reason",
  Report: "report",
  DeploymentId: "deployment-id",
  IncidentUrl: "incident-url"
};
var StateKeys = {
  Run: "rollback-action-run",
  /** Written by main's signal handler the moment a cancel arrives, before anything else can fail. */
  CancelSeen: "rollback-action-cancel-seen"
};
var ACTION_VERSION = "1.0.0";
var USER_AGENT = `rollback-action/${ACTION_VERSION}`;

// src/state.ts
function isMidway(phase) {
  return phase === "deploying" || phase === "rolling-back";
}
function interruptedWhat(saved) {
  if (saved.phase === "deploying") return `deploying ${saved.version}`;
  const target = saved.mode === "deploy" ? saved.previous : saved.version;
  return target ? `rolling back to ${target}` : "rolling back";
}
var PHASES = /* @__PURE__ */ new Set(["resolved", "deploying", "rolling-back", "done"]);
var MODES = /* @__PURE__ */ new Set(["deploy", "rollback"]);
function stoppedHow(saved) {
  return saved.cancelled ? "the job was cancelled" : "the main step ended without finishing (killed: out of memory, or the runner was lost)";
}
function createStateStore(core) {
  return {
    save(run2) {
      core.saveState(StateKeys.Run, JSON.stringify(run2));
    },
    load() {
      const raw = core.getState(StateKeys.Run);
      if (!raw) return void 0;
      let run2;
      try {
        run2 = JSON.parse(raw);
      } catch {
        throw new Error("the state main saved is not readable");
      }
      if (!PHASES.has(run2?.phase) || !MODES.has(run2?.mode) || !Array.isArray(run2.scratch)) throw new Error("the state main saved is not one post understands");
      return core.getState(StateKeys.CancelSeen) ? { ...run2, cancelled: true } : run2;
    }
  };
}

// src/post.ts
async function run(o = {}) {
  const stop = createPostStop({
    onStop: (why) => warning(`rollback-action post: stopping (${why}): stopping the running command, then alerting and writing the report.`),
    onOverrun: (why) => {
      setFailed(`rollback-action post: stopped (${why}) and could not finish alerting and reporting in time. Check the environment now.`);
      o.exit?.(1);
    }
  });
  try {
    await post(stop);
  } catch (err) {
    warning(`rollback-action post: ${redact(String(err))}`);
  } finally {
    stop.dispose();
  }
}
async function post(stop) {
  let saved;
  try {
    saved = createStateStore(core_exports).load();
  } catch (err) {
    setFailed(`rollback-action post: ${err.message}; the run may have stopped mid-deploy. Check the environment now.`);
    return;
  }
  if (!saved) {
    info("rollback-action post: main saved no state; nothing to do.");
    return;
  }
  try {
    if (isMidway(saved.phase) || saved.phase === "resolved" && saved.deploymentId) {
      const { resumeRun } = await import("./post-resume-ZQZIWMOK.js");
      await resumeRun(saved, stop);
    }
  } finally {
    await cleanup(saved);
  }
}
async function cleanup(saved) {
  const git = saved.scratch.length > 0 || isMidway(saved.phase) ? await workspaceGit() : void 0;
  for (const dir of saved.scratch) {
    try {
      await git?.removeWorktree(dir);
    } catch (err) {
      warning(`Could not remove the checkout ${dir}: ${err.message}`);
    }
  }
  if (saved.scratchRoot)
    await rm(saved.scratchRoot, { recursive: true, force: true }).catch((err) => warning(`Could not remove ${saved.scratchRoot}: ${err.message}`));
  await git?.prune();
  info("rollback-action post: checkouts removed.");
}
async function workspaceGit() {
  const { createGit } = await import("./git-TQP46NLC.js");
  return createGit(process.env.GITHUB_WORKSPACE || process.cwd());
}

// src/entry/post.ts
void run({ exit: (code) => process.exit(code) }).finally(() => process.exit());

export {
  require_node_fs,
  summary,
  setOutput,
  setFailed,
  error,
  warning,
  info,
  group,
  core_exports,
  mkdir,
  mkdtemp,
  rm,
  MAX_DURATION_MS,
  monotonicMs,
  sleep,
  parseRetryAfter,
  durationText,
  addSecret,
  urlPath,
  redact,
  Inputs,
  Outputs,
  USER_AGENT,
  isMidway,
  interruptedWhat,
  stoppedHow,
  createStateStore
};
