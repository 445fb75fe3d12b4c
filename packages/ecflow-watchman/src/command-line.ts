/**
 * `ecflow-watchman`: the Go ecflow-watchman's commands (`watch-all --config-file`, `watch`,
 * `version`) with its flags, plus `check-config`. Exit status: 0 done, 1 failed at run time,
 * 2 bad command line or config.
 */
import { parseArgs } from 'node:util';
import { ECFLOW_VERSION } from 'ecflow-ts';
import { VERSION } from './version.js';
import { checkConfig, ConfigError, type ConfigIssue, listenAddress, loadConfig, type ParsedConfig } from './config.js';
import { createLogger, LOG_LEVELS, type LogLevel } from './logger.js';
import { apiRoutes } from './api/index.js';
import { runTop, type TopIo } from './top.js';
import { ListenError, startWatchman } from './watchman.js';

const USAGE = `Usage: ecflow-watchman <command> [flags]

Watches ecFlow servers and keeps their status in Redis (a drop-in for the Go ecflow-watchman).

Commands:
  watch-all     --config-file FILE     watch every server of a config file
  watch         --owner O --repo R --ecflow-host H --ecflow-port P --redis-url URL
                [--ecflow-protocol tcp|ssl|http|https] [--scrape-interval 10s] [--scrape-timeout D]
                                       watch one server
  check-config  --config-file FILE     check a config file; print every problem with its field
  top           [--ecflow-host H] [--ecflow-port P] [--interval 2s] [--depth N]
                                       live coloured tree of one server in the terminal
  version                              print the version

Flags of watch-all and watch:
  --listen-address HOST:PORT   serve the dashboard (/), /api/v1, /metrics, /healthz, /readyz
                               (default 127.0.0.1:9141; '' for none)
  --log-level LEVEL            ${LOG_LEVELS.join(', ')} (default info)
`;

class UsageError extends Error {}

const common = {
  'listen-address': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * What the command line reads and writes: the process's own by default; tests pass their own to
 * run it in-process.
 */
export interface WatchmanIo {
  /** Usage, `check-config`'s verdict, `version`, and the JSON log lines. */
  stdout: TopIo['stdout'];
  /** Errors. */
  stderr: NodeJS.WritableStream;
  /** What `top` reads its keys from. */
  stdin?: TopIo['stdin'];
  /** The environment (`top`'s NO_COLOR, TERM). */
  env?: Record<string, string | undefined>;
  /**
   * Calls `stop` once for each request to stop (`watch`, `watch-all`: the first stops gracefully,
   * the second at once; `top` ends at the first); returns the function that stops listening.
   * @default SIGTERM and SIGINT
   */
  onStop?: (stop: (why: string) => void) => () => void;
}

function processIo(): WatchmanIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, onStop: onSignals };
}

function onSignals(stop: (why: string) => void): () => void {
  const listener = (signal: NodeJS.Signals) => stop(signal);
  process.on('SIGTERM', listener);
  process.on('SIGINT', listener);
  return () => {
    process.off('SIGTERM', listener);
    process.off('SIGINT', listener);
  };
}

/** The `ecflow-watchman` command line: resolves with the exit status (0, 1 failed, 2 bad command line or config). */
export async function main(argv: readonly string[], io: WatchmanIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'watch-all':
        return await watchAll(rest, io);
      case 'watch':
        return await watch(rest, io);
      case 'check-config':
        return checkConfigCommand(rest, io);
      case 'top':
        return await runTop(rest, topIo(io));
      case 'version':
      case '--version':
        io.stdout.write(`ecflow-watchman ${VERSION} (ecflow-ts; ecFlow ${ECFLOW_VERSION} protocol; node ${process.version})\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`ecflow-watchman: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      printIssues(io, error.file, 'error', error.issues);
      printIssues(io, error.file, 'warning', error.warnings);
      return 2;
    }
    if (error instanceof ListenError) {
      io.stderr.write(`ecflow-watchman: ${error.message}\n`);
      return 2;
    }
    // One line; the stack only when asked for (ECFLOW_TS_DEBUG), as an operator cannot act on it.
    const detail = process.env.ECFLOW_TS_DEBUG ? ((error as Error).stack ?? String(error)) : ((error as Error).message ?? String(error)).split('\n')[0];
    io.stderr.write(`ecflow-watchman: ${detail}\n`);
    return 1;
  }
}

/** `top` ends at the first request to stop. */
function topIo(io: WatchmanIo): TopIo {
  const out: TopIo = { stdout: io.stdout, stderr: io.stderr };
  if (io.stdin !== undefined) out.stdin = io.stdin;
  if (io.env !== undefined) out.env = io.env;
  if (io.onStop !== undefined && io.onStop !== onSignals) {
    const abort = new AbortController();
    io.onStop(() => abort.abort());
    out.signal = abort.signal;
  }
  return out;
}

function printIssues(io: WatchmanIo, file: string, what: string, issues: readonly ConfigIssue[]): void {
  for (const i of issues) io.stderr.write(`${file}: ${what}: ${i.path ? `${i.path}: ` : ''}${i.message}\n`);
}

function checkConfigCommand(args: readonly string[], io: WatchmanIo): number {
  const { values, positionals } = parseArgs({ args: [...args], options: { 'config-file': { type: 'string' } }, allowPositionals: true });
  const file = values['config-file'] ?? positionals[0];
  if (file === undefined) throw new UsageError('check-config needs --config-file FILE');
  const { config, warnings } = loadConfig(file);
  printIssues(io, file, 'warning', warnings);
  const a = config.alerts;
  const alerts = a === null ? '' : `; ${a.rules.length} alert rule${a.rules.length === 1 ? '' : 's'} (${a.rules.map((r) => `${r.name}: ${r.when}`).join(', ')}), ${a.receivers.length} receiver${a.receivers.length === 1 ? '' : 's'} (${a.receivers.map((r) => `${r.name}: ${r.type}`).join(', ')})`;
  io.stdout.write(`${file}: ok: ${config.jobs.length} server${config.jobs.length === 1 ? '' : 's'} (${config.jobs.map((j) => `${j.owner}/${j.repo}`).join(', ')})${alerts}\n`);
  return 0;
}

async function watchAll(args: readonly string[], io: WatchmanIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...common,
      'config-file': { type: 'string' },
      // The Go tool's pprof flags: accepted so its command lines work; there is nothing to profile.
      'enable-profiling': { type: 'boolean' },
      'profiling-address': { type: 'string' },
    },
  });
  if (values.help) return usage(io);
  const file = values['config-file'];
  if (file === undefined) throw new UsageError('watch-all needs --config-file FILE');
  return run(loadConfig(file), values, io);
}

async function watch(args: readonly string[], io: WatchmanIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...common,
      owner: { type: 'string' },
      repo: { type: 'string' },
      'ecflow-host': { type: 'string' },
      'ecflow-port': { type: 'string' },
      'ecflow-protocol': { type: 'string' },
      'redis-url': { type: 'string' },
      'scrape-interval': { type: 'string', default: '10s' },
      'scrape-timeout': { type: 'string' },
    },
  });
  if (values.help) return usage(io);
  const missing = ['owner', 'repo', 'ecflow-host', 'ecflow-port', 'redis-url'].filter((f) => values[f as keyof typeof values] === undefined);
  if (missing.length > 0) throw new UsageError(`watch needs ${missing.map((f) => `--${f}`).join(', ')}`);
  const flagOf: Record<string, string> = {
    'scrape_configs[0].owner': '--owner',
    'scrape_configs[0].repo': '--repo',
    'scrape_configs[0].host': '--ecflow-host',
    'scrape_configs[0].port': '--ecflow-port',
    'scrape_configs[0].protocol': '--ecflow-protocol',
    'sink_config.url': '--redis-url',
    'global.scrape_interval': '--scrape-interval',
    'global.scrape_timeout': '--scrape-timeout',
  };
  const raw = {
    global: { scrape_interval: values['scrape-interval'], ...(values['scrape-timeout'] !== undefined ? { scrape_timeout: values['scrape-timeout'] } : {}) },
    scrape_configs: [
      {
        owner: values.owner,
        repo: values.repo,
        host: values['ecflow-host'],
        port: values['ecflow-port'],
        ...(values['ecflow-protocol'] !== undefined ? { protocol: values['ecflow-protocol'] } : {}),
      },
    ],
    sink_config: { type: 'redis', url: values['redis-url'] },
  };
  let parsed: ParsedConfig;
  try {
    parsed = checkConfig(raw, 'command line');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(error.issues.map((i) => `${flagOf[i.path] ?? i.path}: ${i.message}`).join('\n'));
  }
  return run(parsed, values, io);
}

function usage(io: WatchmanIo): number {
  io.stdout.write(USAGE);
  return 0;
}

async function run(parsed: ParsedConfig, values: { 'listen-address'?: string; 'log-level'?: string }, io: WatchmanIo): Promise<number> {
  const level = values['log-level'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--log-level ${level}: expected one of ${LOG_LEVELS.join(', ')}`);
  // The process's stdout is written synchronously (pino's own destination): no line is lost at exit.
  const logger = createLogger(level as LogLevel, io.stdout === process.stdout ? undefined : io.stdout);
  for (const w of parsed.warnings) logger.warn({ field: w.path }, `config: ${w.message}`);
  let listen = parsed.config.listen;
  const la = values['listen-address'];
  if (la === '') listen = null;
  else if (la !== undefined) {
    const l = listenAddress(la);
    if ('error' in l) throw new UsageError(`--listen-address: ${l.error}`);
    listen = l;
  }
  let watchman;
  try {
    watchman = await startWatchman(parsed.config, { logger, listen: listen ?? false, routes: apiRoutes });
  } catch (error) {
    // Say where the address comes from, and how to choose another.
    if (error instanceof ListenError) error.message = la !== undefined ? `--listen-address: ${error.message}` : `${error.message}; http.listen_address in the config, or --listen-address, chooses another`;
    throw error;
  }
  const onStop = io.onStop ?? onSignals;
  let forget = () => {};
  const code = await new Promise<number>((resolve) => {
    let signals = 0;
    forget = onStop((signal) => {
      if (++signals > 1) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        resolve(130);
        return;
      }
      logger.info({ signal }, 'stopping: finishing scrapes and Redis writes under way');
      watchman.close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          resolve(1);
        },
      );
    });
  });
  forget();
  return code;
}
