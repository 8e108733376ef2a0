import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

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

export {
  Inputs,
  Outputs,
  StateKeys,
  USER_AGENT
};
