/**
 * Low-level text helpers shared by the parser and printer: whitespace tokenising, boost-compatible
 * integer conversion, name validation, calendar arithmetic and boost date/time formatting.
 */
import { ArgumentError } from '../errors.js';
import { DEFAULT_VERSION, type Facts, factsOf } from '../versions.js';

/** Splits a line on runs of spaces and tabs (`Str::split` with " \t"). Empty tokens never appear. */
export function splitTokens(line: string, out: string[]): string[] {
  out.length = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    let c = line.charCodeAt(i);
    while (c === 32 || c === 9) {
      if (++i >= n) return out;
      c = line.charCodeAt(i);
    }
    const start = i;
    while (++i < n) {
      c = line.charCodeAt(i);
      if (c === 32 || c === 9) break;
    }
    out.push(line.slice(start, i));
  }
  return out;
}

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
export { INT_MAX };

/** `boost::lexical_cast<int>`: optional sign, digits only, 32-bit range; `undefined` when it would throw. */
export function toInt(s: string): number | undefined {
  const n = s.length;
  if (n === 0) return undefined;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
    if (n === 1) return undefined;
  }
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
    if (v > 2147483648) return undefined;
  }
  if (neg) v = -v;
  if (v > INT_MAX || v < INT_MIN) return undefined;
  return v === 0 ? 0 : v;
}

/** `Extract::theInt`: like `toInt` but throws `message`. */
export function theInt(s: string, message: string): number {
  const v = toInt(s);
  if (v === undefined) throw new ArgumentError(message);
  return v;
}

function isAlnumUnderscore(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `Str::valid_name`: `[A-Za-z0-9_][A-Za-z0-9_.]*`. */
export function isValidName(name: string): boolean {
  const n = name.length;
  if (n === 0 || !isAlnumUnderscore(name.charCodeAt(0))) return false;
  for (let i = 1; i < n; i++) {
    const c = name.charCodeAt(i);
    if (!isAlnumUnderscore(c) && c !== 46) return false;
  }
  return true;
}

/** The facts that choose how an invalid name is worded (see versions.ts). */
export type NameFacts = Pick<Facts, 'validNameWording' | 'nameErrorWording'>;

/**
 * The message the release's name check gives for an invalid name: `Str::valid_name(name, msg)`
 * (its 5.9 and 5.10 wordings), or 5.17's `ecf::algorithm::is_valid_name` (`Invalid name 'x-y': …`).
 */
export function invalidNameReason(name: string, facts: NameFacts = factsOf(DEFAULT_VERSION)): string {
  if (facts.nameErrorWording) {
    if (name.length === 0) return "Invalid name '': empty string";
    if (!isAlnumUnderscore(name.charCodeAt(0))) return `Invalid name '${name}': only alphanumeric characters or underscore are accepted as first character`;
    return `Invalid name '${name}': only alphanumeric characters, underscore or dot are accepted`;
  }
  if (name.length === 0) return 'Invalid name. Empty string.';
  const valid = facts.validNameWording
    ? 'Valid names can only consist of alphanumeric characters, underscores and dots (The first character cannot be a dot). '
    : 'Valid names can only consist of alphanumeric characters ,underscores and dots. The first character cannot be a dot';
  if (!isAlnumUnderscore(name.charCodeAt(0))) {
    return facts.validNameWording ? `${valid}The first character is not valid (only alphanumeric or an underscore is allowed): ${name}` : `${valid}: ${name}`;
  }
  let msg = facts.validNameWording ? valid : `${valid}. `;
  if (name.includes('\r')) msg += facts.validNameWording ? 'Windows line ending ? ' : "Window's line ending ? ";
  return msg + "'" + name + "'";
}

/** `Str::removeQuotes`: strips one pair of enclosing double quotes. */
export function removeQuotes(s: string): string {
  const n = s.length;
  if (n > 0 && s.charCodeAt(0) === 34 && s.charCodeAt(n - 1) === 34) return s.slice(1, n - 1 > 0 ? n - 1 : 1);
  return s;
}

/** `Str::removeSingleQuotes`: strips one pair of enclosing single quotes. */
export function removeSingleQuotes(s: string): string {
  const n = s.length;
  if (n > 0 && s.charCodeAt(0) === 39 && s.charCodeAt(n - 1) === 39) return s.slice(1, n - 1 > 0 ? n - 1 : 1);
  return s;
}

// ---------------------------------------------------------------------------------------------
// boost::gregorian dates

export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Whether `boost::gregorian::date(y, m, d)` would construct without throwing (years 1400-9999). */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** Validates an 8 digit `yyyymmdd` (as `from_undelimited_string` + `date(...)` do). */
export function isValidYmd(v: number): boolean {
  const y = Math.trunc(v / 10000);
  const m = Math.trunc(v / 100) % 100;
  const d = v % 100;
  return isValidDate(y, m, d);
}

/** A calendar date. */
export interface YMD {
  /** Year, e.g. 2024. */
  y: number;
  /** Month, 1–12. */
  m: number;
  /** Day of the month, 1–31. */
  d: number;
}

/** `to_simple_string(date)`: `2024-Jan-01`, or `not-a-date-time` for `null`. */
export function formatSimpleDate(date: YMD | null): string {
  if (date === null) return 'not-a-date-time';
  return pad(date.y, 4) + '-' + MONTH_NAMES[date.m - 1] + '-' + pad(date.d, 2);
}

/** `from_simple_string(date)`: accepts `2024-Jan-01`, `2024-01-01`, `2024/1/1`. Throws when invalid. */
export function parseSimpleDate(text: string): YMD {
  const parts = text.split(/[-/,. ]/);
  if (parts.length !== 3) throw new ArgumentError(`Invalid date: ${text}`);
  const y = toInt(parts[0]!);
  let m = toInt(parts[1]!);
  if (m === undefined) {
    const idx = MONTH_NAMES.findIndex((name) => name.toLowerCase() === parts[1]!.slice(0, 3).toLowerCase());
    if (idx >= 0) m = idx + 1;
  }
  const d = toInt(parts[2]!);
  if (y === undefined || m === undefined || d === undefined || !isValidDate(y, m, d)) throw new ArgumentError(`Invalid date: ${text}`);
  return { y, m, d };
}

export function pad(v: number, width: number): string {
  let s = String(v);
  while (s.length < width) s = '0' + s;
  return s;
}

// ---------------------------------------------------------------------------------------------
// boost::posix_time durations and times

/** Formats microseconds as `to_simple_string(time_duration)`: `[-]HH:MM:SS[.ffffff]`. */
export function formatDuration(us: number): string {
  let s = '';
  if (us < 0) {
    s = '-';
    us = -us;
  }
  const totalSec = Math.floor(us / 1e6);
  const frac = us - totalSec * 1e6;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor(totalSec / 60) % 60;
  const sec = totalSec % 60;
  s += pad(h, 2) + ':' + pad(m, 2) + ':' + pad(sec, 2);
  if (frac !== 0) s += '.' + pad(frac, 6);
  return s;
}

/** Parses `duration_from_string`: `[-]H:M:S[.fraction]` into microseconds. Throws when malformed. */
export function parseDuration(text: string): number {
  let t = text;
  let neg = false;
  if (t.startsWith('-')) {
    neg = true;
    t = t.slice(1);
  }
  const parts = t.split(':');
  if (parts.length === 0 || parts.length > 3 || t.length === 0) throw new ArgumentError(`Invalid duration: ${text}`);
  let h = 0;
  let m = 0;
  let sec = 0;
  let frac = 0;
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i]!;
    if (i === 2) {
      const dot = p.indexOf('.');
      if (dot >= 0) {
        const f = p.slice(dot + 1, dot + 7);
        frac = f.length === 0 ? 0 : Number((f + '000000').slice(0, 6));
        p = p.slice(0, dot);
      }
    }
    if (!/^\d+$/.test(p)) throw new ArgumentError(`Invalid duration: ${text}`);
    const v = Number(p);
    if (i === 0) h = v;
    else if (i === 1) m = v;
    else sec = v;
  }
  const us = ((h * 60 + m) * 60 + sec) * 1e6 + frac;
  return neg ? -us : us;
}

/** A `boost::posix_time::ptime`: a date and a time of day in microseconds. */
export interface PTime {
  /** The date. */
  date: YMD;
  /** The time of day in microseconds since midnight. */
  us: number;
}

/** `to_simple_string(ptime)`: `2024-Jan-01 01:00:00[.ffffff]`. */
export function formatPTime(t: PTime): string {
  return formatSimpleDate(t.date) + ' ' + formatDuration(t.us);
}

/** `time_from_string`: `2024-Jan-01 01:00:00` or `2024-01-01 01:00:00`. */
export function parsePTime(text: string): PTime {
  const sp = text.indexOf(' ');
  if (sp < 0) throw new ArgumentError(`Invalid time: ${text}`);
  return { date: parseSimpleDate(text.slice(0, sp)), us: parseDuration(text.slice(sp + 1)) };
}

/** Escapes newlines as the two characters `\n` (`Str::replaceall(s, "\n", "\\n")`). */
export function escapeNewlines(s: string): string {
  return s.includes('\n') ? s.replaceAll('\n', '\\n') : s;
}

/** Reverses `escapeNewlines`. */
export function unescapeNewlines(s: string): string {
  return s.includes('\\n') ? s.replaceAll('\\n', '\n') : s;
}
