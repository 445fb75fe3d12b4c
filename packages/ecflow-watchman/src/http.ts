/**
 * The watchman's HTTP server: `/metrics` (Prometheus), `/healthz` (the process answers) and
 * `/readyz` (Redis connected and every server scraped once). Other routes (the API, dashboard)
 * are added by passing a fastify plugin, which receives the {@link WatchmanView}.
 */
import Fastify, { type FastifyInstance, type FastifyPluginAsync, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { WatchmanMetrics } from './metrics.js';
import type { WatchmanView } from './view.js';

export interface Readiness {
  ready: boolean;
  /** What is still missing, in words. */
  waiting: string[];
}

export interface HttpAppOptions {
  view: WatchmanView;
  metrics: WatchmanMetrics;
  readiness: () => Readiness;
  logger?: Logger;
  /** More routes; registered with `{ view }` as options. */
  routes?: FastifyPluginAsync<{ view: WatchmanView }>;
}

export async function buildHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger.child({ component: 'http' }) } : {}),
    // Prometheus asks every few seconds: a log line per request would drown the watchman's own.
    logController: new LogController({ disableRequestLogging: true }),
  }) as unknown as FastifyInstance;
  const registry = options.metrics.registry;
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const r = options.readiness();
    reply.code(r.ready ? 200 : 503);
    return r;
  });
  if (options.routes) await app.register(options.routes, { view: options.view });
  return app;
}
