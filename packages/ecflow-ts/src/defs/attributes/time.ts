/**
 * Time based attributes: `time`, `today`, `cron`, `date`, `day`, `late`, `autocancel`,
 * `autoarchive`, and the time series they share (ANattr/src/*Attr.cpp, ACore/src/TimeSeries.cpp).
 */
import { ArgumentError } from '../../errors.js';
import { formatDuration, formatSimpleDate, parseDuration, parseSimpleDate, theInt, toInt, type YMD } from '../text.js';

/** Hours and minutes (`ecf::TimeSlot`). */
export interface TimeSlot {
  /** Hours, 0–23 (more for a relative or elapsed time). */
  h: number;
  /** Minutes, 0–59. */
  m: number;
}

/** `TimeSlot::write`: `HH:MM`. */
export function formatTimeSlot(t: TimeSlot): string {
  return (t.h < 10 ? '0' : '') + t.h + ':' + (t.m < 10 ? '0' : '') + t.m;
}

/**
 * `TimeSeries::getTime`: parses `[+]HH:MM` into its slot and whether it was relative (`+`). With
 * `checkTime` the hour must have two digits and both parts must be in range; a bad time throws an
 * {@link ArgumentError}.
 */
export function parseTime(
  text: string,
  checkTime = true,
): {
  /** The time. */
  slot: TimeSlot;
  /** Whether it was written with `+`: relative to the suite's begin. */
  relative: boolean;
} {
  const colon = text.indexOf(':');
  if (colon < 0) throw new ArgumentError(`TimeSeries::getTime: Invalid time :'${text}'`);
  let relative = false;
  let hour: string;
  if (text.charCodeAt(0) === 43) {
    relative = true;
    hour = text.slice(1, colon);
  } else hour = text.slice(0, colon);
  const min = text.slice(colon + 1);
  if (checkTime && hour.length !== 2) throw new ArgumentError(`TimeSeries::getTime: Invalid hour :${hour}`);
  if (min.length !== 2) throw new ArgumentError(`TimeSeries::getTime: Invalid minute :${min}`);
  const h = theInt(hour, `TimeSeries::getTime: hour must be a integer : ${hour}`);
  const m = theInt(min, `TimeSeries::getTime: minute must be integer : ${min}`);
  if (checkTime) {
    if (h < 0 || h > 23) throw new ArgumentError(`TimeSeries::testTime: time hour(${h}) must be in range 0-23`);
    if (m < 0 || m > 59) throw new ArgumentError(`TimeSeries::testTime: time minute(${m}) must be in range 0-59`);
  }
  return { slot: { h, m }, relative };
}

function minutes(t: TimeSlot): number {
  return t.h * 60 + t.m;
}

/** A single time or a `start finish increment` series (`ecf::TimeSeries`), with its run state. */
export class TimeSeries {
  /** The time, or the first time of a series. */
  start: TimeSlot;
  /** The last time of a series; `null` for a single time. */
  finish: TimeSlot | null;
  /** The step of a series; `null` for a single time. */
  incr: TimeSlot | null;
  /** `+HH:MM`: relative to suite start. */
  relative: boolean;
  /** State: `false` once the time has expired. @default true */
  isValid = true;
  /** State: the next time slot. @default start */
  nextTimeSlot: TimeSlot;
  /** State: elapsed time of a relative series in microseconds. @default 0 */
  relativeDuration = 0;

  /**
   * A single time, or with `finish` and `incr` a series; throws an {@link ArgumentError} for a slot out
   * of range, a start after the finish, or an increment of zero or longer than the series.
   */
  constructor(start: TimeSlot, relative = false, finish: TimeSlot | null = null, incr: TimeSlot | null = null) {
    this.start = start;
    this.relative = relative;
    this.finish = finish;
    this.incr = incr;
    this.nextTimeSlot = start;
    checkSlot(start);
    if (finish !== null && incr !== null) {
      checkSlot(finish);
      checkSlot(incr);
      if (minutes(start) > minutes(finish)) {
        throw new ArgumentError(`TimeSeries::TimeSeries: Invalid time series: Start time(${formatTimeSlot(start)}) is greater than end time(${formatTimeSlot(finish)})`);
      }
      if (incr.h === 0 && incr.m === 0) throw new ArgumentError('TimeSeries::TimeSeries Invalid time series:  Increment must be greater than 0 minutes.');
      const diff = minutes(finish) - minutes(start);
      if (minutes(incr) > diff) {
        throw new ArgumentError(
          `TimeSeries::TimeSeries: Invalid time series: Increment(${formatTimeSlot(incr)}) is greater than duration ${formatDuration(diff * 60e6)} between start(${formatTimeSlot(start)}) and finish(${formatTimeSlot(finish)})`,
        );
      }
    }
  }

  /** `TimeSeries::write`. */
  toString(): string {
    let s = (this.relative ? '+' : '') + formatTimeSlot(this.start);
    if (this.finish !== null && this.incr !== null) s += ' ' + formatTimeSlot(this.finish) + ' ' + formatTimeSlot(this.incr);
    return s;
  }

  /** `TimeSeries::write_state`: the ` # ...` suffix in state styles. */
  stateSuffix(free: boolean): string {
    const nextChanged = this.nextTimeSlot.h !== this.start.h || this.nextTimeSlot.m !== this.start.m;
    const relChanged = this.relativeDuration !== 0;
    if (!(free || !this.isValid || nextChanged || relChanged)) return '';
    let s = ' #';
    if (free) s += ' free';
    if (!this.isValid) s += ' isValid:false';
    if (nextChanged) s += ' nextTimeSlot/' + formatTimeSlot(this.nextTimeSlot);
    if (relChanged) s += ' relativeDuration/' + formatDuration(this.relativeDuration);
    return s;
  }
}

function checkSlot(t: TimeSlot): void {
  if (t.h < 0 || t.h > 23) throw new ArgumentError(`TimeSeries:  time hour(${t.h}) must be in range 0-23`);
  if (t.m < 0 || t.m > 59) throw new ArgumentError(`TimeSeries:  time minute(${t.m}) must be in range 0-59`);
}

/** `TimeSeries::parse_state`: reads the tokens after `#`. */
function parseSeriesState(index: number, tokens: readonly string[], ts: TimeSeries): void {
  let comment = false;
  for (let i = index; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (comment) {
      if (tok === 'isValid:false') {
        ts.isValid = false;
        continue;
      }
      if (tok.includes('nextTimeSlot')) {
        const slash = tok.indexOf('/');
        if (slash < 0) throw new ArgumentError('TimeSeries::parse_state: could not extract state.');
        ts.nextTimeSlot = parseTime(tok.slice(slash + 1), false).slot;
      }
      if (tok.includes('relativeDuration')) {
        const slash = tok.indexOf('/');
        if (slash < 0) throw new ArgumentError('TimeSeries::parse_state: could not extract state.');
        ts.relativeDuration = parseDuration(tok.slice(slash + 1));
      }
    }
    if (tok === '#') comment = true;
  }
}

/**
 * `TimeSeries::create`: parses a series starting at `tokens[pos.i]`; on return `pos.i` is the
 * index of the last token consumed plus one when there was no finish (mirrors the C++ index).
 */
export function createTimeSeries(pos: { i: number }, tokens: readonly string[], readState: boolean): TimeSeries {
  let startStr = tokens[pos.i]!;
  let relative = false;
  if (startStr.charCodeAt(0) === 43) {
    relative = true;
    startStr = startStr.slice(1);
  }
  const start = parseTime(startStr).slot;
  pos.i++;
  let ts: TimeSeries;
  if (pos.i < tokens.length && tokens[pos.i]!.charCodeAt(0) !== 35) {
    if (pos.i + 1 >= tokens.length) throw new ArgumentError('TimeSeries::create: Invalid time series :');
    const finish = parseTime(tokens[pos.i]!).slot;
    pos.i++;
    const incr = parseTime(tokens[pos.i]!).slot;
    ts = new TimeSeries(start, relative, finish, incr);
  } else {
    ts = new TimeSeries(start, relative);
  }
  if (readState) parseSeriesState(pos.i, tokens, ts);
  return ts;
}

/** `time` attribute. */
export class TimeAttr {
  /** When the node may run. */
  series: TimeSeries;
  /** State: freed by the user. @default false */
  free = false;
  /** A `time` of the series. */
  constructor(series: TimeSeries) {
    this.series = series;
  }
  /** The `time …` line as ecFlow writes it (without the state). */
  toString(): string {
    return 'time ' + this.series.toString();
  }
}

/** `today` attribute. */
export class TodayAttr {
  /** When the node may run. */
  series: TimeSeries;
  /** State: freed by the user. @default false */
  free = false;
  /** A `today` of the series. */
  constructor(series: TimeSeries) {
    this.series = series;
  }
  /** The `today …` line as ecFlow writes it (without the state). */
  toString(): string {
    return 'today ' + this.series.toString();
  }
}

/** `date d.m.yyyy` attribute; 0 stands for `*`. */
export class DateAttr {
  /** Day of the month, 0 for `*`. */
  day: number;
  /** Month, 0 for `*`. */
  month: number;
  /** Year, 0 for `*`. */
  year: number;
  /** State: freed. @default false */
  free = false;
  /** A `date`; the parts are not checked here (see {@link parseDate}). */
  constructor(day: number, month: number, year: number) {
    this.day = day;
    this.month = month;
    this.year = year;
  }
  /** The `date d.m.yyyy` line, `*` for a zero part, as ecFlow writes it (without the state). */
  toString(): string {
    return 'date ' + (this.day === 0 ? '*' : String(this.day)) + '.' + (this.month === 0 ? '*' : String(this.month)) + '.' + (this.year === 0 ? '*' : String(this.year));
  }
}

/** `DateAttr::getDate`: parses `d.m.yyyy` with `*` wild cards. */
export function parseDate(text: string): {
  /** Day of the month, 0 for `*`. */
  day: number;
  /** Month, 0 for `*`. */
  month: number;
  /** Year, 0 for `*`. */
  year: number;
} {
  const first = text.indexOf('.');
  if (first < 0) throw new ArgumentError(`DateAttr::getDate Invalid date missing first dot :${text}`);
  const second = text.indexOf('.', first + 1);
  if (second < 0) throw new ArgumentError(`DateAttr::getDate: Invalid date missing second dot :${text}`);
  const d = text.slice(0, first);
  const m = text.slice(first + 1, second);
  const y = text.slice(second + 1);
  let day = 0;
  let month = 0;
  let year = 0;
  if (d !== '*') {
    day = theInt(d, `DateAttr::getDate: Invalid day :${text}`);
    if (day < 1 || day > 31) throw new ArgumentError(`DateAttr::getDate: Invalid clock date: ${text}`);
  }
  if (m !== '*') {
    month = theInt(m, `DateAttr::getDate: Invalid month :${text}`);
    if (month < 1 || month > 12) throw new ArgumentError(`DateAttr::getDate Invalid clock date: ${text}`);
  }
  if (y !== '*') year = theInt(y, `DateAttr::getDate: Invalid year :${text}`);
  if (day === -1 || month === -1 || year === -1) throw new ArgumentError(`DateAttr::getDate: Invalid clock date:${text}`);
  if (day !== 0 && month !== 0 && year !== 0) checkGregorian(year, month, day);
  if (year < 0) throw new ArgumentError('Invalid Date(day,month,year): the year >=0, where 0 means wild card');
  return { day, month, year };
}

/** Throws like `boost::gregorian::date(y, m, d)` for an impossible date. */
export function checkGregorian(y: number, m: number, d: number): void {
  if (y < 1400 || y > 9999) throw new ArgumentError('Year is out of valid range: 1400..9999');
  if (m < 1 || m > 12) throw new ArgumentError('Month number is out of range 1..12');
  const dim = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d < 1 || d > 31) throw new ArgumentError('Day of month value is out of range 1..31');
  if (d > dim) throw new ArgumentError('Day of month is not valid for year');
}

/** The week days, Sunday first, as ecFlow numbers them (0–6). */
export const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
/** A week day: one of {@link DAY_NAMES}. */
export type DayName = (typeof DAY_NAMES)[number];

/** `day <weekday>` attribute. */
export class DayAttr {
  /** The week day. */
  day: DayName;
  /** State: freed. @default false */
  free = false;
  /** State: expired. @default false */
  expired = false;
  /** State: the date the day matches (`date:` in state styles); `null` is not-a-date-time. */
  date: YMD | null = null;
  /** A `day` for the week day. */
  constructor(day: DayName) {
    this.day = day;
  }
  /** The `day <weekday>` line as ecFlow writes it (without the state). */
  toString(): string {
    return 'day ' + this.day;
  }
  /** The ` # ...` state suffix of the state print styles; empty when the state is the default. */
  stateSuffix(): string {
    let s = '';
    let hash = false;
    if (this.free) {
      s += ' # free';
      hash = true;
    }
    if (this.expired) {
      s += hash ? ' expired' : ' # expired';
      hash = true;
    }
    s += (hash ? ' date:' : ' # date:') + formatSimpleDate(this.date);
    return s;
  }
}

/** `DayAttr::getDay`: a week day's lower-case name; throws an `ArgumentError` for anything else. */
export function parseDayName(s: string): DayName {
  const i = (DAY_NAMES as readonly string[]).indexOf(s);
  if (i < 0) throw new ArgumentError(`Invalid day(${s}) specification expected one of [monday,tuesday,wednesday,thursday,friday,saturday,sunday]: `);
  return DAY_NAMES[i]!;
}

/** `DayAttr::read_state`. */
export function readDayState(day: DayAttr, tokens: readonly string[]): void {
  for (let i = 3; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === 'free') day.free = true;
    else if (tok === 'expired') day.expired = true;
    else if (tok.includes('date:')) {
      const v = tok.slice(tok.indexOf(':') + 1);
      if (!v.includes('not')) day.date = parseSimpleDate(v);
    }
  }
}

/** `cron` attribute (`ecf::CronAttr`). */
export class CronAttr {
  /** `-w`: week days, 0 (Sunday) to 6; empty for every day. */
  weekDays: number[] = [];
  /** `-w nL`: week days that count only in the last week of the month. */
  lastWeekDaysOfMonth: number[] = [];
  /** `-d`: days of the month, 1–31; empty for every day. */
  daysOfMonth: number[] = [];
  /** `-d L`: the last day of the month. @default false */
  lastDayOfMonth = false;
  /** `-m`: months, 1–12; empty for every month. */
  months: number[] = [];
  /** When in the day the node runs; `null` prints as `00:00`. */
  series: TimeSeries | null = null;
  /** State: freed. @default false */
  free = false;

  /** `CronAttr::write`. */
  toString(): string {
    let s = 'cron ';
    if (this.weekDays.length > 0) {
      s += '-w ' + this.weekDays.join(',');
      s += this.lastWeekDaysOfMonth.length === 0 ? ' ' : ',';
    }
    if (this.lastWeekDaysOfMonth.length > 0) {
      if (this.weekDays.length === 0) s += '-w ';
      s += this.lastWeekDaysOfMonth.map((d) => d + 'L').join(',') + ' ';
    }
    if (this.daysOfMonth.length > 0) {
      s += '-d ' + this.daysOfMonth.join(',');
      if (!this.lastDayOfMonth) s += ' ';
    }
    if (this.lastDayOfMonth) s += this.daysOfMonth.length === 0 ? '-d L ' : ',L ';
    if (this.months.length > 0) s += '-m ' + this.months.join(',') + ' ';
    if (this.series !== null) s += this.series.toString();
    else s += '00:00';
    return s;
  }
}

function cronIsOption(t: string): boolean {
  return t.includes('-w') || t.includes('-d') || t.includes('-m');
}
function cronIsTimeSpec(t: string): boolean {
  return t.includes(':');
}

/** `extract_list`: collates the comma separated list after a cron option. */
function cronList(pos: { i: number }, tokens: readonly string[]): string {
  let list = '';
  for (;;) {
    pos.i++;
    if (pos.i >= tokens.length) break;
    const t = tokens[pos.i]!;
    if (cronIsOption(t) || cronIsTimeSpec(t)) break;
    list += t;
  }
  return list;
}

function cronInts(list: string, option: string): string[] {
  const out: string[] = [];
  for (const piece of list.split(',')) {
    const t = piece.trim();
    if (t.length > 0) out.push(t);
  }
  void option;
  return out;
}

/** `CronAttr::parse`, from `tokens[index]` (just after the `cron` keyword). */
export function parseCron(tokens: readonly string[], index: number, parseState: boolean): CronAttr {
  const cron = new CronAttr();
  const pos = { i: index };
  let timeSpec = false;
  while (pos.i < tokens.length) {
    const tok = tokens[pos.i]!;
    if (cronIsOption(tok)) {
      if (tok === '-w') {
        const days: number[] = [];
        const last: number[] = [];
        for (const t of cronInts(cronList(pos, tokens), 'week days')) {
          if (t.length === 2) {
            if (t[1] !== 'L') throw new ArgumentError(`Invalid cron option: week days ${t}`);
            const v = toInt(t[0]!);
            if (v === undefined) throw new ArgumentError('Invalid cron option: week days');
            last.push(v);
          } else {
            const v = toInt(t);
            if (v === undefined) throw new ArgumentError('Invalid cron option: week days');
            days.push(v);
          }
        }
        for (const d of days) {
          if (d < 0 || d > 6) throw new ArgumentError(`Invalid range for day(${d}) of the week expected range is 0==Sun to 6==Sat`);
          if (cron.lastWeekDaysOfMonth.includes(d)) throw new ArgumentError(`Duplicate day(${d}) of the week also found in last week day of the month`);
        }
        cron.weekDays = days;
        for (const d of last) {
          if (d < 0 || d > 6) throw new ArgumentError(`Invalid range for day(${d}) of the week expected range is 0==Sun to 6==Sat`);
          if (cron.weekDays.includes(d)) throw new ArgumentError(`Duplicate last week day (${d}) of the month also found in week day`);
        }
        cron.lastWeekDaysOfMonth = last;
      } else if (tok === '-d') {
        const days: number[] = [];
        let lastDay = false;
        for (const t of cronInts(cronList(pos, tokens), 'Days of the month')) {
          if (t === 'L') lastDay = true;
          else {
            const v = toInt(t);
            if (v === undefined) throw new ArgumentError('Invalid cron option: Days of the month');
            days.push(v);
          }
        }
        for (const d of days) {
          if (d < 1 || d > 31) throw new ArgumentError(`Invalid range for day of month(${d}) expected range is  1-31`);
        }
        cron.daysOfMonth = days;
        if (lastDay) cron.lastDayOfMonth = true;
      } else if (tok === '-m') {
        const months: number[] = [];
        for (const t of cronInts(cronList(pos, tokens), 'Months')) {
          const v = toInt(t);
          if (v === undefined) throw new ArgumentError('Invalid cron option: Months');
          months.push(v);
        }
        for (const m of months) {
          if (m < 1 || m > 12) throw new ArgumentError(`Invalid range for month(${m})  expected range is 1==Jan to 12==Dec`);
        }
        cron.months = months;
      } else {
        throw new ArgumentError(`extractOption: Invalid cron option :${tok}`);
      }
      pos.i--;
    } else if (!timeSpec && cronIsTimeSpec(tok)) {
      cron.series = createTimeSeries(pos, tokens, parseState);
      timeSpec = true;
      if (parseState) {
        if (pos.i < tokens.length && tokens[pos.i] === '#') pos.i--;
      } else break;
    } else if (tok.includes('#')) {
      if (parseState && pos.i + 1 < tokens.length && tokens[pos.i + 1] === 'free') cron.free = true;
      break;
    }
    pos.i++;
  }
  if (!timeSpec) throw new ArgumentError('Invalid cron, no time specified');
  return cron;
}

/** `late [-s +HH:MM] [-a HH:MM] [-c [+]HH:MM]` (`ecf::LateAttr`). */
export class LateAttr {
  /** `-s`: how long the node may stay submitted; `null` when not given. */
  submitted: TimeSlot | null = null;
  /** `-a`: the time of day by which it must be active; `null` when not given. */
  active: TimeSlot | null = null;
  /** `-c`: the time by which it must be complete; `null` when not given. */
  complete: TimeSlot | null = null;
  /** `-c +HH:MM`: `complete` counts from when the node became active. @default false */
  completeRelative = false;
  /** State: the node is late. @default false */
  isLate = false;
  /** The `late -s … -a … -c …` line, as ecFlow writes it (without the state). */
  toString(): string {
    let s = 'late';
    if (this.submitted !== null) s += ' -s +' + formatTimeSlot(this.submitted);
    if (this.active !== null) s += ' -a ' + formatTimeSlot(this.active);
    if (this.complete !== null) s += ' -c ' + (this.completeRelative ? '+' : '') + formatTimeSlot(this.complete);
    return s;
  }
}

/** `LateAttr::parse`. */
export function parseLate(tokens: readonly string[], line: string): LateAttr {
  const late = new LateAttr();
  const n = tokens.length;
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!;
    if (t.charCodeAt(0) === 35) break;
    if (t === '-s') {
      if (late.submitted !== null) throw new ArgumentError(`LateParser::doParse: Invalid late, submitted specified twice :${line}`);
      if (i + 1 >= n) throw new ArgumentError(`LateParser::doParse: Invalid late, submitted time not specified :${line}`);
      late.submitted = parseTime(tokens[++i]!).slot;
    } else if (t === '-a') {
      if (late.active !== null) throw new ArgumentError(`LateParser::doParse: Invalid late, active specified twice :${line}`);
      if (i + 1 >= n) throw new ArgumentError(`LateParser::doParse: Invalid late, active time not specified :${line}`);
      late.active = parseTime(tokens[++i]!).slot;
    } else if (t === '-c') {
      if (late.complete !== null) throw new ArgumentError(`LateParser::doParse: Invalid late, complete specified twice :${line}`);
      if (i + 1 >= n) throw new ArgumentError(`LateParser::doParse: Invalid late, active time not specified :${line}`);
      const r = parseTime(tokens[++i]!);
      late.complete = r.slot;
      late.completeRelative = r.relative;
    } else throw new ArgumentError(`LateParser::doParse:5: Invalid late :${line}`);
  }
  if (late.submitted === null && late.active === null && late.complete === null) throw new ArgumentError(`LateParser::doParse:6: Invalid late :${line}`);
  return late;
}

/** `autocancel <days>` or `autocancel [+]HH:MM` (`ecf::AutoCancelAttr`). */
export class AutoCancelAttr {
  /**
   * How long after completion (relative), or the time of day, at which the node is deleted; days are held as
   * hours.
   */
  time: TimeSlot;
  /** `+HH:MM`: counted from when the node completed. */
  relative: boolean;
  /** Written as a number of days. */
  days: boolean;
  /** An `autocancel` as given. */
  constructor(time: TimeSlot, relative: boolean, days: boolean) {
    this.time = time;
    this.relative = relative;
    this.days = days;
  }
  /** The `autocancel` line, as ecFlow writes it. */
  toString(): string {
    if (this.days) return 'autocancel ' + Math.trunc(this.time.h / 24);
    return 'autocancel ' + (this.relative ? '+' : '') + formatTimeSlot(this.time);
  }
}

/** `autoarchive <days>[ -i]` or `autoarchive [+]HH:MM[ -i]` (`ecf::AutoArchiveAttr`). */
export class AutoArchiveAttr {
  /**
   * How long after completion (relative), or the time of day, at which the node is archived; days are held as
   * hours.
   */
  time: TimeSlot;
  /** `+HH:MM`: counted from the node's last state change. */
  relative: boolean;
  /** Written as a number of days. */
  days: boolean;
  /** `-i`: a queued or aborted node is archived too, not only a complete one. */
  idle: boolean;
  /** An `autoarchive` as given. */
  constructor(time: TimeSlot, relative: boolean, days: boolean, idle: boolean) {
    this.time = time;
    this.relative = relative;
    this.days = days;
    this.idle = idle;
  }
  /** The `autoarchive` line, as ecFlow writes it. */
  toString(): string {
    let s = 'autoarchive ';
    if (this.days) s += Math.trunc(this.time.h / 24);
    else s += (this.relative ? '+' : '') + formatTimeSlot(this.time);
    if (this.idle) s += ' -i';
    return s;
  }
}

/** `clock`/`endclock` of a suite (`ClockAttr`). */
export class ClockAttr {
  /** A hybrid clock: the date stays fixed while the time of day runs; else real time. */
  hybrid: boolean;
  /** This is the suite's `endclock`, not its `clock`. */
  endClock: boolean;
  /** Day of the start date, 0 when no date was given. */
  day = 0;
  /** Month of the start date, 0 when no date was given. */
  month = 0;
  /** Year of the start date, 0 when no date was given. */
  year = 0;
  /** Gain in seconds. */
  gain = 0;
  /** The gain was written with `+`. @default false */
  positiveGain = false;
  /** A `clock hybrid|real` (or with `endClock`, an `endclock`) with no date and no gain. */
  constructor(hybrid: boolean, endClock = false) {
    this.hybrid = hybrid;
    this.endClock = endClock;
  }
  /** The `clock` or `endclock` line, as ecFlow writes it. */
  toString(): string {
    let s = this.endClock ? 'endclock ' : this.hybrid ? 'clock hybrid ' : 'clock real ';
    if (this.day !== 0) s += this.day + '.' + this.month + '.' + this.year + ' ';
    if (this.gain !== 0) s += (this.positiveGain ? '+' : '') + this.gain;
    return s;
  }
}

export { formatSimpleDate };
