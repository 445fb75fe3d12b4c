import { type Command, ok, Timeout } from './command.js';

/**
 * PlugCmd: moves the node at `source` under `dest` (or next to it, when both share a parent).
 * `dest` may name another server as `host:port/path` (`host:port` alone moves a whole suite); the
 * server then forwards the node there itself (MoveCmd) and removes it locally.
 */
export function plugCmd(source: string, dest: string): Command<void> {
  const text = ctsApiString([`--plug=${source}`, dest]);
  return {
    cls: 'PlugCmd',
    base: 'user',
    fields: () => ({ source_: source, dest_: dest }),
    timeout: Timeout.PLUG,
    text,
    decode: ok(text),
  };
}

/** CtsApi::to_string: the tokens joined by spaces, empty ones left out (a trailing one leaves its space). */
export function ctsApiString(tokens: readonly string[]): string {
  let out = '';
  tokens.forEach((t, i) => {
    if (t === '') return;
    out += t;
    if (i !== tokens.length - 1) out += ' ';
  });
  return out;
}
