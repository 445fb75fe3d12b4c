/**
 * `why`: the reasons a node (or every suite) is not running, as ecflow_client 5.9.2 computes them
 * on the client from a definition fetched from the server (Base/src/WhyCmd.cpp; `Defs::why`,
 * `Node::why`, `NodeContainer::top_down_why`, `InLimitMgr::why`, the `why` of the time attributes
 * in ANattr/src and `Ast::why_expression` in ANode/src/ExprAst.cpp).
 *
 * Time attributes are judged against each suite's calendar as the server last sent it (the
 * `calendar` state line), not against the client's clock, as ecflow_client does.
 */
import { ArgumentError } from '../errors.js';
import type { CronAttr, DateAttr, DayAttr, TimeSeries, TimeSlot } from './attributes/time.js';
import { DAY_NAMES } from './attributes/time.js';
import type { ExprAst } from './expression.js';
import { formatInstant } from './chrono.js';
import { findNode, findReferencedNode } from './find.js';
import { findGenVariableValue } from './generated.js';
import { type Defs, type Expression, type Node, NodeContainer, type Suite } from './model.js';
import { combinedAst, Evaluator, parentVariableNode, refNode, resetRefMemo } from './state-ast.js';
import { DSTATE_NAMES, Flag } from './states.js';
import { formatSimpleDate, toInt, type YMD } from './text.js';

/**
 * The text `ecflow_client --group="get; why[=path]"` prints for `defs`: the reasons for the node
 * at `path` and its ancestors (bottom up), or, when `path` is empty, for the definition and, top
 * down, every suite until a reason is found on each branch. One reason a line, newline terminated.
 * Throws when `path` names no node, with ecflow_client's message.
 */
export function why(defs: Defs, path = ''): string {
  const reasons: string[] = [];
  if (path !== '') {
    const node = findNode(defs, path);
    if (node === undefined) throw new ArgumentError(`WhyCmd: The node path parameter '${path}' cannot be found.`);
    // Node::bottom_up_why: the definition, then the suite down to the node
    defsWhy(defs, reasons);
    const chain: Node[] = [];
    for (let n: Node | null = node; n !== null; n = n.parent) chain.push(n);
    for (let i = chain.length - 1; i >= 0; i--) nodeWhy(chain[i]!, reasons);
  } else if (!defsWhy(defs, reasons)) {
    for (const suite of defs.suites) topDownWhy(suite, reasons);
  }
  return reasons.join('\n') + '\n';
}

/** The reasons of one node, as {@link whyTopDown} lists them. */
export interface NodeReasons {
  /** The absolute path of the node the reasons belong to. */
  path: string;
  /** Its reasons, each a line as `ecflow_client --why` prints it. */
  reasons: string[];
}

/**
 * `NodeContainer::top_down_why` of the node at `path`, as ecflow_ui's why tab shows it for a
 * family or suite (VNode::why): the node's own reasons and, when it has none, those of each child
 * in turn, top down, until a reason is found on each branch. Grouped by the node they belong to,
 * nodes without reasons left out. Throws when `path` names no node, as {@link why} does.
 */
export function whyTopDown(defs: Defs, path: string): NodeReasons[] {
  const node = findNode(defs, path);
  if (node === undefined) throw new ArgumentError(`WhyCmd: The node path parameter '${path}' cannot be found.`);
  const out: NodeReasons[] = [];
  const walk = (n: Node): boolean => {
    const reasons: string[] = [];
    let found = nodeWhy(n, reasons);
    if (reasons.length > 0) out.push({ path: n.absNodePath(), reasons });
    if (!found && n instanceof NodeContainer) {
      for (const child of n.children) if (walk(child)) found = true;
    }
    return found;
  };
  walk(node);
  return out;
}

/** `Defs::why`: true when the server is not running (nothing below can run). */
function defsWhy(defs: Defs, out: string[]): boolean {
  if (defs.serverState !== 'RUNNING') {
    out.push('The server is *not* RUNNING.');
    return true;
  }
  if (defs.state !== 'queued' && defs.state !== 'aborted') out.push(`The definition state(${defs.state}) is not queued or aborted.`);
  return false; // ServerState::why: only HALTED / SHUTDOWN, covered above
}

/** `NodeContainer::top_down_why` / `Node::top_down_why`. */
function topDownWhy(node: Node, out: string[]): boolean {
  let found = nodeWhy(node, out);
  if (!found && node instanceof NodeContainer) {
    for (const child of node.children) if (topDownWhy(child, out)) found = true;
  }
  return found;
}

/** `Node::why`. */
function nodeWhy(node: Node, out: string[]): boolean {
  let found = false;
  if (node.suspended) {
    out.push(`${node.debugNodePath()} is suspended`);
    found = true;
  } else if (node.state !== 'queued' && node.state !== 'aborted') {
    out.push(`${node.debugNodePath()} (${node.state}) is not queued or aborted`);
    // an active or submitted task: nothing more to say; a container's children may still wait
    if (node.kind === 'task') return found;
    found = true;
  }
  if (inLimitWhy(node, out)) found = true;

  const prefix = `${node.debugType()} ${node.absNodePath()}(${node.state}) `;
  if (node.hasRareAttributes()) {
    const c = calendarOf(node);
    for (const day of node.days) {
      const r = dayWhy(day, c);
      if (r !== undefined) {
        out.push(prefix + r);
        found = true;
      }
    }
    for (const date of node.dates) {
      const r = dateWhy(date, c);
      if (r !== undefined) {
        out.push(prefix + r);
        found = true;
      }
    }
    for (const today of node.todays) {
      const r = timeWhy('today', today.series, today.free, c, node);
      if (r !== undefined) {
        out.push(prefix + r);
        found = true;
      }
    }
    for (const time of node.times) {
      const r = timeWhy('time', time.series, time.free, c, node);
      if (r !== undefined) {
        out.push(prefix + r);
        found = true;
      }
    }
    for (const cron of node.crons) {
      const r = cronWhy(cron, c);
      if (r !== undefined) {
        out.push(prefix + r);
        found = true;
      }
    }
    // AvisoAttr::why (no notification reaches a client's definition) and MirrorAttr::why, 5.13+
    for (const a of node.avisos) {
      out.push(`${prefix} is Aviso dependent (${a.listener}), but no notification received`);
      found = true;
    }
    for (const m of node.mirrors) {
      out.push(`${prefix} is a Mirror of ${m.remotePath} at '${m.remoteHost}:${m.remotePort}'`);
      found = true;
    }
  }

  // A complete expression that holds (or is freed) means the trigger does not hold the node.
  let reportTrigger = true;
  const complete = node.complete === null ? null : combinedAst(node.complete);
  if (complete !== null && (node.complete!.free || evaluate(node, complete))) reportTrigger = false;
  const trigger = node.trigger;
  if (reportTrigger && trigger !== null && !trigger.free) {
    const r = expressionWhy(node, trigger);
    if (r !== undefined) {
      out.push(prefix + r);
      found = true;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// limits (InLimitMgr::why)

function resolveLimit(node: Node, path: string, name: string) {
  if (path === '') {
    for (let n: Node | null = node; n !== null; n = n.parent) {
      const l = n.findLimit(name);
      if (l !== undefined) return l;
    }
    return undefined;
  }
  return findReferencedNode(node, path, name).node?.findLimit(name);
}

function inLimitWhy(node: Node, out: string[]): boolean {
  const inLimits = node.inLimits;
  if (inLimits.length === 0) return false;
  // InLimitMgr::inLimit: every in-limit that refers to a limit must have room for its tokens
  let withLimits = 0;
  let inLimitCount = 0;
  for (const il of inLimits) {
    if (il.limitThisNodeOnly && il.incremented) continue;
    const limit = resolveLimit(node, il.path, il.name);
    if (limit !== undefined) {
      withLimits++;
      if (limit.value + il.tokens <= limit.limit) inLimitCount++;
    }
  }
  if (withLimits === inLimitCount) return false;
  let found = false;
  for (const il of inLimits) {
    const limit = resolveLimit(node, il.path, il.name);
    if (limit === undefined || limit.value + il.tokens <= limit.limit) continue;
    let s = il.path === '' ? `limit ${limit.name} is full` : `limit ${il.path}:${limit.name} is full`;
    // the first four nodes holding tokens
    s += '(';
    let count = 0;
    for (const p of limit.paths) {
      if (count === 4) {
        s += '...';
        break;
      }
      s += p + ',';
      count++;
    }
    s += ')';
    out.push(s);
    found = true;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// the suite calendar (ecf::Calendar as the client restored it)

/** Days since 1970-01-01; `null` stands for boost's not-a-date-time. */
type DayNo = number | null;

interface Cal {
  date: DayNo;
  /** Suite time of day, minutes. */
  minutes: number;
  /** -1 while the suite was never begun (`Calendar::update_cache` leaves its cache so). */
  dayOfWeek: number;
  dayOfMonth: number;
  month: number;
  year: number;
}

const MS_PER_DAY = 86_400_000;

function dayNo(d: YMD): number {
  return Date.UTC(d.y, d.m - 1, d.d) / MS_PER_DAY;
}
function ymd(n: number): YMD {
  const t = new Date(n * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
function dateText(n: DayNo): string {
  return formatSimpleDate(n === null ? null : ymd(n));
}
function weekDay(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCDay();
}
function endOfMonth(n: number): number {
  const d = ymd(n);
  return Date.UTC(d.y, d.m, 0) / MS_PER_DAY;
}

function calendarOf(node: Node): Cal {
  let top: Node = node;
  while (top.parent !== null) top = top.parent;
  const suiteTime = top.kind === 'suite' ? (top as Suite).calendar.suiteTime : null;
  // never begun: boost's not-a-date-time time of day has more hours than any time slot
  if (suiteTime === null) return { date: null, minutes: Number.POSITIVE_INFINITY, dayOfWeek: -1, dayOfMonth: -1, month: -1, year: -1 };
  const date = dayNo(suiteTime.date);
  const minutes = Math.floor(suiteTime.us / 60e6) % (24 * 60);
  return { date, minutes, dayOfWeek: weekDay(date), dayOfMonth: suiteTime.date.d, month: suiteTime.date.m, year: suiteTime.date.y };
}

// ---------------------------------------------------------------------------------------------
// time, today and cron (TimeAttr::why, TodayAttr::why, CronAttr::why, TimeSeries)

const mins = (t: TimeSlot) => t.h * 60 + t.m;

function slotText(minutes: number): string {
  // TimeSlot of boost's not-a-date-time duration: its hours overflow an int
  if (minutes === Number.POSITIVE_INFINITY) return '0-1732919508:00';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return (h < 10 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m;
}

/** `TimeSeries::duration`: relative series count from suite start, others use the suite time of day (minutes). */
function seriesMinutes(ts: TimeSeries, c: Cal): number {
  if (ts.relative) return Math.floor(ts.relativeDuration / 60e6);
  return c.minutes;
}

/** `TimeSeries::isFree`. */
function seriesIsFree(ts: TimeSeries, c: Cal): boolean {
  if (!ts.isValid) return false;
  const now = seriesMinutes(ts, c);
  if (ts.finish === null || ts.incr === null) return now === mins(ts.start);
  for (let slot = mins(ts.nextTimeSlot); slot <= mins(ts.finish); slot += mins(ts.incr)) {
    if (slot === now) return true;
  }
  return false;
}

/** `TimeSeries::why`. */
function seriesWhy(ts: TimeSeries, c: Cal): string {
  const rel = ts.relative ? '+' : '';
  return ` ( next run time is ${rel}${slotText(mins(ts.nextTimeSlot))}, current suite time is ${rel}${slotText(seriesMinutes(ts, c))} )`;
}

/** `TimeSeries::requeueable`. */
function requeueable(ts: TimeSeries, c: Cal): boolean {
  const now = seriesMinutes(ts, c);
  if (now < mins(ts.start)) return true;
  return ts.finish !== null && ts.incr !== null && now < mins(ts.finish);
}

/** `TimeSeries::compute_next_time_slot`: minutes, or `null` once expired. */
function nextTimeSlot(ts: TimeSeries, c: Cal): number | null {
  const now = seriesMinutes(ts, c);
  if (ts.finish === null || ts.incr === null) return now >= mins(ts.start) ? null : mins(ts.start);
  let slot = mins(ts.start);
  while (now >= slot) slot += mins(ts.incr);
  return slot > mins(ts.finish) ? null : slot;
}

/** `TimeAttr::why` / `TodayAttr::why`. */
function timeWhy(keyword: 'time' | 'today', ts: TimeSeries, free: boolean, c: Cal, node: Node): string | undefined {
  if (free) return undefined;
  const series = ts.finish !== null && ts.incr !== null;
  if (keyword === 'today' && !series && seriesMinutes(ts, c) > mins(ts.start)) return undefined; // TodayAttr::is_free
  if (seriesIsFree(ts, c)) return undefined;
  const days = node.days;
  const dates = node.dates;
  let s = `is ${keyword} `;
  if (days.length > 0) s += 'and day ';
  if (dates.length > 0) s += 'and date ';
  s += 'dependent';
  if (ts.isValid) {
    const now = seriesMinutes(ts, c);
    if (now < mins(ts.start) || (series && now < mins(ts.finish!))) return s + seriesWhy(ts, c);
  }
  s += ` ( '${keyword} ${ts.toString()}' has expired,`;
  if (requeueable(ts, c)) {
    const next = nextTimeSlot(ts, c);
    if (next === null || !series) s += ' *re-queue* to run at this time';
    else s += (keyword === 'time' ? ' *re-queue* to run at ' : ' *re-queue* to run at') + slotText(next);
  } else if (ts.relative) {
    s += ' please *re-queue*, to reset the relative duration';
  } else {
    let next: DayNo = null;
    if (days.length > 0 || dates.length > 0) {
      let min: DayNo | undefined;
      for (const day of days) min = earlier(min, dayNextMatchingDate(day, c));
      for (const date of dates) min = earlier(min, dateNextMatchingDate(date, c));
      next = min ?? null;
      s += ' next run at ';
    } else {
      next = c.date === null ? null : c.date + 1;
      s += ' next run tomorrow at ';
    }
    s += slotText(mins(ts.start)) + ' ' + dateText(next);
  }
  return s + ' )';
}

/** The smaller of two dates, a special (not-a-date-time) one never winning once a real one is seen. */
function earlier(min: DayNo | undefined, d: DayNo): DayNo {
  if (min === undefined || min === null) return d;
  if (d !== null && d < min) return d;
  return min;
}

function cronSeries(cron: CronAttr): TimeSeries {
  // parseCron always sets a series; a model built by hand may not ("00:00" as CronAttr::write prints)
  return cron.series ?? ({ start: { h: 0, m: 0 }, finish: null, incr: null, relative: false, isValid: true, nextTimeSlot: { h: 0, m: 0 }, relativeDuration: 0 } as unknown as TimeSeries);
}

/** `CronAttr::is_day_of_week_day_of_month_and_month_free`. */
function cronDayFree(cron: CronAttr, c: Cal): boolean {
  let weekDayMatches = cron.weekDays.length === 0 && cron.lastWeekDaysOfMonth.length === 0;
  let dayOfMonthMatches = cron.daysOfMonth.length === 0;
  let monthMatches = cron.months.length === 0;
  if (cron.weekDays.length > 0) weekDayMatches = cron.weekDays.includes(c.dayOfWeek);
  if (!weekDayMatches && cron.lastWeekDaysOfMonth.length > 0) {
    weekDayMatches = c.date !== null && cron.lastWeekDaysOfMonth.includes(c.dayOfWeek) && endOfMonth(c.date) - c.date < 7;
  }
  if (cron.daysOfMonth.length > 0 || cron.lastDayOfMonth) {
    dayOfMonthMatches = cron.daysOfMonth.includes(c.dayOfMonth) || (cron.lastDayOfMonth && c.date !== null && c.date === endOfMonth(c.date));
  }
  if (cron.months.length > 0) monthMatches = cron.months.includes(c.month);
  if (cron.daysOfMonth.length === 0 && !cron.lastDayOfMonth && cron.months.length === 0) return weekDayMatches;
  return weekDayMatches && dayOfMonthMatches && monthMatches;
}

/** `CronAttr::next_date`, with its 5.9.2 quirks: no last-week-days means any week day matches. */
function cronNextDate(cron: CronAttr, c: Cal): DayNo {
  if (c.date === null) return null;
  let d = c.date + 1;
  for (let guard = 0; guard < 366 * 30; guard++, d++) {
    const dow = weekDay(d);
    const day = ymd(d);
    let weekDayMatches = cron.weekDays.length === 0;
    let lastWeekDayMatches = cron.lastWeekDaysOfMonth.length === 0;
    let dayOfMonthMatches = cron.daysOfMonth.length === 0;
    let monthMatches = cron.months.length === 0;
    if (cron.daysOfMonth.length === 0 && cron.lastDayOfMonth) dayOfMonthMatches = false;
    if (cron.weekDays.includes(dow)) weekDayMatches = true;
    if (cron.lastWeekDaysOfMonth.includes(dow)) lastWeekDayMatches = true; // (date - end_of_month) is never >= 7
    if (cron.daysOfMonth.length > 0 || cron.lastDayOfMonth) {
      if (cron.daysOfMonth.includes(day.d)) dayOfMonthMatches = true;
      if (cron.lastDayOfMonth && d === endOfMonth(d)) dayOfMonthMatches = true;
    }
    if (cron.months.includes(day.m)) monthMatches = true;
    if ((weekDayMatches || lastWeekDayMatches) && dayOfMonthMatches && monthMatches) return d;
  }
  return d;
}

/** `CronAttr::why`. */
function cronWhy(cron: CronAttr, c: Cal): string | undefined {
  if (cron.free) return undefined;
  const ts = cronSeries(cron);
  if (seriesIsFree(ts, c) && cronDayFree(cron, c)) return undefined;
  let s = 'is cron dependent';
  if (cronDayFree(cron, c) && ts.isValid) {
    const now = seriesMinutes(ts, c);
    if (now < mins(ts.start) || (ts.finish !== null && ts.incr !== null && now < mins(ts.finish))) return s + seriesWhy(ts, c);
  }
  if (requeueable(ts, c) && cron.weekDays.length === 0 && cron.daysOfMonth.length === 0 && cron.months.length === 0) {
    const next = nextTimeSlot(ts, c);
    s += next === null ? ' ( *re-queue* to run at this time ' : ' ( *re-queue* to run at ' + slotText(next);
    s += ', otherwise next run is at ';
  } else {
    s += ' ( next run is at ';
  }
  s += slotText(mins(ts.start)) + ' ' + dateText(cronNextDate(cron, c));
  s += ', current time ' + (ts.relative ? '+' : '') + slotText(seriesMinutes(ts, c)) + ' ' + dateText(c.date) + ' )';
  return s;
}

// ---------------------------------------------------------------------------------------------
// date and day (DateAttr::why, DayAttr::why)

function dateNextMatchingDate(date: DateAttr, c: Cal): DayNo {
  if (c.date === null) {
    // boost throws when asked the day, month or year of not-a-date-time
    if (date.day !== 0 || date.month !== 0 || date.year !== 0) throw new ArgumentError('Year is out of valid range: 1400..9999');
    return null;
  }
  let dayMatches = date.day === 0;
  let monthMatches = date.month === 0;
  let yearMatches = date.year === 0;
  let d = c.date;
  for (let i = 0; i < 365; i++) {
    d++;
    const x = ymd(d);
    if (date.day !== 0 && x.d === date.day) dayMatches = true;
    if (date.month !== 0 && x.m === date.month) monthMatches = true;
    if (date.year !== 0 && x.y === date.year) yearMatches = true;
    if (dayMatches && monthMatches && yearMatches) return d;
  }
  return c.date;
}

function dateWhy(date: DateAttr, c: Cal): string | undefined {
  if (date.free) return undefined;
  const free =
    (date.day === 0 || c.dayOfMonth === date.day) && (date.month === 0 || c.month === date.month) && (date.year === 0 || c.year === date.year);
  if (free) return undefined;
  return ` is date dependent ( next run on ${dateText(dateNextMatchingDate(date, c))} the current date is ${c.dayOfMonth}/${c.month}/${c.year} )`;
}

function dayNextMatchingDate(day: DayAttr, c: Cal): DayNo {
  if (c.date === null) return null;
  const want = DAY_NAMES.indexOf(day.day);
  for (let d = c.date + 1; d <= c.date + 7; d++) if (weekDay(d) === want) return d;
  return c.date;
}

function dayWhy(day: DayAttr, c: Cal): string | undefined {
  const date: DayNo = day.date === null ? null : dayNo(day.date);
  if (!day.expired && (day.free || (c.date === date))) return undefined; // DayAttr::isFree (not-a-date-time equals itself)
  const next = date === null ? dayNextMatchingDate(day, c) : date;
  const today = c.dayOfWeek >= 0 ? DAY_NAMES[c.dayOfWeek] : '';
  return ` is day dependent ( next run on ${day.day} ${dateText(next)} the current day is ${today} )`;
}

// ---------------------------------------------------------------------------------------------
// trigger expressions (AstTop::why, Ast::why, Ast*::why_expression)

function evaluate(node: Node, ast: ExprAst): boolean {
  resetRefMemo();
  const r = new Evaluator(node).evaluate(ast);
  resetRefMemo();
  return r;
}

function expressionWhy(node: Node, expr: Expression): string | undefined {
  const ast = combinedAst(expr);
  if (ast === null) return undefined;
  resetRefMemo();
  try {
    const ev = new Evaluator(node);
    if (ev.evaluate(ast)) return undefined;
    return 'expression ' + whyExpression(ev, ast) + ' is false';
  } finally {
    resetRefMemo();
  }
}

const WHY_OP = { '==': ' == ', '!=': ' != ', '<': ' lt ', '<=': ' <= ', '>': ' > ', '>=': ' >= ' } as const;

function whyExpression(ev: Evaluator, a: ExprAst): string {
  switch (a.type) {
    case 'and':
    case 'or':
      if (ev.evaluate(a)) return 'true';
      return '(' + whyExpression(ev, a.left) + (a.type === 'and' ? ' and ' : ' or ') + whyExpression(ev, a.right) + ')';
    case 'compare':
      if (ev.evaluate(a)) return 'true';
      return '(' + whyExpression(ev, a.left) + WHY_OP[a.op] + whyExpression(ev, a.right) + ')';
    case 'arith':
      return whyExpression(ev, a.left) + ' ' + a.op + ' ' + whyExpression(ev, a.right);
    case 'not':
      if (ev.evaluate(a)) return 'true';
      return 'not ' + whyExpression(ev, a.arg);
    case 'integer':
      return String(a.value);
    case 'instant':
      return formatInstant(a.value);
    case 'nodeState':
      return a.state;
    case 'eventState':
      return a.set ? 'set' : 'clear';
    case 'node': {
      const ref = refNode(ev.node, a.path);
      if (ref === undefined) return a.path + '?(unknown)';
      return a.path + '(' + DSTATE_NAMES[ref.suspended ? 6 : DSTATE_NAMES.indexOf(ref.state)] + ')';
    }
    case 'flag': {
      if (ev.evaluate(a)) return 'true';
      const ref = a.path === '/' ? undefined : refNode(ev.node, a.path);
      if (ref === undefined) return a.path + '(?)<flag>' + a.flag + '(?)';
      return a.path + '<flag>' + a.flag + '(' + ((ref.flags & (1 << Flag[a.flag])) !== 0 ? 1 : 0) + ')';
    }
    case 'variable': {
      const ref = refNode(ev.node, a.path, a.name);
      const type = ref === undefined ? 'variable-not-found' : variableType(ref, a.name);
      const value = ref === undefined ? 0 : ev.value(a);
      return a.path + (ref === undefined ? '(?)' : '') + ':' + a.name + '(type:' + type + ' value:' + value + ')';
    }
    case 'parentVariable': {
      const ref = parentVariableNode(ev.node, a.name);
      const type = ref === undefined ? 'variable-not-found' : variableType(ref, a.name);
      const value = ref === undefined ? 0 : ev.value(a);
      return (ref === undefined ? '(?)' : '') + ':' + a.name + '(type:' + type + ' value:' + value + ')';
    }
    case 'function':
      return a.fn + '( arg:' + whyExpression(ev, a.arg) + ') = ' + ev.value(a);
  }
}

/** The kind of thing `name` is on `node`, in `Node::findExprVariableValueAndType` order. */
function variableType(node: Node, name: string): string {
  if (hasEvent(node, name)) return 'event';
  if (node.findMeter(name) !== undefined) return 'meter';
  if (node.findVariable(name) !== undefined) return 'user-variable';
  const r = node.repeat;
  if (r !== null && r.name === name) return 'repeat';
  if (findGenVariableValue(node, name) !== undefined) return 'gen-variable';
  if (node.findLimit(name) !== undefined) return 'limit';
  if (node.findQueue(name) !== undefined) return 'queue';
  return 'variable-not-found';
}

/** `Node::findEventByNameOrNumber`. */
function hasEvent(node: Node, name: string): boolean {
  const events = node.events;
  if (events.length === 0) return false;
  for (const e of events) if (e.name === name) return true;
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const num = toInt(name);
    if (num !== undefined) for (const e of events) if (e.number === num) return true;
  }
  return false;
}
