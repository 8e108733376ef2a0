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

// builtin:node:net
var require_node_net = __commonJS({
  "builtin:node:net"(exports, module) {
    module.exports = __require("node:net");
  }
});

// builtin:node:path
var require_node_path = __commonJS({
  "builtin:node:path"(exports, module) {
    module.exports = __require("node:path");
  }
});

// builtin:node:http
var require_node_http = __commonJS({
  "builtin:node:http"(exports, module) {
    module.exports = __require("node:http");
  }
});

// builtin:node:url
var require_node_url = __commonJS({
  "builtin:node:url"(exports, module) {
    module.exports = __require("node:url");
  }
});

// builtin:node:child_process
var require_node_child_process = __commonJS({
  "builtin:node:child_process"(exports, module) {
    module.exports = __require("node:child_process");
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
  const h2 = b.toString("hex");
  return `${h2.slice(0, 8)}-${h2.slice(8, 12)}-${h2.slice(12, 16)}-${h2.slice(16, 20)}-${h2.slice(20)}`;
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
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
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
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
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
  wrap(tag2, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag2}${htmlAttrs}>`;
    }
    return `<${tag2}${htmlAttrs}>${content}</${tag2}>`;
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
    const tag2 = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag2, listItems);
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
        const { header: header2, data, colspan, rowspan } = cell;
        const tag2 = header2 ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag2, data, attrs);
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
    const tag2 = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag2) ? tag2 : "h1";
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
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
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
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
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
var SCRATCH_PREFIX = "rollback-action-";

// node_modules/parse-duration/locale/en.js
var unit = /* @__PURE__ */ Object.create(null);
var m = 6e4;
var h = m * 60;
var d = h * 24;
var y = d * 365.25;
unit.year = unit.yr = unit.y = y;
unit.month = unit.mo = unit.mth = y / 12;
unit.week = unit.wk = unit.w = d * 7;
unit.day = unit.d = d;
unit.hour = unit.hr = unit.h = h;
unit.minute = unit.min = unit.m = m;
unit.second = unit.sec = unit.s = 1e3;
unit.millisecond = unit.millisec = unit.ms = 1;
unit.microsecond = unit.microsec = unit.us = unit.\u00B5s = 1e-3;
unit.nanosecond = unit.nanosec = unit.ns = 1e-6;
unit.group = ",";
unit.decimal = ".";
unit.placeholder = " _";
var en_default = unit;

// node_modules/parse-duration/index.js
var durationRE = /((?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([\p{L}]{0,14})/gu;
parse.unit = en_default;
var groupRE;
var placeholder = null;
var group2;
var lookupUnit = (unit2, name) => {
  name = String(name).toLowerCase();
  return unit2[name] ?? (name.endsWith("s") ? unit2[name.slice(0, -1)] : void 0);
};
function parse(str = "", format = "ms") {
  let result = null, prevUnits, unit2 = parse.unit;
  if (unit2.placeholder !== placeholder || unit2.group !== group2)
    groupRE = new RegExp(`(\\d)[${(placeholder = unit2.placeholder) ?? ""}${(group2 = unit2.group) ?? ""}](\\d)`, "g");
  str = String(str);
  let s = str.replace(groupRE, "$1$2");
  if (unit2.decimal !== ".") s = s.replaceAll(unit2.decimal, ".");
  durationRE.lastIndex = 0;
  for (let m2; m2 = durationRE.exec(s); ) {
    let units = m2[2];
    if (!units) {
      if (prevUnits) {
        for (const u in unit2) if (unit2[u] < prevUnits) {
          units = u;
          break;
        }
      } else units = format;
    }
    prevUnits = units = lookupUnit(unit2, units);
    if (typeof units == "number") result = (result || 0) + m2[1] * units;
  }
  return result && result / (lookupUnit(unit2, format) || 1) * (str.trimStart()[0] === "-" ? -1 : 1);
}

// src/headers.ts
var CREDENTIAL_HEADERS = /* @__PURE__ */ new Set(["authorization", "proxy-authorization", "cookie"]);
var CREDENTIAL_WORDS = ["token", "key", "secret", "auth", "session", "signature", "password", "credential"];
var TOKEN_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var BAD_VALUE_CHAR_RE = /[^\t\x20-\x7e\x80-\xff]/;
var CLIENT_OWNED = /* @__PURE__ */ new Set(["connection", "content-length", "expect", "keep-alive", "transfer-encoding", "upgrade"]);
var MIN_SECRET = 4;
var MIN_PART = 8;
var HeaderLineError = class extends Error {
  constructor(line, problem) {
    super(`line ${line}: ${problem}`);
    this.line = line;
    this.problem = problem;
    this.name = "HeaderLineError";
  }
  line;
  problem;
};
function isCredentialHeader(name) {
  const n = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(n) || CREDENTIAL_WORDS.some((w) => n.includes(w));
}
function parseHeaderLines(text) {
  const headers = [];
  const secrets2 = [];
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) return;
    const [name, value] = splitLine(line, i + 1);
    if (isCredentialHeader(name)) secrets2.push(...credentialForms(value));
    checkValue(name, value, i + 1);
    headers.push([name, value]);
  });
  return { headers, secrets: unique(secrets2) };
}
function splitLine(line, n) {
  const colon = line.indexOf(":");
  if (colon <= 0) throw new HeaderLineError(n, "expected 'Name: value' (e.g. 'Authorization: Bearer \u2026'); this line has no name before a ':'.");
  const name = line.slice(0, colon).trim();
  if (!TOKEN_RE.test(name)) {
    throw new HeaderLineError(n, "the text before the first ':' is not a header name (one word of letters, digits and !#$%&'*+.^_`|~-, e.g. X-Api-Key).");
  }
  if (CLIENT_OWNED.has(name.toLowerCase())) {
    throw new HeaderLineError(n, `'${name}' is set by the HTTP client itself and cannot be configured; remove this line.`);
  }
  return [name, line.slice(colon + 1).trim()];
}
function checkValue(name, value, n) {
  const bad = BAD_VALUE_CHAR_RE.exec(value)?.[0];
  if (bad === void 0) return;
  throw new HeaderLineError(
    n,
    `the value of '${name}' contains ${describeChar(bad)}, which HTTP headers cannot carry; a header value is one line of printable characters.`
  );
}
function describeChar(c) {
  if (c === "\r") return "a carriage return (CR: a file saved with Windows line endings, or a stray \\r)";
  if (c === "\n") return "a line feed (LF)";
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return code < 32 || code === 127 ? `a control character (${hex})` : `a character outside Latin-1 (${hex}); percent-encode it`;
}
function credentialForms(value) {
  const forms = [value];
  const parts = [];
  const scheme = /^([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+(\S.*)$/.exec(value);
  if (scheme) {
    parts.push(scheme[2]);
    if (scheme[1].toLowerCase() === "basic") forms.push(...basicForms(scheme[2]));
  }
  if (value.includes(";") || /^[^=\s]+=/.test(value)) {
    for (const pair of value.split(";")) if (pair.includes("=")) parts.push(pair.slice(pair.indexOf("=") + 1).trim());
  }
  return [...forms.filter((f) => f.trim().length >= MIN_SECRET), ...parts.filter((p) => p.length >= MIN_PART)];
}
function basicForms(encoded) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return [];
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0 || /[\x00-\x1f\ufffd]/.test(decoded)) return [];
  return [decoded, decoded.slice(colon + 1)];
}
function urlCredentialForms(value) {
  const written = /^[a-z][\w+.-]*:\/\/([^/?#@]*)@/i.exec(value.trim())?.[1];
  if (!written) return [];
  const colon = written.indexOf(":");
  const forms = [];
  if (colon >= 0) {
    const password = written.slice(colon + 1);
    forms.push(password, tryDecode(password), written, tryDecode(written));
  }
  try {
    const u = new URL(value.trim());
    const pair = `${tryDecode(u.username)}:${tryDecode(u.password)}`;
    if (u.password) forms.push(u.password, tryDecode(u.password), `${u.username}:${u.password}`, pair);
    if (u.username || u.password) forms.push(basicToken(pair));
  } catch {
  }
  return unique(forms.filter((f) => f.length >= MIN_SECRET));
}
function basicToken(pair) {
  return Buffer.from(pair).toString("base64");
}
function tryDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function unique(values) {
  return [...new Set(values)];
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

// src/timing.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
var MAX_DURATION_MS = 24 * 24 * 60 * 60 * 1e3;
function monotonicMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}
function sleep(ms, signal2) {
  return new Promise((resolve2) => {
    if (signal2?.aborted) return resolve2();
    let timer;
    const done = () => {
      clearTimeout(timer);
      signal2?.removeEventListener("abort", done);
      resolve2();
    };
    const until = monotonicMs() + Math.max(0, ms);
    const wait = () => {
      timer = setTimeout(() => monotonicMs() >= until ? done() : wait(), Math.min(Math.max(0, until - monotonicMs()), MAX_TIMER_MS));
    };
    signal2?.addEventListener("abort", done, { once: true });
    wait();
  });
}
function parseRetryAfter(header2, now = Date.now()) {
  if (!header2) return void 0;
  const h2 = header2.trim();
  if (/^\d+$/.test(h2)) return Number(h2) * 1e3;
  const at = Date.parse(h2);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function durationText(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${Number((ms / 1e3).toFixed(2))}s`;
  const s = Math.round(ms / 1e3);
  const [h2, m2, sec] = [Math.floor(s / 3600), Math.floor(s % 3600 / 60), s % 60];
  return `${h2 ? `${h2}h` : ""}${m2 ? `${m2}m` : ""}${sec ? `${sec}s` : ""}`;
}

// src/inputs.ts
var ConfigError = class extends Error {
  constructor(input, message) {
    super(`Invalid input '${input}': ${message}`);
    this.input = input;
    this.name = "ConfigError";
  }
  input;
};
var EnvironmentError = class extends ConfigError {
  constructor(variable, message) {
    super(variable, message);
    this.message = `Invalid environment variable ${variable}: ${message}`;
    this.name = "EnvironmentError";
  }
};
var DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
var InputReader = class {
  constructor(source) {
    this.source = source;
  }
  source;
  /** The input as given, trimmed ('' when not set). */
  raw(name) {
    return this.source.getInput(name).trim();
  }
  /** The input as given, untrimmed (multi-line inputs). */
  text(name) {
    return this.source.getInput(name);
  }
  /** A secret input: masked and redacted before anything can print it. */
  secret(name) {
    const value = this.raw(name);
    this.mask(value);
    return value;
  }
  /** Masked by the runner and redacted by us; a URL's path too, for a command that prints only that part. */
  mask(value) {
    if (!value) return;
    for (const part of [value, urlPath(value)]) if (part) this.source.setSecret(part);
    addSecret(value);
  }
  lines(name) {
    return lines(this.text(name));
  }
  bool(name, fallback) {
    return bool(name, this.raw(name), fallback);
  }
  duration(name, fallback, o = {}) {
    return duration(name, this.raw(name) || fallback, o);
  }
  optionalDuration(name) {
    return this.raw(name) ? duration(name, this.raw(name)) : void 0;
  }
  positiveInt(name, fallback) {
    return positiveInt(name, this.raw(name) || fallback);
  }
  /** An http(s) URL, or undefined when not set. */
  url(name, o = {}) {
    const value = o.secret ? this.secret(name) : this.raw(name);
    return value ? httpUrl(name, value, o.secret) : void 0;
  }
  /** `Name: value` lines: credential values masked, the others sent as written. */
  headers(name) {
    return readHeaders(name, this.text(name), (v) => this.mask(v));
  }
};
function lines(text) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
}
function oneOf(input, value, allowed) {
  if (allowed.includes(value)) return value;
  throw new ConfigError(input, `'${value}' is not one of ${allowed.join(", ")}.`);
}
function bool(input, value, fallback) {
  if (value === "") return fallback;
  const v = value.toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  throw new ConfigError(input, `'${value}' is not a boolean; expected true or false.`);
}
function positiveInt(input, value) {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1e3) {
    throw new ConfigError(input, `'${value}' is not a whole number from 1 to 1000.`);
  }
  return Number(value);
}
function duration(input, value, o = {}) {
  const v = value.replace(/\s+/g, "");
  if (o.allowZero && /^0+$/.test(v)) return 0;
  const ms = DURATION_RE.test(v) ? parse(v) : null;
  if (ms === null || ms === void 0 || !Number.isFinite(ms)) {
    throw new ConfigError(input, `'${value}' is not a duration; expected a number with a unit: 500ms, 10s, 5m, 1h, 1d or 1m30s.`);
  }
  if (ms <= 0 && !o.allowZero) throw new ConfigError(input, `'${value}' must be above zero, e.g. 10s.`);
  if (Math.round(ms) > MAX_DURATION_MS) {
    throw new ConfigError(input, `'${value}' is too long: at most 24d (576h), the longest wait Node's timers can hold.`);
  }
  return Math.round(ms);
}
function httpUrl(input, value, isSecret = false) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(input, `${isSecret ? "the value" : `'${value}'`} is not a URL; expected http(s)://host/path.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(input, `${isSecret ? "the value" : `'${value}'`} must use http or https.`);
  }
  return value;
}
function readHeaders(input, text, mask) {
  let parsed;
  try {
    parsed = parseHeaderLines(text);
  } catch (err) {
    if (err instanceof HeaderLineError) throw new ConfigError(input, err.message);
    throw err;
  }
  parsed.secrets.forEach(mask);
  return parsed.headers;
}

// src/gate/policy.ts
var STARTING_STATUSES = /* @__PURE__ */ new Set([502, 503, 504]);
var GatePolicy = class {
  constructor(s, startedAt) {
    this.s = s;
    this.startedAt = startedAt;
    if (s.soakOnly) this.passedAt = startedAt;
  }
  s;
  startedAt;
  endpoints = /* @__PURE__ */ new Map();
  passes = 0;
  passedAt;
  /** The first round past the end of the soak, when a streak was still running: the grace runs from here. */
  overtimeFrom;
  /** The health check has passed (soaking now, when there is a soak). */
  get passed() {
    return this.passedAt !== void 0;
  }
  /** Consecutive passing rounds so far. */
  get passingRounds() {
    return this.passes;
  }
  observe(at, round) {
    let failed;
    for (const o of round) {
      const e = this.state(o.name, o.rule);
      if (o.abstain) {
        if (o.abstain === "required" && o.failure) {
          e.lastFailure = o.failure;
          e.lastFailedAt = at;
        }
        continue;
      }
      if (o.ok || o.answered && !STARTING_STATUSES.has(o.status ?? 0)) e.answered = true;
      if (o.ok) {
        e.streak = 0;
        continue;
      }
      e.lastFailure = o.failure;
      e.lastFailedAt = at;
      if (o.failure?.kind === "config") {
        e.streak++;
        failed ??= this.failure("config", e);
        continue;
      }
      if (!e.answered && !this.passed) continue;
      e.streak++;
      if (e.streak >= this.s.failureThreshold && !failed) {
        const check = o.rule ?? (this.passed ? "soak" : "health");
        failed = this.failure(check, e);
      }
    }
    if (failed) return failed;
    if (!this.passed) {
      const deadline = at - this.startedAt >= this.s.startupTimeoutMs;
      this.passes = round.every((o) => o.ok || o.abstain && o.abstain !== "required") ? this.passes + 1 : 0;
      const held = round.some((o) => o.abstain === "wait") && !deadline;
      if (this.passes >= this.s.successThreshold && !held) {
        this.passedAt = at;
        return this.s.soakMs > 0 ? { kind: "continue" } : { kind: "passed", phase: "health" };
      }
      if (deadline) return this.failure("startup-timeout", this.startupCulprit(round));
      return { kind: "continue" };
    }
    if (at - this.passedAt < this.s.soakMs) return { kind: "continue" };
    if (!this.counting()) return { kind: "passed", phase: "soak" };
    this.overtimeFrom ??= at;
    if (at >= this.dueAt()) return this.failure("soak", this.longestStreak());
    return { kind: "continue" };
  }
  /** Some endpoint is part-way to the failure threshold: the verdict may be near, so do not wait longer than the interval. */
  counting() {
    return [...this.endpoints.values()].some((e) => e.streak > 0);
  }
  /** Whether the endpoint has answered, and its counted streak (for the round's log line). */
  endpoint(name, rule) {
    const e = this.state(name, rule);
    return { answered: e.answered, streak: e.streak };
  }
  /** When the next decision falls due without a probe: the startup deadline, the end of the soak, then the end of its grace. */
  dueAt() {
    if (this.passedAt === void 0) return this.startedAt + this.s.startupTimeoutMs;
    if (this.overtimeFrom !== void 0) return this.overtimeFrom + this.s.failureThreshold * this.s.intervalMs;
    return this.passedAt + this.s.soakMs;
  }
  /** The endpoint closest to the threshold (the first of equals): the one blamed when the grace runs out. */
  longestStreak() {
    let worst;
    for (const e of this.endpoints.values()) if (e.streak > 0 && (!worst || e.streak > worst.streak)) worst = e;
    return worst;
  }
  /** The endpoint to blame at the deadline: one failing now, else the one that failed last. */
  startupCulprit(round) {
    const failingNow = round.find((o) => !o.ok && (!o.abstain || o.abstain === "required"));
    if (failingNow) return this.state(failingNow.name, failingNow.rule);
    let last;
    for (const e of this.endpoints.values()) if (e.lastFailedAt !== void 0 && (!last || e.lastFailedAt > last.lastFailedAt)) last = e;
    return last;
  }
  failure(check, e) {
    return {
      kind: "failed",
      check,
      endpoint: e?.name ?? "",
      ...e?.rule ? { rule: e.rule } : {},
      failures: e?.streak ?? 0,
      failure: e?.lastFailure,
      answered: e?.answered ?? false,
      passes: this.passes
    };
  }
  state(name, rule) {
    const key = `${rule ?? "url"} ${name}`;
    let e = this.endpoints.get(key);
    if (!e) {
      e = { name, rule, answered: false, streak: 0 };
      this.endpoints.set(key, e);
    }
    return e;
  }
};
var RETRY_AFTER_CAP = 4;
function nextDelay(o) {
  let wait = o.intervalMs;
  if (o.retryAfterMs !== void 0 && !o.counting) wait = Math.min(Math.max(wait, o.retryAfterMs), RETRY_AFTER_CAP * o.intervalMs);
  return Math.max(0, Math.min(wait - o.elapsedMs, o.untilDueMs));
}
function percent(x) {
  return `${(x * 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

// src/gate/signals/baseline.ts
var baselineSignal = {
  id: "baseline",
  inputs: [Inputs.BaselineDuration, Inputs.MaxSlowdown],
  abstain: "wait",
  readsVotes: true,
  read: readBaseline,
  configOf: (g) => g.baseline && g.urls.length ? g.baseline : void 0,
  describe: (c, g) => `baseline: the live version's health-urls probed for ${durationText(c.durationMs)} before deploying, every ${durationText(g.intervalMs)}; fail when the new median is more than ${percent(c.maxSlowdown)} slower and a Mann-Whitney U test gives p < 0.01, over at least 30 samples a side`,
  start: async (c, ctx) => (await import("./baseline-run-56U3SD3B.js")).startBaseline(c, ctx)
};
function readBaseline(r) {
  const durationMs = r.duration(Inputs.BaselineDuration, "0s", { allowZero: true });
  const maxSlowdown = parseSlowdown(r.raw(Inputs.MaxSlowdown) || "50%");
  if (durationMs === 0) return void 0;
  if (r.lines(Inputs.HealthUrls).length === 0) {
    throw new ConfigError(
      Inputs.BaselineDuration,
      "needs `health-urls`: the baseline is their latency on the live version; set health-urls, or baseline-duration: 0s."
    );
  }
  return { durationMs, maxSlowdown };
}
function parseSlowdown(text) {
  const m2 = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  const value = m2 ? Number(m2[1]) / 100 : NaN;
  if (!(value > 0 && value <= 100))
    throw new ConfigError(
      Inputs.MaxSlowdown,
      `'${text}' is not a slowdown; expected a percentage above 0, e.g. 50% (the new median may be up to 1.5\xD7 the baseline's).`
    );
  return value;
}

// src/gate/error-rate-query.ts
var QUERY_FORM = 'expected `errors / total` where each side is a counter selector like name or name{label="value"} (operators =, !=, =~, !~), e.g. http_requests_total{code=~"5.."} / http_requests_total';
function parseErrorRateQuery(query) {
  const parts = splitOutsideBraces(query, "/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`'${query}' is not a ratio of two selectors; ${QUERY_FORM}.`);
  return { errors: parseSelector(parts[0], query), total: parseSelector(parts[1], query) };
}
function splitOutsideBraces(text, sep2) {
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
    else if (!quoted && depth === 0 && c === sep2) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}
function parseSelector(text, query) {
  const m2 = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?$/s.exec(text);
  if (!m2) throw new Error(`'${text}' in '${query}' is not a metric selector; ${QUERY_FORM}.`);
  const matchers = [];
  for (const part of splitOutsideBraces(m2[2] ?? "", ",").filter(Boolean)) {
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
  return { name: m2[1], matchers };
}
function unquote(s) {
  return s.replace(/\\(.)/gs, (all, c) => c === "n" ? "\n" : c === "t" ? "	" : c === '"' || c === "\\" ? c : all);
}
function anchored(re) {
  return new RegExp(`^(?:${re})$`, "s");
}
function parseRate(text) {
  const m2 = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(text.trim());
  const value = m2 ? Number(m2[1]) / (m2[2] ? 100 : 1) : NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`'${text}' is not a rate; expected a percentage from 0% to 100% like 5% or 0.5%, or a fraction from 0 to 1 like 0.05.`);
  }
  return value;
}

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

// src/gate/http.ts
function displayUrl(url) {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url;
  }
}
function requestHeaders(url, headers) {
  const out = { "user-agent": USER_AGENT };
  for (const [name, value] of headers) out[name.toLowerCase()] = value;
  try {
    const u = new URL(url);
    if ((u.username || u.password) && !out.authorization) {
      const user = decodeURIComponent(u.username);
      const pass = decodeURIComponent(u.password);
      out.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    }
  } catch {
  }
  return out;
}
function classifyError(err, timeoutMs, outer) {
  const e = err ?? {};
  const code = typeof e.code === "string" ? e.code : typeof e.cause?.code === "string" ? e.cause.code : "";
  const message = e.cause?.message ?? e.message ?? String(err);
  if (outer?.aborted) return { kind: "timeout", message: "cancelled" };
  const proxied = proxyFailure(message);
  if (proxied) return proxied;
  if (isClientSideError(code))
    return { kind: "config", message: `the request could not be sent (${code}: ${firstLine(message)}): a configuration error, not an answer from the service` };
  if (e.name === "TimeoutError" || e.name === "AbortError" || /TIMEOUT/.test(code)) return { kind: "timeout", message: `no answer within ${timeoutMs}ms` };
  if (code === "ECONNREFUSED") return { kind: "refused", message: "connection refused" };
  if (["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"].includes(code)) return { kind: "reset", message: "connection reset" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { kind: "dns", message: `DNS lookup failed (${code})` };
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|EPROTO)/.test(code) || /certificate|\bTLS\b|\bSSL\b/i.test(message)) {
    return { kind: "tls", message: `TLS error: ${code || firstLine(message)}` };
  }
  return { kind: "error", message: `${code ? `${code}: ` : ""}${firstLine(message)}` };
}
function isClientSideError(code) {
  return code === "UND_ERR_INVALID_ARG" || code === "UND_ERR_NOT_SUPPORTED" || /^ERR_(INVALID_|HTTP_INVALID_|UNESCAPED_CHARACTERS)/.test(code);
}
function proxyFailure(message) {
  const status = Number(/Proxy response \((\d+)\) !== 200/.exec(message)?.[1] ?? /Proxy Authentication Required \((\d+)\)/.exec(message)?.[1]);
  if (!status) return void 0;
  if (status === 407) return { kind: "error", message: "the proxy wants credentials (407): put user:password in the proxy URL (HTTP_PROXY / HTTPS_PROXY)" };
  if (status === 502 || status === 503 || status === 504) return { kind: "refused", message: `the proxy could not reach it (CONNECT answered ${status})` };
  return { kind: "error", message: `the proxy refused the tunnel (CONNECT answered ${status})` };
}
function firstLine(text) {
  return text.split("\n")[0].trim();
}

// src/gate/signals/error-rate.ts
var errorRateSignal = {
  id: "error-rate",
  inputs: [Inputs.MetricsUrl, Inputs.ErrorRateQuery, Inputs.MaxErrorRate, Inputs.MinRequests],
  abstain: "free",
  read: readErrorRate,
  configOf: (g) => g.errorRate,
  describe: (c) => `error rate: ${c.query} from ${displayUrl(c.metricsUrl)} at most ${percent(c.maxErrorRate)} since the gate started, once ${c.minRequests ?? 0} requests were counted`,
  start: async (c, ctx) => (await import("./error-rate-run-7JWQ6CFD.js")).startErrorRate(c, ctx)
};
function readErrorRate(r) {
  const metricsUrl = r.raw(Inputs.MetricsUrl);
  const query = r.raw(Inputs.ErrorRateQuery);
  const max = r.raw(Inputs.MaxErrorRate);
  const minRequests = readMinRequests(r.raw(Inputs.MinRequests) || "20");
  if (!metricsUrl) {
    if (query || max)
      throw new ConfigError(Inputs.MetricsUrl, "`error-rate-query` and `max-error-rate` need `metrics-url`, the Prometheus text endpoint to read.");
    return void 0;
  }
  httpUrl(Inputs.MetricsUrl, metricsUrl);
  if (!query) {
    throw new ConfigError(Inputs.ErrorRateQuery, 'required with `metrics-url`; expected e.g. http_requests_total{code=~"5.."} / http_requests_total.');
  }
  let selectors;
  try {
    selectors = parseErrorRateQuery(query);
  } catch (err) {
    throw new ConfigError(Inputs.ErrorRateQuery, err.message);
  }
  let maxErrorRate;
  try {
    maxErrorRate = parseRate(max || "5%");
  } catch (err) {
    throw new ConfigError(Inputs.MaxErrorRate, err.message);
  }
  return { metricsUrl, query, errors: selectors.errors, total: selectors.total, maxErrorRate, minRequests };
}
function readMinRequests(min) {
  if (!/^\d{1,9}$/.test(min))
    throw new ConfigError(Inputs.MinRequests, `'${min}' is not a number of requests; expected a whole number, e.g. 20 (0: vote from the first request).`);
  return Number(min);
}

// src/gate/latency.ts
function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
function summarizeLatency(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 0.5)), p95: Math.round(percentile(sorted, 0.95)), max: Math.round(sorted[sorted.length - 1]) };
}

// src/gate/probe.ts
var MAX_REDIRECTS = 5;
var BODY_LIMIT = 64 * 1024;
var EXCERPT_CHARS = 300;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
async function probe(url, o) {
  const started = monotonicMs();
  const at = (/* @__PURE__ */ new Date()).toISOString();
  const shown = displayUrl(url);
  const signal2 = timeoutSignal(o.requestTimeoutMs, o.signal);
  const redirects = [];
  const origin = originOf(url);
  let status;
  const result = (failure, extra = {}) => ({
    url: shown,
    ok: !failure,
    answered: status !== void 0,
    status,
    latencyMs: monotonicMs() - started,
    ...redirects.length ? { redirects } : {},
    ...extra,
    ...failure ? { failure: { at, kind: failure.kind, message: redact(failure.message), status, bodyExcerpt: failure.bodyExcerpt } } : {}
  });
  let current = url;
  try {
    for (; ; ) {
      const sameOrigin = originOf(current) === origin;
      status = void 0;
      const res = await o.dispatcher.request(current, {
        method: "GET",
        headers: requestHeaders(current, sameOrigin ? o.headers : []),
        signal: signal2,
        timeoutMs: o.requestTimeoutMs
      });
      status = res.statusCode;
      const location = header(res.headers.location);
      if (REDIRECT_STATUSES.has(status) && location) {
        await readBounded(res.body, BODY_LIMIT);
        if (redirects.length >= MAX_REDIRECTS) {
          return result({ kind: "redirect", message: `more than ${MAX_REDIRECTS} redirects (last: ${displayUrl(current)} \u2192 ${location})` });
        }
        const next = resolveLocation(location, current);
        if (!next) return result({ kind: "redirect", message: `redirect to an invalid location (${displayUrl(current)} \u2192 ${location.slice(0, 200)})` });
        current = next.toString();
        redirects.push(displayUrl(current));
        continue;
      }
      const body = await readBounded(res.body, BODY_LIMIT).catch((err) => {
        const c = classifyError(err, o.requestTimeoutMs, o.signal);
        throw Object.assign(new BodyError(`${c.message} while reading the body`), { kind: c.kind });
      });
      const latencyMs = monotonicMs() - started;
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header(res.headers["retry-after"])) : void 0;
      const extra = { latencyMs, ...retryAfterMs !== void 0 ? { retryAfterMs } : {} };
      const bodyExcerpt = excerpt(body.text);
      if (!o.expectedStatus.some((r) => status >= r.min && status <= r.max)) {
        return result({ kind: "status", message: `status ${status} not in ${statusRangesText(o.expectedStatus)}`, bodyExcerpt }, extra);
      }
      if (o.expectedBody && !bodyMatches(body.text, o.expectedBody)) {
        const want = o.expectedBody.kind === "regex" ? o.expectedBody.source : JSON.stringify(o.expectedBody.text);
        return result({ kind: "body", message: `body does not match ${want}`, bodyExcerpt }, extra);
      }
      if (o.version && !containsVersion(body.text, o.version)) {
        return result({ kind: "version", message: `body does not contain version ${o.version} (an old instance still answering?)`, bodyExcerpt }, extra);
      }
      if (o.maxLatencyMs !== void 0 && latencyMs > o.maxLatencyMs) {
        return result({ kind: "latency", message: `took ${Math.round(latencyMs)}ms, over max-latency ${o.maxLatencyMs}ms` }, extra);
      }
      return result(void 0, extra);
    }
  } catch (err) {
    if (err instanceof BodyError) return result({ kind: err.kind, message: err.message });
    return result(classifyError(err, o.requestTimeoutMs, o.signal));
  }
}
var BodyError = class extends Error {
  kind = "error";
};
function bodyMatches(body, m2) {
  if (m2.kind === "substring") return body.includes(m2.text);
  m2.regex.lastIndex = 0;
  return m2.regex.test(body);
}
function containsVersion(body, version) {
  const core = /^v\d/.test(version) ? version.slice(1) : version;
  const sha = /^[0-9a-f]{7,40}$/.test(core) ? "[0-9a-f]*" : "";
  const escaped = core.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.])v?${escaped}${sha}(?!\\w|[.-]\\w)`).test(body);
}
function excerpt(body) {
  const text = redact(redact(body).replace(/\s+/g, " ").trim());
  if (!text) return void 0;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}\u2026` : text;
}
function statusRangesText(ranges) {
  return ranges.map((r) => r.min === r.max ? String(r.min) : `${r.min}-${r.max}`).join(",");
}
function header(value) {
  return Array.isArray(value) ? value[0] : value;
}
function resolveLocation(location, base) {
  try {
    return new URL(location, base);
  } catch {
    return void 0;
  }
}
function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}

// src/gate/rules.ts
function parseStatusRanges(text) {
  const ranges = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    let m2;
    let range;
    if (m2 = part.match(/^(\d{3})$/)) range = { min: Number(m2[1]), max: Number(m2[1]) };
    else if (m2 = part.match(/^(\d{3})\s*-\s*(\d{3})$/)) range = { min: Number(m2[1]), max: Number(m2[2]) };
    else if (m2 = part.match(/^([1-5])xx$/i)) range = { min: Number(m2[1]) * 100, max: Number(m2[1]) * 100 + 99 };
    if (!range || range.min < 100 || range.max > 599 || range.min > range.max) {
      throw new ConfigError(Inputs.ExpectedStatus, `'${part}' is not a status code or range; expected e.g. 200-299, 200,204 or 2xx.`);
    }
    ranges.push(range);
  }
  if (ranges.length === 0) throw new ConfigError(Inputs.ExpectedStatus, "expected at least one status code or range, e.g. 200-299.");
  return ranges;
}
function parseBodyMatcher(text) {
  if (!text.trim()) return void 0;
  const m2 = text.trim().match(/^\/(.+)\/([dgimsuvy]*)$/s);
  if (!m2) return { kind: "substring", text: text.trim() };
  try {
    return { kind: "regex", regex: new RegExp(m2[1], m2[2].replace(/[gy]/g, "")), source: text.trim() };
  } catch (err) {
    throw new ConfigError(Inputs.ExpectedBody, `'${text.trim()}' is not a valid regular expression (${err.message}).`);
  }
}

// src/gate/signals/http-probe.ts
var httpProbeSignal = {
  id: "http",
  inputs: [Inputs.HealthUrls, Inputs.HealthHeaders, Inputs.ExpectedStatus, Inputs.ExpectedBody, Inputs.ExpectVersion, Inputs.MaxLatency],
  abstain: "required",
  read: (r) => ({
    urls: r.lines(Inputs.HealthUrls).map((u) => httpUrl(Inputs.HealthUrls, u)),
    headers: r.headers(Inputs.HealthHeaders),
    expectedStatus: parseStatusRanges(r.raw(Inputs.ExpectedStatus) || "200-299"),
    expectedBody: parseBodyMatcher(r.text(Inputs.ExpectedBody)),
    expectVersion: r.bool(Inputs.ExpectVersion, false),
    maxLatencyMs: r.optionalDuration(Inputs.MaxLatency)
  }),
  configOf: (g) => g.urls.length ? g : void 0,
  describe: (c, g) => `health gate: ${c.urls.map(displayUrl).join(", ")} every ${durationText(g.intervalMs)}, ${g.successThreshold} passes to pass, ${g.failureThreshold} failures to fail`,
  // Every gate with health-urls runs it: nothing to load.
  start: (c, ctx) => Promise.resolve(startHttpProbe(c, ctx))
};
function ruleText(c) {
  const parts = [`status ${statusRangesText(c.expectedStatus)}`];
  if (c.expectedBody) parts.push(`body ${c.expectedBody.kind === "regex" ? c.expectedBody.source : JSON.stringify(c.expectedBody.text)}`);
  if (c.expectVersion) parts.push("names the version");
  if (c.maxLatencyMs !== void 0) parts.push(`within ${c.maxLatencyMs}ms`);
  return parts.join(", ");
}
function startHttpProbe(c, ctx) {
  const shown = [...new Map(c.urls.map((u) => [displayUrl(u), u])).entries()];
  const endpoints = shown.map(([name, url]) => ({
    url,
    evidence: { url: name, probes: 0, passed: 0, failed: 0, latency: null, verdict: "pending" },
    latencies: [],
    lastOk: false
  }));
  const rule = ruleText(c);
  return {
    async observe() {
      const probes = await Promise.all(
        endpoints.map(
          (e) => probe(e.url, {
            headers: c.headers,
            requestTimeoutMs: ctx.cfg.requestTimeoutMs,
            expectedStatus: c.expectedStatus,
            expectedBody: c.expectedBody,
            version: c.expectVersion ? ctx.version : void 0,
            maxLatencyMs: c.maxLatencyMs,
            dispatcher: ctx.dispatcher,
            signal: ctx.signal
          })
        )
      );
      return probes.map((p, i) => {
        record(endpoints[i], p);
        return voteOf(p, rule);
      });
    },
    verdictPart: (end) => ({ endpoints: endpoints.map((e) => endpointEvidence(e, end)) }),
    passText() {
      const latency = summarizeLatency(endpoints.flatMap((e) => e.latencies));
      return latency ? `p95 ${latency.p95}ms` : void 0;
    }
  };
}
function voteOf(p, rule) {
  const timing = p.answered ? `${p.status} ${Math.round(p.latencyMs)}ms` : "";
  const head2 = [p.url, timing].filter(Boolean).join(" ");
  return {
    id: "http",
    signal: p.url,
    subject: p.url,
    rule,
    kind: p.ok ? "pass" : "fail",
    answered: p.answered,
    evidence: p.ok ? `${head2} ok` : `${head2} ${p.failure?.message ?? "failed"}`,
    ...p.status !== void 0 ? { status: p.status } : {},
    ...p.failure ? { failure: p.failure } : {},
    ...p.retryAfterMs !== void 0 ? { retryAfterMs: p.retryAfterMs } : {},
    ...p.answered ? { latencyMs: p.latencyMs } : {}
  };
}
function record(e, p) {
  const ev = e.evidence;
  ev.probes++;
  if (p.ok) ev.passed++;
  else ev.failed++;
  e.lastOk = p.ok;
  if (p.answered) e.latencies.push(p.latencyMs);
  ev.roundLatenciesMs ??= [];
  ev.roundLatenciesMs.push(p.answered ? Math.round(p.latencyMs) : null);
  if (p.failure) ev.lastFailure = p.failure;
  if (p.redirects) ev.redirects = p.redirects;
  else delete ev.redirects;
}
function endpointEvidence(e, end) {
  const decided = end.decidedById === "http" && e.evidence.url === end.decidedBy;
  const verdict = end.cancelled ? "pending" : end.passed ? "passed" : decided || !e.lastOk ? "failed" : "passed";
  return { ...e.evidence, verdict, latency: summarizeLatency(e.latencies) };
}

// src/gate/metrics-queries.ts
var PLACEHOLDERS = ["version", "previous_version", "environment"];
var METRICS_QUERY_EXAMPLE = 'error-rate: sum(rate(http_requests_total{code=~"5..",version="{{version}}"}[1m])) / sum(rate(http_requests_total{version="{{version}}"}[1m])) < 0.05';
var FORM = `expected \`name: <PromQL> <op> <number>\` with op one of < <= > >=, e.g. \`${METRICS_QUERY_EXAMPLE}\``;
var MetricsQueryError = class extends Error {
  constructor(line, message) {
    super(`line ${line}: ${message}`);
    this.line = line;
    this.name = "MetricsQueryError";
  }
  line;
};
var NAME = /^[A-Za-z0-9_-]+$/;
var NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
var THRESHOLD = new RegExp(String.raw`^(.*?)\s*(<=|>=|<|>)\s*(${NUMBER})$`, "s");
var PERCENT = new RegExp(String.raw`(<=|>=|<|>)\s*${NUMBER}\s*%$`);
function parseMetricsQueries(text) {
  const out = [];
  const seen = /* @__PURE__ */ new Map();
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const q = parseLine(line, i + 1);
    const first = seen.get(q.name);
    if (first !== void 0) throw new MetricsQueryError(q.line, `the name '${q.name}' is already used on line ${first}; give each check its own name.`);
    seen.set(q.name, q.line);
    out.push(q);
  });
  return out;
}
function parseLine(line, n) {
  const colon = line.indexOf(":");
  if (colon < 0) throw new MetricsQueryError(n, `'${line}' has no name; ${FORM}.`);
  const name = line.slice(0, colon).trim();
  const rest = line.slice(colon + 1).trim();
  if (!NAME.test(name)) {
    throw new MetricsQueryError(
      n,
      `'${name}' is not a check name; use letters, digits, _ and - before the first colon (e.g. error-rate), then the query; ${FORM}.`
    );
  }
  if (PERCENT.test(rest)) {
    throw new MetricsQueryError(n, `'${name}': the threshold cannot be a percentage; write the number the query returns, e.g. 0.05 for 5% of a ratio.`);
  }
  const m2 = THRESHOLD.exec(rest);
  if (!m2) throw new MetricsQueryError(n, `'${name}' does not end with a threshold (an operator and a number, e.g. < 0.05); ${FORM}.`);
  const promql = m2[1].trim();
  if (!promql) throw new MetricsQueryError(n, `'${name}' has a threshold but no query before it; ${FORM}.`);
  const scanned = scanQuery(promql);
  if (typeof scanned === "string") throw new MetricsQueryError(n, `'${name}': ${scanned}.`);
  return { name, line: n, promql, parts: scanned, op: m2[2], threshold: Number(m2[3]), thresholdText: m2[3] };
}
var CLOSERS = { ")": "(", "]": "[", "}": "{" };
var PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/y;
function scanQuery(q) {
  const parts = [];
  const open = [];
  let text = "";
  let quote;
  let regexString = false;
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    PLACEHOLDER.lastIndex = i;
    const ph = c === "{" && q[i + 1] === "{" ? PLACEHOLDER.exec(q) : null;
    if (ph) {
      const name = ph[1];
      if (!PLACEHOLDERS.includes(name)) return `'${ph[0]}' is not a placeholder; expected {{version}}, {{previous_version}} or {{environment}}`;
      if (quote !== '"') return `put ${ph[0]} inside a double-quoted string, e.g. version="${ph[0]}", where its value can be escaped`;
      parts.push(text, { placeholder: name, regex: regexString });
      text = "";
      i += ph[0].length - 1;
      continue;
    }
    text += c;
    if (quote) {
      if (c === "\\" && quote !== "`") text += q[++i] ?? "";
      else if (c === quote) quote = void 0;
    } else if (c === '"' || c === "'" || c === "`") {
      quote = c;
      regexString = /[=!]~\s*$/.test(q.slice(0, i));
    } else if (c === "#") {
      return "a # outside quotes starts a PromQL comment, which would hide the rest of the line; remove it";
    } else if (c === "(" || c === "[" || c === "{") {
      open.push(c);
    } else if (c in CLOSERS) {
      if (open.pop() !== CLOSERS[c]) return `the ${c} at character ${i + 1} of the query closes nothing`;
    }
  }
  if (quote) return `a string opened with ${quote} is not closed`;
  if (open.length) return `the ${open[open.length - 1]} opened in the query is not closed`;
  parts.push(text);
  return parts.filter((p) => p !== "");
}
function queryRule(q) {
  return `${q.promql} ${q.op} ${q.thresholdText}`;
}

// src/gate/signals/prometheus.ts
var prometheusSignal = {
  id: "prometheus",
  inputs: [Inputs.PrometheusUrl, Inputs.PrometheusHeaders, Inputs.MetricsQueries],
  abstain: "required",
  read: readPrometheus,
  configOf: (g) => g.prometheus,
  describe: (c) => `metrics-queries (${displayUrl(c.url)}): ${c.queries.map((q) => `${q.name}: ${queryRule(q)}`).join("; ")}`,
  preflight: async (c, g, ctx) => (await import("./prometheus-run-KMLI5QF2.js")).preflightPrometheus(c, g, ctx),
  start: async (c, ctx) => (await import("./prometheus-run-KMLI5QF2.js")).startPrometheus(c, ctx)
};
function readPrometheus(r) {
  urlCredentialForms(r.raw(Inputs.PrometheusUrl)).forEach((v) => r.mask(v));
  const url = r.url(Inputs.PrometheusUrl);
  const headers = r.headers(Inputs.PrometheusHeaders);
  let queries;
  try {
    queries = parseMetricsQueries(r.text(Inputs.MetricsQueries));
  } catch (err) {
    if (err instanceof MetricsQueryError) throw new ConfigError(Inputs.MetricsQueries, err.message);
    throw err;
  }
  if (!url) {
    if (queries.length)
      throw new ConfigError(Inputs.PrometheusUrl, "required with `metrics-queries`: the base URL of the Prometheus API, e.g. http://prometheus:9090.");
    if (headers.length) throw new ConfigError(Inputs.PrometheusHeaders, "needs `prometheus-url` and `metrics-queries`.");
    return void 0;
  }
  if (!queries.length) throw new ConfigError(Inputs.MetricsQueries, "required with `prometheus-url`: one check per line, `name: <PromQL> <op> <number>`.");
  return { url, headers, queries };
}

// src/gate/signals/watch.ts
var watchSignal = {
  id: "watch",
  inputs: [Inputs.WatchCommand],
  abstain: "required",
  read: (r) => r.raw(Inputs.WatchCommand) || void 0,
  configOf: (g) => g.watchCommand,
  describe: (c, g) => `watch-command every round (exit 0 passes, within ${durationText(g.requestTimeoutMs)}): ${c}`,
  start: async (command, ctx) => (await import("./watch-run-5VJXH3YV.js")).startWatch(command, ctx)
};

// src/gate/signals/index.ts
var SIGNALS = [httpProbeSignal, errorRateSignal, prometheusSignal, watchSignal, baselineSignal];
function activeSignals(g) {
  return SIGNALS.flatMap((def) => {
    const config = def.configOf(g);
    return config === void 0 ? [] : [{ def, config }];
  });
}
function describeSignals(g) {
  return activeSignals(g).map(({ def, config }) => def.describe(config, g));
}

// src/gate/config.ts
function readGateConfig(r) {
  for (const u of [...r.lines(Inputs.HealthUrls), r.raw(Inputs.MetricsUrl)]) urlCredentialForms(u).forEach((v) => r.mask(v));
  const http = httpProbeSignal.read(r);
  return {
    ...http,
    startupTimeoutMs: r.duration(Inputs.StartupTimeout, "5m"),
    intervalMs: r.duration(Inputs.Interval, "5s"),
    requestTimeoutMs: r.duration(Inputs.RequestTimeout, "10s"),
    successThreshold: r.positiveInt(Inputs.SuccessThreshold, "3"),
    failureThreshold: r.positiveInt(Inputs.FailureThreshold, "3"),
    soakMs: r.duration(Inputs.SoakDuration, "0s", { allowZero: true }),
    errorRate: errorRateSignal.read(r),
    prometheus: prometheusSignal.read(r),
    watchCommand: watchSignal.read(r),
    baseline: baselineSignal.read(r),
    rollbackSoakMs: r.duration(Inputs.RollbackSoakDuration, "0s", { allowZero: true })
  };
}
function gateObserves(g) {
  return activeSignals(g).length > 0;
}

// src/http/no-proxy.ts
var import_node_net = __toESM(require_node_net(), 1);
function parseNoProxy(text) {
  const rules = [];
  for (const raw of (text ?? "").split(/[\s,]+/)) {
    const rule = parseEntry(raw.trim().toLowerCase());
    if (rule) rules.push(rule);
  }
  return rules;
}
function parseEntry(entry) {
  if (!entry) return void 0;
  if (entry === "*") return { kind: "all" };
  if (entry.includes("/")) return parseRange(entry);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return ipRule(bracketed[1], bracketed[2]);
  if ((0, import_node_net.isIP)(entry)) return ipRule(entry);
  const withPort = /^(.+):(\d+)$/.exec(entry);
  const host = withPort ? withPort[1] : entry;
  const port = withPort ? portOf(withPort[2]) : void 0;
  if (withPort && port === void 0) return void 0;
  if ((0, import_node_net.isIP)(host) === 4) return ipRule(host, withPort?.[2]);
  const domain = host.replace(/^\*?\./, "");
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/.test(domain)) return void 0;
  return { kind: "domain", domain: domain.replace(/\.$/, ""), ...port !== void 0 ? { port } : {} };
}
function ipRule(address, port) {
  const normal = normalizeIp(address);
  if (!normal) return void 0;
  if (port === void 0) return { kind: "ip", address: normal };
  const p = portOf(port);
  return p === void 0 ? void 0 : { kind: "ip", address: normal, port: p };
}
function parseRange(entry) {
  const m2 = /^\[?([^\]/]+)\]?\/(\d{1,3})$/.exec(entry);
  if (!m2) return void 0;
  const family = (0, import_node_net.isIP)(m2[1]);
  const prefix = Number(m2[2]);
  if (!family || prefix > (family === 4 ? 32 : 128)) return void 0;
  return { kind: "range", family: family === 4 ? "ipv4" : "ipv6", network: m2[1], prefix };
}
function portOf(text) {
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : void 0;
}
function normalizeIp(address) {
  const family = (0, import_node_net.isIP)(address);
  if (!family) return void 0;
  try {
    const host = new URL(`http://${family === 6 ? `[${address}]` : address}/`).hostname;
    return family === 6 ? host.slice(1, -1) : host;
  } catch {
    return void 0;
  }
}
function hostAndPort(url) {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase().replace(/\.$/, "");
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : url.protocol === "http:" ? 80 : 0;
  return { host, port };
}
function bypassesProxy(url, rules) {
  const { host, port } = hostAndPort(url);
  const ip = (0, import_node_net.isIP)(host) ? normalizeIp(host) : void 0;
  return rules.some((r) => {
    switch (r.kind) {
      case "all":
        return true;
      case "domain":
        return (r.port === void 0 || r.port === port) && (host === r.domain || host.endsWith(`.${r.domain}`));
      case "ip":
        return (r.port === void 0 || r.port === port) && ip === r.address;
      case "range": {
        const family = ip ? (0, import_node_net.isIP)(ip) === 4 ? "ipv4" : "ipv6" : void 0;
        if (!ip || family !== r.family) return false;
        const list = new import_node_net.BlockList();
        list.addSubnet(r.network, r.prefix, r.family);
        return list.check(ip, family);
      }
    }
  });
}
function isLoopback(url) {
  const { host } = hostAndPort(url);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if ((0, import_node_net.isIP)(host) === 4) return host.startsWith("127.");
  return (0, import_node_net.isIP)(host) === 6 && normalizeIp(host) === "::1";
}

// src/http/proxy-env.ts
var ProxyEnvError = class extends Error {
  constructor(variable, message) {
    super(message);
    this.variable = variable;
    this.name = "ProxyEnvError";
  }
  variable;
};
var NO_PROXY_SETTINGS = { noProxy: [] };
function readProxyEnv(env) {
  const http = proxyServer(env, "http_proxy");
  const https2 = proxyServer(env, "https_proxy");
  const noProxy = parseNoProxy(pick(env, "no_proxy")?.value);
  return { ...http ? { http } : {}, ...https2 ? { https: https2 } : {}, noProxy };
}
function pick(env, lower) {
  for (const variable of [lower, lower.toUpperCase()]) {
    const value = env[variable]?.trim();
    if (value) return { variable, value };
  }
  return void 0;
}
function proxyServer(env, lower) {
  const found = pick(env, lower);
  if (!found) return void 0;
  const { variable, value } = found;
  const text = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const expected = "expected a proxy URL like http://proxy.example.com:3128 (or http://user:password@host:port)";
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ProxyEnvError(variable, `the value is not a URL; ${expected}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ProxyEnvError(variable, `${url.protocol.slice(0, -1)} proxies are not supported; ${expected}.`);
  }
  if (!url.hostname) throw new ProxyEnvError(variable, `the value has no host; ${expected}.`);
  return { url, variable };
}
function proxyFor(url, settings) {
  let u;
  try {
    u = typeof url === "string" ? new URL(url) : url;
  } catch {
    return void 0;
  }
  const server = u.protocol === "https:" ? settings.https : u.protocol === "http:" ? settings.http : void 0;
  if (!server || isLoopback(u) || bypassesProxy(u, settings.noProxy)) return void 0;
  return server;
}
function proxyCredentials(settings) {
  const out = /* @__PURE__ */ new Set();
  for (const server of [settings.http, settings.https]) {
    if (!server?.url.password) continue;
    const user = decodeURIComponent(server.url.username);
    const password = decodeURIComponent(server.url.password);
    out.add(password);
    out.add(server.url.password);
    out.add(`${user}:${password}`);
    out.add(Buffer.from(`${user}:${password}`).toString("base64"));
  }
  return [...out];
}

// src/sinks/outcomes.ts
var OUTCOME_ALIASES = {
  deployed: "deployed",
  "rolled-back": "rolled-back",
  rollback: "rolled-back",
  "rollback-failed": "rollback-failed",
  failed: "failed"
};
function parseOutcomes(input, text) {
  const out = /* @__PURE__ */ new Set();
  for (const word of text.split(/[,\n]/).map((w) => w.trim()).filter(Boolean)) {
    const outcome = OUTCOME_ALIASES[word];
    if (!outcome) {
      throw new ConfigError(
        input,
        `'${word}' is not an outcome; expected a comma-separated list of deployed, rolled-back (or rollback), rollback-failed, failed.`
      );
    }
    out.add(outcome);
  }
  return out;
}
function shouldNotify(status, outcomes) {
  return status !== "planned" && outcomes.has(status);
}

// src/sinks/send.ts
async function sendAlert(req, o = {}) {
  const { postJson } = await import("./post-json-PG6ZJ4JY.js");
  return postJson(req.url, req.body, {
    service: req.service,
    raw: req.raw,
    headers: req.headers,
    retryAfterFromBody: req.retryAfterFromBody,
    attempts: o.attempts,
    maxBackoffMs: o.maxWaitMs,
    attemptTimeoutMs: o.timeoutMs,
    deadlineMs: o.deadlineMs,
    sleep: o.sleep
  });
}

// src/sinks/types.ts
function defineSink(d2) {
  return {
    id: d2.id,
    kind: d2.kind,
    name: d2.name,
    inputs: d2.inputs,
    read: (r, shared) => {
      const settings = d2.read(r, shared);
      return settings === void 0 ? void 0 : configure(d2, settings);
    },
    definition: d2
  };
}
function configure(d2, settings) {
  return {
    id: d2.id,
    kind: d2.kind,
    name: d2.name,
    settings,
    wants: (record2, shared) => d2.wants ? d2.wants(record2, settings, shared) : true,
    publish: (record2, ctx) => d2.publish(record2, settings, ctx)
  };
}
function delivered(result, what) {
  return result.ok ? { status: "sent", what, attempts: result.attempts } : { status: "failed", error: result.error, attempts: result.attempts };
}

// src/sinks/discord.ts
var MENTION_RE = /^(?:@here|@everyone|<@&\d+>|<@!?\d+>)$/;
function discordRetryAfter(reply) {
  try {
    const seconds = JSON.parse(reply).retry_after;
    return typeof seconds === "number" && seconds >= 0 ? Math.ceil(seconds * 1e3) : void 0;
  } catch {
    return void 0;
  }
}
var discordSink = defineSink({
  id: "discord",
  kind: "alert",
  name: "Discord",
  inputs: [Inputs.DiscordWebhookUrl, Inputs.DiscordMention],
  read(r) {
    const webhookUrl = r.url(Inputs.DiscordWebhookUrl, { secret: true });
    const mention = r.raw(Inputs.DiscordMention) || void 0;
    if (mention && !MENTION_RE.test(mention)) {
      throw new ConfigError(Inputs.DiscordMention, `'${mention}' is not a Discord mention; expected @here, @everyone, <@&roleId> or <@userId>.`);
    }
    return webhookUrl ? { webhookUrl, mention } : void 0;
  },
  wants: (record2, _c, shared) => shouldNotify(record2.status, shared.notifyOn),
  async publish(record2, c, ctx) {
    const { buildDiscordPayload } = await import("./discord-payload-WIFPVXBB.js");
    const body = buildDiscordPayload(record2, { mention: c.mention });
    return delivered(await sendAlert({ service: "Discord", url: c.webhookUrl, body, retryAfterFromBody: discordRetryAfter }, ctx.send), record2.status);
  }
});

// src/sinks/incident.ts
var incidentSink = defineSink({
  id: "incident",
  kind: "alert",
  name: "Incident issue",
  inputs: [Inputs.IncidentIssue, Inputs.IncidentLabels],
  read(r) {
    if (!r.bool(Inputs.IncidentIssue, false)) return void 0;
    const labels = (r.raw(Inputs.IncidentLabels) || "incident,rollback").split(/[,\n]/).map((l) => l.trim()).filter(Boolean);
    return { labels };
  },
  // Decided from the record alone (no module loaded): the pure rules, restated where they are cheap.
  wants: (record2) => !record2.dryRun && (opens(record2) || closes(record2)),
  async publish(record2, c, ctx) {
    const g = ctx.github;
    if (!g.token) return { status: "failed", error: "there is no github-token to open the issue with" };
    if (!g.owner || !g.repo) return { status: "failed", error: "GITHUB_REPOSITORY is not set" };
    const { publishIncident } = await import("./incident-run-7A56MGSE.js");
    return publishIncident(record2, c, ctx, { token: g.token, open: opens(record2) });
  }
});
function opens(r) {
  return r.status === "rollback-failed" || r.status === "rolled-back" && r.mode === "deploy" && !r.cancelled;
}
function closes(r) {
  return r.mode === "deploy" && r.status === "deployed";
}

// src/report/outputs.ts
function buildOutputs(r, reportPath2) {
  return {
    [Outputs.Status]: r.status,
    [Outputs.Version]: r.version,
    [Outputs.PreviousVersion]: r.previousVersion ?? "",
    [Outputs.RolledBack]: String(r.rolledBack),
    [Outputs.Reason]: r.reason.replace(/\s*\r?\n\s*/g, " ").trim(),
    [Outputs.Report]: reportPath2,
    [Outputs.DeploymentId]: r.deploymentId === void 0 ? "" : String(r.deploymentId)
  };
}

// src/sinks/outputs.ts
var outputsSink = defineSink({
  id: "outputs",
  kind: "view",
  name: "outputs",
  inputs: [],
  read: () => true,
  publish(record2, _c, ctx) {
    const all = { ...buildOutputs(record2, ctx.reportPath), [Outputs.IncidentUrl]: "", ...ctx.outputs };
    for (const [name, value] of Object.entries(all)) setOutput(name, redact(value));
    return Promise.resolve({ status: "sent", what: "outputs" });
  }
});

// src/sinks/pagerduty.ts
var PAGERDUTY_DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
var isPage = shouldNotify;
var isResolve = (status, pageOn) => (status === "deployed" || status === "rolled-back") && !isPage(status, pageOn);
var pagerDutySink = defineSink({
  id: "pagerduty",
  kind: "alert",
  name: "PagerDuty",
  inputs: [Inputs.PagerdutyRoutingKey, Inputs.PageOn, Inputs.PagerdutyUrl],
  read(r) {
    const routingKey = r.secret(Inputs.PagerdutyRoutingKey);
    const pageOn = parseOutcomes(Inputs.PageOn, r.raw(Inputs.PageOn) || "rollback-failed");
    const given = r.raw(Inputs.PagerdutyUrl);
    const url = given && given !== PAGERDUTY_DEFAULT_URL ? r.url(Inputs.PagerdutyUrl, { secret: true }) : PAGERDUTY_DEFAULT_URL;
    return routingKey ? { routingKey, pageOn, url: url ?? PAGERDUTY_DEFAULT_URL } : void 0;
  },
  wants: (record2, c) => !record2.dryRun && (isPage(record2.status, c.pageOn) || isResolve(record2.status, c.pageOn)),
  async publish(record2, c, ctx) {
    const { buildPagerDutyResolve, buildPagerDutyTrigger } = await import("./pagerduty-event-OCQZ4V2O.js");
    const page = isPage(record2.status, c.pageOn);
    const body = page ? buildPagerDutyTrigger(record2, { routingKey: c.routingKey }) : buildPagerDutyResolve(record2, { routingKey: c.routingKey });
    const result = await sendAlert({ service: "PagerDuty", url: c.url, body }, ctx.send);
    return delivered(result, page ? `trigger, ${record2.status}` : "resolve");
  }
});

// src/sinks/report.ts
var import_node_fs3 = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);

// src/report/json.ts
function buildReport(r) {
  const iso = (ms) => ms === void 0 ? null : new Date(ms).toISOString();
  const report = {
    schemaVersion: 1,
    status: r.status,
    rolledBack: r.rolledBack,
    mode: r.mode,
    environment: r.environment,
    version: r.version,
    previousVersion: r.previousVersion ?? null,
    previousSource: r.previousSource,
    reason: r.reason,
    commitSubject: r.commitSubject ?? null,
    deploymentId: r.deploymentId ?? null,
    dryRun: r.dryRun,
    cancelled: (r.cancelled && !r.mainKilled) ?? false,
    mainKilled: r.mainKilled ?? false,
    unfinished: r.unfinished ?? false,
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    durationMs: r.endedAt - r.startedAt,
    steps: r.steps.map((s) => ({
      id: s.id,
      title: s.title,
      phase: s.phase,
      outcome: s.outcome,
      startedAt: iso(s.startedAt),
      endedAt: iso(s.endedAt),
      durationMs: s.endedAt === void 0 ? null : s.endedAt - s.startedAt,
      summary: s.summary ?? null,
      output: s.output ?? [],
      verdict: s.verdict ?? null
    })),
    context: r.context
  };
  return JSON.parse(redact(JSON.stringify(report)));
}

// src/sinks/report.ts
function reportPath(runnerTemp, runId, stepId, suffix = "") {
  const step = stepId ? `-${stepId.replace(/[^\w.-]/g, "_").slice(0, 100)}` : "";
  return (0, import_node_path.join)(runnerTemp, `rollback-action-report-${runId || "local"}${step}${suffix}.json`);
}
var reportSink = defineSink({
  id: "report",
  kind: "view",
  name: "report",
  inputs: [],
  read: () => true,
  // A few kilobytes, written at once: an asynchronous write would start libuv's thread pool for it.
  publish(record2, _c, ctx) {
    try {
      (0, import_node_fs3.writeFileSync)(ctx.reportPath, `${redact(JSON.stringify(buildReport(record2), null, 2))}
`);
      return Promise.resolve({ status: "sent", what: ctx.reportPath });
    } catch (err) {
      return Promise.resolve({ status: "failed", error: `Could not write the report to ${ctx.reportPath}: ${err.message}` });
    }
  }
});

// src/sinks/slack.ts
var MENTION_RE2 = /^<(?:!here|!channel|!everyone|!subteam\^[A-Z0-9]+(?:\|[^<>]*)?|@[UW][A-Z0-9]+)>$/;
var slackSink = defineSink({
  id: "slack",
  kind: "alert",
  name: "Slack",
  inputs: [Inputs.SlackWebhookUrl, Inputs.SlackMention],
  read(r) {
    const webhookUrl = r.url(Inputs.SlackWebhookUrl, { secret: true });
    const mention = r.raw(Inputs.SlackMention) || void 0;
    if (mention && !mention.split(/\s+/).every((m2) => MENTION_RE2.test(m2))) {
      throw new ConfigError(Inputs.SlackMention, `'${mention}' is not a Slack mention; expected e.g. <!here>, <!channel>, <!subteam^S012ABC> or <@U012ABC>.`);
    }
    return webhookUrl ? { webhookUrl, mention } : void 0;
  },
  wants: (record2, _c, shared) => shouldNotify(record2.status, shared.notifyOn),
  async publish(record2, c, ctx) {
    const { buildSlackPayload } = await import("./slack-payload-VBHCCOPK.js");
    const result = await sendAlert({ service: "Slack", url: c.webhookUrl, body: buildSlackPayload(record2, { mention: c.mention }) }, ctx.send);
    return delivered(result, record2.status);
  }
});

// src/report/charts.ts
var MAX_POINTS = 100;
var MAX_CHARTS = 10;
var MAX_LABEL = 120;
var GANTT_KEYWORDS = /^(gantt|title|section|dateformat|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|inclusiveenddates|topaxis|accdescr|acctitle|click|href|call|\d{4}-\d\d-\d\d)/i;
function mermaidText(text, max = MAX_LABEL) {
  const flat = redact(text).replace(/\s+/g, " ").trim();
  const short = flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
  return short.replace(/[#:;%"<>\\`]/g, (c) => `#${c.charCodeAt(0)};`);
}
function ganttTaskName(text) {
  const safe = mermaidText(text) || "step";
  return GANTT_KEYWORDS.test(safe) ? `#${safe.charCodeAt(0)};${safe.slice(1)}` : safe;
}
function tag(s) {
  switch (s.outcome) {
    case "passed":
      return "done, ";
    case "failed":
      return "crit, ";
    case "running":
      return "active, ";
    default:
      return "";
  }
}
function ganttChart(r) {
  const steps2 = r.steps.filter((s) => s.outcome !== "skipped");
  if (!steps2.length) return "";
  const lines2 = ["gantt", `  title ${mermaidText(`Steps of the run in ${r.environment}`)}`, "  dateFormat x", "  axisFormat %H:%M:%S", "  todayMarker off"];
  let phase;
  steps2.forEach((s, i) => {
    if (s.phase !== phase) lines2.push(`  section ${s.phase === "deploy" ? "Deploy" : "Roll back"}`);
    phase = s.phase;
    const end = Math.max(s.startedAt, s.endedAt ?? r.endedAt);
    const name = ganttTaskName(s.outcome === "cancelled" ? `${s.title} (cancelled)` : s.title);
    lines2.push(`  ${name} :${tag(s)}s${i}, ${Math.round(s.startedAt)}, ${Math.round(end)}`);
  });
  return fenced(lines2);
}
function downsampleMax(values, maxPoints = MAX_POINTS) {
  const bucket = Math.max(1, Math.ceil(values.length / Math.max(1, maxPoints)));
  const points = [];
  for (let i = 0; i < values.length; i += bucket) {
    const finite = values.slice(i, i + bucket).filter(Number.isFinite);
    points.push(finite.length ? Math.max(...finite) : 0);
  }
  return { points, bucket };
}
function latencyChart(series, o = {}) {
  const rounds = series.latenciesMs.length;
  if (!rounds) return "";
  const { points, bucket } = downsampleMax(series.latenciesMs, o.maxPoints ?? MAX_POINTS);
  const values = points.map((v) => Number(v.toFixed(v < 10 ? 1 : 0)));
  const top = niceCeiling(Math.max(...values));
  const what = bucket > 1 ? `ms, max of every ${bucket} rounds` : "ms";
  return fenced([
    "xychart-beta",
    `  title "${mermaidText(`Latency of ${series.endpoint} (${what})`)}"`,
    // A range needs two different ends; a single round is drawn on 1 --> 2.
    `  x-axis "round" 1 --> ${Math.max(2, rounds)}`,
    `  y-axis "ms" 0 --> ${top}`,
    `  line [${values.join(", ")}]`
  ]);
}
function latencyCharts(series, o = {}) {
  const max = o.maxCharts ?? MAX_CHARTS;
  const charts = series.slice(0, max).map((s) => latencyChart(s, o)).filter(Boolean);
  if (series.length > max) charts.push(`\u2026and ${series.length - max} more endpoints (their numbers are in the evidence table).
`);
  return charts.join("\n");
}
function buildCharts(r, latencies = [], o = {}) {
  const gantt = ganttChart(r);
  const lat = latencyCharts(latencies, o);
  const parts = [gantt ? `### Timeline

${gantt}` : "", lat ? `### Probe latency per round

${lat}` : ""];
  return parts.filter(Boolean).join("\n");
}
function niceCeiling(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m2) => m2 * p).find((n) => n >= v);
}
function fenced(lines2) {
  return ["```mermaid", ...lines2, "```", ""].join("\n");
}

// src/report/signals-table.ts
var ICONS = { passed: "\u2705", failed: "\u274C", "no data": "\u2796" };
function signalsTable(v) {
  if (!v.signals?.length) return [];
  const cell = (c) => c.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const gate = v.check === "cancelled" ? "cancelled" : v.passed ? "passed" : `failed on ${v.check}`;
  return [
    "",
    `Signals (gate ${gate}):`,
    "",
    "| Signal | Subject | Vote | Rule | Evidence |",
    "|---|---|---|---|---|",
    ...v.signals.map((s) => `| ${s.id} | ${cell(s.name)} | ${ICONS[s.vote]} ${s.vote} | ${cell(s.rule)} | ${cell(s.evidence)} |`)
  ];
}

// src/report/format.ts
var OUTCOME_WORDS = {
  deployed: { emoji: "\u2705", slack: ":white_check_mark:", title: "Deployed" },
  "rolled-back": { emoji: "\u21A9\uFE0F", slack: ":rewind:", title: "Rolled back" },
  "rollback-failed": { emoji: "\u{1F6A8}", slack: ":rotating_light:", title: "ROLLBACK FAILED" },
  failed: { emoji: "\u274C", slack: ":x:", title: "Deploy failed" },
  planned: { emoji: "\u{1F4DD}", slack: ":memo:", title: "Planned (dry run)" }
};
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(ms < 1e4 ? 2 : 1).replace(/\.?0+$/, "")}s`;
  const s = Math.round(ms / 1e3);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")}m`;
}
function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}
function headlineText(r) {
  const w = OUTCOME_WORDS[r.status];
  const prev = r.previousVersion;
  switch (r.status) {
    case "deployed":
      return `${w.title} ${r.version} to ${r.environment}${prev ? ` (previous ${prev})` : ""}`;
    case "rolled-back":
      return r.mode === "rollback" ? `${w.title} ${r.environment} to ${r.version}${prev ? ` (from ${prev})` : ""}` : `${w.title} ${r.environment}: ${r.version} \u2192 ${prev}`;
    case "rollback-failed":
      if (r.unfinished)
        return `${w.title} in ${r.environment}: the rollback ${r.mode === "deploy" ? `from ${r.version} to ${prev}` : `to ${r.version}`} did not finish`;
      return r.mode === "rollback" ? `${w.title} in ${r.environment}: ${r.version} is unhealthy${prev ? `, ${prev} was live` : ""}` : `${w.title} in ${r.environment}: ${r.version} failed and ${prev} is unhealthy too`;
    case "failed":
      return `${w.title}: ${r.version} to ${r.environment}, nothing rolled back`;
    case "planned":
      return `${w.title}: ${r.mode === "deploy" ? `${r.version} to ${r.environment}` : `roll ${r.environment} back to ${r.version}`}`;
  }
}
function consequence(r) {
  switch (r.status) {
    case "rollback-failed":
      if (r.unfinished) return `${r.environment} may be broken right now: the rollback did not finish, and which version is live is unknown. Act now.`;
      return `${r.environment} may be broken right now: neither version passed the health gate. Act now.`;
    case "failed":
      return failedConsequence(r);
    case "rolled-back":
      return r.mode === "rollback" ? void 0 : `${r.previousVersion} is live again and healthy; ${r.version} needs a fix.`;
    default:
      return void 0;
  }
}
var CHANGES_ENVIRONMENT = /* @__PURE__ */ new Set(["deploy", "before-rollback", "rollback", "after-rollback"]);
function failedConsequence(r) {
  const prev = r.previousVersion;
  const touched = r.cancelled || r.steps.some((s) => CHANGES_ENVIRONMENT.has(s.id) && s.outcome !== "skipped");
  if (!touched) return `Nothing was deployed; ${r.mode === "deploy" && prev ? `${prev} in ` : ""}${r.environment} was not touched.`;
  if (r.handedToPost) return `The job was cancelled while ${r.environment} was being changed; the post step takes over.`;
  if (!prev) return "There was no previous version to roll back to.";
  if (r.cancelled) return `Nothing was rolled back after the cancel: ${r.environment} may be in a partial state.`;
  return "The rollback was not possible.";
}
function failedStep(r) {
  return r.steps.find((s) => s.outcome === "failed");
}
function stepDurationText(s) {
  return s.endedAt === void 0 ? "\u2014" : formatDuration(s.endedAt - s.startedAt);
}

// src/report/summary.ts
var MAX_BYTES = 900 * 1024;
var SOURCES = { input: "the previous-version input", deployments: "GitHub deployments history", tags: "release tags (semver)", none: "none found" };
function buildSummary(r) {
  const parts = [
    head(r),
    versions(r),
    steps(r),
    pictures(r),
    ...r.steps.filter((s) => s.verdict?.endpoints.length || s.verdict?.signals?.length).map(evidence),
    footer(r)
  ];
  const outputs = r.steps.filter((s) => s.output?.length).map(output);
  let text = [...parts.slice(0, -1), ...outputs, parts.at(-1)].join("\n");
  if (Buffer.byteLength(text) > MAX_BYTES) text = parts.join("\n");
  if (Buffer.byteLength(text) > MAX_BYTES) text = `${Buffer.from(text).subarray(0, MAX_BYTES).toString("utf8")}

\u2026(summary truncated)
`;
  return redact(text);
}
function head(r) {
  const lines2 = [...r.attention ? [`> [!CAUTION]`, `> **${md(r.attention)}**`, ""] : [], `## ${OUTCOME_WORDS[r.status].emoji} ${md(headlineText(r))}`, ""];
  const c = consequence(r);
  if (c) lines2.push(`**${md(c)}**`, "");
  lines2.push(`**Reason:** ${md(r.reason)}`, "");
  const failed = failedStep(r);
  if (failed && r.status !== "deployed") lines2.push(`**Failing check:** ${md(failed.title)} \u2014 ${md(failed.summary ?? failed.outcome)}`, "");
  return lines2.join("\n");
}
function versions(r) {
  const rows = [
    ["Environment", r.environment],
    [r.mode === "deploy" ? "Version deployed" : "Version put back", r.version],
    [r.mode === "deploy" ? "Last known good" : "Replaced", r.previousVersion ?? "\u2014"],
    ["Previous version from", SOURCES[r.previousSource]],
    ["Rolled back", r.rolledBack ? "yes" : "no"],
    ["Commit", r.commitSubject ?? "\u2014"],
    ["Duration", formatDuration(r.endedAt - r.startedAt)]
  ];
  if (r.deploymentId !== void 0) rows.push(["GitHub deployment", String(r.deploymentId)]);
  if (r.mainKilled) rows.push(["Main step", "ended without finishing (killed); the post step took over"]);
  else if (r.cancelled) rows.push(["Cancelled", "yes: the post step took over"]);
  return `${table(["", ""], rows)}
`;
}
function steps(r) {
  const icon = { passed: "\u2705", failed: "\u274C", skipped: "\u23ED\uFE0F", cancelled: "\u23F9\uFE0F", running: "\u2026" };
  return [
    "### Steps",
    "",
    table(
      ["Step", "Phase", "Outcome", "Duration", "Detail"],
      r.steps.map((s) => [s.title, s.phase, `${icon[s.outcome]} ${s.outcome}`, stepDurationText(s), s.summary ?? ""])
    ),
    ""
  ].join("\n");
}
function pictures(r) {
  return buildCharts(r, latencySeries(r));
}
function latencySeries(r) {
  return r.steps.flatMap(
    (s) => (s.verdict?.endpoints ?? []).filter((e) => e.roundLatenciesMs?.length).map((e) => ({ endpoint: `${e.url} (${s.title})`, latenciesMs: (e.roundLatenciesMs ?? []).map((v) => v ?? NaN) }))
  );
}
function evidence(s) {
  const v = s.verdict;
  const rows = v.endpoints.map((e) => [
    e.url,
    e.verdict,
    `${e.passed}/${e.probes}`,
    e.latency ? `${e.latency.p50} / ${e.latency.p95} / ${e.latency.max} ms` : "\u2014",
    e.lastFailure ? `${e.lastFailure.message}${e.lastFailure.bodyExcerpt ? ` \u2014 \`${e.lastFailure.bodyExcerpt.slice(0, 120).replace(/`/g, "'")}\`` : ""}` : ""
  ]);
  const lines2 = [`### Evidence: ${s.title}`, "", table(["Endpoint", "Verdict", "Passed", "p50 / p95 / max", "Last failure"], rows)];
  if (v.errorRate)
    lines2.push(
      "",
      `Error rate: ${(v.errorRate.rate * 100).toFixed(2)}% (${v.errorRate.errors}/${v.errorRate.total}), max ${(v.errorRate.max * 100).toFixed(2)}%`
    );
  lines2.push(...signalsTable(v));
  lines2.push("");
  return lines2.join("\n");
}
function output(s) {
  const body = (s.output ?? []).join("\n");
  const fence = "`".repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m2) => m2[0].length + 1)));
  return [`<details><summary>Last output of ${md(s.title)}</summary>`, "", fence, body, fence, "", "</details>", ""].join("\n");
}
function footer(r) {
  return r.context.runUrl ? `[Workflow run](${r.context.runUrl}) \xB7 ${md(r.context.repository)} \xB7 by ${md(r.context.actor)}
` : "";
}
function table(header2, rows) {
  const cell = (c) => md(c).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  return [`| ${header2.join(" | ")} |`, `|${header2.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}
function md(text) {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// src/sinks/summary.ts
var summarySink = defineSink({
  id: "summary",
  kind: "view",
  name: "job summary",
  inputs: [],
  read: () => true,
  async publish(record2, _c, ctx) {
    if (!ctx.env.GITHUB_STEP_SUMMARY) return { status: "skipped" };
    try {
      await summary.addRaw(buildSummary(record2)).write();
      return { status: "sent", what: "job summary" };
    } catch (err) {
      return { status: "failed", error: `Could not write the job summary: ${err.message}` };
    }
  }
});

// src/sinks/teams.ts
var teamsSink = defineSink({
  id: "teams",
  kind: "alert",
  name: "Teams",
  inputs: [Inputs.TeamsWebhookUrl],
  read(r) {
    const webhookUrl = r.url(Inputs.TeamsWebhookUrl, { secret: true });
    return webhookUrl ? { webhookUrl } : void 0;
  },
  wants: (record2, _c, shared) => shouldNotify(record2.status, shared.notifyOn),
  async publish(record2, c, ctx) {
    const { buildTeamsPayload } = await import("./teams-payload-2NHYN76V.js");
    return delivered(await sendAlert({ service: "Teams", url: c.webhookUrl, body: buildTeamsPayload(record2) }, ctx.send), record2.status);
  }
});

// src/sinks/webhook.ts
var webhookSink = defineSink({
  id: "webhook",
  kind: "alert",
  name: "Webhook",
  inputs: [Inputs.WebhookUrl, Inputs.WebhookSecret],
  read(r) {
    const url = r.url(Inputs.WebhookUrl, { secret: true });
    const secret = r.secret(Inputs.WebhookSecret) || void 0;
    if (secret && !url) throw new ConfigError(Inputs.WebhookSecret, "it signs the body sent to `webhook-url`; set `webhook-url` too, or remove it.");
    return url ? { url, secret } : void 0;
  },
  wants: (record2, _c, shared) => shouldNotify(record2.status, shared.notifyOn),
  async publish(record2, c, ctx) {
    const { webhookRequest } = await import("./webhook-body-O3CXOZ4L.js");
    const { body, headers } = webhookRequest(buildReport(record2), { secret: c.secret });
    return delivered(await sendAlert({ service: "Webhook", url: c.url, body, raw: true, headers }, ctx.send), record2.status);
  }
});

// src/sinks/index.ts
var SINKS = [reportSink, outputsSink, summarySink, slackSink, discordSink, teamsSink, webhookSink, pagerDutySink, incidentSink];
var SINK_INPUTS = [Inputs.NotifyOn, ...SINKS.flatMap((s) => s.inputs)];
function readSinksConfig(reader) {
  const shared = { notifyOn: parseOutcomes(Inputs.NotifyOn, reader.raw(Inputs.NotifyOn) || "rollback,rollback-failed") };
  const configured = [];
  for (const sink of SINKS) {
    const c = sink.read(reader, shared);
    if (c) configured.push(c);
  }
  return { ...shared, configured };
}
async function publish(record2, config, log, o = {}) {
  const env = o.env ?? process.env;
  const ctx = {
    log,
    shared: config.sinks,
    github: config.github,
    reportPath: reportPath(config.runnerTemp, config.context.runId, env.GITHUB_ACTION, o.reportSuffix),
    send: o.send,
    outputs: {},
    env
  };
  const sinks = config.sinks.configured;
  if (o.alert !== false) {
    const alerts = sinks.filter((s) => s.kind === "alert" && s.wants(record2, config.sinks));
    await Promise.all(alerts.map(async (s) => logAlert(s, record2, await safely(s, record2, ctx), log)));
  }
  for (const view of sinks.filter((s) => s.kind === "view")) {
    const done = await safely(view, record2, ctx);
    if (done.status === "failed") log.warning(done.error);
  }
}
async function safely(s, record2, ctx) {
  try {
    return await s.publish(record2, ctx);
  } catch (err) {
    return { status: "failed", error: err instanceof Error ? err.message : String(err) };
  }
}
function logAlert(s, record2, d2, log) {
  if (d2.status === "sent") log.info(`${s.name} alert sent (${d2.what}).`);
  else if (d2.status === "failed") {
    const tries = d2.attempts ? ` after ${d2.attempts} attempt(s)` : "";
    log.warning(`${s.name} alert NOT sent${tries}: ${d2.error}. The run's outcome is ${record2.status}.`);
  }
}

// src/refs.ts
function isVersionName(value) {
  return /^[\w./+@-]+$/.test(value) && !value.startsWith("-");
}
function isFullSha(value) {
  return value !== void 0 && /^[0-9a-f]{40}$/.test(value);
}

// src/versions.ts
async function resolveForDeploy(o, deps) {
  const { version } = o;
  if (o.previousVersion) {
    return { version, previous: o.previousVersion, source: "input", note: `previous version ${o.previousVersion} from the previous-version input` };
  }
  const { isPrerelease, previousFromTags } = await loadReleaseTags();
  const fromHistory = await firstSuccessful(deps, o.environment, (v) => v !== version && !isPrerelease(v));
  if (fromHistory.version) {
    return {
      version,
      previous: fromHistory.version,
      ...commitsOf(fromHistory),
      source: "deployments",
      note: `previous version ${fromHistory.version}: the last successful deployment of ${o.environment}`
    };
  }
  const tags = await remoteTags(deps);
  const previous = tags ? previousFromTags(tags, o.tagPattern, version) : void 0;
  const why = fromHistory.why ? `${fromHistory.why}; ` : "";
  if (!previous) {
    return { version, source: "none", note: `${why}no release tag matching ${o.tagPattern} below ${version}: no previous version to roll back to` };
  }
  return { version, previous, source: "tags", note: `${why}previous version ${previous}: the highest release tag matching ${o.tagPattern} below ${version}` };
}
async function resolveForRollback(o, deps) {
  const explicit = o.version || o.previousVersion;
  const live = await firstSuccessful(deps, o.environment, () => true);
  if (o.onlyIfLive && live.version && live.version !== o.onlyIfLive) {
    return {
      version: live.version,
      previous: o.onlyIfLive,
      live: live.version,
      source: "deployments",
      note: `${o.onlyIfLive} is not live in ${o.environment} (${live.version} is): nothing to roll back`
    };
  }
  if (explicit) {
    const replaced = live.version && live.version !== explicit ? live.version : void 0;
    return {
      version: explicit,
      previous: replaced,
      live: live.version,
      source: "input",
      note: `rolling back to ${explicit}, as asked${replaced ? `, replacing ${replaced}` : ""}`
    };
  }
  const { isPrerelease, previousFromTags, topReleases } = await loadReleaseTags();
  if (live.version) {
    const target = await firstSuccessful(deps, o.environment, (v) => v !== live.version && !isPrerelease(v));
    if (target.version) {
      return {
        version: target.version,
        ...commitsOf(target),
        previous: live.version,
        live: live.version,
        source: "deployments",
        note: `rolling back to ${target.version}: the last successful deployment of ${o.environment} before ${live.version}, which is live`
      };
    }
  }
  const tags = await remoteTags(deps);
  const why = live.why ? `${live.why}; ` : "";
  if (live.version) {
    const target = tags ? previousFromTags(tags, o.tagPattern, live.version) : void 0;
    if (!target)
      return {
        error: `no version to roll back to: ${live.version} is live in ${o.environment}, with no earlier successful deployment and no release tag matching ${o.tagPattern} below it; set version`
      };
    return {
      version: target,
      previous: live.version,
      live: live.version,
      source: "tags",
      note: `rolling back to ${target}: the release tag below ${live.version}, which is live`
    };
  }
  const [newest, below] = tags ? topReleases(tags, o.tagPattern) : [];
  if (!newest || !below) {
    return {
      error: `${why}no version to roll back to: no deployment history for ${o.environment} and fewer than two release tags matching ${o.tagPattern}; set version`
    };
  }
  return {
    version: below,
    previous: newest,
    source: "tags",
    note: `${why}rolling back to ${below}: the release tag below the newest, ${newest}`
  };
}
function commitsOf(found) {
  return found.version && found.commit ? { commits: { [found.version]: found.commit } } : {};
}
async function firstSuccessful(deps, environment, accept) {
  const h2 = deps.history;
  if (!h2) return { why: "no deployment history (deployments off or no token)" };
  if (h2.available) {
    for await (const d2 of h2.successful(environment)) {
      if (!isVersionName(d2.version)) continue;
      if (accept(d2.version)) return { version: d2.version, ...d2.commit ? { commit: d2.commit } : {} };
    }
  }
  if (!h2.available) return { why: `deployment history unavailable (${h2.unavailableReason ?? "API error"})` };
  return { why: `no earlier successful deployment of ${environment} in the history` };
}
async function remoteTags(deps) {
  try {
    return await deps.git.remoteTags();
  } catch (err) {
    deps.log.warning(`Could not list tags on origin: ${err.message}`);
    return void 0;
  }
}
function loadReleaseTags() {
  return import("./release-tags-2CUMRKSP.js");
}

// src/config.ts
function readProxySettings(env) {
  try {
    return readProxyEnv(env);
  } catch (err) {
    if (err instanceof ProxyEnvError) throw new EnvironmentError(err.variable, err.message);
    throw err;
  }
}
function readConfig(source, env = process.env) {
  const reader = new InputReader(source);
  const raw = (name) => reader.raw(name);
  const mask = (value) => reader.mask(value);
  const secret = (name) => reader.secret(name);
  const sinks = readSinksConfig(reader);
  const token = secret(Inputs.GithubToken);
  const gate = readGateConfig(reader);
  proxyCredentials(readProxySettings(env)).forEach(mask);
  const mode = oneOf(Inputs.Mode, raw(Inputs.Mode) || "deploy", ["deploy", "rollback"]);
  const rollbackCommand = raw(Inputs.RollbackCommand) || void 0;
  const deployCommand = raw(Inputs.DeployCommand);
  if (!deployCommand && !(mode === "rollback" && rollbackCommand)) {
    throw new ConfigError(Inputs.DeployCommand, "it is required: the bash command that deploys the tree it runs in, e.g. `./deploy.sh`.");
  }
  const context = readContext(env);
  const version = checkVersion(Inputs.Version, raw(Inputs.Version) || (mode === "deploy" ? defaultVersion(env) : ""));
  if (mode === "deploy" && !version) {
    throw new ConfigError(Inputs.Version, "no version given and neither GITHUB_REF is a tag nor GITHUB_SHA is set; set `version`.");
  }
  const previousVersion = checkVersion(Inputs.PreviousVersion, raw(Inputs.PreviousVersion)) || void 0;
  const onlyIfLive = checkVersion(Inputs.OnlyIfLive, raw(Inputs.OnlyIfLive)) || void 0;
  if (onlyIfLive && mode !== "rollback") throw new ConfigError(Inputs.OnlyIfLive, "applies to mode rollback only; remove it or set mode: rollback.");
  const smokeCommand = raw(Inputs.SmokeCommand) || void 0;
  if (!gateObserves(gate) && !smokeCommand) {
    throw new ConfigError(
      Inputs.HealthUrls,
      "set at least one of `health-urls` or `smoke-command` (or `metrics-url`, `metrics-queries`, `watch-command`), so the new version is proven healthy before it stays live."
    );
  }
  const [owner = "", repo = ""] = context.repository.split("/");
  return {
    mode,
    deployCommand,
    version,
    previousVersion,
    onlyIfLive,
    tagPattern: raw(Inputs.TagPattern) || "v*",
    environment: environmentName(raw(Inputs.Environment) || "production"),
    gate,
    smokeCommand,
    smokeTimeoutMs: duration(Inputs.SmokeTimeout, raw(Inputs.SmokeTimeout) || "10m"),
    deployTimeoutMs: duration(Inputs.DeployTimeout, raw(Inputs.DeployTimeout) || "30m"),
    rollbackCommand,
    backupCommand: raw(Inputs.BackupCommand) || void 0,
    beforeRollbackCommand: raw(Inputs.BeforeRollbackCommand) || void 0,
    afterRollbackCommand: raw(Inputs.AfterRollbackCommand) || void 0,
    afterDeployCommand: raw(Inputs.AfterDeployCommand) || void 0,
    prepareRollbackCommand: raw(Inputs.PrepareRollbackCommand) || void 0,
    rollbackOnCancel: bool(Inputs.RollbackOnCancel, raw(Inputs.RollbackOnCancel), true),
    cancelTimeoutMs: duration(Inputs.CancelTimeout, raw(Inputs.CancelTimeout) || "4m"),
    failOnRollback: bool(Inputs.FailOnRollback, raw(Inputs.FailOnRollback), true),
    sinks,
    github: {
      token: token || void 0,
      deployments: bool(Inputs.Deployments, raw(Inputs.Deployments), true),
      apiUrl: env.GITHUB_API_URL || "https://api.github.com",
      owner,
      repo,
      concurrencyTimeoutMs: duration(Inputs.ConcurrencyTimeout, raw(Inputs.ConcurrencyTimeout) || "10m", { allowZero: true }),
      environmentUrl: raw(Inputs.EnvironmentUrl) ? httpUrl(Inputs.EnvironmentUrl, raw(Inputs.EnvironmentUrl)) : void 0
    },
    dryRun: bool(Inputs.DryRun, raw(Inputs.DryRun), false),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || env.TMPDIR || "/tmp",
    context
  };
}
function defaultVersion(env) {
  const ref = env.GITHUB_REF ?? "";
  if (ref.startsWith("refs/tags/")) return ref.slice("refs/tags/".length);
  return (env.GITHUB_SHA ?? "").slice(0, 7);
}
function readContext(env) {
  const serverUrl = env.GITHUB_SERVER_URL || "https://github.com";
  const repository = env.GITHUB_REPOSITORY || "";
  const runId = env.GITHUB_RUN_ID || "";
  return {
    repository,
    serverUrl,
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : "",
    actor: env.GITHUB_ACTOR || "",
    sha: env.GITHUB_SHA || "",
    ref: env.GITHUB_REF || "",
    workflow: env.GITHUB_WORKFLOW || "",
    runId
  };
}
function checkVersion(input, value) {
  if (value.startsWith("-")) throw new ConfigError(input, `'${value}' must not start with '-'.`);
  if (value && !isVersionName(value)) {
    throw new ConfigError(input, `'${value}' is not a version; expected a tag like v1.2.3 or a full commit SHA (letters, digits and . _ - + / @).`);
  }
  return value;
}
function environmentName(value) {
  if (/[\r\n]/.test(value) || value.length > 255) {
    throw new ConfigError(Inputs.Environment, "expected a single-line name of at most 255 characters, e.g. production.");
  }
  return value;
}

// src/http/node-request.ts
var import_node_http = __toESM(require_node_http(), 1);
var import_node_url = __toESM(require_node_url(), 1);
var https = () => process.getBuiltinModule("node:https");
var DirectAgents = class {
  constructor(tls) {
    this.tls = tls;
  }
  tls;
  #http;
  #https;
  for(secure) {
    if (!secure) return this.#http ??= new import_node_http.Agent({ keepAlive: true });
    return this.#https ??= new (https()).Agent({ keepAlive: true, ...this.tls });
  }
  /** Closes every socket, idle ones included. */
  destroy() {
    this.#http?.destroy();
    this.#https?.destroy();
  }
};
var REFUSED_HEADERS = /* @__PURE__ */ new Set(["expect", "transfer-encoding", "upgrade", "keep-alive"]);
function refused(code, message) {
  return Object.assign(new Error(message), { code });
}
function checkHeaders(headers) {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (REFUSED_HEADERS.has(lower)) throw refused("ERR_HTTP_INVALID_HEADER_VALUE", `the ${lower} header cannot be sent by an HTTP client`);
    if (lower === "connection" && !/^(close|keep-alive)$/i.test(value)) throw refused("ERR_HTTP_INVALID_HEADER_VALUE", "invalid connection header");
  }
}
async function directRequest(url, r, agents) {
  try {
    return await once(url, r, agents);
  } catch (err) {
    if (err.reusedSocket && r.method === "GET" && !r.signal?.aborted) return once(url, r, agents);
    throw err;
  }
}
function once(url, r, agents) {
  return new Promise((resolve2, reject) => {
    const signal2 = r.signal;
    if (signal2?.aborted) return reject(signal2.reason);
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") return reject(refused("ERR_INVALID_PROTOCOL", `protocol ${url.protocol} is not supported: use http or https`));
    checkHeaders(r.headers);
    const { auth: _auth, ...target } = (0, import_node_url.urlToHttpOptions)(url);
    const headers = r.body === void 0 ? r.headers : { ...r.headers, "content-length": String(Buffer.byteLength(r.body)) };
    const send = secure ? https().request : import_node_http.request;
    let res;
    const onAbort = () => {
      const reason = signal2.reason;
      req.destroy(reason);
      res?.destroy(reason);
    };
    const done = () => signal2?.removeEventListener("abort", onAbort);
    const req = send({ ...target, method: r.method, headers, agent: agents.for(secure) }, (answer) => {
      res = answer;
      answer.once("close", done);
      resolve2({ statusCode: answer.statusCode ?? 0, headers: answer.headers, body: answer });
    });
    signal2?.addEventListener("abort", onAbort, { once: true });
    req.once("error", (err) => {
      done();
      reject(Object.assign(err, { reusedSocket: req.reusedSocket && !res }));
    });
    req.end(r.body);
  });
}

// src/http/dispatcher.ts
var HttpDispatcher = class {
  proxies;
  #tls;
  #direct;
  #viaProxy = /* @__PURE__ */ new Map();
  constructor(o = {}) {
    this.proxies = o.proxies ?? readProxyEnvSafely(o.env ?? process.env);
    this.#tls = o.tls;
  }
  /** The proxy a request to `url` goes through, or undefined when it goes direct. */
  proxyFor(url) {
    return proxyFor(url, this.proxies);
  }
  /** Sends one request (no redirects followed). Rejects on network errors, with Node's or undici's codes. */
  async request(url, r) {
    const target = typeof url === "string" ? new URL(url) : url;
    const proxy = this.proxyFor(target);
    if (!proxy) return directRequest(target, r, this.#direct ??= new DirectAgents(this.#tls));
    const agent = await this.#proxyAgent(proxy);
    const { proxiedRequest } = await import("./proxy-request-AYJLQ7XT.js");
    return proxiedRequest(target, r, agent);
  }
  #proxyAgent(proxy) {
    const key = proxy.url.href;
    let agent = this.#viaProxy.get(key);
    if (!agent) {
      agent = import("./proxy-request-AYJLQ7XT.js").then(({ createProxyAgent }) => createProxyAgent(proxy, this.#tls));
      this.#viaProxy.set(key, agent);
    }
    return agent;
  }
  /** Waits for requests under way, then closes every pool. */
  async close() {
    this.#closeDirect();
    await Promise.all([...this.#viaProxy.values()].map(async (p) => (await p).close()));
  }
  /** Closes every connection now, idle keep-alive ones included, so nothing holds the process. */
  async destroy() {
    this.#closeDirect();
    await Promise.all([...this.#viaProxy.values()].map(async (p) => (await p).destroy()));
  }
  #closeDirect() {
    this.#direct?.destroy();
    this.#direct = void 0;
  }
};
function readProxyEnvSafely(env) {
  try {
    return readProxyEnv(env);
  } catch {
    return NO_PROXY_SETTINGS;
  }
}

// src/gate/pass-reason.ts
function passReason(o) {
  const { cfg } = o;
  const parts = [];
  if (!o.soakOnly) parts.push(`${cfg.successThreshold}/${cfg.successThreshold} consecutive rounds ok`);
  if (cfg.soakMs > 0) {
    const blips = o.soakFailures ? ` (${o.soakFailures} failed probe${o.soakFailures === 1 ? "" : "s"}, recovered)` : "";
    parts.push(`healthy through a ${durationText(cfg.soakMs)} soak${blips}`);
  }
  parts.push(...o.facts);
  return `passed: ${parts.join(", ")}`;
}

// src/gate/tally.ts
var VoteTally = class {
  entries = /* @__PURE__ */ new Map();
  add(votes) {
    for (const v of votes) {
      const key = `${v.id} ${v.subject}`;
      const entry = this.entries.get(key) ?? { evidence: { id: v.id, name: v.subject, rule: v.rule, vote: "no data", evidence: "" }, votes: 0 };
      entry.votes++;
      if (v.kind !== "abstain" || entry.evidence.vote === "no data") {
        entry.evidence = { ...entry.evidence, vote: v.kind === "pass" ? "passed" : v.kind === "fail" ? "failed" : "no data", evidence: v.evidence };
      }
      this.entries.set(key, entry);
    }
  }
  /** How many rounds a subject voted in (for the probe count of "never answered"). */
  count(id, subject) {
    return this.entries.get(`${id} ${subject}`)?.votes;
  }
  evidence() {
    return [...this.entries.values()].map((e) => e.evidence);
  }
  /** "error-rate: no data (only 3 requests …)" for each subject that never voted: a pass is never claimed for it. */
  noData() {
    return this.evidence().filter((e) => e.vote === "no data").map((e) => `${e.name}: no data (${e.evidence})`);
  }
};

// src/gate/gate.ts
async function runGate(cfg, o) {
  const now = o.now ?? Date.now;
  const startedAt = now();
  const log = (line) => o.log?.(redact(line));
  const signals = activeSignals(cfg);
  const tally = new VoteTally();
  let rounds = 0;
  let soakFailures = 0;
  let runs = [];
  const verdict = (passed, check, reason, end) => ({
    passed,
    check,
    reason: redact(reason),
    durationMs: now() - startedAt,
    rounds,
    endpoints: [],
    ...runs.reduce((parts, r) => ({ ...parts, ...r.run.verdictPart?.(end) }), {}),
    signals: tally.evidence()
  });
  if (signals.length === 0) {
    return verdict(true, "none", "passed: nothing to probe (no health URLs and no error-rate rule)", { passed: true, cancelled: false, decidedBy: "" });
  }
  const policy = policyFor(cfg, o, startedAt);
  const agent = new HttpDispatcher();
  const ctx = {
    cfg,
    version: o.version,
    previousVersion: o.previousVersion,
    environment: o.environment,
    baseline: o.baseline,
    dispatcher: agent,
    signal: o.signal
  };
  const cancelled = () => verdict(false, "cancelled", `cancelled: the gate was stopped after ${rounds} round${rounds === 1 ? "" : "s"}`, {
    passed: false,
    cancelled: true,
    decidedBy: ""
  });
  try {
    runs = await Promise.all(signals.map(async ({ def, config }) => ({ def, run: await def.start(config, ctx) })));
    for (; ; ) {
      if (o.signal?.aborted) return cancelled();
      const roundStart = now();
      const soaking = policy.passed;
      const votes = await observeRound(runs, { round: rounds + 1, soaking, votes: [] });
      if (o.signal?.aborted) return cancelled();
      rounds++;
      if (soaking) soakFailures += votes.filter((v) => v.kind === "fail").length;
      tally.add(votes);
      const at = (/* @__PURE__ */ new Date()).toISOString();
      const decision = policy.observe(
        now(),
        votes.map((v) => observation(v, runs, at))
      );
      log(`round ${rounds}${soaking ? " (soak)" : ""}: ${votes.map((v) => voteText(v, policy, cfg.failureThreshold)).join("; ")}`);
      const done = await decide(decision, { cfg, o, runs, tally, rounds, soakFailures, verdict });
      if (done) return done;
      const wait = delayAfter(cfg, policy, votes, now() - roundStart, now());
      if (wait > 0) await sleep(wait, o.signal);
    }
  } finally {
    await Promise.all(runs.map(async (r) => r.run.close?.()).map(async (p) => p.catch(() => void 0)));
    await agent.destroy().catch(() => void 0);
  }
}
async function decide(decision, g) {
  if (decision.kind === "passed") {
    const facts = g.runs.map((r) => r.run.passText?.()).filter((t) => Boolean(t));
    const reason = passReason({ cfg: g.cfg, soakOnly: g.o.soakOnly, soakFailures: g.soakFailures, facts: [...facts, ...g.tally.noData()] });
    return g.verdict(true, decision.phase, reason, { passed: true, cancelled: false, decidedBy: "" });
  }
  if (decision.kind === "failed") {
    const end = { passed: false, cancelled: false, decidedBy: decision.endpoint, decidedById: decision.rule ?? "http" };
    const probesOf = (endpoint) => g.tally.count("http", endpoint);
    const { failReason } = await import("./reasons-CHT6DD65.js");
    return g.verdict(false, decision.check, failReason(g.cfg, decision, { rounds: g.rounds, probesOf }), end);
  }
  return void 0;
}
function policyFor(cfg, o, startedAt) {
  const { successThreshold, failureThreshold, startupTimeoutMs, soakMs, intervalMs } = cfg;
  return new GatePolicy({ successThreshold, failureThreshold, startupTimeoutMs, soakMs, intervalMs, soakOnly: o.soakOnly }, startedAt);
}
function delayAfter(cfg, policy, votes, elapsedMs, t) {
  const retryAfters = votes.map((v) => v.retryAfterMs).filter((ms) => ms !== void 0);
  return nextDelay({
    intervalMs: cfg.intervalMs,
    elapsedMs,
    retryAfterMs: retryAfters.length ? Math.max(...retryAfters) : void 0,
    counting: policy.counting(),
    untilDueMs: policy.dueAt() - t
  });
}
async function observeRound(runs, round) {
  const first = await Promise.all(runs.filter((r) => !r.def.readsVotes).map((r) => r.run.observe(round)));
  const votes = first.flat();
  const later = await Promise.all(runs.filter((r) => r.def.readsVotes).map((r) => r.run.observe({ ...round, votes })));
  return [...votes, ...later.flat()];
}
function observation(v, runs, at) {
  const abstain = v.kind === "abstain" ? v.abstain ?? runs.find((r) => r.def.id === v.id)?.def.abstain ?? "free" : void 0;
  const failure = v.failure ?? (v.kind === "pass" ? void 0 : { at, kind: "error", message: v.evidence });
  return {
    name: v.subject,
    ...v.id === "http" ? {} : { rule: v.id },
    ...abstain ? { abstain } : {},
    ok: v.kind === "pass",
    answered: v.answered,
    ...v.status !== void 0 ? { status: v.status } : {},
    ...failure ? { failure } : {}
  };
}
function voteText(v, policy, threshold) {
  if (v.kind !== "fail") return v.evidence;
  const state = policy.endpoint(v.subject, v.id === "http" ? void 0 : v.id);
  return `${v.evidence} ${state.streak > 0 ? `(failure ${state.streak}/${threshold})` : "(starting)"}`;
}

// src/git.ts
var import_node_child_process = __toESM(require_node_child_process(), 1);
var import_node_fs5 = __toESM(require_node_fs(), 1);

// src/fs-async.ts
var import_node_fs4 = __toESM(require_node_fs(), 1);
var { promisify } = process.getBuiltinModule("node:util");
var mkdir = promisify(import_node_fs4.mkdir);
var mkdtemp = promisify(import_node_fs4.mkdtemp);
var rm = promisify(import_node_fs4.rm);

// src/git.ts
var import_node_path2 = __toESM(require_node_path(), 1);
var GitCommandError = class extends Error {
  constructor(args, stderr, status) {
    super(`git ${args[0]} failed (${status}): ${stderr.trim().split("\n").slice(-3).join(" ")}`);
  }
};
function runGit(args, cwd, signal2) {
  return new Promise((resolve2, reject) => {
    const child = (0, import_node_child_process.spawn)("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], signal: signal2 });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code, signal3) => {
      const status = code === 0 ? void 0 : code !== null ? `exit code ${code}` : `killed by ${signal3}`;
      resolve2({ status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}
function tagNames(listing) {
  const prefix = "	refs/tags/";
  const names = [];
  for (let at = listing.indexOf(prefix); at >= 0; at = listing.indexOf(prefix, at)) {
    const start = at + prefix.length;
    const end = listing.indexOf("\n", start);
    at = end < 0 ? listing.length : end;
    names.push(listing.slice(start, at));
  }
  return names;
}
function insideRepository(dir, env = process.env) {
  if (env.GIT_DIR) return true;
  for (let d2 = (0, import_node_path2.resolve)(dir); ; d2 = (0, import_node_path2.dirname)(d2)) {
    if ((0, import_node_fs5.existsSync)((0, import_node_path2.join)(d2, ".git"))) return true;
    if ((0, import_node_path2.dirname)(d2) === d2) return false;
  }
}
function createGit(workspace) {
  let inRepo;
  const inRepository = () => inRepo ??= insideRepository(workspace);
  const git = async (args, o = {}) => {
    const cwd = o.cwd ?? workspace;
    if (!(cwd === workspace ? inRepository() : insideRepository(cwd))) {
      throw new Error(
        `${cwd === workspace ? "the workspace" : "the directory"} (${cwd}) is not in a git repository: check the repository out before this step (actions/checkout)`
      );
    }
    const r = await runGit(args, cwd, o.signal);
    if (r.status) throw new GitCommandError(args, r.stderr, r.status);
    return r.stdout;
  };
  let listing;
  const listTags = (signal2) => {
    if (listing) return listing;
    const pending = git(["ls-remote", "--tags", "--refs", "origin"], { signal: signal2 }).then((out) => Object.freeze(tagNames(out)));
    pending.catch(() => {
      if (listing === pending) listing = void 0;
    });
    return listing = pending;
  };
  return {
    remoteTags: () => listTags(),
    inRepository,
    async addWorktree(version, dir, { commit, signal: signal2 } = {}) {
      const tags = await listTags(signal2);
      if (tags.includes(version)) {
        await git(["fetch", "--depth=1", "--no-tags", "origin", "--", `+refs/tags/${version}:refs/tags/${version}`], { signal: signal2 });
        await git(["worktree", "add", "--detach", dir, `refs/tags/${version}^{commit}`], { signal: signal2 });
        return;
      }
      const asCommit = `${version}^{commit}`;
      const full = commit ?? (isFullSha(version) ? version : await git(["rev-parse", "--verify", "--quiet", "--end-of-options", asCommit], { signal: signal2 }).then(
        (o) => o.trim(),
        () => ""
      ));
      if (!isFullSha(full)) {
        throw new Error(`${version} is not a tag on origin, and a commit can be fetched only by its full 40-character SHA: set version to the full SHA`);
      }
      await git(["fetch", "--depth=1", "--no-tags", "origin", "--", full], { signal: signal2 });
      await git(["worktree", "add", "--detach", dir, "FETCH_HEAD"], { signal: signal2 });
    },
    async removeWorktree(dir) {
      const registered = (0, import_node_fs5.existsSync)((0, import_node_path2.join)(dir, ".git"));
      await rm(dir, { recursive: true, force: true });
      if (registered) await git(["worktree", "prune"]).catch(() => void 0);
    },
    async prune() {
      await git(["worktree", "prune"]).catch(() => void 0);
    },
    async commitSubject(cwd, rev = "HEAD") {
      try {
        return (await git(["log", "-1", "--format=%s", rev, "--"], { cwd })).split("\n")[0]?.trim() || void 0;
      } catch {
        return void 0;
      }
    }
  };
}

// src/shell.ts
var import_node_child_process2 = __toESM(require_node_child_process(), 1);

// src/ids.ts
function localId() {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, "0");
  return `${process.pid.toString(36)}-${Date.now().toString(36)}-${random()}${random()}`;
}

// src/process-tree.ts
var import_node_fs6 = __toESM(require_node_fs(), 1);
var COMMAND_ID_ENV = "ROLLBACK_ACTION_COMMAND_ID";
var identity = (p) => `${p.pid}:${p.startTime}`;
function treeMembers(table2, o) {
  const members = /* @__PURE__ */ new Map();
  for (const p of table2) {
    if (p.pid === o.self) continue;
    if (p.marked || o.known.has(identity(p)) || o.known.size === 0 && p.pid === o.rootPid) members.set(p.pid, p);
  }
  const children = /* @__PURE__ */ new Map();
  for (const p of table2) children.set(p.ppid, [...children.get(p.ppid) ?? [], p]);
  const queue = [...members.values()];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop().pid) ?? []) {
      if (child.pid === o.self || members.has(child.pid)) continue;
      members.set(child.pid, child);
      queue.push(child);
    }
  }
  return [...members.values()];
}
function readProcessTable(commandId) {
  let pids;
  try {
    pids = (0, import_node_fs6.readdirSync)("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return void 0;
  }
  const needle = `${COMMAND_ID_ENV}=${commandId}\0`;
  const table2 = [];
  for (const pid of pids) {
    let stat;
    try {
      stat = (0, import_node_fs6.readFileSync)(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let marked = false;
    try {
      marked = (0, import_node_fs6.readFileSync)(`/proc/${pid}/environ`).includes(needle);
    } catch {
    }
    table2.push({ pid: Number(pid), ppid: Number(fields[1]), startTime: fields[19] ?? "", zombie: fields[0] === "Z" || fields[0] === "X", marked });
  }
  return table2;
}
function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
  }
}
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
var sleep2 = (ms) => new Promise((resolve2) => setTimeout(resolve2, ms));
async function stopProcessTree(o) {
  const { rootPid } = o;
  if (!rootPid) return;
  const pollMs = o.pollMs ?? 50;
  const known = /* @__PURE__ */ new Set();
  const termed = /* @__PURE__ */ new Set();
  let groupTermed = false;
  const sweep = (sig) => {
    if (sig === "SIGKILL" || !groupTermed) signal(-rootPid, sig);
    groupTermed = true;
    const table2 = readProcessTable(o.commandId);
    if (!table2) return groupAlive(rootPid) ? 1 : 0;
    let alive = 0;
    for (const p of treeMembers(table2, { rootPid, known, self: process.pid })) {
      const id = identity(p);
      known.add(id);
      if (p.zombie) continue;
      alive++;
      if (sig === "SIGKILL" || !termed.has(id)) signal(p.pid, sig);
      termed.add(id);
    }
    return alive;
  };
  const until = async (sig, ms) => {
    const deadline = Date.now() + ms;
    for (; ; ) {
      if (sweep(sig) === 0) return true;
      if (Date.now() >= deadline) return false;
      await sleep2(Math.min(pollMs, Math.max(1, deadline - Date.now())));
    }
  };
  if (await until("SIGTERM", o.graceMs)) return;
  await until("SIGKILL", o.killWaitMs ?? 1e3);
}

// src/shell.ts
var KILL_GRACE_MS = 2e3;
var EXIT_REPORT_MS = 500;
var runShell = (command, o) => new Promise((resolve2) => new RunningCommand(command, o, resolve2));
var RunningCommand = class {
  constructor(command, o, resolve2) {
    this.o = o;
    this.resolve = resolve2;
    this.child = (0, import_node_child_process2.spawn)("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", command], {
      cwd: o.cwd,
      env: { ...commandEnv(process.env), ...o.env, [COMMAND_ID_ENV]: this.commandId },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    });
    for (const stream of [this.child.stdout, this.child.stderr]) this.readLines(stream);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.stopTree();
    }, o.timeoutMs);
    if (o.signal?.aborted) this.onAbort();
    else o.signal?.addEventListener("abort", this.onAbort, { once: true });
    this.child.on("error", (err) => {
      this.emit(`failed to start bash: ${err.message}`);
      if (!this.exited) this.finish(127, null);
      this.exited = true;
    });
    this.child.on("exit", (code, sig) => this.onExit(code, sig));
  }
  o;
  resolve;
  started = Date.now();
  tail = [];
  commandId = localId();
  child;
  timer;
  timedOut = false;
  cancelled = false;
  /** bash has exited or failed to start: its result is decided. */
  exited = false;
  finished = false;
  stopping;
  exitReport;
  onAbort = () => {
    this.cancelled = true;
    this.stopTree();
  };
  emit(line) {
    const clean = redact(line.replace(/\r$/, ""));
    this.tail.push(clean);
    if (this.tail.length > (this.o.tailLines ?? 20)) this.tail.shift();
    this.o.onLine?.(clean);
  }
  readLines(stream) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) this.emit(line);
    });
    stream.on("end", () => {
      if (buffered) this.emit(buffered);
      buffered = "";
    });
  }
  stopTree() {
    if (this.stopping) return;
    this.stopping = stopProcessTree({ rootPid: this.child.pid, commandId: this.commandId, graceMs: KILL_GRACE_MS });
    void this.stopping.then(() => {
      this.exitReport = setTimeout(() => {
        if (this.exited) return;
        this.exited = true;
        this.releasePipes();
        this.finish(null, "SIGKILL");
      }, EXIT_REPORT_MS);
    });
  }
  /**
   * On exit, give the pipes a moment to drain, then let go of them: a server the command started in
   * the background (`./server &`) may hold them open for as long as it lives, and must not be waited for.
   */
  onExit(code, sig) {
    if (this.exited) return;
    this.exited = true;
    const settle = setTimeout(() => {
      this.releasePipes();
      this.finish(code, sig);
    }, 200);
    this.child.on("close", () => {
      clearTimeout(settle);
      this.finish(code, sig);
    });
  }
  releasePipes() {
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }
  finish(exitCode, signal2) {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.o.signal?.removeEventListener("abort", this.onAbort);
    const result = () => ({
      exitCode,
      signal: signal2,
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      durationMs: Date.now() - this.started,
      tail: this.tail
    });
    if (!this.stopping) return this.resolve(result());
    void this.stopping.then(() => {
      clearTimeout(this.exitReport);
      this.resolve(result());
    });
  }
};
function describeExit(r, timeoutText) {
  if (r.cancelled) return "cancelled";
  if (r.timedOut) return `timed out after ${timeoutText} (process tree stopped)`;
  if (r.exitCode === 0) return "exit code 0";
  if (r.exitCode === null) return `killed by ${r.signal ?? "a signal"}`;
  return `exit code ${r.exitCode}`;
}
function commandEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^INPUT_/i.test(k) || /^ACTIONS_RUNTIME_TOKEN$/i.test(k) || k === COMMAND_ID_ENV) continue;
    out[k] = v;
  }
  return out;
}

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
function saveCancelSeen(core, signal2) {
  core.saveState(StateKeys.CancelSeen, signal2);
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

// src/ports.ts
var coreLog = {
  info: (m2) => info(redact(m2)),
  warning: (m2) => warning(redact(m2)),
  error: (m2) => error(redact(m2)),
  group: (title, fn) => group(redact(title), fn)
};
async function createPorts(config, signal2, o) {
  return {
    log: coreLog,
    shell: runShell,
    git: createGit(config.workspace),
    gate: runGate,
    deployments: await createDeploymentLog(config, coreLog),
    state: o.state ?? createStateStore(core_exports),
    signal: signal2,
    scratchRoot: o.scratchRoot,
    // Loaded only when a manual rollback asks the health endpoint what is live.
    healthBody: async (url, g) => (await import("./get-text-V7ZU3EDY.js")).getText(url, g)
  };
}
async function createDeploymentLog(config, log) {
  const g = config.github;
  let skipped;
  if (!g.deployments) skipped = "the deployments input is false";
  else if (!g.token) skipped = "there is no github-token";
  else if (!g.owner || !g.repo) skipped = "GITHUB_REPOSITORY is not set";
  if (skipped) {
    log.info(`GitHub deployments skipped: ${skipped}; the previous version comes from tags.`);
    return void 0;
  }
  const { createDeployments, safeDeployments } = await import("./deployments-4D5TF4BZ.js");
  const inner = createDeployments({
    token: g.token,
    apiUrl: g.apiUrl,
    owner: g.owner,
    repo: g.repo,
    runId: config.context.runId,
    logUrl: config.context.runUrl || void 0
  });
  return safeDeployments(inner, (m2) => log.warning(`GitHub deployments skipped: ${m2}`));
}

// src/story/index.ts
var import_node_path4 = __toESM(require_node_path(), 1);

// src/github/lock-timeout.ts
var LockTimeoutError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "LockTimeoutError";
  }
};

// src/story/prepare.ts
var KEEP_LINES = 200;
function startPreparation(s, o) {
  const c = s.config;
  const previous = o.previous;
  if (!previous || c.rollbackCommand && !c.prepareRollbackCommand) return void 0;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  s.ports.signal.addEventListener("abort", onAbort, { once: true });
  const lines2 = [];
  let dir;
  let discarded = false;
  let settled2 = false;
  const step = s.timeline.start("prepare-rollback", `Prepare rollback to ${previous}`, "rollback");
  const run2 = async () => {
    if (!s.ports.git.inRepository()) return { ok: false, detail: `could not check out ${previous}: the workspace is not in a git repository` };
    dir = await s.scratchDir(previous);
    await s.ports.git.addWorktree(previous, dir, { commit: s.saved.commits?.[previous], signal: stop.signal });
    if (stop.signal.aborted) return { ok: false, detail: "stopped" };
    s.trees.set(previous, dir);
    if (!c.prepareRollbackCommand) return { ok: true, dir };
    const env = s.env({ version: previous, previous: o.version, phase: "prepare" });
    const r = await s.ports.shell(c.prepareRollbackCommand, {
      cwd: dir,
      env,
      timeoutMs: c.deployTimeoutMs,
      signal: stop.signal,
      onLine: (l) => void (lines2.push(l) > KEEP_LINES && lines2.shift())
    });
    const ok = r.exitCode === 0 && !r.timedOut && !r.cancelled;
    return ok ? { ok, dir } : { ok, detail: `prepare-rollback-command failed (${describeExit(r, durationText(c.deployTimeoutMs))})` };
  };
  const done = run2().catch((err) => ({ ok: false, detail: `could not check out ${previous}: ${err.message}` })).then((p) => {
    settled2 = true;
    s.ports.signal.removeEventListener("abort", onAbort);
    if (!discarded) s.timeline.end(step, p.ok ? "passed" : "failed", p.ok ? `${previous} ready in its own tree` : p.detail);
    return p;
  });
  return {
    version: previous,
    done,
    async discard(why) {
      if (discarded) return;
      discarded = true;
      if (!settled2) s.timeline.end(step, "skipped", why);
      stop.abort();
      await done;
      s.ports.signal.removeEventListener("abort", onAbort);
      s.trees.delete(previous);
      if (dir) await s.ports.git.removeWorktree(dir).catch((err) => s.log.warning(`Could not remove the prepared tree ${dir}: ${err.message}`));
    },
    async showOutput() {
      if (!c.prepareRollbackCommand || lines2.length === 0) return;
      await s.log.group(`Prepare rollback to ${previous}: output`, () => {
        for (const l of lines2) s.log.info(l);
        return Promise.resolve();
      });
    }
  };
}

// src/gate/prepare.ts
var PreflightError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "PreflightError";
  }
};
async function preflightSignals(cfg, ctx) {
  for (const { def, config } of activeSignals(cfg)) {
    if (!def.preflight) continue;
    try {
      await def.preflight(config, cfg, { ...ctx, log: ctx.log && ((l) => ctx.log(redact(l))) });
    } catch (err) {
      throw new PreflightError(redact(err.message), { cause: err });
    }
  }
}
async function collectBaseline(cfg, o) {
  if (!cfg.baseline || cfg.urls.length === 0) return [];
  const { collectSamples } = await import("./baseline-collect-NN2JCYNE.js");
  return collectSamples(cfg, cfg.baseline.durationMs, o);
}
function needsPreflight(cfg) {
  return activeSignals(cfg).some((s) => s.def.preflight !== void 0);
}

// src/story/gate-signals.ts
async function preflightGate(s, v) {
  const c = s.config;
  if (!needsPreflight(c.gate)) return void 0;
  const step = s.timeline.start("preflight", "Check the gate signals", c.mode === "deploy" ? "deploy" : "rollback");
  const log = (l) => s.log.info(l);
  try {
    await s.log.group(
      "Check the gate signals",
      () => preflightSignals(c.gate, { version: v.version, previousVersion: v.previous, environment: c.environment, signal: s.ports.signal, log })
    );
    s.timeline.end(step, "passed", "every query answered");
    return void 0;
  } catch (err) {
    const reason = `${err.message}; nothing was deployed`;
    s.timeline.end(step, "failed", reason);
    s.log.error(reason);
    return reason;
  }
}
async function baselineStep(s) {
  const c = s.config.gate;
  const step = s.timeline.start("baseline", `Baseline ${durationText(c.baseline.durationMs)}`, "deploy");
  let summary2 = "";
  const samples = await s.log.group("Baseline of the live version", () => collectBaseline(c, { signal: s.ports.signal, log: (l) => s.log.info(summary2 = l) }));
  s.timeline.end(step, s.ports.signal.aborted ? "cancelled" : "passed", summary2);
  s.throwIfCancelled();
  return samples;
}

// src/story/steps.ts
var import_node_path3 = __toESM(require_node_path(), 1);

// src/timeline.ts
var Timeline = class {
  constructor(now = Date.now) {
    this.now = now;
  }
  now;
  steps = [];
  start(id, title, phase) {
    const step = { id, title, phase, startedAt: this.now(), outcome: "running" };
    this.steps.push(step);
    return step;
  }
  end(step, outcome, summary2, extra = {}) {
    Object.assign(step, extra, { outcome, endedAt: this.now() });
    if (summary2 !== void 0) step.summary = summary2;
    return step;
  }
  /** A step that was decided without running (e.g. no smoke command configured). */
  skip(id, title, phase, summary2) {
    return this.end(this.start(id, title, phase), "skipped", summary2);
  }
  /** Steps still running are marked cancelled: used when a signal stops the run. */
  cancelRunning(summary2) {
    for (const step of this.steps) if (step.outcome === "running") this.end(step, "cancelled", summary2);
  }
};

// src/story/steps.ts
var Cancelled = class extends Error {
};
var POLL_MS = 5e3;
var Steps = class {
  constructor(config, ports) {
    this.config = config;
    this.ports = ports;
    this.now = ports.now ?? Date.now;
    this.timeline = new Timeline(this.now);
    const startedAt = this.now();
    this.saved = {
      phase: "resolved",
      mode: config.mode,
      version: config.version,
      previousSource: "none",
      scratchRoot: ports.scratchRoot,
      scratch: [],
      startedAt
    };
    this.record = {
      mode: config.mode,
      environment: config.environment,
      version: config.version,
      previousSource: "none",
      status: "failed",
      rolledBack: false,
      reason: "",
      dryRun: config.dryRun,
      startedAt,
      context: config.context
    };
  }
  config;
  ports;
  timeline;
  now;
  saved;
  record;
  wayBack;
  /** The previous version's tree, prepared in the background while the new one is deployed and gated. */
  preparation;
  /** The deployed commit's subject, being read by git while the story goes on (deploy mode). */
  commitSubject;
  /** Checkouts made this run, by version (DEPLOY_TREE / DEPLOY_PREVIOUS_TREE). */
  trees = /* @__PURE__ */ new Map();
  /** What the gate's signals need besides the version: the version replaced, and the baseline collected before the deploy. */
  gateAround = {};
  get log() {
    return this.ports.log;
  }
  /** Runs a user command in its own step; a failure is logged as an error and returned, never thrown. */
  async command(o) {
    const timeoutMs = o.timeoutMs ?? this.config.deployTimeoutMs;
    this.throwIfCancelled();
    const step = this.timeline.start(o.id, o.title, o.phase);
    const r = await this.log.group(
      o.title,
      () => this.ports.shell(o.command, { cwd: o.cwd, env: o.env, timeoutMs, signal: this.ports.signal, onLine: (l) => this.log.info(l) })
    );
    const detail = describeExit(r, durationText(timeoutMs));
    const ok = r.exitCode === 0 && !r.timedOut && !r.cancelled;
    this.timeline.end(step, r.cancelled ? "cancelled" : ok ? "passed" : "failed", detail, ok ? {} : { output: r.tail });
    this.throwIfCancelled();
    if (!ok) this.log[o.failureLevel ?? "error"](`${o.title}: ${detail}`);
    return { ok, detail, lastLine: [...r.tail].reverse().find((l) => l.trim()) };
  }
  /** Runs the gate against `version` in its own step. */
  async gate(o) {
    this.throwIfCancelled();
    const step = this.timeline.start(o.id, o.title, o.phase);
    const verdict = await this.log.group(
      o.title,
      () => this.ports.gate(o.cfg, {
        version: o.version,
        signal: this.ports.signal,
        log: (l) => this.log.info(l),
        soakOnly: o.soakOnly ?? false,
        environment: this.config.environment,
        ...this.gateAround
      })
    );
    this.timeline.end(step, verdict.check === "cancelled" ? "cancelled" : verdict.passed ? "passed" : "failed", verdict.reason, { verdict });
    this.throwIfCancelled();
    if (!verdict.passed) this.log.error(`${o.title}: ${verdict.reason}`);
    return verdict;
  }
  /** A fresh scratch directory, saved for post to remove before anything is written into it. */
  async scratchDir(version) {
    await mkdir(this.ports.scratchRoot, { recursive: true });
    const dir = await mkdtemp((0, import_node_path3.join)(this.ports.scratchRoot, `${version.replace(/[^\w.-]/g, "_")}-`));
    this.saveState({ scratch: [...this.saved.scratch, dir] });
    return dir;
  }
  /** A worktree of `version` in its own scratch directory. */
  async checkout(version, o = {}) {
    const step = this.timeline.start(o.id ?? "checkout", `Check out ${version}`, "rollback");
    const dir = await this.scratchDir(version);
    try {
      await this.log.group(`Check out ${version}`, () => this.ports.git.addWorktree(version, dir, { commit: this.saved.commits?.[version] }));
      this.timeline.end(step, "passed", `worktree of ${version}`);
      this.trees.set(version, dir);
      return { ok: true, detail: "", dir };
    } catch (err) {
      const detail = `could not check out ${version}: ${err.message}`;
      this.timeline.end(step, "failed", detail);
      return { ok: false, detail, dir };
    }
  }
  /** Creates a GitHub deployment, waits for our turn in the environment (unless told not to), marks it in progress. */
  async openDeployment(o) {
    const d2 = this.ports.deployments;
    if (!d2) return void 0;
    const c = this.config;
    const id = await d2.create({
      environment: c.environment,
      ref: o.ref,
      version: o.version,
      phase: o.phase,
      description: o.description,
      rolledBackFrom: o.rolledBackFrom,
      commit: o.commit
    });
    if (!id) return void 0;
    if (this.record.deploymentId === void 0 || o.phase === "deploy") this.record.deploymentId = id;
    this.saveState({ deploymentId: id });
    if (o.wait ?? true) {
      try {
        await d2.waitForTurn(c.environment, id, {
          timeoutMs: c.github.concurrencyTimeoutMs,
          pollMs: Math.min(POLL_MS, Math.max(c.github.concurrencyTimeoutMs / 4, 200)),
          signal: this.ports.signal,
          onWait: (m2) => this.log.info(m2)
        });
      } catch (err) {
        await this.status(id, "failure", "Gave up waiting for another deployment");
        throw err instanceof LockTimeoutError ? err : new LockTimeoutError(err.message);
      }
    }
    this.throwIfCancelled();
    await this.status(id, "in_progress", o.description);
    return id;
  }
  async status(id, state, description) {
    if (!id) return;
    const environmentUrl = state === "success" ? this.config.github.environmentUrl : void 0;
    await this.ports.deployments?.setStatus(id, state, { description, logUrl: this.config.context.runUrl || void 0, environmentUrl });
  }
  /** Resolves the versions in their own step; the record and the state learn them. */
  async resolve(fn) {
    const step = this.timeline.start("resolve", "Resolve versions", this.config.mode === "deploy" ? "deploy" : "rollback");
    const versions2 = await this.log.group("Resolve versions", async () => {
      const v = await fn();
      this.log.info("error" in v ? v.error : v.note);
      return v;
    });
    if ("error" in versions2) {
      this.timeline.end(step, "failed", versions2.error);
      return versions2;
    }
    Object.assign(this.record, { version: versions2.version, previousVersion: versions2.previous, previousSource: versions2.source });
    this.saveState({ version: versions2.version, previous: versions2.previous, previousSource: versions2.source, commits: versions2.commits });
    this.timeline.end(step, "passed", versions2.note);
    return versions2;
  }
  /** Where versions come from: the deployments history first, then tags. */
  versionSources() {
    return { git: this.ports.git, history: this.ports.deployments, log: this.log };
  }
  /** The environment every command gets; the trees are the checkouts of those versions, where the run has one. */
  env(o) {
    return {
      DEPLOY_VERSION: o.version,
      DEPLOY_PREVIOUS_VERSION: o.previous ?? "",
      DEPLOY_ENVIRONMENT: this.config.environment,
      DEPLOY_PHASE: o.phase,
      DEPLOY_TREE: this.treeOf(o.version),
      DEPLOY_PREVIOUS_TREE: this.treeOf(o.previous)
    };
  }
  /** The checkout of `version`: the workspace for the version a deploy puts live, else one this run made, else ''. */
  treeOf(version) {
    if (!version) return "";
    if (this.config.mode === "deploy" && version === this.saved.version) return this.config.workspace;
    return this.trees.get(version) ?? "";
  }
  /** The record leads with this (a failed rollback hook); it is also an error annotation. */
  attention(text) {
    this.log.error(text);
    this.record.attention = this.record.attention ? `${this.record.attention}; ${text}` : text;
  }
  lastVerdict() {
    return [...this.timeline.steps].reverse().find((s) => s.verdict)?.verdict;
  }
  throwIfCancelled() {
    if (this.ports.signal.aborted) throw new Cancelled();
  }
  /**
   * The record, finished. `rolledBack` follows from the status: only a healthy rollback is one.
   * `handOver` (main, cancelled mid-way) keeps the saved phase, so post knows what is left.
   */
  finish(status, reason, o = {}) {
    if (!o.handOver) this.saveState({ phase: "done" });
    Object.assign(this.record, { status, rolledBack: status === "rolled-back", reason });
    return { ...this.record, steps: this.timeline.steps, endedAt: this.now() };
  }
  saveState(patch) {
    this.saved = { ...this.saved, ...patch };
    this.ports.state.save(this.saved);
  }
  /** Post takes over the run main saved: its versions, start time and state. */
  adopt(saved) {
    this.saved = { ...saved, cancelled: true };
    Object.assign(this.record, {
      version: saved.version,
      previousVersion: saved.previous,
      previousSource: saved.previousSource,
      cancelled: true,
      mainKilled: !saved.cancelled,
      startedAt: saved.startedAt
    });
  }
};
function smokeFailure(r) {
  return `smoke-command failed (${r.detail})${r.lastLine ? `: ${r.lastLine}` : ""}`;
}

// src/story/deploy.ts
async function deploy(s) {
  const c = s.config;
  const versions2 = await s.resolve(
    () => resolveForDeploy({ version: c.version, previousVersion: c.previousVersion, environment: c.environment, tagPattern: c.tagPattern }, s.versionSources())
  );
  if ("error" in versions2) return s.finish("failed", versions2.error);
  s.commitSubject = s.ports.git.commitSubject(c.workspace);
  if (c.dryRun) return (await import("./plan-3HWMBFZ7.js")).plan(s, versions2);
  const badSignal = await preflightGate(s, versions2);
  if (badSignal) return s.finish("failed", badSignal);
  const id = await s.openDeployment({
    phase: "deploy",
    version: versions2.version,
    ref: c.context.sha || versions2.version,
    description: `Deploying ${versions2.version}`,
    commit: isFullSha(c.context.sha) ? c.context.sha : void 0
  });
  if (c.backupCommand) {
    const env = s.env({ version: versions2.version, previous: versions2.previous, phase: "deploy" });
    const ok = await s.command({ id: "backup", title: "Backup", phase: "deploy", command: c.backupCommand, cwd: c.workspace, env });
    if (!ok.ok) {
      await s.status(id, "failure", "Backup failed; nothing deployed");
      return s.finish("failed", `backup-command failed (${ok.detail}); nothing was deployed`);
    }
  }
  s.throwIfCancelled();
  s.preparation = startPreparation(s, versions2);
  await beforeDeploy(s, versions2);
  s.saveState({ phase: "deploying" });
  const failure = await deployAndGate(s, versions2);
  if (!failure) {
    await s.preparation?.discard(`not needed: ${versions2.version} passed; stopped and removed`);
    if (id) {
      await s.status(id, "success", `Deployed ${versions2.version}`);
      await s.ports.deployments?.markOlderInactive(c.environment, id);
    }
    const verdict = s.lastVerdict();
    const live = `${versions2.version} is live and healthy${verdict ? `: ${verdict.reason}` : ""}`;
    return s.finish("deployed", `${live}${await afterDeploy(s, versions2)}`);
  }
  if (!versions2.previous) {
    await s.status(id, "failure", failure.reason);
    return s.finish("failed", `${failure.reason}; no previous version to roll back to`);
  }
  await s.status(id, "in_progress", `${failure.check} failed; rolling back to ${versions2.previous}`);
  const { putBack } = await import("./rollback-MVRTEGH7.js");
  return putBack(s, { target: versions2.previous, replacing: versions2.version, failure, replacedId: id });
}
async function beforeDeploy(s, _v) {
  if (s.config.gate.baseline) s.gateAround.baseline = await baselineStep(s);
}
async function afterDeploy(s, v) {
  const c = s.config;
  if (!c.afterDeployCommand) return "";
  s.saveState({ phase: "done" });
  const env = s.env({ version: v.version, previous: v.previous, phase: "deploy" });
  try {
    const r = await s.command({
      id: "after-deploy",
      title: "After deploy",
      phase: "deploy",
      command: c.afterDeployCommand,
      cwd: c.workspace,
      env,
      failureLevel: "warning"
    });
    return r.ok ? "" : `; after-deploy-command failed (${r.detail}), ${v.version} stays deployed`;
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    return `; after-deploy-command was cancelled, ${v.version} stays deployed`;
  }
}
async function deployAndGate(s, v) {
  const c = s.config;
  const env = s.env({ version: v.version, previous: v.previous, phase: "deploy" });
  const deployed = await s.command({ id: "deploy", title: `Deploy ${v.version}`, phase: "deploy", command: c.deployCommand, cwd: c.workspace, env });
  if (!deployed.ok) return { check: "deploy", reason: `deploy-command failed (${deployed.detail})` };
  s.gateAround.previousVersion = v.previous;
  const gate = await s.gate({ id: "health", title: `Health gate ${v.version}`, phase: "deploy", version: v.version, cfg: { ...c.gate, soakMs: 0 } });
  if (!gate.passed) return { check: gate.check, reason: gate.reason };
  if (c.smokeCommand) {
    const smoke = await s.command({
      id: "smoke",
      title: "Smoke command",
      phase: "deploy",
      command: c.smokeCommand,
      cwd: c.workspace,
      env,
      timeoutMs: c.smokeTimeoutMs
    });
    if (!smoke.ok) return { check: "smoke", reason: smokeFailure(smoke) };
  }
  if (c.gate.soakMs > 0) {
    const soak = await s.gate({ id: "soak", title: `Soak ${durationText(c.gate.soakMs)}`, phase: "deploy", version: v.version, cfg: c.gate, soakOnly: true });
    if (!soak.passed) return { check: "soak", reason: soak.reason };
  }
  return void 0;
}

// src/story/index.ts
async function runStory(config, ports) {
  const s = new Steps(config, ports);
  const record2 = await tell(s);
  const subject = await s.commitSubject;
  return subject === void 0 ? record2 : { ...record2, commitSubject: subject };
}
async function tell(s) {
  try {
    return s.config.mode === "deploy" ? await deploy(s) : await (await import("./rollback-MVRTEGH7.js")).manualRollback(s);
  } catch (err) {
    if (err instanceof LockTimeoutError) return s.finish("failed", err.message);
    if (!(err instanceof Cancelled)) throw err;
    return (await import("./resume-NZWNWDA4.js")).handOver(s);
  } finally {
    await s.preparation?.discard("not used: the run ended");
  }
}
function scratchRoot(runnerTemp, runId) {
  return (0, import_node_path4.join)(runnerTemp, `${SCRATCH_PREFIX}${runId || "local"}-${localId()}`);
}

// src/verdict.ts
function headline(r) {
  const prev = r.previousVersion ? ` (previous ${r.previousVersion})` : "";
  return `rollback-action: ${r.status} \u2014 ${r.environment} ${r.version}${prev}: ${r.reason}`;
}
function exitVerdict(r, failOnRollback) {
  switch (r.status) {
    case "deployed":
    case "planned":
      return void 0;
    case "rolled-back":
      if (r.mode === "rollback" || !failOnRollback) return void 0;
      return `Rolled back ${r.environment} from ${r.version} to ${r.previousVersion}: ${r.reason}`;
    case "rollback-failed":
      return `ROLLBACK FAILED in ${r.environment}: ${r.reason}`;
    case "failed":
      return `Deploy of ${r.version} to ${r.environment} failed: ${r.reason}`;
  }
}

// src/main.ts
async function run() {
  const controller = new AbortController();
  const onSignal = (sig) => {
    if (!controller.signal.aborted) {
      warning(`${sig} received: the job is being cancelled; stopping the running command.`);
      saveCancelSeen(core_exports, sig);
    }
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await main(controller.signal);
  } catch (err) {
    setFailed(`rollback-action failed unexpectedly: ${redact(err instanceof Error ? err.stack ?? err.message : String(err))}`);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
async function main(signal2) {
  let config;
  try {
    config = readConfig(core_exports);
  } catch (err) {
    setFailed(err instanceof ConfigError ? err.message : `Could not read the inputs: ${redact(String(err))}`);
    return;
  }
  const ports = await createPorts(config, signal2, { scratchRoot: scratchRoot(config.runnerTemp, config.context.runId) });
  const record2 = await runStory(config, ports);
  await publish(record2, config, coreLog, { alert: !record2.handedToPost });
  coreLog.info(headline(record2));
  const failure = exitVerdict(record2, config.failOnRollback);
  if (failure) setFailed(redact(failure));
}

// src/entry/main.ts
void run().finally(() => process.exit());

export {
  Outputs,
  redact,
  monotonicMs,
  sleep,
  parseRetryAfter,
  durationText,
  percent,
  percentile,
  summarizeLatency,
  anchored,
  timeoutSignal,
  readBounded,
  displayUrl,
  requestHeaders,
  classifyError,
  HttpDispatcher,
  probe,
  queryRule,
  runShell,
  describeExit,
  describeSignals,
  gateObserves,
  OUTCOME_WORDS,
  formatDuration,
  truncate,
  headlineText,
  consequence,
  failedStep,
  stepDurationText,
  isFullSha,
  resolveForRollback,
  loadReleaseTags,
  isMidway,
  interruptedWhat,
  stoppedHow,
  LockTimeoutError,
  preflightGate,
  Cancelled,
  smokeFailure
};
