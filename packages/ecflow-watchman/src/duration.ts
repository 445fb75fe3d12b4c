/**
 * Durations as the Go ecflow-watchman's config writes them (`20s`, `1m30s`, `500ms`): Go's
 * `time.ParseDuration`, so every config the Go tool accepted is accepted here.
 */

const UNIT_MS = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
} as const;
type Unit = keyof typeof UNIT_MS;

/**
 * Parses a Go duration into milliseconds; `undefined` when the text is not one. A bare `0` is
 * allowed (as in Go); any other number needs a unit.
 */
export function parseDuration(text: string): number | undefined {
  let s = text.trim();
  if (s === '') return undefined;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    const start = i;
    while (i < s.length && ((s[i]! >= '0' && s[i]! <= '9') || s[i] === '.')) i++;
    const number = s.slice(start, i);
    if (number === '' || number === '.' || number.indexOf('.') !== number.lastIndexOf('.')) return undefined;
    const unitStart = i;
    while (i < s.length && !((s[i]! >= '0' && s[i]! <= '9') || s[i] === '.')) i++;
    const unit = s.slice(unitStart, i);
    if (!(unit in UNIT_MS)) return undefined;
    total += Number(number) * UNIT_MS[unit as Unit];
  }
  return sign * total;
}

/** Milliseconds as a short Go-style duration for messages and logs (`1m30s`, `250ms`). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${Number(s.toFixed(3))}s` : ''}` || '0s';
}
