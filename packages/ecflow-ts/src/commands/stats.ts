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
export type Stats = { [K in (typeof STATS_FIELDS)[number]]: K extends TextField ? string : number } & {
  /**
   * The server process's resources (5.16+: `Stats` at class version 1, `process_meter_`): pid,
   * memory, CPUs, threads…, each with its unit (`MB`, `kB`, or `''`); absent from older servers.
   */
  processMeter?: readonly ProcessValue[];
};

/** One value of a server's process meter (`ecf::resources::NamedValue`). */
export interface ProcessValue {
  /** What is measured: `pid`, `resident_memory_used`, `n_cpu_online`, `n_threads`, … */
  name: string;
  /** The measurement, in `unit`. */
  value: number;
  /** `MB`, `kB`, or `''` for a plain count. */
  unit: string;
}

/** Names the positional values of an SStatsCmd reply. */
export function statsFromValues(values: readonly Json[]): Stats {
  if (values.length < STATS_FIELDS.length) {
    throw new ProtocolError(`SStatsCmd: expected ${STATS_FIELDS.length} values, got ${values.length}`);
  }
  const stats: Record<string, Json> = {};
  STATS_FIELDS.forEach((name, i) => {
    stats[name] = values[i]!;
  });
  const meter = processMeter(values[STATS_FIELDS.length]);
  return (meter === undefined ? stats : { ...stats, processMeter: meter }) as unknown as Stats;
}

/** `value82`, the ProcessMeter: `{ value0: [{ value0: name, value1: { index, data }, value2: unit }] }`. */
function processMeter(v: Json | undefined): ProcessValue[] | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const list = v.value0;
  if (!Array.isArray(list)) return undefined;
  const out: ProcessValue[] = [];
  for (const nv of list) {
    if (typeof nv !== 'object' || nv === null || Array.isArray(nv)) throw new ProtocolError('SStatsCmd: a process meter value is not an object');
    const variant = nv.value1;
    const data = typeof variant === 'object' && variant !== null && !Array.isArray(variant) ? variant.data : undefined;
    if (typeof nv.value0 !== 'string' || typeof data !== 'number') throw new ProtocolError(`SStatsCmd: process meter value ${JSON.stringify(nv)} is not a name and a number`);
    out.push({ name: nv.value0, value: data, unit: typeof nv.value2 === 'string' ? nv.value2 : '' });
  }
  return out;
}
