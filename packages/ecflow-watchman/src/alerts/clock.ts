/**
 * Wall-clock time in a time zone, through Intl (no dependency): what a deadline such as
 * "complete by 06:30 Asia/Shanghai" is compared with.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** Whether `zone` is a time zone this Node.js knows (its ICU data). */
export function isTimeZone(zone: string): boolean {
  try {
    formatOf(zone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (`2026-12-02`) and the minute of the day of `instant` in `zone`. */
export function zonedTime(instant: Date, zone: string): { date: string; minuteOfDay: number } {
  const parts: Record<string, string> = {};
  for (const p of formatOf(zone).formatToParts(instant)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** `HH:MM` (24 h) as minutes after midnight; `undefined` if it is not one. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m === null ? undefined : Number(m[1]) * 60 + Number(m[2]);
}

function formatOf(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(zone, f);
  }
  return f;
}
