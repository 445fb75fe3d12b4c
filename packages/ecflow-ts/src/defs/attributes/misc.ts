/** `zombie`, `verify`, `queue`, `generic`, `autorestore` and the suite `calendar` line. */
import { ArgumentError } from '../../errors.js';
import { NSTATE_NAMES, isNStateName, type NStateName } from '../states.js';
import { formatDuration, formatPTime, parseDuration, parsePTime, toInt, type PTime } from '../text.js';

/**
 * Zombie types by name (`ecf::Child::ZombieType`, Python's `ecflow.ZombieType`): `ZombieType.ecf` is
 * `'ecf'`, the text a `zombie` line and `ZombieAttr.type` hold.
 */
export const ZombieType = {
  /** Made by a user command that has `force` (e.g. a forced requeue of an active task). */
  user: 'user',
  /** The server found two jobs for the task (e.g. a second init, or a child command after complete). */
  ecf: 'ecf',
  /** The process id does not match the one the server knows, the password does. */
  ecf_pid: 'ecf_pid',
  /** Neither the process id nor the password match. */
  ecf_pid_passwd: 'ecf_pid_passwd',
  /** The password does not match, the process id does. */
  ecf_passwd: 'ecf_passwd',
  /** The task's path is not in the definition (e.g. it was deleted or replaced). */
  path: 'path',
} as const;
/** One of the names in {@link ZombieType}. */
export type ZombieType = (typeof ZombieType)[keyof typeof ZombieType];
/** The zombie types in the order of their C++ enum values (the sync's JSON carries the number). */
export const ZOMBIE_TYPES: readonly ZombieType[] = ['user', 'ecf', 'ecf_pid', 'ecf_passwd', 'ecf_pid_passwd', 'path'];

/**
 * What the server does with a zombie's child commands, by name (`ecf::ZombieCtrlAction`, Python's
 * `ecflow.ZombieUserActionType`): `ZombieUserActionType.fob` is `'fob'`. (The client's zombie
 * commands have their own numeric `ZombieAction` in commands/zombie.ts.)
 */
export const ZombieUserActionType = {
  /** The child command succeeds without changing the task, and the job carries on. */
  fob: 'fob',
  /** The child command fails, which normally ends the job. */
  fail: 'fail',
  /** The task takes over the zombie's password and process id. */
  adopt: 'adopt',
  /** The zombie is forgotten; it comes back with its next child command. */
  remove: 'remove',
  /** The child command is held, retrying, until the zombie's lifetime ends (the default). */
  block: 'block',
  /** The zombie's process is killed with ECF_KILL_CMD. */
  kill: 'kill',
} as const;
/** One of the names in {@link ZombieUserActionType}. */
export type ZombieUserActionType = (typeof ZombieUserActionType)[keyof typeof ZombieUserActionType];
/** The earlier name of {@link ZombieUserActionType}, kept for existing imports. */
export type ZombieAction = ZombieUserActionType;
/** The actions in the order of their C++ enum values (the sync's JSON carries the number). */
export const ZOMBIE_ACTIONS: readonly ZombieUserActionType[] = ['fob', 'fail', 'adopt', 'remove', 'block', 'kill'];

/** Child commands by name (`ecf::Child::CmdType`, Python's `ecflow.ChildCmdType`): `ChildCmdType.init` is `'init'`. */
export const ChildCmdType = {
  /** `--init`: the job started. */
  init: 'init',
  /** `--event`: the job set an event. */
  event: 'event',
  /** `--meter`: the job set a meter. */
  meter: 'meter',
  /** `--label`: the job set a label. */
  label: 'label',
  /** `--wait`: the job waits for an expression. */
  wait: 'wait',
  /** `--queue`: the job stepped a queue. */
  queue: 'queue',
  /** `--abort`: the job failed. */
  abort: 'abort',
  /** `--complete`: the job finished. */
  complete: 'complete',
} as const;
/** One of the names in {@link ChildCmdType}. */
export type ChildCmdType = (typeof ChildCmdType)[keyof typeof ChildCmdType];
/** The earlier name of {@link ChildCmdType}, kept for existing imports. */
export type ChildCmd = ChildCmdType;
/** The child commands in the order of their C++ enum values (the sync's JSON carries the number). */
export const CHILD_CMDS: readonly ChildCmdType[] = ['init', 'event', 'meter', 'label', 'wait', 'queue', 'abort', 'complete'];

/** `zombie type:action:child,cmds:lifetime` (`ZombieAttr`). */
export class ZombieAttr {
  /** The kind of zombie the attribute applies to. */
  type: ZombieType;
  /** What the server does with the zombie's child commands. */
  action: ZombieAction;
  /** The child commands the action applies to; empty for every one. */
  childCmds: ChildCmd[];
  /**
   * Seconds the server keeps such a zombie: at least 60; when not given, 300 for `user`, 900 for `path`, 3600
   * for the others.
   */
  lifetime: number;
  /** A zombie attribute; a `lifetime` of 0 or less takes the type's default, below 60 becomes 60. */
  constructor(type: ZombieType, childCmds: ChildCmd[], action: ZombieAction, lifetime: number) {
    this.type = type;
    this.childCmds = childCmds;
    this.action = action;
    if (lifetime <= 0) lifetime = type === 'user' ? 300 : type === 'path' ? 900 : 3600;
    else if (lifetime < 60) lifetime = 60;
    this.lifetime = lifetime;
  }
  /** The `zombie type:action:cmds:lifetime` line, as ecFlow writes it. */
  toString(): string {
    return 'zombie ' + this.type + ':' + this.action + ':' + this.childCmds.join(',') + ':' + this.lifetime;
  }
}

/** `ZombieAttr::create`. */
export function parseZombie(text: string): ZombieAttr {
  const tokens = text.split(':');
  if (tokens.length < 2) throw new ArgumentError(`ZombieAttr::create failed: Invalid zombie type ${text}`);
  if (tokens.length > 4) throw new ArgumentError(`ZombieAttr::create failed: Invalid zombie tokens ${text}`);
  const [type = '', action = '', cmds = '', life = ''] = tokens;
  if (!Object.hasOwn(ZombieType, type)) {
    throw new ArgumentError(`ZombieAttr::create failed: Invalid zombie type, expected one of [ user | ecf | ecf_pid | ecf_pid_passed | ecf_passwd | path ] but found ${type}:${text}`);
  }
  if (action !== '' && !Object.hasOwn(ZombieUserActionType, action)) {
    throw new ArgumentError(`ZombieAttr::create failed: Invalid user action, expected one of [ fob | fail | remove | block | adopt | kill ] but found ${action}:${text}`);
  }
  const childCmds: ChildCmd[] = [];
  for (const c of cmds.split(',')) {
    if (c === '') continue;
    if (!Object.hasOwn(ChildCmdType, c)) {
      throw new ArgumentError(`ZombieAttr::create failed: Invalid child type, expected one or more of [ init,event,meter,label,wait,queue,abort,complete] but found ${cmds}:${text}`);
    }
    childCmds.push(c as ChildCmd);
  }
  let lifetime = -1;
  if (life !== '') {
    const v = toInt(life);
    if (v === undefined) throw new ArgumentError(`ZombieAttr::create failed: Zombie life time must be convertible to an integer ${life}:${text}`);
    lifetime = v;
  }
  if (action === '' && lifetime === -1) {
    throw new ArgumentError(`ZombieAttr::create failed: User Action(fob,fail,remove,adopt,block) or lifetime must be specified: ${text}`);
  }
  return new ZombieAttr(type as ZombieType, childCmds, action === '' ? 'block' : (action as ZombieAction), lifetime);
}

/** `verify state:expected`; `actual` is the observed count (state). */
export class VerifyAttr {
  /** The state counted. */
  state: NStateName;
  /** How many times the node is expected to reach it. */
  expected: number;
  /** How many times it did (state). */
  actual: number;
  /** A `verify` as given. */
  constructor(state: NStateName, expected: number, actual = 0) {
    this.state = state;
    this.expected = expected;
    this.actual = actual;
  }
  /** The `verify state:expected` line, as ecFlow writes it (without the state). */
  toString(): string {
    return 'verify ' + this.state + ':' + this.expected;
  }
}

/** `queue name step step...`; `index` and `states` are its state. */
export class QueueAttr {
  /** The queue name. */
  name: string;
  /** The steps in order. */
  values: string[];
  /** Position of the next step to hand out (state). */
  index: number;
  /** The state of each step (state). */
  states: NStateName[];
  /** A queue; every step starts `queued` unless `states` is given. */
  constructor(name: string, values: string[], index = 0, states?: NStateName[]) {
    this.name = name;
    this.values = values;
    this.index = index;
    this.states = states ?? values.map(() => 'queued' as const);
  }
  /** The `queue name step…` line, as ecFlow writes it (without the state). */
  toString(): string {
    return 'queue ' + this.name + (this.values.length > 0 ? ' ' + this.values.join(' ') : '');
  }
  /** The ` # index state…` suffix of the state print styles. */
  stateSuffix(): string {
    let s = ' # ' + this.index;
    for (const st of this.states) s += ' ' + st;
    return s;
  }
}

/** `NState::toState` on a queue state token (unknown text maps to `unknown`, as the C++ release build does). */
export function queueState(tok: string): NStateName {
  return isNStateName(tok) ? tok : NSTATE_NAMES[0]!;
}

/** `generic name value...`. */
export class GenericAttr {
  /** The attribute name. */
  name: string;
  /** Its values, as written. */
  values: string[];
  /** A `generic` as given. */
  constructor(name: string, values: string[]) {
    this.name = name;
    this.values = values;
  }
  /** The `generic name value…` line, as ecFlow writes it. */
  toString(): string {
    let s = 'generic ' + this.name;
    for (const v of this.values) s += ' ' + v;
    return s;
  }
}

/** `autorestore path...`. */
export class AutoRestoreAttr {
  /** The archived nodes to restore when this node completes. */
  paths: string[];
  /** An `autorestore` of the paths. */
  constructor(paths: string[]) {
    this.paths = paths;
  }
  /** The `autorestore path…` line, as ecFlow writes it. */
  toString(): string {
    let s = 'autorestore';
    for (const p of this.paths) s += ' ' + p;
    return s;
  }
}

/** The suite calendar state (`ecf::Calendar`), written as the `calendar` line in state styles. */
export class Calendar {
  /**
   * The suite time when the calendar was begun (in the past for a clock with a date); `null` before begin.
   */
  initTime: PTime | null = null;
  /** The suite's current time (for a hybrid clock the date does not move). */
  suiteTime: PTime | null = null;
  /** Time since begin, microseconds; what `late` and `autocancel` measure against. */
  duration = 0;
  /** The computer's time when the calendar was begun. */
  initLocalTime: PTime | null = null;
  /** The computer's time at the last update. */
  lastTime: PTime | null = null;
  /** How far the calendar moved at its last update, microseconds, as the state styles carry it (0 when absent). @default 0 */
  increment = 0;
  /** The last update moved to a new day. @default false */
  dayChanged = false;

  /** `Calendar::write_state`: empty when the calendar was never initialised. */
  stateText(): string {
    if (this.initTime === null) return '';
    let s = ' initTime:' + formatPTime(this.initTime);
    s += ' suiteTime:' + ptimeText(this.suiteTime);
    s += ' duration:' + formatDuration(this.duration);
    s += ' initLocalTime:' + ptimeText(this.initLocalTime);
    s += ' lastTime:' + ptimeText(this.lastTime);
    if (this.increment !== 0) s += ' calendarIncrement:' + formatDuration(this.increment);
    if (this.dayChanged) s += ' dayChanged:1';
    return s;
  }
}

function ptimeText(t: PTime | null): string {
  return t === null ? 'not-a-date-time' : formatPTime(t);
}

/** `Calendar::read_state`. */
export function readCalendar(cal: Calendar, tokens: readonly string[]): void {
  const n = tokens.length;
  const timeAt = (i: number): PTime => {
    const tok = tokens[i]!;
    if (i + 1 >= n) throw new ArgumentError('Calendar::read_state failed: 1');
    return parsePTime(tok.slice(tok.indexOf(':') + 1) + ' ' + tokens[i + 1]);
  };
  for (let i = 0; i < n; i++) {
    const tok = tokens[i]!;
    if (tok.includes('initTime:')) cal.initTime = timeAt(i);
    else if (tok.includes('suiteTime:')) cal.suiteTime = timeAt(i);
    else if (tok.includes('initLocalTime:')) cal.initLocalTime = timeAt(i);
    else if (tok.includes('lastTime:')) cal.lastTime = timeAt(i);
    else if (tok.includes('duration:')) cal.duration = parseDuration(tok.slice(tok.indexOf(':') + 1));
    else if (tok.includes('calendarIncrement:')) cal.increment = parseDuration(tok.slice(tok.indexOf(':') + 1));
    else if (tok === 'dayChanged:1') cal.dayChanged = true;
  }
}
