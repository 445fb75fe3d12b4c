import type { Stats } from '../commands/stats.js';

const STATE = ['HALTED', 'SHUTDOWN', 'RUNNING'];
const CHECKPT_MODE = ['CHECK_NEVER', 'CHECK_ON_TIME', 'CHECK_ON_ALWAYS', 'UNDEFINED'];

type Counter = { [K in keyof Stats]: Stats[K] extends number ? K : never }[keyof Stats];

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

/** Stats::show: what ecflow_client prints for `--stats_server`. */
export function statsShow(s: Stats): string {
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
  out += line("Request's per 1,5,15,30,60 min", s.requestStats);
  GROUPS.forEach((group, g) => {
    if (group.any.some((k) => s[k] !== 0)) out += '\n';
    if (g === 0 && s.lockedByUser !== '') out += line('Locked by user', s.lockedByUser);
    for (const [label, k] of group.rows) if (s[k] !== 0) out += line(label, s[k]);
  });
  return out;
}
