/**
 * `GET /api/v1/events`: server-sent events. Each scrape that changed a server sends one `change`
 * event carrying the {@link ServerChange}; a client (re)connecting first gets a `servers` event
 * with every server's health, so it never misses the state it reconnected into.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerChange, WatchmanView } from '../view.js';

/** Change sets larger than this are sent without their changes (`truncated`): the reader refetches. */
export const MAX_CHANGES_PER_EVENT = 5000;
/** Comment lines keep proxies and idle timers from closing a quiet stream. @default 15 s */
const KEEPALIVE_MS = 15_000;

export function changeEvent(change: ServerChange): string {
  const body =
    change.changes.length > MAX_CHANGES_PER_EVENT ? { ...change, changes: [], truncated: true, changeCount: change.changes.length } : change;
  return `event: change\ndata: ${JSON.stringify(body)}\n\n`;
}

export function registerEvents(app: FastifyInstance, view: WatchmanView): void {
  const open = new Set<() => void>();
  app.get('/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\nevent: servers\ndata: ${JSON.stringify(view.servers().map((s) => s.health))}\n\n`);
    const unsubscribe = view.subscribe((change) => res.write(changeEvent(change)));
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    const end = (): void => {
      clearInterval(keepalive);
      unsubscribe();
      open.delete(end);
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    request.raw.on('close', end);
    res.on('error', end);
  });
  // An open stream is never idle: without this, closing the HTTP server would wait for every browser.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
}
