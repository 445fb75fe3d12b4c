/** `repeat` attributes (ANattr/src/RepeatAttr.cpp). */
import { ArgumentError } from '../../errors.js';
import { isValidName, isValidYmd } from '../text.js';

/** `repeat date VAR start end [delta]`; `value` is the current yyyymmdd. */
export class RepeatDate {
  readonly kind = 'date';
  name: string;
  start: number;
  end: number;
  delta: number;
  value: number;
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
  toString(): string {
    return `repeat date ${this.name} ${this.start} ${this.end} ${this.delta}`;
  }
  stateSuffix(): string {
    return this.value !== this.start ? ' # ' + this.value : '';
  }
}

/** `repeat datelist VAR "yyyymmdd"...`; `index` is the current position. */
export class RepeatDateList {
  readonly kind = 'datelist';
  name: string;
  list: number[];
  index = 0;
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
  toString(): string {
    let s = 'repeat datelist ' + this.name;
    for (const d of this.list) s += ' "' + d + '"';
    return s;
  }
  stateSuffix(): string {
    return this.index !== 0 ? ' # ' + this.index : '';
  }
}

/** `repeat integer VAR start end [step]`; `value` is the current value. */
export class RepeatInteger {
  readonly kind = 'integer';
  name: string;
  start: number;
  end: number;
  delta: number;
  value: number;
  constructor(name: string, start: number, end: number, delta = 1) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatInteger: Invalid name: ${name}`);
    this.name = name;
    this.start = start;
    this.end = end;
    this.delta = delta;
    this.value = start;
  }
  toString(): string {
    return `repeat integer ${this.name} ${this.start} ${this.end}` + (this.delta !== 1 ? ' ' + this.delta : '');
  }
  stateSuffix(): string {
    return this.value !== this.start ? ' # ' + this.value : '';
  }
}

/** `repeat enumerated VAR "a" "b"...`; `index` is the current position. */
export class RepeatEnumerated {
  readonly kind = 'enumerated';
  name: string;
  values: string[];
  index = 0;
  constructor(name: string, values: string[]) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatEnumerated: Invalid name: ${name}`);
    if (values.length === 0) throw new ArgumentError(`RepeatEnumerated: ${name} is empty`);
    this.name = name;
    this.values = values;
  }
  toString(): string {
    let s = 'repeat enumerated ' + this.name;
    for (const v of this.values) s += ' "' + v + '"';
    return s;
  }
  stateSuffix(): string {
    return this.index !== 0 ? ' # ' + this.index : '';
  }
}

/** `repeat string VAR "a" "b"...`; `index` is the current position. */
export class RepeatString {
  readonly kind = 'string';
  name: string;
  values: string[];
  index = 0;
  constructor(name: string, values: string[]) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatString:: Invalid name: ${name}`);
    if (values.length === 0) throw new ArgumentError(`RepeatString : ${name} is empty`);
    this.name = name;
    this.values = values;
  }
  toString(): string {
    let s = 'repeat string ' + this.name;
    for (const v of this.values) s += ' "' + v + '"';
    return s;
  }
  stateSuffix(): string {
    return this.index !== 0 ? ' # ' + this.index : '';
  }
}

/** `repeat day step`. */
export class RepeatDay {
  readonly kind = 'day';
  readonly name = 'day';
  step: number;
  constructor(step: number) {
    this.step = step;
  }
  toString(): string {
    return 'repeat day ' + this.step;
  }
  stateSuffix(): string {
    return '';
  }
}

export type Repeat = RepeatDate | RepeatDateList | RepeatInteger | RepeatEnumerated | RepeatString | RepeatDay;
export type RepeatKind = Repeat['kind'];
