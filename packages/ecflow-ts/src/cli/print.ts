import type { Reply, Zombie } from '../protocol/replies.js';
import { DEFAULT_VERSION, since } from '../versions.js';

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
const ZOMBIE_TYPE = ['user', 'ecf', 'ecf_pid', 'ecf_passwd', 'ecf_pid_passwd', 'path', 'not_set'];
const CHILD_CMD = ['init', 'event', 'meter', 'label', 'wait', 'queue', 'abort', 'complete'];
const USER_ACTION = ['fob', 'fail', 'adopt', 'remove', 'block', 'kill'];
const EXPLANATION = [
  'Created by user action(',
  'Two init commands or task complete or aborted but receives another child cmd',
  'PID miss-match, password matches. Job scheduled twice. Check submitter',
  'Password miss-match, PID matches, system has re-cycled PID or hacked job file?',
  'Both PID and password miss-match. Re-queue & submit of active job?',
  'Task not found. Nodes replaced whilst jobs were running',
];

/**
 * Zombie::pretty_print: a header line, then one row per zombie; every column, the last one too,
 * padded to its widest cell. As in ecFlow, a zombie of type NOT_SET repeats the explanation of the
 * zombie printed before it (and, on the first row, that of the last zombie).
 */
export function zombieTable(zombies: readonly Zombie[]): string {
  let explanation = '';
  const explain = (z: Zombie) => {
    if (z.zombieType === 0) explanation = `${EXPLANATION[0]}${z.userCmd})`;
    else if (z.zombieType in EXPLANATION) explanation = EXPLANATION[z.zombieType]!;
    return explanation;
  };
  const cells = (z: Zombie) => [
    z.pathToTask,
    ZOMBIE_TYPE[z.zombieType] ?? '',
    String(z.duration),
    z.jobsPassword,
    z.processOrRemoteId,
    String(z.tryNo),
    zombieActionText(z),
    CHILD_CMD[z.lastChildCmd] ?? 'init',
    String(z.calls),
    z.host,
  ];
  const widths = ZOMBIE_HEADER.map((h) => h.length);
  const widen = (row: string[]) => row.forEach((cell, c) => (widths[c] = Math.max(widths[c]!, cell.length)));
  for (const z of zombies) widen([...cells(z), explain(z)]);
  const line = (row: string[]) => `${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' ')}\n`;
  return line(ZOMBIE_HEADER) + zombies.map((z) => line([...cells(z), explain(z)])).join('');
}

/** Zombie::user_action_str: `manual-` or `auto-`, then the action the next child command meets. */
export function zombieActionText(z: Zombie): string {
  return `${z.userActionSet ? 'manual' : 'auto'}-${USER_ACTION[zombieAction(z)]}`;
}

/** Zombie::user_action: the user's choice, else the zombie attribute's action when it applies to the last child command. */
function zombieAction(z: Zombie): number {
  if (z.userActionSet) return z.userAction in USER_ACTION ? z.userAction : 4;
  const { action, childCmds } = z.attr;
  const applies = childCmds.length === 0 || childCmds.includes(z.lastChildCmd);
  return applies && action in USER_ACTION ? action : 4; // BLOCK by default
}

/** TimeStamp::now() of ecflow_client `version`: `[HH:MM:SS D.M.YYYY] ` (`DD.MM` from 5.12), in local time. */
export function timeStamp(date = new Date(), version: string = DEFAULT_VERSION): string {
  const p = (n: number) => String(n).padStart(2, '0');
  // TimeStamp::now: `%02d:%02d:%02d %d.%d.%d` in 5.9; strftime's `%d.%m.%Y` from 5.12.
  const day = since(version, 'paddedTimestamps') ? `${p(date.getDate())}.${p(date.getMonth() + 1)}` : `${date.getDate()}.${date.getMonth() + 1}`;
  return `[${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())} ${day}.${date.getFullYear()}] `;
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
