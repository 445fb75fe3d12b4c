/**
 * With replicas a server's mirror lives in the replica that scrapes it: what only the mirror can
 * answer (the tree, search, a node and its files) is asked of that replica and its answer passed
 * on, so any replica answers for every server. Forwarded once: a replica that no longer holds the
 * server when the request lands answers from what it has.
 */
import type { FastifyInstance } from 'fastify';
import type { WatchmanView } from '../view.js';
import { sendError } from './errors.js';

const FORWARDED = 'x-ecflow-watchman-forwarded';
/** The routes that read the mirror, under the API's prefix. */
const MIRROR_ROUTES = ['/servers/:owner/:repo/tree', '/servers/:owner/:repo/search', '/servers/:owner/:repo/nodes/*'];
/** A node's file is read from the ecflow_server by the holder: as long as it may take there, and a little. @default 30 s */
const FORWARD_TIMEOUT_MS = 30_000;

export function registerForwarding(app: FastifyInstance, view: WatchmanView): void {
  if (view.holder === undefined) return;
  const routes = new Set(MIRROR_ROUTES.map((r) => `${app.prefix}${r}`));
  app.addHook('preHandler', async (request, reply) => {
    if (!routes.has(request.routeOptions.url ?? '') || request.headers[FORWARDED] !== undefined) return;
    const { owner, repo } = request.params as { owner: string; repo: string };
    const server = view.server(owner, repo);
    if (server === undefined) return;
    const h = await view.holder!(server);
    if (h === null) return;
    if (h.http === null) return sendError(reply, 'REPLICA_UNREACHABLE', `${owner}/${repo} is scraped by replica ${h.id}, which serves no HTTP`);
    const url = `http://${h.http}${request.url}`;
    let res: Response;
    try {
      res = await fetch(url, { headers: { [FORWARDED]: '1', accept: request.headers.accept ?? '*/*' }, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    } catch (error) {
      return sendError(reply, 'REPLICA_UNREACHABLE', `${owner}/${repo} is scraped by replica ${h.id} at ${h.http}, which did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const body = Buffer.from(await res.arrayBuffer());
    reply.code(res.status).header('x-ecflow-watchman-replica', h.id);
    const type = res.headers.get('content-type');
    if (type !== null) reply.type(type);
    return reply.send(body);
  });
}
