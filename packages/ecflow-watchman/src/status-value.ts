/**
 * The value of `{owner}/{repo}/status`, byte for byte as the Go ecflow-watchman writes it:
 * `{"status_records":[{"path":…,"status":…},…],"collected_time":…}`, the records compact as
 * nlohmann::json dumps them (keys sorted: path, status) and the time as Go's `time.Time` marshals
 * (RFC 3339 with nanoseconds trimmed of trailing zeros, in the local zone, `Z` when UTC).
 */
import type { StatusRecord } from './status-records.js';

/** The JSON array of records, built once per change and reused by every scrape until the next. */
export function recordsJson(records: readonly StatusRecord[]): string {
  return JSON.stringify(records.map((r) => ({ path: r.path, status: r.status })));
}

/** The whole value from the records' JSON and the collection time. */
export function statusValue(records: string, collected: Date): string {
  return `{"status_records":${records},"collected_time":${JSON.stringify(goTime(collected))}}`;
}

/**
 * `time.Time.MarshalJSON` (RFC3339Nano) of a local time: `2019-12-27T22:49:41.123+08:00`. The
 * fraction has the digits JS has (milliseconds), trailing zeros dropped as Go drops them.
 */
export function goTime(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  let out = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const ms = d.getMilliseconds();
  if (ms !== 0) out += `.${pad(ms, 3).replace(/0+$/, '')}`;
  if (offset === 0) return `${out}Z`;
  const a = Math.abs(offset);
  return `${out}${offset > 0 ? '+' : '-'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
