/** Variables, labels, meters, events, limits and in-limits (ANattr/src/NodeAttr.cpp, Variable.cpp, ANode/src/Limit.cpp, InLimit.cpp). */
import { ArgumentError } from '../../errors.js';
import { escapeNewlines, INT_MAX } from '../text.js';

/** `edit NAME 'value'`. */
export class Variable {
  name: string;
  value: string;
  constructor(name: string, value: string) {
    this.name = name;
    this.value = value;
  }
  toString(): string {
    return "edit " + this.name + " '" + escapeNewlines(this.value) + "'";
  }
}

/** `label name "value"`; `newValue` is the value set by a child command or alter (state). */
export class Label {
  name: string;
  value: string;
  newValue: string;
  constructor(name: string, value: string, newValue = '') {
    this.name = name;
    this.value = value;
    this.newValue = newValue;
  }
  toString(): string {
    return 'label ' + this.name + ' "' + escapeNewlines(this.value) + '"';
  }
}

/** `meter name min max [colour-change]`; `value` is the current value (state). */
export class Meter {
  name: string;
  min: number;
  max: number;
  colorChange: number;
  value: number;
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
  initialValue: boolean;
  value: boolean;
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
  toString(): string {
    let s = 'event ';
    if (this.number === undefined) s += this.name;
    else s += this.number + ' ' + this.name;
    if (this.initialValue) s += ' set';
    return s;
  }
}

/** `limit name max`; `value` and `paths` are the tokens in use (state). */
export class Limit {
  name: string;
  limit: number;
  value: number;
  /** Paths of the nodes holding tokens, kept sorted (a `std::set`). */
  paths: string[];
  constructor(name: string, limit: number, value = 0, paths: string[] = []) {
    this.name = name;
    this.limit = limit;
    this.value = value;
    this.paths = paths;
  }
  toString(): string {
    return 'limit ' + this.name + ' ' + this.limit;
  }
}

/** `inlimit [-n] [-s] [path:]name [tokens]`. */
export class InLimit {
  name: string;
  /** Path of the node holding the limit; empty to search up the tree. */
  path: string;
  tokens: number;
  limitThisNodeOnly: boolean;
  limitSubmission: boolean;
  /** State: tokens consumed. @default false */
  incremented = false;
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
  toString(): string {
    let s = 'inlimit ';
    if (this.limitThisNodeOnly) s += '-n ';
    if (this.limitSubmission) s += '-s ';
    s += this.path.length === 0 ? this.name : this.path + ':' + this.name;
    if (this.tokens !== 1) s += ' ' + this.tokens;
    return s;
  }
}
