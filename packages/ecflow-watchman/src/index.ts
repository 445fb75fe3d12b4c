/**
 * ecflow-watchman as a library (the `ecflow-watchman` package): start it in-process, read its view, add
 * HTTP routes. It depends on redis, fastify, pino and prom-client, which the client library does not.
 */
export { startWatchman, type RunningWatchman, type StartOptions } from './watchman.js';
export { checkConfig, ConfigError, loadConfig, parseConfig, redisUrl, type ConfigIssue, type JobConfig, type ParsedConfig, type SinkConfig, type WatchmanConfig } from './config.js';
export { buildHttpApp, type HttpAppOptions, type Readiness } from './http.js';
export { createLogger, type LogLevel } from './logger.js';
export { WatchmanMetrics } from './metrics.js';
export { serverKeys, type ServerKeys } from './keys.js';
export { goTime, statusValue } from './status-value.js';
export { statusRecords, type StatusRecord } from './status-records.js';
export { parseDuration } from './duration.js';
export type { AbortedTask, Health, ServerChange, WatchedServer, WatchmanView } from './view.js';
