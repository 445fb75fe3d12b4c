import type { Stats } from '../commands/stats.js';
import { since, versionOf } from '../versions.js';

const STATE = ['HALTED', 'SHUTDOWN', 'RUNNING'];
const CHECKPT_MODE = ['CHECK_NEVER', 'CHECK_ON_TIME', 'CHECK_ON_ALWAYS', 'UNDEFINED'];

type Counter = Exclude<{ [K in keyof Stats]-?: Stats[K] extends number ? K : never }[keyof Stats], undefined>;

/** Groups of counters, each printed after a blank line when any of them is non-zero (Stats::show). */
const GROUPS: { any: Counter[]; rows: [string, Counter][] }[] = [
  {
    // restore_defs_from_checkpt_ is not serialised: the client's copy is always 0.
    any: ['checkpt', 'serverVersion', 'restartServer', 'shutdownServer', 'haltServer', 'ping', 'debugServerOn', 'debugServerOff', 'getDefs', 'sync', 'syncFull', 'syncClock', 'news'],
    rows: [
      ['Check points', 'checkpt'],
      ['Restart server', 'restartServer'],
      ['Shutdown server', 'shutdownServer'],
      ['Halt server', 'haltServer'],
      ['Ping', 'ping'],
      ['debug server on', 'debugServerOn'],
      ['debug server off', 'debugServerOff'],
      ['Get full definition', 'getDefs'],
      ['Server version', 'serverVersion'],
      ['Sync', 'sync'],
      ['Sync full', 'syncFull'],
      ['Sync suite clock', 'syncClock'],
      ['News', 'news'],
    ],
  },
  {
    any: ['taskInit', 'taskComplete', 'taskWait', 'taskAbort', 'taskEvent', 'taskMeter', 'taskLabel', 'taskQueue'],
    rows: [
      ['Task init', 'taskInit'],
      ['Task complete', 'taskComplete'],
      ['Task wait', 'taskWait'],
      ['Task abort', 'taskAbort'],
      ['Task event', 'taskEvent'],
      ['Task meter', 'taskMeter'],
      ['Task label', 'taskLabel'],
      ['Task queue', 'taskQueue'],
    ],
  },
  {
    any: ['zombieFob', 'zombieFail', 'zombieAdopt', 'zombieRemove', 'zombieGet', 'zombieBlock', 'zombieKill'],
    rows: [
      ['Zombie fob', 'zombieFob'],
      ['Zombie fail', 'zombieFail'],
      ['Zombie adopt', 'zombieAdopt'],
      ['Zombie remove', 'zombieRemove'],
      ['Zombie get', 'zombieGet'],
      ['Zombie block', 'zombieBlock'],
      ['Zombie kill', 'zombieKill'],
    ],
  },
  {
    any: [
      'loadDefs', 'beginCmd', 'requeueNode', 'nodeJobGen', 'nodeCheckJobGenOnly', 'nodeDelete', 'nodeSuspend', 'nodeResume',
      'nodeKill', 'nodeStatus', 'nodeEditHistory', 'logCmd', 'logMsgCmd', 'orderNode', 'runNode', 'replace', 'force', 'freeDep',
      'suites', 'editScript', 'alterCmd', 'chCmd', 'plug', 'move', 'groupCmd', 'reloadWhiteListFile', 'serverLoadCmd', 'stats',
      'check', 'query', 'reloadPasswdFile', 'nodeArchive', 'nodeRestore',
    ],
    rows: [
      ['Load definition', 'loadDefs'],
      ['Begin', 'beginCmd'],
      ['Requeue', 'requeueNode'],
      ['Job generation', 'nodeJobGen'],
      ['Check Job generation', 'nodeCheckJobGenOnly'],
      ['Node delete', 'nodeDelete'],
      ['Node suspend', 'nodeSuspend'],
      ['Node resume', 'nodeResume'],
      ['Node kill', 'nodeKill'],
      ['Node status', 'nodeStatus'],
      ['Node edit history', 'nodeEditHistory'],
      ['Node archive', 'nodeArchive'],
      ['Node restore', 'nodeRestore'],
      ['Log cmd', 'logCmd'],
      ['Log message', 'logMsgCmd'],
      ['Order', 'orderNode'],
      ['Run', 'runNode'],
      ['Replace', 'replace'],
      ['Force ', 'force'],
      ['Free dependencies', 'freeDep'],
      ['Suites', 'suites'],
      ['Edit script', 'editScript'],
      ['Alter', 'alterCmd'],
      ['Client handle', 'chCmd'],
      ['Plug', 'plug'],
      ['Move', 'move'],
      ['Group', 'groupCmd'],
      ['Server load cmd', 'serverLoadCmd'],
      ['stats cmd', 'stats'],
      ['checks', 'check'],
      ['query', 'query'],
      ['Reload white list file', 'reloadWhiteListFile'],
      ['Reload password file', 'reloadPasswdFile'],
    ],
  },
  {
    any: ['fileEcf', 'fileJob', 'fileJobout', 'fileManual', 'fileCmdout'],
    rows: [
      ['File ECF', 'fileEcf'],
      ['File job', 'fileJob'],
      ['File Job out', 'fileJobout'],
      ['File Cmd out', 'fileCmdout'],
      ['File manual', 'fileManual'],
    ],
  },
];

/**
 * Stats::show: what ecflow_client prints for `--stats_server`, in the layout of the server's own
 * release (its version is the first of the statistics).
 */
export function statsShow(s: Stats): string {
  const version = versionOf(/version\(([^)]*)\)/.exec(s.version)?.[1] ?? '');
  if (version !== undefined && since(version, 'statsResources')) return statsShowSections(s);
  return statsShowFlat(s, version !== undefined && since(version, 'requestRateLabel') ? 'Request/s per 1,5,15,30,60 min' : "Request's per 1,5,15,30,60 min");
}

/** 5.9.2 … 5.15: one list, each group of counters after a blank line. */
function statsShowFlat(s: Stats, requestRates: string): string {
  const line = (label: string, value: string | number) => `${`   ${label} `.padEnd(35)}${value}\n`;
  let out = 'Server statistics\n';
  out += line('Version', s.version);
  out += line('Status', STATE[s.status] ?? 'UNKNOWN??');
  out += line('Host', s.host);
  out += line('Port', s.port);
  out += line('Up since', s.upSince);
  out += line('Job sub\' interval', `${s.jobSubInterval}s`);
  out += line('ECF_HOME', s.ECF_HOME);
  out += line('ECF_LOG', s.ECF_LOG);
  out += line('ECF_CHECK', s.ECF_CHECK);
  out += line('ECF_SSL', s.ECF_SSL);
  out += line('Check pt interval', `${s.checkptInterval}s`);
  out += line('Check pt mode', CHECKPT_MODE[s.checkptMode] ?? '');
  out += line('Check pt save time alarm', `${s.checkptSaveTimeAlarm}s`);
  out += line('Number of Suites', s.noOfSuites);
  out += line(requestRates, s.requestStats);
  GROUPS.forEach((group, g) => {
    if (group.any.some((k) => s[k] !== 0)) out += '\n';
    if (g === 0 && s.lockedByUser !== '') out += line('Locked by user', s.lockedByUser);
    for (const [label, k] of group.rows) if (s[k] !== 0) out += line(label, s[k]);
  });
  return out;
}

/** The sections of 5.16+, each row `  <label padded to 32><value>[ (<unit>)]`, zeros and '' left out. */
/** The labels 5.16 changed. */
const RELABELLED_5_16: Partial<Record<Counter, string>> = {
  checkpt: 'Store to Check point',
  debugServerOn: 'Debug server on',
  debugServerOff: 'Debug server off',
  force: 'Force',
  stats: 'Stats cmd',
  check: 'Check cmd',
  query: 'Query cmd',
};
const relabelled = (rows: readonly [string, Counter][]) => rows.map(([label, key]): readonly [string, Counter] => [RELABELLED_5_16[key] ?? label, key]);

const SECTIONS: { title: string; rows: readonly (readonly [string, Counter])[] }[] = [
  {
    title: 'User Commands (Server-related)',
    rows: relabelled(GROUPS[0]!.rows),
  },
  { title: 'Task Commands', rows: GROUPS[1]!.rows },
  { title: 'User Commands (Zombie-related)', rows: GROUPS[2]!.rows },
  {
    title: 'User Commands (Node-related)',
    rows: relabelled(GROUPS[3]!.rows),
  },
  {
    title: 'User Commands (File-related)',
    rows: [
      ['File ECF', 'fileEcf'],
      ['File job', 'fileJob'],
      ['File job out', 'fileJobout'],
      ['File Cmd out', 'fileCmdout'],
      ['File manual', 'fileManual'],
    ],
  },
];

function statsShowSections(s: Stats): string {
  const row = (label: string, value: string | number, unit = '') =>
    value === '' || value === 0 ? '' : `  ${label.padEnd(32)}${value}${unit ? ` (${unit})` : ''}\n`;
  let out = 'Server Statistics\n';
  out += row('Version', s.version);
  out += row('Status', STATE[s.status] ?? '');
  out += row('Host', s.host);
  out += row('Port', s.port);
  out += row('Up since', s.upSince);
  out += row("Job sub' interval", s.jobSubInterval, 's');
  out += row('ECF_HOME', s.ECF_HOME);
  out += row('ECF_LOG', s.ECF_LOG);
  out += row('ECF_CHECK', s.ECF_CHECK);
  out += row('ECF_SSL', s.ECF_SSL);
  out += row('Check pt interval', s.checkptInterval, 's');
  out += row('Check pt mode', CHECKPT_MODE[s.checkptMode] ?? '');
  out += row('Check pt save time alarm', s.checkptSaveTimeAlarm, 's');
  out += row('Number of Suites', String(s.noOfSuites));
  out += row('Request/s per 1,5,15,30,60 min', s.requestStats);
  out += '\n';
  if (s.processMeter !== undefined) {
    out += 'Server Resources\n';
    // NamedValue's operator<< with std::fixed: doubles with six decimals, integers as they are.
    for (const v of s.processMeter) out += `  ${v.name.padEnd(32)}${Number.isInteger(v.value) ? v.value : v.value.toFixed(6)}${v.unit ? ` (${v.unit})` : ''}\n`;
    out += '\n';
  }
  SECTIONS.forEach((section, i) => {
    if (!section.rows.some(([, k]) => s[k] !== 0)) return;
    out += `${section.title}\n`;
    if (i === 0) out += row('Locked by user', s.lockedByUser);
    for (const [label, k] of section.rows) out += row(label, s[k]);
    out += '\n';
  });
  return out;
}
