/**
 * `ecflow-watchman top`: a live, coloured tree of one ecFlow server in the terminal, talking to
 * the server directly with the library (no watchman or Redis needed). When stdout is not a
 * terminal it prints one line per change instead. Honours NO_COLOR; restores the terminal on exit.
 */
import { emitKeypressEvents } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ArgumentError, Client } from 'ecflow-ts';
import { parseDuration } from './duration.js';
import { changeLines, screen } from './top/render.js';

export { changeLines, screen, treeLines, STATUS_STYLES } from './top/render.js';

export const TOP_USAGE = `Usage: ecflow-watchman top [--ecflow-host H] [--ecflow-port P] [--interval 2s] [--depth N]

Shows one ecFlow server's nodes live, coloured by state. Keys: q quit, arrows/PgUp/PgDn scroll,
a toggles aborted-only. When stdout is not a terminal, prints one line per state change.
Host and port default to ECF_HOST and ECF_PORT (else localhost:3141). NO_COLOR turns colours off.
`;

/** What `top` reads and writes; the process's streams by default. */
export interface TopIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number; on?(e: 'resize', f: () => void): unknown; off?(e: 'resize', f: () => void): unknown };
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown; pause?(): unknown; resume?(): unknown };
  env?: Record<string, string | undefined>;
  /** Stops `top` (as `q` does). */
  signal?: AbortSignal;
}

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[?25l';
const ALT_SCREEN_OFF = '\x1b[?25h\x1b[?1049l';

/** Runs `top`; resolves with the exit status (0 done, 1 failed, 2 bad command line). */
export async function runTop(args: readonly string[], io: TopIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        'ecflow-host': { type: 'string' },
        'ecflow-port': { type: 'string' },
        interval: { type: 'string', default: '2s' },
        depth: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr.write(`ecflow-watchman top: ${(error as Error).message}\n\n${TOP_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(TOP_USAGE);
    return 0;
  }
  const interval = parseDuration(values.interval);
  if (interval === undefined || interval <= 0) {
    io.stderr.write(`ecflow-watchman top: --interval ${values.interval}: expected a duration such as 500ms, 2s, 1m\n`);
    return 2;
  }
  const depth = values.depth === undefined ? undefined : Number(values.depth);
  if (depth !== undefined && (!Number.isInteger(depth) || depth < 0)) {
    io.stderr.write(`ecflow-watchman top: --depth ${values.depth}: expected a whole number >= 0\n`);
    return 2;
  }
  const env = io.env ?? process.env;
  // A port that cannot be one is a bad command line (or environment), told at once: not a
  // screen retrying for ever to connect where nothing can listen.
  const flag = values['ecflow-port'];
  let client: Client;
  try {
    client = new Client({
      ...(values['ecflow-host'] !== undefined ? { host: values['ecflow-host'] } : {}),
      ...(values['ecflow-port'] !== undefined ? { port: values['ecflow-port'] } : {}),
      env,
      connectionAttempts: 1,
      connectTimeout: Math.max(2000, interval),
    });
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    io.stderr.write(`ecflow-watchman top: ${flag !== undefined ? `--ecflow-port ${flag}: expected a port number from 1 to 65535` : `ECF_PORT: ${error.message}`}\n`);
    return 2;
  }
  const port = Number(client.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    io.stderr.write(`ecflow-watchman top: ${flag !== undefined ? '--ecflow-port' : 'ECF_PORT'} ${client.port}: expected a port number from 1 to 65535\n`);
    return 2;
  }
  const title = `${client.host}:${client.port}`;
  const colour = !env.NO_COLOR && io.stdout.isTTY === true && env.TERM !== 'dumb';
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  io.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return io.stdout.isTTY === true ? await live(client, title, io, { interval, depth, colour }, stop) : await lines(client, title, io, interval, stop.signal);
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
  }
}

/** Not a terminal: one line per change, errors on stderr, until stopped. */
async function lines(client: Client, title: string, io: TopIo, interval: number, signal: AbortSignal): Promise<number> {
  let failing = false;
  while (!signal.aborted) {
    try {
      for await (const change of client.watch({ interval, signal })) {
        if (failing) io.stderr.write(`${new Date().toISOString()} ${title} reachable again\n`);
        failing = false;
        for (const l of changeLines(change, client.getDefs(), title, false)) io.stdout.write(l + '\n');
      }
    } catch (error) {
      if (!failing) io.stderr.write(`${new Date().toISOString()} ${title} ${(error as Error).message}\n`);
      failing = true;
      await sleep(interval, undefined, { signal }).catch(() => {});
    }
  }
  return 0;
}

/** A terminal: the alternate screen, redrawn after each change, a key press or a resize. */
async function live(client: Client, title: string, io: TopIo, o: { interval: number; depth: number | undefined; colour: boolean }, stop: AbortController): Promise<number> {
  const out = io.stdout;
  const stdin = io.stdin;
  let scroll = 0;
  let abortedOnly = false;
  let error: string | undefined;
  let failingSince: Date | undefined;
  let treeLength = 0;
  const rows = () => out.rows ?? 24;
  const draw = (): void => {
    const s = screen(client.getDefs(), {
      title,
      columns: out.columns ?? 80,
      rows: rows(),
      scroll,
      abortedOnly,
      colour: o.colour,
      ...(o.depth !== undefined ? { depth: o.depth } : {}),
      ...(error !== undefined ? { error } : {}),
      ...(failingSince !== undefined ? { failingSince } : {}),
    });
    treeLength = s.treeLength;
    // home, each line cleared to its end, then clear below: no flicker from a full clear
    out.write('\x1b[H' + s.lines.map((l) => l + '\x1b[K').join('\r\n') + '\x1b[J');
  };
  const page = () => Math.max(1, rows() - 3);
  const onKey = (text: string | undefined, key: { name?: string; ctrl?: boolean } | undefined): void => {
    const name = key?.name ?? text;
    if (name === 'q' || name === 'escape' || (key?.ctrl && (name === 'c' || name === 'd'))) return stop.abort();
    if (name === 'down' || name === 'j') scroll++;
    else if (name === 'up' || name === 'k') scroll--;
    else if (name === 'pagedown' || name === 'space') scroll += page();
    else if (name === 'pageup') scroll -= page();
    else if (name === 'home' || name === 'g') scroll = 0;
    else if (name === 'end' || name === 'G') scroll = treeLength;
    else if (name === 'a') {
      abortedOnly = !abortedOnly;
      scroll = 0;
    } else return;
    scroll = Math.max(0, Math.min(scroll, Math.max(0, treeLength - page())));
    draw();
  };
  const restore = (): void => {
    out.write(ALT_SCREEN_OFF);
    if (stdin?.isTTY) stdin.setRawMode?.(false);
  };
  // a crash or process.exit elsewhere must not leave the terminal raw and without a cursor
  process.once('exit', restore);
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  out.write(ALT_SCREEN_ON);
  if (stdin !== undefined) {
    emitKeypressEvents(stdin);
    if (stdin.isTTY) stdin.setRawMode?.(true);
    stdin.on('keypress', onKey);
    stdin.resume?.();
  }
  out.on?.('resize', draw);
  const ticker = setInterval(draw, 1000); // the clock in the header shows the view is alive
  try {
    draw();
    while (!stop.signal.aborted) {
      try {
        for await (const _ of client.watch({ interval: o.interval, signal: stop.signal })) {
          error = undefined;
          failingSince = undefined;
          draw();
        }
      } catch (e) {
        failingSince ??= new Date();
        error = `${new Date().toTimeString().slice(0, 8)} ${(e as Error).message}`;
        draw();
        await sleep(o.interval, undefined, { signal: stop.signal }).catch(() => {});
      }
    }
    return 0;
  } finally {
    clearInterval(ticker);
    out.off?.('resize', draw);
    stdin?.off('keypress', onKey);
    stdin?.pause?.();
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    restore();
  }
}
