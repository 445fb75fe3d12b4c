/**
 * Generated variables (ecFlow's `gen_variables`), printed as `# edit ...` in STATE style and
 * referenced by trigger expressions: SuiteGenVariables (ANode/src/Suite.cpp), FamGenVariables
 * (Family.cpp), SubGenVariables (Submittable.cpp) and the repeat variables (ANattr/src/RepeatAttr.cpp).
 * They are computed on demand from the node state, as a client that has just received the
 * definition does.
 */
import { Variable } from './attributes/basic.js';
import type { Repeat } from './attributes/repeat.js';
// Types only: model.ts calls into this module, so a value import back would be a cycle.
import type { Alias, AnyNode, Defs, Family, Node, Suite, Task } from './model.js';
import { instantParts, formatInstant } from './chrono.js';
import { toInt, pad } from './text.js';
import { DEFAULT_VERSION, since } from '../versions.js';

const DATETIME_PARTS = ['_DATE', '_YYYY', '_MM', '_DD', '_JULIAN', '_TIME', '_HOURS', '_MINUTES', '_SECONDS'];

/** `Cal::date_to_julian` (yyyymmdd → julian day number), with C integer division. */
export function dateToJulian(ddate: number): number {
  const year = Math.trunc(ddate / 10000);
  ddate %= 10000;
  const month = Math.trunc(ddate / 100);
  const day = ddate % 100;
  let m1: number;
  let y1: number;
  if (month > 2) {
    m1 = month - 3;
    y1 = year;
  } else {
    m1 = month + 9;
    y1 = year - 1;
  }
  const a = Math.trunc((146097 * Math.trunc(y1 / 100)) / 4);
  const d = y1 % 100;
  const b = Math.trunc((1461 * d) / 4);
  const c = Math.trunc((153 * m1 + 2) / 5) + day + 1721119;
  return a + b + c;
}

/** `Cal::julian_to_date` (julian day number → yyyymmdd), with C integer division. */
export function julianToDate(jdate: number): number {
  let x = 4 * jdate - 6884477;
  let y = Math.trunc(x / 146097) * 100;
  let e = x % 146097;
  let d = Math.trunc(e / 4);
  x = 4 * d + 3;
  y = Math.trunc(x / 1461) + y;
  e = x % 1461;
  d = Math.trunc(e / 4) + 1;
  x = 5 * d - 3;
  const m = Math.trunc(x / 153) + 1;
  e = x % 153;
  d = Math.trunc(e / 5) + 1;
  const month = m < 11 ? m + 2 : m - 10;
  const year = y + Math.trunc(m / 11);
  return year * 10000 + month * 100 + d;
}

/** Day of week (Sunday = 0) of a proleptic Gregorian date. */
function dayOfWeek(y: number, m: number, d: number): number {
  return (dateToJulian(y * 10000 + m * 100 + d) + 1) % 7;
}

// ---------------------------------------------------------------------------------------------
// repeats

/** `Repeat::last_valid_value()`: the current value clamped into the range (index for strings). */
export function repeatLastValidValue(r: Repeat): number {
  switch (r.kind) {
    case 'date':
    case 'integer':
      if (r.delta > 0) return r.value < r.start ? r.start : r.value > r.end ? r.end : r.value;
      return r.value > r.start ? r.start : r.value < r.end ? r.end : r.value;
    case 'datelist': {
      const n = r.list.length;
      if (n === 0) return 0;
      if (r.index < 0) return r.list[0]!;
      if (r.index >= n) return r.list[n - 1]!;
      return r.list[r.index]!;
    }
    case 'enumerated': {
      const n = r.values.length;
      if (n === 0) return 0;
      if (r.index < 0) return intOr(r.values[0]!, 0);
      if (r.index >= n) return intOr(r.values[n - 1]!, n - 1);
      return intOr(r.values[r.index]!, r.index);
    }
    case 'string': {
      const n = r.values.length;
      if (n === 0 || r.index < 0) return 0;
      return r.index >= n ? n - 1 : r.index;
    }
    case 'day':
      return r.step;
    case 'datetime':
      if (r.delta > 0) return r.value < r.start ? r.start : r.value > r.end ? r.end : r.value;
      return r.value > r.start ? r.start : r.value < r.end ? r.end : r.value;
    case 'datetimelist': {
      const n = r.list.length;
      if (n === 0) return 0;
      if (r.index < 0) return r.list[0]!;
      if (r.index >= n) return r.list[n - 1]!;
      return r.list[r.index]!;
    }
  }
}

/** `Repeat::value()`: the value printed by `REPEAT value(...)` in expression trees. */
export function repeatValue(r: Repeat): number {
  switch (r.kind) {
    case 'date':
    case 'integer':
      return r.value;
    case 'datelist':
      return r.index >= 0 && r.index < r.list.length ? r.list[r.index]! : 0;
    case 'enumerated':
      return r.index >= 0 && r.index < r.values.length ? intOr(r.values[r.index]!, r.index) : r.index;
    case 'string':
      return r.index;
    case 'day':
      return r.step;
    case 'datetime':
      return r.value;
    case 'datetimelist':
      return r.index >= 0 && r.index < r.list.length ? r.list[r.index]! : 0;
  }
}

/** `Repeat::valueAsString()`. */
export function repeatValueAsString(r: Repeat): string {
  switch (r.kind) {
    case 'date':
    case 'integer':
    case 'datelist':
      return String(repeatLastValidValue(r));
    case 'enumerated': {
      const n = r.values.length;
      if (n === 0) return '';
      return r.values[r.index < 0 ? 0 : r.index >= n ? n - 1 : r.index]!;
    }
    case 'string':
      return r.values.length === 0 ? '' : r.values[repeatLastValidValue(r)]!;
    case 'day':
      return '';
    case 'datetime':
      return formatInstant(repeatLastValidValue(r));
    case 'datetimelist':
      return r.list.length === 0 ? '' : formatInstant(repeatLastValidValue(r));
  }
}

/** `Repeat::last_valid_value_plus/minus` (date repeats step by days). */
export function repeatLastValidValuePlus(r: Repeat, val: number): number {
  const last = repeatLastValidValue(r);
  if (r.kind === 'date') return julianToDate(dateToJulian(last) + val);
  if (r.kind === 'datelist') return last === 0 ? 0 : julianToDate(dateToJulian(last) + val);
  if (r.kind === 'datetimelist') return last === 0 ? 0 : last + val; // seconds
  return last + val;
}

function intOr(s: string, fallback: number): number {
  const v = toInt(s);
  return v === undefined ? fallback : v;
}

function repeatValid(r: Repeat): boolean {
  switch (r.kind) {
    case 'date':
    case 'integer':
      return r.delta > 0 ? r.value <= r.end : r.value >= r.end;
    case 'datelist':
      return r.index >= 0 && r.index < r.list.length;
    case 'enumerated':
    case 'string':
      return r.index >= 0 && r.index < r.values.length;
    case 'day':
      return true;
    case 'datetime':
      return r.delta > 0 ? r.value <= r.end : r.value >= r.end;
    case 'datetimelist':
      return r.index >= 0 && r.index < r.list.length;
  }
}

/** A number as ecFlow 5.16+ writes repeat date parts (`as_2_digits` / `as_4_digits`), or plainly before. */
function part(v: number, width: number, zeroPad: boolean): string {
  return zeroPad ? pad(v, width) : String(v);
}

/**
 * `RepeatBase::gen_variables` after `update_repeat_genvar`. `zeroPad`: ecFlow 5.16+ writes `_YYYY`
 * with four digits and `_MM`, `_DD`, `_HOURS`, `_MINUTES`, `_SECONDS` with two.
 */
function repeatGenVariables(r: Repeat, out: string[], zeroPad: boolean): void {
  if (r.kind === 'datetime' || r.kind === 'datetimelist') {
    // RepeatDateTime(List)::update_repeat_genvar_value: the date and time parts of the current instant
    const n = r.name;
    if (repeatValid(r)) {
      const v = repeatLastValidValue(r);
      const p = instantParts(v);
      const date = pad(p.y, 4) + pad(p.m, 2) + pad(p.d, 2);
      out.push(
        n + '_DATE', date,
        n + '_YYYY', part(p.y, 4, zeroPad),
        n + '_MM', part(p.m, 2, zeroPad),
        n + '_DD', part(p.d, 2, zeroPad),
        n + '_JULIAN', String(dateToJulian(p.y * 10000 + p.m * 100 + p.d)),
        n + '_TIME', pad(p.h, 2) + pad(p.mi, 2) + pad(p.s, 2),
        n + '_HOURS', part(p.h, 2, zeroPad),
        n + '_MINUTES', part(p.mi, 2, zeroPad),
        n + '_SECONDS', part(p.s, 2, zeroPad),
      );
    } else {
      for (const x of DATETIME_PARTS) out.push(n + x, '<invalid>');
    }
    out.push(n, repeatValueAsString(r));
    return;
  }
  if (r.kind === 'date' || r.kind === 'datelist') {
    let yyyy = '<invalid>';
    let mm = '<invalid>';
    let dd = '<invalid>';
    let dow = ''; // RepeatDate::update_repeat_genvar resets DD twice and never DOW
    let julian = '<invalid>';
    if (repeatValid(r)) {
      const v = repeatLastValidValue(r);
      const y = Math.trunc(v / 10000);
      const m = Math.trunc(v / 100) % 100;
      const d = v % 100;
      yyyy = part(y, 4, zeroPad);
      mm = part(m, 2, zeroPad);
      dd = part(d, 2, zeroPad);
      dow = String(dayOfWeek(y, m, d));
      julian = String(dateToJulian(v));
    }
    out.push(r.name + '_YYYY', yyyy, r.name + '_MM', mm, r.name + '_DD', dd, r.name + '_DOW', dow, r.name + '_JULIAN', julian);
  }
  out.push(r.name, repeatValueAsString(r));
}

// ---------------------------------------------------------------------------------------------
// variable look-up

/** `ServerState::find_variable`: server user variables, then server variables. */
function serverVariable(node: Node, name: string): string {
  const defs = node.defs;
  if (defs === null) return '';
  for (const v of defs.userVariables) if (v.name === name) return v.value;
  for (const v of defs.serverVariables) if (v.name === name) return v.value;
  return '';
}

/** `Node::find_parent_user_variable_value`: user variables up the tree, then the server's. */
export function findParentUserVariableValue(node: Node, name: string): string {
  for (let n: Node | null = node; n !== null; n = n.parent) {
    const v = n.findVariable(name);
    if (v !== undefined) return v.value;
  }
  return serverVariable(node, name);
}

/** `Node::findParentVariableValue`: user variables, repeats and generated variables up the tree. */
function findParentVariableValue(node: Node, name: string, self: Variable[] | null): string | undefined {
  for (let n: Node | null = node; n !== null; n = n.parent) {
    const v = n.findVariable(name);
    if (v !== undefined) return v.value;
    const r = n.repeat;
    if (r !== null && r.name === name) return repeatValueAsString(r);
    const g = n === node && self !== null ? self.find((x) => x.name === name)?.value : findGenVariableValue(n, name);
    if (g !== undefined) return g;
  }
  const s = serverVariable(node, name);
  return s.length > 0 ? s : undefined;
}

/**
 * `Node::variable_substitution` with no user edit variables. `self` stands for the node's own
 * generated variables while they are being computed (`ECF_OUT` for `ECF_JOBOUT`); `null` computes
 * them on demand.
 */
function substitute(node: Node, cmd: string, self: Variable[] | null, micro: string): string {
  return substituteMicros(cmd, micro, 1000, (percentVar) => {
    let generated = false;
    if (percentVar.startsWith('ECF_')) {
      for (const g of ['ECF_HOST', 'ECF_PORT', 'ECF_TRYNO', 'ECF_NAME', 'ECF_PASS']) if (percentVar.includes(g)) generated = true;
    }
    const colon = percentVar.indexOf(':');
    let value: string | undefined;
    if (generated && colon < 0) value = findParentGenVariableValue(node, percentVar, self);
    if (value !== undefined) return value;
    if (colon < 0) return findParentVariableValue(node, percentVar, self);
    if (node.kind === 'alias') value = findParentVariableValue(node, percentVar, self);
    if (value !== undefined) return value;
    const name = percentVar.slice(0, colon);
    if (generated) value = findParentGenVariableValue(node, name, self);
    return value ?? findParentVariableValue(node, name, self) ?? percentVar.slice(colon + 1);
  });
}

/**
 * The loop ecFlow's substitutions share: each `%NAME%` (micro character `micro`) is replaced by
 * `resolve(NAME)` from the start of the text again, until none is left, `resolve` returns
 * `undefined` (the text is returned as far as it got) or more than `limit` replacements were made;
 * then `%%` become `%`.
 */
function substituteMicros(cmd: string, micro: string, limit: number, resolve: (percentVar: string) => string | undefined): string {
  let pos = 0;
  let count = 0;
  let doubleMicro = false;
  for (;;) {
    const first = cmd.indexOf(micro, pos);
    if (first < 0) break;
    const second = cmd.indexOf(micro, first + 1);
    if (second < 0) break;
    if (second - first <= 1) {
      pos = second + 1;
      doubleMicro = true;
      continue;
    }
    pos = 0;
    const value = resolve(cmd.slice(first + 1, second));
    if (value === undefined) return cmd;
    cmd = cmd.slice(0, first) + value + cmd.slice(second + 1);
    if (count > limit) return cmd;
    count++;
  }
  return doubleMicro ? singleMicros(cmd, micro) : cmd;
}

/**
 * `Node::variableSubsitution`: replaces `%VAR%` (and `%VAR:default%`) in `text` with the variables
 * seen from `node` (its own and its parents' user, repeat and generated variables, then the
 * server's), recursively, and `%%` with `%`. The micro character is `ECF_MICRO` when that is one
 * character. A variable that cannot be found ends the substitution: the text is returned as far as
 * it got, as ecFlow does.
 */
export function variableSubstitution(node: Node, text: string): string {
  const micro = findParentUserVariableValue(node, 'ECF_MICRO');
  return substitute(node, text, null, micro.length === 1 ? micro : '%');
}

/**
 * `ServerState::variableSubsitution`: the same replacement with the server's user and server
 * variables only (what ecFlow applies to a value found among them).
 */
export function serverVariableSubstitution(defs: Defs, cmd: string): string {
  const microVar = defs.findVariable('ECF_MICRO');
  const micro = microVar !== undefined && microVar.value.length > 0 ? microVar.value[0]! : '%';
  return substituteMicros(cmd, micro, 100, (percentVar) => {
    const value = defs.findVariable(percentVar)?.value;
    if (value !== undefined) return value;
    const colon = percentVar.indexOf(':');
    if (colon < 0) return undefined;
    return defs.findVariable(percentVar.slice(0, colon))?.value ?? percentVar.slice(colon + 1);
  });
}

/** Replaces each `%%` with `%` in one left-to-right pass (`%%%%` becomes `%%`). */
function singleMicros(cmd: string, micro: string): string {
  const two = micro + micro;
  let last = 0;
  for (;;) {
    const p = cmd.indexOf(two, last);
    if (p < 0) return cmd;
    cmd = cmd.slice(0, p) + cmd.slice(p + 1);
    last = p + 1;
  }
}

/**
 * `Node::find_parent_variable_sub_value`: the first user variable of that name up the tree (else the
 * server's), with its value substituted; `''` when there is none.
 */
export function findParentVariableSubValue(node: Node, name: string): string {
  for (let n: Node | null = node; n !== null; n = n.parent) {
    const v = n.findVariable(name);
    if (v !== undefined) return variableSubstitution(node, v.value);
  }
  const defs = node.defs;
  if (defs === null) return '';
  return serverVariableSubstitution(defs, defs.findVariable(name)?.value ?? '');
}

function findParentGenVariableValue(node: Node, name: string, self: Variable[] | null): string | undefined {
  for (let n: Node | null = node; n !== null; n = n.parent) {
    const g = n === node && self !== null ? self.find((x) => x.name === name)?.value : findGenVariableValue(n, name);
    if (g !== undefined) return g;
  }
  const s = serverVariable(node, name);
  return s.length > 0 ? s : undefined;
}

// ---------------------------------------------------------------------------------------------
// per node kind

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function suiteGenVariables(s: Suite, out: string[]): void {
  const t = s.calendar.suiteTime;
  if (!s.begun || t === null) {
    out.push('SUITE', s.name);
    for (const n of ['ECF_DATE', 'YYYY', 'DOW', 'DOY', 'DATE', 'DAY', 'DD', 'MM', 'MONTH', 'ECF_CLOCK', 'ECF_TIME', 'ECF_JULIAN', 'TIME']) out.push(n, '');
    return;
  }
  const { y, m, d } = t.date;
  const secs = Math.floor(t.us / 1e6);
  const hours = Math.floor(secs / 3600);
  const minutes = Math.floor(secs / 60) % 60;
  const ymd = y * 10000 + m * 100 + d;
  const julian = dateToJulian(ymd);
  const dow = (julian + 1) % 7;
  const doy = julian - dateToJulian(y * 10000 + 101) + 1;
  out.push(
    'SUITE', s.name,
    'ECF_DATE', pad(y, 4) + pad(m, 2) + pad(d, 2),
    'YYYY', String(y),
    'DOW', String(dow),
    'DOY', String(doy),
    'DATE', pad(d, 2) + '.' + pad(m, 2) + '.' + pad(y, 4),
    'DAY', DAY_NAMES[dow]!,
    'DD', pad(d, 2),
    'MM', pad(m, 2),
    'MONTH', MONTH_NAMES[m - 1]!,
    'ECF_CLOCK', DAY_NAMES[dow]! + ':' + MONTH_NAMES[m - 1]! + ':' + dow + ':' + doy,
    'ECF_TIME', pad(hours, 2) + ':' + pad(minutes, 2),
    'ECF_JULIAN', String(julian),
    'TIME', pad(hours, 2) + pad(minutes, 2),
  );
}

function familyGenVariables(f: Family, out: string[]): void {
  const path = f.absNodePath();
  const second = path.indexOf('/', 1);
  out.push('FAMILY', path.slice(second + 1), 'FAMILY1', f.name);
}

function submittableGenVariables(t: Task | Alias, out: string[]): void {
  // one walk up the tree for ECF_HOME, ECF_EXTN and ECF_OUT (find_parent_user_variable_value)
  let ecfHome: string | undefined;
  let extn: string | undefined;
  let ecfOut: string | undefined;
  let path = t.name;
  for (let n: Node | null = t; n !== null; n = n.parent) {
    if (n !== t) path = n.name + '/' + path;
    const vars = n.variables;
    for (let i = 0; i < vars.length; i++) {
      const v = vars[i]!;
      const name = v.name;
      if (name === 'ECF_HOME') ecfHome ??= v.value;
      else if (name === 'ECF_EXTN') extn ??= v.value;
      else if (name === 'ECF_OUT') ecfOut ??= v.value;
    }
  }
  path = '/' + path;
  ecfHome ??= serverVariable(t, 'ECF_HOME');
  ecfOut ??= serverVariable(t, 'ECF_OUT');
  if (t.kind === 'alias') extn = '.usr';
  else {
    extn ??= serverVariable(t, 'ECF_EXTN');
    if (extn.length === 0) extn = '.ecf';
  }
  const tryNo = String(t.tryNo);
  const task = t.kind === 'alias' && t.parent !== null ? t.parent.name : t.name;
  const job = ecfHome + path + '.job' + tryNo;
  let jobout: string;
  if (ecfOut.length === 0) jobout = ecfHome + path + '.' + tryNo;
  else {
    if (ecfOut.includes('%')) {
      // the generated variables as they stand while ECF_JOBOUT is being computed
      const self = [
        new Variable('ECF_JOB', job),
        new Variable('ECF_JOBOUT', ''),
        new Variable('ECF_TRYNO', tryNo),
        new Variable('ECF_NAME', path),
        new Variable('TASK', task),
        new Variable('ECF_PASS', t.password),
        new Variable('ECF_SCRIPT', ecfHome + path + extn),
        new Variable('ECF_RID', t.rid),
      ];
      ecfOut = substitute(t, ecfOut, self, '%'); // SubGenVariables uses '%' whatever ECF_MICRO says
    }
    jobout = ecfOut + path + '.' + tryNo;
  }
  out.push(
    'TASK', task,
    'ECF_JOB', job,
    'ECF_SCRIPT', ecfHome + path + extn,
    'ECF_JOBOUT', jobout,
    'ECF_TRYNO', tryNo,
    'ECF_RID', t.rid,
    'ECF_NAME', path,
    'ECF_PASS', t.password,
  );
}

/** Appends the generated variables of a node as name, value, name, value, ... in ecFlow's print order. */
export function generatedPairs(node: Node, out: string[], zeroPad = false): void {
  const r = node.repeat;
  const n = node as AnyNode;
  if (n.kind === 'suite') {
    if (r !== null) repeatGenVariables(r, out, zeroPad);
    suiteGenVariables(n, out);
  } else if (n.kind === 'family') {
    familyGenVariables(n, out);
    if (r !== null) repeatGenVariables(r, out, zeroPad);
  } else {
    submittableGenVariables(n, out);
    if (r !== null) repeatGenVariables(r, out, zeroPad);
  }
}

/** Options of `generatedVariables` and `findGenVariable`. */
export interface GeneratedVariableOptions {
  /**
   * The ecFlow release whose values to compute: from 5.16 the repeat date parts are zero-padded
   * (`YMD_MM` is `01`, `DT_HOURS` `00`) and `_YYYY` has four digits.
   * @default '5.9.2'
   */
  version?: string;
}

/** The generated variables of a node, in the order ecFlow prints them (`Node::gen_variables`). */
export function generatedVariables(node: Node, options: GeneratedVariableOptions = {}): Variable[] {
  const pairs: string[] = [];
  generatedPairs(node, pairs, since(options.version ?? DEFAULT_VERSION, 'zeroPaddedRepeatVariables'));
  const out: Variable[] = [];
  for (let i = 0; i < pairs.length; i += 2) out.push(new Variable(pairs[i]!, pairs[i + 1]!));
  return out;
}

/** `Node::findGenVariable`: a generated variable of this node by name. */
export function findGenVariable(node: Node, name: string, options: GeneratedVariableOptions = {}): Variable | undefined {
  const value = findGenVariableValue(node, name, since(options.version ?? DEFAULT_VERSION, 'zeroPaddedRepeatVariables'));
  return value === undefined ? undefined : new Variable(name, value);
}

/** The value of a generated variable of this node, `undefined` when it has none of that name. */
export function findGenVariableValue(node: Node, name: string, zeroPad = false): string | undefined {
  // cheap rejections first: most look-ups come from expressions naming events or meters
  const r = node.repeat;
  let candidate: boolean;
  const kind = node.kind;
  if (kind === 'suite') candidate = SUITE_NAMES.has(name);
  else if (kind === 'family') candidate = name === 'FAMILY' || name === 'FAMILY1';
  else candidate = SUB_NAMES.has(name);
  if (!candidate && r !== null) candidate = name.startsWith(r.name);
  if (!candidate) return undefined;
  const pairs: string[] = [];
  generatedPairs(node, pairs, zeroPad);
  // Suite::findGenVariable searches the suite's own variables before the repeat's
  if (kind === 'suite') for (let i = pairs.length - 28; i < pairs.length; i += 2) if (pairs[i] === name) return pairs[i + 1];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === name) return pairs[i + 1];
  return undefined;
}

const SUITE_NAMES = new Set(['SUITE', 'ECF_DATE', 'YYYY', 'DOW', 'DOY', 'DATE', 'DAY', 'DD', 'MM', 'MONTH', 'ECF_CLOCK', 'ECF_TIME', 'ECF_JULIAN', 'TIME']);
const SUB_NAMES = new Set(['ECF_JOB', 'ECF_JOBOUT', 'ECF_TRYNO', 'TASK', 'ECF_PASS', 'ECF_SCRIPT', 'ECF_NAME', 'ECF_RID']);
