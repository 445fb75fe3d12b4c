/** Variables, labels, meters, events, limits and in-limits (ANattr/src/NodeAttr.cpp, Variable.cpp, ANode/src/Limit.cpp, InLimit.cpp). */
import { ArgumentError } from '../../errors.js';
import { escapeNewlines, INT_MAX, isValidName, toInt } from '../text.js';

/** `edit NAME 'value'`. */
export class Variable {
  /** The variable name. */
  name: string;
  /** Its value, unescaped (a newline is a real newline, printed as `\n`). */
  value: string;
  /** A variable as given; names are checked by the node adders, not here. */
  constructor(name: string, value: string) {
    this.name = name;
    this.value = value;
  }
  /** The `edit NAME 'value'` line, as ecFlow writes it. */
  toString(): string {
    return "edit " + this.name + " '" + escapeNewlines(this.value) + "'";
  }
}

/** `label name "value"`; `newValue` is the value set by a child command or alter (state). */
export class Label {
  /** The label name. */
  name: string;
  /** The value in the definition. */
  value: string;
  /** The value set by a job or an alter; empty when none was set. */
  newValue: string;
  /** A label as given. */
  constructor(name: string, value: string, newValue = '') {
    this.name = name;
    this.value = value;
    this.newValue = newValue;
  }
  /** The `label name "value"` line, as ecFlow writes it (without the state). */
  toString(): string {
    return 'label ' + this.name + ' "' + escapeNewlines(this.value) + '"';
  }
}

/** `meter name min max [colour-change]`; `value` is the current value (state). */
export class Meter {
  /** The meter name. */
  name: string;
  /** Lowest value. */
  min: number;
  /** Highest value. */
  max: number;
  /** The value from which a viewer shows the meter in another colour. */
  colorChange: number;
  /** Current value (state). */
  value: number;
  /**
   * A meter; throws an {@link ArgumentError} when `min > max` or `colorChange` is outside
   * `[min, max]`.
   * @param colorChange defaults to `max`.
   * @param value the current value; defaults to `min`.
   */
  constructor(name: string, min: number, max: number, colorChange: number = INT_MAX, value: number = INT_MAX) {
    if (min > max) throw new ArgumentError('Meter::Meter: Invalid Meter(name,min,max,color_change) : min must be less than max');
    const cc = colorChange === INT_MAX ? max : colorChange;
    if (cc < min || cc > max) {
      throw new ArgumentError(`Meter::Meter: Invalid Meter(name,min,max,color_change) color_change(${cc}) must be between min(${min}) and max(${max})`);
    }
    this.name = name;
    this.min = min;
    this.max = max;
    this.colorChange = cc;
    this.value = value === INT_MAX ? min : value;
  }
  /** The `meter name min max colorChange` line, as ecFlow writes it (without the state). */
  toString(): string {
    return `meter ${this.name} ${this.min} ${this.max} ${this.colorChange}`;
  }
}

/** `event [number] [name] [set]`; `value` is the current value (state), `initialValue` the `set` flag. */
export class Event {
  /** Empty when the event only has a number. */
  name: string;
  /** `undefined` when the event has no number. */
  number: number | undefined;
  /** Whether the event starts set (`event e set`), which requeue restores. */
  initialValue: boolean;
  /** Whether the event is set now (state). */
  value: boolean;
  /** An event of a name, a number or both; its current value starts as `initialValue`. */
  constructor(name: string, number: number | undefined, initialValue = false) {
    this.name = name;
    this.number = number;
    this.initialValue = initialValue;
    this.value = initialValue;
  }
  /** The name, or the number when there is no name. */
  nameOrNumber(): string {
    return this.name.length === 0 ? String(this.number) : this.name;
  }
  /** The `event [number] [name] [set]` line, as ecFlow writes it (without the state). */
  toString(): string {
    let s = 'event ';
    if (this.number === undefined) s += this.name;
    else s += this.number + ' ' + this.name;
    if (this.initialValue) s += ' set';
    return s;
  }
}

/** The tokens and flags of an `alter add inlimit` value (ecFlow 5.16+'s `parse_inlimit_value`). */
export interface InLimitValue {
  /** Tokens taken. */
  tokens: number;
  /** `-s`: tokens held only while the job is submitted. */
  limitSubmission: boolean;
  /** `-n`: a family takes the tokens once. */
  limitThisNodeOnly: boolean;
}

/**
 * `parse_inlimit_value` (InLimit.cpp, 5.16+): the `-s` and `-n` flags anywhere in the value (not
 * both), the rest the number of tokens (more than 0; 1 when there is none).
 */
export function parseInLimitValue(value: string): InLimitValue {
  const limitSubmission = value.includes('-s');
  let v = value.replaceAll('-s', '');
  const limitThisNodeOnly = v.includes('-n');
  v = v.replaceAll('-n', '');
  if (limitSubmission && limitThisNodeOnly) throw new ArgumentError('AlterCmd: an inlimit cannot be limited for both submission and node');
  v = v.replace(/^[ \t]+|[ \t]+$/g, '');
  if (v.length === 0) return { tokens: 1, limitSubmission, limitThisNodeOnly };
  const tokens = toInt(v);
  if (tokens === undefined) throw new ArgumentError(`AlterCmd: the inlimit value, '${v}', cannot be converted to an integer`);
  if (tokens <= 0) throw new ArgumentError(`AlterCmd: the inlimit value must be > 0, but value was: '${tokens}'`);
  return { tokens, limitSubmission, limitThisNodeOnly };
}

/** `limit name max`; `value` and `paths` are the tokens in use (state). */
export class Limit {
  /** The limit name. */
  name: string;
  /** How many tokens it has: the most nodes that can hold one at once. */
  limit: number;
  /** Tokens in use (state). */
  value: number;
  /** Paths of the nodes holding tokens, kept sorted (a `std::set`). */
  paths: string[];
  /** A limit as given. */
  constructor(name: string, limit: number, value = 0, paths: string[] = []) {
    this.name = name;
    this.limit = limit;
    this.value = value;
    this.paths = paths;
  }
  /** The `limit name size` line, as ecFlow writes it (without the state). */
  toString(): string {
    return 'limit ' + this.name + ' ' + this.limit;
  }
}

/** `inlimit [-n] [-s] [path:]name [tokens]`. */
export class InLimit {
  /** The name of the limit this node takes tokens from. */
  name: string;
  /** Path of the node holding the limit; empty to search up the tree. */
  path: string;
  /** Tokens a node takes while it runs. @default 1 */
  tokens: number;
  /** `-n`: the family takes the tokens once, rather than each task below it. @default false */
  limitThisNodeOnly: boolean;
  /** `-s`: tokens are held only while the job is submitted, not while it runs. @default false */
  limitSubmission: boolean;
  /** State: tokens consumed. @default false */
  incremented = false;
  /** An in-limit; `-n` and `-s` together throw an {@link ArgumentError}, as in ecFlow. */
  constructor(name: string, path = '', tokens = 1, limitThisNodeOnly = false, limitSubmission = false) {
    if (limitThisNodeOnly && limitSubmission) {
      throw new ArgumentError("InLimit::InLimit: can't limit family only(-n) and limit submission(-s) at the same time");
    }
    this.name = name;
    this.path = path;
    this.tokens = tokens;
    this.limitThisNodeOnly = limitThisNodeOnly;
    this.limitSubmission = limitSubmission;
  }
  /**
   * The in-limit of `ecflow_client --alter add inlimit NAME VALUE` in ecFlow 5.16+
   * (`InLimit::make_from_name_and_value`): `NAME` is `[path:]limit`, `VALUE` the tokens with the
   * 5.16 flags `-s` (limit submission) or `-n` (this node only), as `"-s 2"`, `"-n"` or `"3"`; an
   * empty value is 1 token. Throws an {@link ArgumentError} with ecFlow's message.
   */
  static fromNameAndValue(name: string, value: string): InLimit {
    if (name.length === 0) throw new ArgumentError(`Invalid inlimit reference to '[</path/to/node:]<limit-name>': ${name}`);
    let path = '';
    let limit = '';
    const colon = name.indexOf(':');
    if (colon < 0) {
      if (name.charCodeAt(0) === 47) path = name;
      else limit = name;
    } else {
      path = name.slice(0, colon);
      limit = name.slice(colon + 1);
    }
    const v = parseInLimitValue(value);
    if (!isValidName(limit)) throw new ArgumentError(`InLimit::InLimit: Invalid InLimit name: ${limit}`);
    return new InLimit(limit, path, v.tokens, v.limitThisNodeOnly, v.limitSubmission);
  }
  /** The `inlimit [-n] [-s] [path:]name [tokens]` line, as ecFlow writes it. */
  toString(): string {
    let s = 'inlimit ';
    if (this.limitThisNodeOnly) s += '-n ';
    if (this.limitSubmission) s += '-s ';
    s += this.path.length === 0 ? this.name : this.path + ':' + this.name;
    if (this.tokens !== 1) s += ' ' + this.tokens;
    return s;
  }
}
