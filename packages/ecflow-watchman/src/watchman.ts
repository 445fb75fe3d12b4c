/**
 * The watchman in one process: scheduler, Redis sink, metrics and HTTP server, started together
 * and closed together (scrapes under way finish, pending Redis writes are flushed).
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { AlertEngine } from './alerts/engine.js';
import type { WatchmanConfig } from './config.js';
import { buildHttpApp, type Readiness } from './http.js';
import { createLogger } from './logger.js';
import { WatchmanMetrics } from './metrics.js';
import { Scheduler } from './scheduler.js';
import { Duty } from './replicas/duty.js';
import { RedisSink } from './sinks/redis.js';
import type { WatchmanView } from './view.js';

export interface StartOptions {
  /** @default pino at level info on stdout */
  logger?: Logger;
  /** Where to serve HTTP; `false` for no server. @default `config.listen` */
  listen?: { host: string; port: number } | false;
  /** More HTTP routes (the API and dashboard), given `{ view }`. */
  routes?: FastifyPluginAsync<{ view: WatchmanView }>;
  /** Add Node's process metrics (CPU, memory, event loop) to the registry. @default true */
  processMetrics?: boolean;
  /** Milliseconds `close()` waits for pending Redis writes. @default 5000 */
  drainTimeout?: number;
}

export interface RunningWatchman {
  view: WatchmanView;
  metrics: WatchmanMetrics;
  /** The HTTP server, `null` when not listening. */
  app: FastifyInstance | null;
  /** `host:port` the HTTP server listens on (the port is known once listening, even for port 0). */
  address: string | null;
  readiness(): Readiness;
  /** Stops scraping, waits for scrapes and writes under way, closes Redis and HTTP. */
  close(): Promise<void>;
}

/** The HTTP server could not listen where it was told (the address is in use, or not this host's). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  /** `host:port` as given. */
  readonly address: string;
  /** The system's code: EADDRINUSE, EADDRNOTAVAIL, EACCES. */
  readonly code: string;
  constructor(address: string, code: string, options: ErrorOptions) {
    super(`cannot listen on ${address}: ${LISTEN_FAILURES[code] ?? code}`, options);
    this.address = address;
    this.code = code;
  }
}

const LISTEN_FAILURES: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the address is already in use (another watchman, or another program, listens there)',
  EADDRNOTAVAIL: 'the address is not one of this host’s',
  EACCES: 'permission denied (ports below 1024 need privileges)',
};

export async function startWatchman(config: WatchmanConfig, options: StartOptions = {}): Promise<RunningWatchman> {
  const logger = options.logger ?? createLogger();
  const metrics = new WatchmanMetrics({ processMetrics: options.processMetrics ?? true });
  // Every watchman is a replica: alone it holds every server; beside others on the same Redis it
  // holds its share (replicas/duty.ts), and each write is fenced by the server's lease.
  const sink: RedisSink = new RedisSink({
    connection: config.sink.connection,
    streamMaxLen: config.sink.streamMaxLen,
    logger: logger.child({ component: 'redis' }),
    metrics,
    fence: { token: (s): string | undefined => duty.token(s), refused: (s): void => duty.lost(s) },
  });
  let alerts: AlertEngine | undefined;
  const scheduler: Scheduler = new Scheduler(config.jobs, {
    metrics,
    logger,
    sink,
    maxBackoffMs: config.maxBackoffMs,
    afterScrape: (s) => alerts?.afterScrape(s),
    leased: { mayScrape: (s): boolean => duty.mayScrape(s) },
  });
  const duty: Duty = new Duty([...scheduler.watches()], scheduler, sink, { ...config.replicas, logger: logger.child({ component: 'replicas' }), metrics });
  if (config.alerts !== null) {
    // Each replica tells the alerts of the servers it scrapes.
    alerts = new AlertEngine({ config: config.alerts, redis: config.sink.connection, logger: logger.child({ component: 'alerts' }), metrics, servers: () => scheduler.owned(), followed: () => scheduler.followed() });
  }
  const view: WatchmanView = {
    servers: () => scheduler.servers(),
    server: (o, r) => scheduler.server(o, r),
    subscribe: (l) => scheduler.subscribe(l),
    holder: (s) => duty.holder(s),
    ...(alerts === undefined ? {} : { alerts }),
  };
  const readiness = (): Readiness => {
    const waiting: string[] = [];
    if (!sink.ready) waiting.push(`redis ${sink.description} is not connected`);
    else if (!duty.joined) waiting.push('not registered among the replicas in Redis yet');
    for (const s of scheduler.notScraped()) waiting.push(`${s.owner}/${s.repo} not scraped yet`);
    return { ready: waiting.length === 0, waiting };
  };
  let app: FastifyInstance | null = null;
  let address: string | null = null;
  const listen = options.listen ?? config.listen;
  if (listen) {
    app = await buildHttpApp({ view, metrics, readiness, logger, ...(options.routes ? { routes: options.routes } : {}) });
    try {
      await app.listen({ host: listen.host, port: listen.port });
    } catch (error) {
      await app.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && code in LISTEN_FAILURES) {
        throw new ListenError(`${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}`, code, { cause: error });
      }
      throw error;
    }
    const a = app.server.address();
    address = a !== null && typeof a === 'object' ? `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}` : String(a);
  }
  duty.http = address;
  sink.connect();
  alerts?.start();
  scheduler.start();
  duty.start();
  logger.info(
    { servers: config.jobs.map((j) => `${j.owner}/${j.repo}@${j.host}:${j.port}`), redis: sink.description, http: address, replica: duty.id },
    'ecflow-watchman started',
  );
  let closing: Promise<void> | undefined;
  return {
    view,
    metrics,
    app,
    address,
    readiness,
    close: () =>
      (closing ??= (async () => {
        // The leases given up first, each after its last write: the other replicas take them at once.
        await duty.leave();
        await scheduler.stop();
        await alerts?.close();
        let timer: NodeJS.Timeout | undefined;
        const drained = await Promise.race([
          sink.drain().then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), options.drainTimeout ?? 5000);
          }),
        ]);
        clearTimeout(timer);
        if (!drained) logger.warn('redis: pending writes not flushed before the drain timeout');
        await sink.close();
        await app?.close();
        logger.info('ecflow-watchman stopped');
      })()),
  };
}
