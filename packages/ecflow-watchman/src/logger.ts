/**
 * The watchman's logger: pino JSON lines on stdout (or the destination given), written
 * synchronously: the watchman logs little, and the last lines before exit must not be lost.
 */
import { type DestinationStream, destination as pinoDestination, type Logger, pino } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options = { level, base: { name: 'ecflow-watchman' }, timestamp: pino.stdTimeFunctions.isoTime };
  return pino(options, destination ?? pinoDestination({ dest: 1, sync: true }));
}
