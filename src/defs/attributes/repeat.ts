/** `repeat` attributes (ANattr/src/RepeatAttr.cpp). */
import { ArgumentError } from '../../errors.js';
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

/** Any `repeat` attribute; `kind` tells which. */
export type Repeat = RepeatDate | RepeatDateList | RepeatInteger | RepeatEnumerated | RepeatString | RepeatDay;
/** The kinds of repeat: `date`, `datelist`, `integer`, `enumerated`, `string`, `day`. */
export type RepeatKind = Repeat['kind'];
