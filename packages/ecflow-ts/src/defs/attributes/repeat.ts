/** `repeat` attributes (ANattr/src/RepeatAttr.cpp; libs/attribute/src/ecflow/attribute/RepeatAttr.cpp for the 5.12+ kinds). */
import { ArgumentError } from '../../errors.js';
import { formatDurationSeconds, formatInstant, parseDurationSeconds, parseInstant } from '../chrono.js';
import { isValidName, isValidYmd } from '../text.js';

/**
 * What the repeats over a range share (date, integer, datetime: RepeatDate, RepeatInteger and
 * RepeatDateTime of RepeatAttr.cpp): `value` steps from `start` to `end` by `delta`.
 */
export abstract class RangeRepeat {
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** First value (a date's `yyyymmdd`, a date-time's seconds since the epoch). */
  start: number;
  /** Last value. */
  end: number;
  /** Step from one value to the next (negative counts down). */
  delta: number;
  /** The current value (state). */
  value: number;
  /** A repeat at its start. */
  protected constructor(name: string, start: number, end: number, delta: number) {
    this.name = name;
    this.start = start;
    this.end = end;
    this.delta = delta;
    this.value = start;
  }
  /** The ` # …` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.value !== this.start ? ' # ' + this.stateValue() : '';
  }
  /** The current value as the state suffix writes it. */
  protected stateValue(): string {
    return String(this.value);
  }
}

/**
 * What the repeats over a list share (datelist, enumerated, string, datetimelist): `index` is the
 * position of the current item, and the line lists the items quoted.
 */
export abstract class ListRepeat {
  /** The kind of repeat: its keyword. */
  abstract readonly kind: 'datelist' | 'enumerated' | 'string' | 'datetimelist';
  /** The repeat's name, which is also the name of the variable holding its current value. */
  name: string;
  /** Position of the current item (state). @default 0 */
  index = 0;
  /** A repeat at its first item. */
  protected constructor(name: string) {
    this.name = name;
  }
  /** The items as the line quotes them. */
  protected abstract items(): readonly (string | number)[];
  /** The `repeat <kind>` line, as ecFlow writes it (without the state). */
  toString(): string {
    let s = 'repeat ' + this.kind + ' ' + this.name;
    for (const item of this.items()) s += ' "' + item + '"';
    return s;
  }
  /** The ` # …` state suffix of the state print styles; empty while the repeat is at its start. */
  stateSuffix(): string {
    return this.index !== 0 ? ' # ' + this.index : '';
  }
}

/** `repeat date VAR start end [delta]`; `value` is the current yyyymmdd. */
export class RepeatDate extends RangeRepeat {
  /** The kind of repeat, `date`. */
  readonly kind = 'date';
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
    super(name, start, end, delta);
  }
  /** The `repeat date` line, as ecFlow writes it (without the state). */
  override toString(): string {
    return `repeat date ${this.name} ${this.start} ${this.end} ${this.delta}`;
  }
}

/** `repeat datelist VAR "yyyymmdd"...`; `index` is the current position. */
export class RepeatDateList extends ListRepeat {
  /** The kind of repeat, `datelist`. */
  readonly kind = 'datelist';
  /** The dates in order, `yyyymmdd`. */
  list: number[];
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
    super(name);
    this.list = list;
  }
  /** The items, as the line quotes them. */
  protected items(): readonly (string | number)[] {
    return this.list;
  }
}

/** `repeat integer VAR start end [step]`; `value` is the current value. */
export class RepeatInteger extends RangeRepeat {
  /** The kind of repeat, `integer`. */
  readonly kind = 'integer';
  /** An integer repeat at its start; throws an {@link ArgumentError} for an invalid name. */
  constructor(name: string, start: number, end: number, delta = 1) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatInteger: Invalid name: ${name}`);
    super(name, start, end, delta);
  }
  /** The `repeat integer` line, as ecFlow writes it (without the state). */
  override toString(): string {
    return `repeat integer ${this.name} ${this.start} ${this.end}` + (this.delta !== 1 ? ' ' + this.delta : '');
  }
}

/** `repeat enumerated VAR "a" "b"...`; `index` is the current position. */
export class RepeatEnumerated extends ListRepeat {
  /** The kind of repeat, `enumerated`. */
  readonly kind = 'enumerated';
  /** The values in order. */
  values: string[];
  /**
   * An enumerated repeat at its first value; throws an {@link ArgumentError} for an invalid name or no
   * values.
   */
  constructor(name: string, values: string[]) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatEnumerated: Invalid name: ${name}`);
    if (values.length === 0) throw new ArgumentError(`RepeatEnumerated: ${name} is empty`);
    super(name);
    this.values = values;
  }
  /** The items, as the line quotes them. */
  protected items(): readonly (string | number)[] {
    return this.values;
  }
}

/** `repeat string VAR "a" "b"...`; `index` is the current position. */
export class RepeatString extends ListRepeat {
  /** The kind of repeat, `string`. */
  readonly kind = 'string';
  /** The values in order. */
  values: string[];
  /** A string repeat at its first value; throws an {@link ArgumentError} for an invalid name or no values. */
  constructor(name: string, values: string[]) {
    if (!isValidName(name)) throw new ArgumentError(`RepeatString:: Invalid name: ${name}`);
    if (values.length === 0) throw new ArgumentError(`RepeatString : ${name} is empty`);
    super(name);
    this.values = values;
  }
  /** The items, as the line quotes them. */
  protected items(): readonly (string | number)[] {
    return this.values;
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
export class RepeatDateTime extends RangeRepeat {
  /** The kind of repeat, `datetime`. */
  readonly kind = 'datetime';
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
    super(name, s, e, d);
  }
  /** The `repeat datetime` line, as ecFlow writes it (without the state): the delta as `HH:MM:SS`. */
  override toString(): string {
    return `repeat datetime ${this.name} ${formatInstant(this.start)} ${formatInstant(this.end)} ${formatDurationSeconds(this.delta)}`;
  }
  /** A date-time's state is written `yyyymmddTHHMMSS`. */
  protected override stateValue(): string {
    return formatInstant(this.value);
  }
}

/** `repeat datetimelist VAR "yyyymmddTHHMMSS"...` (ecFlow 5.17+); `index` is the current position. */
export class RepeatDateTimeList extends ListRepeat {
  /** The kind of repeat, `datetimelist`. */
  readonly kind = 'datetimelist';
  /** The instants in order, seconds since the epoch (UTC). */
  list: number[];
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
    super(name);
    this.list = instants;
  }
  /** The items, as the line quotes them. */
  protected items(): readonly (string | number)[] {
    return this.list.map((i) => formatInstant(i));
  }
}

/** Any `repeat` attribute; `kind` tells which. */
export type Repeat = RepeatDate | RepeatDateList | RepeatInteger | RepeatEnumerated | RepeatString | RepeatDay | RepeatDateTime | RepeatDateTimeList;
/** The kinds of repeat: `date`, `datelist`, `integer`, `enumerated`, `string`, `day`, `datetime`, `datetimelist`. */
export type RepeatKind = Repeat['kind'];
