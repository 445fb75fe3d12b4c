import type { Reply, Zombie } from '../protocol/replies.js';

/** What ecflow_client writes to stdout for a reply class when run from the command line. */
export function printReply(reply: Reply, inGroup = false): string {
  switch (reply.type) {
    case 'SStringCmd':
      return `${reply.str}\n`;
    case 'SStringVecCmd':
      return reply.vec.map((s) => `${s}\n`).join('');
    case 'SSuitesCmd':
      return inGroup ? '' : suitesGrid(reply.suites);
    case 'ZombieGetCmd':
      return zombieTable(reply.zombies);
    case 'SClientHandleSuitesCmd':
      return inGroup ? '' : clientHandleTable(reply);
    case 'GroupSTCCmd':
      return reply.replies.map((r) => printReply(r, true)).join('');
    default:
      return '';
  }
}

/** SSuitesCmd: names padded to the longest + 1, five to a line (the first line holds five too). */
export function suitesGrid(suites: readonly string[]): string {
  let out = suites.length === 0 ? 'No suites\n' : '';
  const width = Math.max(0, ...suites.map((s) => s.length)) + 1;
  let newlineAt = 4;
  suites.forEach((suite, i) => {
    out += suite.padEnd(width);
    if (i !== 0 && i % newlineAt === 0) {
      out += '\n';
      newlineAt += 5;
    }
  });
  return `${out}\n`;
}

function clientHandleTable(reply: Extract<Reply, { type: 'SClientHandleSuitesCmd' }>): string {
  let out = '';
  reply.users.forEach(({ user, handles }, u) => {
    if (u === 0) out += `\n${'User'.padEnd(10)}${'handle'.padEnd(6)}  suites\n`;
    out += user.padEnd(10);
    handles.forEach((handle, h) => {
      for (const ch of reply.handles) {
        if (ch.handle !== handle) continue;
        if (h !== 0) out += ' '.repeat(10);
        out += `${String(handle).padStart(6)}  ${ch.suites.map((s) => `${s}  `).join('')}\n`;
      }
    });
  });
  return out;
}

const ZOMBIE_HEADER = ['task-path', 'type', 'age(s)', 'password', 'pid', 'try_no', 'action', 'child', 'calls', 'host', 'explanation'];

/** Zombie::pretty_print: a header line, then one row per zombie. */
export function zombieTable(zombies: readonly Zombie[]): string {
  if (zombies.length === 0) return `${ZOMBIE_HEADER.join(' ')}\n`;
  // Columns are as wide as their widest cell, as ecFlow lays them out.
  const rows = [ZOMBIE_HEADER, ...zombies.map(zombieRow)];
  const widths = ZOMBIE_HEADER.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join(' ')}\n`).join('');
}

const ZOMBIE_TYPE = ['user', 'ecf', 'ecf_pid', 'ecf_passwd', 'ecf_pid_passwd', 'path', ''];
const CHILD_CMD = ['init', 'event', 'meter', 'label', 'wait', 'queue', 'abort', 'complete'];
const USER_ACTION = ['fob', 'fail', 'adopt', 'remove', 'block', 'kill'];
const EXPLANATION = [
  'Created by user action(',
  'Two init commands or task complete or aborted but receives another child cmd',
  'PID miss-match, password matches. Job scheduled twice. Check submitter',
  'Password miss-match, PID matches, system has re-cycled PID or hacked job file?',
  'Both PID and password miss-match. Re-queue & submit of active job?',
  'Task not found. Nodes replaced whilst jobs were running',
  '',
];

function zombieRow(z: Zombie): string[] {
  const action = z.userActionSet ? USER_ACTION[z.userAction] : USER_ACTION[z.attr.action];
  const explanation = z.zombieType === 0 ? `${EXPLANATION[0]}${z.userCmd})` : EXPLANATION[z.zombieType] ?? '';
  return [
    z.pathToTask,
    ZOMBIE_TYPE[z.zombieType] ?? '',
    String(z.duration),
    z.jobsPassword,
    z.processOrRemoteId,
    String(z.tryNo),
    `${z.userActionSet ? 'manual' : 'auto'}-${action ?? 'block'}`,
    CHILD_CMD[z.lastChildCmd] ?? '',
    String(z.calls),
    z.host,
    explanation,
  ];
}

/** TimeStamp::now(): `[HH:MM:SS D.M.YYYY] `, in local time. */
export function timeStamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `[${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())} ${p(date.getDate())}.${p(date.getMonth() + 1)}.${date.getFullYear()}] `;
}

/** boost::posix_time::to_simple_string of a duration: `HH:MM:SS` plus `.ffffff` when not whole. */
export function simpleDuration(ms: number): string {
  const micros = Math.round(ms * 1000);
  const s = Math.floor(micros / 1e6);
  const p = (n: number) => String(n).padStart(2, '0');
  const whole = `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
  const frac = micros % 1e6;
  return frac ? `${whole}.${String(frac).padStart(6, '0')}` : whole;
}
