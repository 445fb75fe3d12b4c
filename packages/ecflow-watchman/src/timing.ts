/**
 * When the next scrape of a server starts: the interval with ±10% jitter (so servers configured
 * alike do not all get scraped in the same instant), and exponential backoff while it fails.
 */
export const JITTER = 0.1;

/** Milliseconds until the next scrape after `failures` consecutive failures (0 when the last one succeeded). */
export function nextDelay(intervalMs: number, failures: number, maxBackoffMs: number, random: () => number = Math.random): number {
  const base = failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** Math.min(failures - 1, 30), Math.max(intervalMs, maxBackoffMs));
  return base * (1 - JITTER + 2 * JITTER * random());
}
