/** `repeat` attributes (ANattr/src/RepeatAttr.cpp; libs/attribute/src/ecflow/attribute/RepeatAttr.cpp for the 5.12+ kinds). */
import { ArgumentError } from '../../errors.js';
import { formatDurationSeconds, formatInstant, parseDurationSeconds, parseInstant } from '../chrono.js';
import { isValidName, isValidYmd } from '../text.js';

/** `repeat date VAR start end [delta]`; `value` is the current yyyymmdd. */
export class RepeatDate {
  /** The kind of repeat, `date`. */
  readonly kind = 'date';
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** First date, `yyyymmdd`. */
  start: number;
  /** Last date, `yyyymmdd`. */
  end: number;
  /** Days from one date to the next (negative counts down). @default 1 */
  delta: number;
  /** The current date, `yyyymmdd` (state). */
  value: number;
  /**
   * A date repeat at its start; throws an {@link ArgumentError} for an invalid name or date, a zero delta, or
   * an end before the start in the delta's direction.
   */
  constructor(name: string, start: number, end: number, delta = 1) {
    const tag = `repeat ${name} ${start} ${end} ${delta}`;
    if (!isValidName(name)) throw new ArgumentError(`RepeatDate::RepeatDate: Invalid name: ${name}`);
    if (delta === 0) throw new ArgumentError(`Invalid Repeat date: the delta cannot be zero${tag}`);
    if (String(start).length !== 8) throw new ArgumentError(`Invalid Repeat date: The start is not a valid date. Please use yyyymmdd format.${tag}`);
    if (String(end).length !== 8) throw new ArgumentError(`Invalid Repeat date: The end is not a valid date. Please use yyyymmdd format.${tag}`);
    if (delta > 0 ? !(end >= start) : !(start >= end)) {
      throw new ArgumentError(
        delta > 0
          ? `Invalid Repeat date: The end must be greater than the start date, when delta is positive ${tag}`
          : `Invalid Repeat date: The start must be greater than the end date, when delta is negative ${tag}`,
      );
    }
    if (!isValidYmd(start) || !isValidYmd(end)) throw new ArgumentError(`Invalid Repeat date: The start/end is not a valid date.${tag}`);
    this.name = name;
    this.start = start;
    this.end = end;
    this.delta = delta;
    this.value = start;
  }
  /** The `repeat date` line, as ecFlow writes it (without the state). */
  toString(): string {
    return `repeat date ${this.name} ${this.start} ${this.end} ${this.delta}`;
  }
  /** The ` # …` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.value !== this.start ? ' # ' + this.value : '';
  }
}

/** `repeat datelist VAR "yyyymmdd"...`; `index` is the current position. */
export class RepeatDateList {
  /** The kind of repeat, `datelist`. */
  readonly kind = 'datelist';
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** The dates in order, `yyyymmdd`. */
  list: number[];
  /** Position of the current date in `list` (state). @default 0 */
  index = 0;
  /**
   * A date-list repeat at its first date; throws an {@link ArgumentError} for an invalid name, an empty list
   * or an invalid date.
   */
  constructor(name: string, list: number[]) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatDateList: Invalid name: ${name}`);
    if (list.length === 0) throw new ArgumentError(`RepeatDateList: ${name} is empty`);
    for (const d of list) {
      if (String(d).length !== 8 || !isValidYmd(d)) {
        throw new ArgumentError(`Invalid Repeat datelist Invalid Repeat datelist : ${name} the date ${d} is not valid. Please use yyyymmdd format.`);
      }
    }
    this.name = name;
    this.list = list;
  }
  /** The `repeat datelist` line, as ecFlow writes it (without the state). */
  toString(): string {
    let s = 'repeat datelist ' + this.name;
    for (const d of this.list) s += ' "' + d + '"';
    return s;
  }
  /** The ` # …` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.index !== 0 ? ' # ' + this.index : '';
  }
}

/** `repeat integer VAR start end [step]`; `value` is the current value. */
export class RepeatInteger {
  /** The kind of repeat, `integer`. */
  readonly kind = 'integer';
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** First value. */
  start: number;
  /** Last value. */
  end: number;
  /** Step from one value to the next. @default 1 */
  delta: number;
  /** The current value (state). */
  value: number;
  /** An integer repeat at its start; throws an {@link ArgumentError} for an invalid name. */
  constructor(name: string, start: number, end: number, delta = 1) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatInteger: Invalid name: ${name}`);
    this.name = name;
    this.start = start;
    this.end = end;
    this.delta = delta;
    this.value = start;
  }
  /** The `repeat integer` line, as ecFlow writes it (without the state). */
  toString(): string {
    return `repeat integer ${this.name} ${this.start} ${this.end}` + (this.delta !== 1 ? ' ' + this.delta : '');
  }
  /** The ` # …` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.value !== this.start ? ' # ' + this.value : '';
  }
}

/** `repeat enumerated VAR "a" "b"...`; `index` is the current position. */
export class RepeatEnumerated {
  /** The kind of repeat, `enumerated`. */
  readonly kind = 'enumerated';
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** The values in order. */
  values: string[];
  /** Position of the current value in `values` (state). @default 0 */
  index = 0;
  /**
   * An enumerated repeat at its first value; throws an {@link ArgumentError} for an invalid name or no
   * values.
   */
  constructor(name: string, values: string[]) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatEnumerated: Invalid name: ${name}`);
    if (values.length === 0) throw new ArgumentError(`RepeatEnumerated: ${name} is empty`);
    this.name = name;
    this.values = values;
  }
  /** The `repeat enumerated` line, as ecFlow writes it (without the state). */
  toString(): string {
    let s = 'repeat enumerated ' + this.name;
    for (const v of this.values) s += ' "' + v + '"';
    return s;
  }
  /** The ` # …` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.index !== 0 ? ' # ' + this.index : '';
  }
}

/** `repeat string VAR "a" "b"...`; `index` is the current position. */
export class RepeatString {
  /** The kind of repeat, `string`. */
  readonly kind = 'string';
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** The values in order. */
  values: string[];
  /** Position of the current value in `values` (state). @default 0 */
  index = 0;
  /** A string repeat at its first value; throws an {@link ArgumentError} for an invalid name or no values. */
  constructor(name: string, values: string[]) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatString:: Invalid name: ${name}`);
    if (values.length === 0) throw new ArgumentError(`RepeatString : ${name} is empty`);
    this.name = name;
    this.values = values;
  }
  /** The `repeat string` line, as ecFlow writes it (without the state). */
  toString(): string {
    let s = 'repeat string ' + this.name;
    for (const v of this.values) s += ' "' + v + '"';
    return s;
  }
  /** The ` # …` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.index !== 0 ? ' # ' + this.index : '';
  }
}

/** `repeat day step`. */
export class RepeatDay {
  /** The kind of repeat, `day`. */
  readonly kind = 'day';
  /** Always `day`: a day repeat has no variable name of its own. */
  readonly name = 'day';
  /** Days between runs. */
  step: number;
  /** A day repeat of `step` days. */
  constructor(step: number) {
    this.step = step;
  }
  /** The `repeat day` line, as ecFlow writes it. */
  toString(): string {
    return 'repeat day ' + this.step;
  }
  /** Always empty: a day repeat has no state. */
  stateSuffix(): string {
    return '';
  }
}

/**
 * `repeat datetime VAR yyyymmddTHHMMSS yyyymmddTHHMMSS [HH:MM:SS]` (ecFlow 5.12+). Instants are whole
 * seconds since the Unix epoch, UTC, as ecFlow's `ecf::Instant` holds them; the delta is in seconds.
 */
export class RepeatDateTime {
  /** The kind of repeat, `datetime`. */
  readonly kind = 'datetime';
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** First instant, seconds since the epoch (UTC). */
  start: number;
  /** Last instant, seconds since the epoch (UTC). */
  end: number;
  /** Seconds from one instant to the next (negative counts down). @default 86400 */
  delta: number;
  /** The current instant, seconds since the epoch (state). */
  value: number;
  /**
   * A date-time repeat at its start. Instants are seconds since the epoch or `yyyymmddTHHMMSS` texts,
   * the delta seconds or a `H[:M[:S]]` text. Throws an {@link ArgumentError} with ecFlow's message for
   * an invalid name or instant, a zero delta, or an end before the start in the delta's direction.
   */
  constructor(name: string, start: number | string, end: number | string, delta: number | string = 86400) {
    const s = typeof start === 'string' ? parseInstant(start) : start;
    const e = typeof end === 'string' ? parseInstant(end) : end;
    const d = typeof delta === 'string' ? parseDurationSeconds(delta) : delta;
    if (!isValidName(name)) throw new ArgumentError(`RepeatDateTime::RepeatDateTime: Invalid name: ${name}`);
    const tag = `repeat ${name} ${formatInstant(s)} ${formatInstant(e)} ${formatDurationSeconds(d)}`;
    if (d === 0) throw new ArgumentError(`Invalid Repeat datetime: the delta cannot be zero${tag}`);
    if (formatInstant(s).length !== 15) {
      throw new ArgumentError(`Invalid Repeat datetime: The start is not a valid date+time. Please use yyyymmddTMMHHSS format.${tag}`);
    }
    if (formatInstant(e).length !== 15) {
      throw new ArgumentError(`Invalid Repeat datetime: The end is not a valid date+time. Please use yyyymmddTHHMMSS format.${tag}`);
    }
    if (d > 0 ? !(e >= s) : !(s >= e)) {
      throw new ArgumentError(
        d > 0
          ? `Invalid Repeat datetime: The end must be greater than the start date+time, when delta is positive ${tag}`
          : `Invalid Repeat datetime: The start must be greater than the end date+time, when delta is negative ${tag}`,
      );
    }
    this.name = name;
    this.start = s;
    this.end = e;
    this.delta = d;
    this.value = s;
  }
  /** The `repeat datetime` line, as ecFlow writes it (without the state): the delta as `HH:MM:SS`. */
  toString(): string {
    return `repeat datetime ${this.name} ${formatInstant(this.start)} ${formatInstant(this.end)} ${formatDurationSeconds(this.delta)}`;
  }
  /** The ` # yyyymmddTHHMMSS` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.value !== this.start ? ' # ' + formatInstant(this.value) : '';
  }
}

/** `repeat datetimelist VAR "yyyymmddTHHMMSS"...` (ecFlow 5.17+); `index` is the current position. */
export class RepeatDateTimeList {
  /** The kind of repeat, `datetimelist`. */
  readonly kind = 'datetimelist';
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** The instants in order, seconds since the epoch (UTC). */
  list: number[];
  /** Position of the current instant in `list` (state). @default 0 */
  index = 0;
  /**
   * A date-time list repeat at its first instant; instants are seconds since the epoch or
   * `yyyymmddTHHMMSS` texts. Throws an {@link ArgumentError} for an invalid name, an empty list or an
   * invalid instant.
   */
  constructor(name: string, list: readonly (number | string)[]) {
    const instants = list.map((x) => (typeof x === 'string' ? parseInstant(x) : x));
    if (!isValidName(name)) throw new ArgumentError(`RepeatDateTimeList: Invalid name: ${name}`);
    if (instants.length === 0) throw new ArgumentError(`RepeatDateTimeList: ${name} is empty`);
    for (const i of instants) {
      const ts = formatInstant(i);
      if (ts.length !== 15) {
        throw new ArgumentError(`Invalid Repeat datetimelist : ${name} the datetime ${ts} is not valid. Please use yyyymmddTHHMMSS format.`);
      }
    }
    this.name = name;
    this.list = instants;
  }
  /** The `repeat datetimelist` line, as ecFlow writes it (without the state). */
  toString(): string {
    let s = 'repeat datetimelist ' + this.name;
    for (const i of this.list) s += ' "' + formatInstant(i) + '"';
    return s;
  }
  /** The ` # …` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.index !== 0 ? ' # ' + this.index : '';
  }
}

/** Any `repeat` attribute; `kind` tells which. */
export type Repeat = RepeatDate | RepeatDateList | RepeatInteger | RepeatEnumerated | RepeatString | RepeatDay | RepeatDateTime | RepeatDateTimeList;
/** The kinds of repeat: `date`, `datelist`, `integer`, `enumerated`, `string`, `day`, `datetime`, `datetimelist`. */
export type RepeatKind = Repeat['kind'];
