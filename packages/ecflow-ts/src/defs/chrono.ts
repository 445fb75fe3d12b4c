/**
 * ecFlow's `ecf::Instant` and `ecf::Duration` (libs/core/src/ecflow/core/Chrono.cpp, 5.12+): the
 * time points and steps of `repeat datetime`, `repeat datetimelist` and the `yyyymmddTHHMMSS`
 * literals of expressions. An instant is held as whole seconds since the Unix epoch, UTC (ecFlow
 * truncates its `system_clock` time points to seconds); a duration as whole seconds.
 */
import { ArgumentError } from '../errors.js';

/** Digits `n` characters long at `at` in `s` (exactly `n`, as `std::get_time`'s numeric fields read), else -1. */
function digits(s: string, at: number, n: number): number {
  if (at + n > s.length) return -1;
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`, as `Instant::parse`). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor((y >= 0 ? y : y - 399) / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The instant a `yyyymmddTHHMMSS` text stands for, in seconds since the epoch, UTC
 * (`Instant::parse`: `std::get_time` with `%Y%m%dT%H%M%S`, then a days-of-month check; anything after
 * the seconds is ignored, as there). Throws an `ArgumentError` with ecFlow's message otherwise.
 */
export function parseInstant(text: string): number {
  const y = digits(text, 0, 4);
  const mo = digits(text, 4, 2);
  const d = digits(text, 6, 2);
  const h = digits(text, 9, 2);
  const mi = digits(text, 11, 2);
  const s = digits(text, 13, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || text.charCodeAt(8) !== 84 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
    throw new ArgumentError('Unable to parse invalid instant value: ' + text);
  }
  if (d > daysInMonth(y, mo)) throw new ArgumentError('Detected invalid number of days for instant value: ' + text);
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/** Whether `text` begins with a valid `yyyymmddTHHMMSS` instant (what {@link parseInstant} accepts). */
export function isInstant(text: string): boolean {
  try {
    parseInstant(text);
    return true;
  } catch {
    return false;
  }
}

function two(v: number): string {
  return v < 10 ? '0' + v : String(v);
}

/** The civil date of a day count since 1970-01-01 (`civil_from_days`). */
export function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor((z >= 0 ? z : z - 146096) / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** The parts of an instant: date and time of day, UTC. */
export function instantParts(seconds: number): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const days = Math.floor(seconds / 86400);
  const t = seconds - days * 86400;
  const { y, m, d } = civilFromDays(days);
  return { y, m, d, h: Math.floor(t / 3600), mi: Math.floor(t / 60) % 60, s: t % 60 };
}

/** `yyyymmddTHHMMSS` for an instant in seconds since the epoch, UTC (`Instant::format`: `gmtime`, `%Y%m%dT%H%M%S`). */
export function formatInstant(seconds: number): string {
  const p = instantParts(seconds);
  return String(p.y) + two(p.m) + two(p.d) + 'T' + two(p.h) + two(p.mi) + two(p.s);
}

/** `boost::lexical_cast<int>` of a duration field: optional sign and digits; `ArgumentError` otherwise. */
function durationField(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new ArgumentError('bad lexical cast: source type value could not be interpreted as target');
  const v = Number(s);
  if (v > 2147483647 || v < -2147483648) throw new ArgumentError('bad lexical cast: source type value could not be interpreted as target');
  return v;
}

/**
 * Seconds of a `H`, `H:M` or `H:M:S` duration (`Duration::parse`): a negative field makes the fields
 * after it count down too (`-1:30` is minus 90 minutes); an empty field is 0, a fourth is ignored.
 */
export function parseDurationSeconds(text: string): number {
  const units = [3600, 60, 1];
  let rest = text;
  let total = 0;
  let sign = 1;
  for (let i = 0; i < 3; i++) {
    const colon = rest.indexOf(':');
    const head = colon < 0 ? rest : rest.slice(0, colon);
    const v = head.length === 0 ? 0 : durationField(head);
    total += sign * v * units[i]!;
    if (colon < 0) break;
    // each field's sign carries to the fields after it (`parse_duration`'s recursion)
    if (v < 0) sign = -sign;
    rest = rest.slice(colon + 1);
  }
  return total;
}

/** A number as `std::setw(2) << std::setfill('0')` writes it (`-5` is `-5`, `7` is `07`). */
function setw2(v: number): string {
  const s = String(v);
  return s.length >= 2 ? s : '0'.repeat(2 - s.length) + s;
}

/**
 * `HH:MM:SS` for a duration in seconds (`Duration::format`): each field zero-padded to two digits,
 * hours past 24 kept (`36:00:00`); a negative duration carries the sign on its hours only.
 */
export function formatDurationSeconds(seconds: number): string {
  const h = Math.trunc(seconds / 3600);
  const sign = h >= 0 ? 1 : -1;
  let rest = sign * (seconds - h * 3600);
  const m = Math.trunc(rest / 60);
  const sign2 = m >= 0 ? 1 : -1;
  rest = sign2 * (rest - m * 60);
  return setw2(h) + ':' + setw2(m) + ':' + setw2(rest);
}
