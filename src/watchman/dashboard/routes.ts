/**
 * Serves the dashboard: the page at `/`, its script and stylesheet. Everything is in this package
 * (air-gapped sites have no CDN) and embedded in modules, so `tsc` output serves it as is.
 */
import type { FastifyPluginAsync } from 'fastify';
import { PAGE } from './page.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const send = (path: string, type: string, body: string) =>
    app.get(path, async (_request, reply) => {
      reply.type(type).header('cache-control', 'no-cache');
      return body;
    });
  send('/', 'text/html; charset=utf-8', PAGE);
  send('/dashboard/app.js', 'text/javascript; charset=utf-8', SCRIPT);
  send('/dashboard/app.css', 'text/css; charset=utf-8', STYLE);
};
