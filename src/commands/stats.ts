import { ProtocolError } from '../errors.js';
import type { Json } from '../protocol/cereal.js';

/** The members of ecFlow's `Stats`, in the order SStatsCmd serialises them (`value0`…`value81`). */
export const STATS_FIELDS = [
  'status', 'lockedByUser', 'host', 'port', 'upSince', 'version', 'jobSubInterval', 'checkptInterval',
  'checkptSaveTimeAlarm', 'checkptMode', 'noOfSuites', 'requestStats', 'ECF_HOME', 'ECF_CHECK', 'ECF_LOG', 'ECF_SSL',
  'checkpt', 'serverVersion', 'restartServer', 'shutdownServer', 'haltServer', 'reloadWhiteListFile', 'reloadPasswdFile',
  'ping', 'debugServerOn', 'debugServerOff', 'getDefs', 'sync', 'syncFull', 'syncClock', 'news', 'nodeJobGen',
  'nodeCheckJobGenOnly', 'nodeDelete', 'nodeSuspend', 'nodeResume', 'nodeKill', 'nodeStatus', 'nodeEditHistory',
  'nodeArchive', 'nodeRestore', 'logCmd', 'logMsgCmd', 'beginCmd', 'taskInit', 'taskComplete', 'taskWait', 'taskAbort',
  'taskEvent', 'taskMeter', 'taskLabel', 'taskQueue', 'zombieFob', 'zombieFail', 'zombieAdopt', 'zombieRemove',
  'zombieGet', 'zombieBlock', 'zombieKill', 'requeueNode', 'orderNode', 'runNode', 'loadDefs', 'replace', 'force',
  'freeDep', 'suites', 'editScript', 'alterCmd', 'chCmd', 'fileEcf', 'fileJob', 'fileJobout', 'fileCmdout',
  'fileManual', 'plug', 'move', 'groupCmd', 'serverLoadCmd', 'stats', 'check', 'query',
] as const;

/** The {@link Stats} members that are text; the others are numbers. */
export type TextField = 'lockedByUser' | 'host' | 'port' | 'upSince' | 'version' | 'requestStats' | 'ECF_HOME' | 'ECF_CHECK' | 'ECF_LOG' | 'ECF_SSL';

/**
 * What `--stats_server` reports: the server's settings and, per kind of request, how many it has
 * handled since it started (or since `--stats_reset`). `status` is the SState (0 HALTED,
 * 1 SHUTDOWN, 2 RUNNING), `checkptMode` the CheckPt::Mode; the counters are numbers.
 */
export type Stats = { [K in (typeof STATS_FIELDS)[number]]: K extends TextField ? string : number };

/** Names the positional values of an SStatsCmd reply. */
export function statsFromValues(values: readonly Json[]): Stats {
  if (values.length < STATS_FIELDS.length) {
    throw new ProtocolError(`SStatsCmd: expected ${STATS_FIELDS.length} values, got ${values.length}`);
  }
  const stats: Record<string, Json> = {};
  STATS_FIELDS.forEach((name, i) => {
    stats[name] = values[i]!;
  });
  return stats as unknown as Stats;
}
