/**
 * The one way tests wait for something to happen: poll a condition until it holds. No test
 * sleeps for an event.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Thrown by a probe to stop waiting at once (say, the process it waits for has exited). */
export class GiveUp extends Error {
  override name = 'GiveUp';
}

/**
 * Resolves with what `probe` returns once that is neither `undefined` nor `false`, polling every
 * 25 ms; a probe that throws counts as not yet, except with {@link GiveUp}, which is rethrown.
 * Throws after `ms`, naming `what` and the probe's last error.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      if (e instanceof GiveUp) throw e;
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(25);
  }
}
