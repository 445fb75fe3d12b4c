/** `zombie`, `verify`, `queue`, `generic`, `autorestore` and the suite `calendar` line. */
import { ArgumentError } from '../../errors.js';
import { NSTATE_NAMES, isNStateName, type NStateName } from '../states.js';
import { formatDuration, formatPTime, parseDuration, parsePTime, toInt, type PTime } from '../text.js';

/**
 * Zombie types by name (`ecf::Child::ZombieType`, Python's `ecflow.ZombieType`): `ZombieType.ecf` is
 * `'ecf'`, the text a `zombie` line and `ZombieAttr.type` hold.
 */
export const ZombieType = {
  user: 'user',
  ecf: 'ecf',
  ecf_pid: 'ecf_pid',
  ecf_pid_passwd: 'ecf_pid_passwd',
  ecf_passwd: 'ecf_passwd',
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
  fob: 'fob',
  fail: 'fail',
  adopt: 'adopt',
  remove: 'remove',
  block: 'block',
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
  init: 'init',
  event: 'event',
  meter: 'meter',
  label: 'label',
  wait: 'wait',
  queue: 'queue',
  abort: 'abort',
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
  type: ZombieType;
  action: ZombieAction;
  childCmds: ChildCmd[];
  lifetime: number;
  constructor(type: ZombieType, childCmds: ChildCmd[], action: ZombieAction, lifetime: number) {
    this.type = type;
    this.childCmds = childCmds;
    this.action = action;
    if (lifetime <= 0) lifetime = type === 'user' ? 300 : type === 'path' ? 900 : 3600;
    else if (lifetime < 60) lifetime = 60;
    this.lifetime = lifetime;
  }
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
  state: NStateName;
  expected: number;
  actual: number;
  constructor(state: NStateName, expected: number, actual = 0) {
    this.state = state;
    this.expected = expected;
    this.actual = actual;
  }
  toString(): string {
    return 'verify ' + this.state + ':' + this.expected;
  }
}

/** `queue name step step...`; `index` and `states` are its state. */
export class QueueAttr {
  name: string;
  values: string[];
  index: number;
  states: NStateName[];
  constructor(name: string, values: string[], index = 0, states?: NStateName[]) {
    this.name = name;
    this.values = values;
    this.index = index;
    this.states = states ?? values.map(() => 'queued' as const);
  }
  toString(): string {
    return 'queue ' + this.name + (this.values.length > 0 ? ' ' + this.values.join(' ') : '');
  }
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
  name: string;
  values: string[];
  constructor(name: string, values: string[]) {
    this.name = name;
    this.values = values;
  }
  toString(): string {
    let s = 'generic ' + this.name;
    for (const v of this.values) s += ' ' + v;
    return s;
  }
}

/** `autorestore path...`. */
export class AutoRestoreAttr {
  paths: string[];
  constructor(paths: string[]) {
    this.paths = paths;
  }
  toString(): string {
    let s = 'autorestore';
    for (const p of this.paths) s += ' ' + p;
    return s;
  }
}

/** The suite calendar state (`ecf::Calendar`), written as the `calendar` line in state styles. */
export class Calendar {
  initTime: PTime | null = null;
  suiteTime: PTime | null = null;
  /** Microseconds. */
  duration = 0;
  initLocalTime: PTime | null = null;
  lastTime: PTime | null = null;
  /** Microseconds. @default 0 */
  increment = 0;
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
