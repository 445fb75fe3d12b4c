/**
 * The watchman's read-only HTTP API (`/api/v1`, described in packages/ecflow-watchman/openapi/watchman.yaml) and the
 * dashboard (`/`), as one fastify plugin for `startWatchman(config, { routes: apiRoutes })`.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { isDStateName } from 'ecflow-ts';
import { abortReasonText } from '../abort-reason.js';
import { dashboardRoutes } from '../dashboard/routes.js';
import type { WatchedServer, WatchmanView } from '../view.js';
import { registerAlerts } from './alerts.js';
import { sendError } from './errors.js';
import { registerEvents } from './events.js';
import { registerForwarding } from './forward.js';
import { dependencies } from './dependencies.js';
import { FileRequestError, MAX_FILE_LINES, readNodeFile } from './files.js';
import { HistoryRecorder } from './history.js';
import { nodeDetail } from './node.js';
import { nodeResource } from './node-path.js';
import { SEARCH_LIMIT, searchNodes } from './search.js';
import { filteredTree, subtree } from './tree.js';
import { whyReply } from './why.js';

export { ApiErrorCode, type ApiErrorBody, type ApiErrorCodeName } from './errors.js';
export { changeEvent, MAX_CHANGES_PER_EVENT } from './events.js';
export { type Dependencies, type Dependency } from './dependencies.js';
export { FILE_KINDS, type FileKind, type FileReply, MAX_FILE_CHARS, MAX_FILE_LINES, redactSecrets } from './files.js';
export { HISTORY_PATHS, HISTORY_PER_NODE, type HistoryEntry, type NodeHistory } from './history.js';
export { nodeDetail, type NodeDetail, type VariableEntry } from './node.js';
export { nodeResource, type NodeResource } from './node-path.js';
export { type SearchHit, type SearchResult, searchNodes } from './search.js';
export { type WhyReason, type WhyReply } from './why.js';
export { filteredTree, subtree, type Revisions, type TreeFilter, type TreeNode, type TreeOptions, type TreeResult } from './tree.js';

type ServerParams = { owner: string; repo: string };
type TreeQuery = { path?: string; depth?: string; variables?: string; status?: string; name?: string; limit?: string };
type SearchQuery = { q?: string; limit?: string };
type FileQuery = { lines?: string };

/** A whole number in [min, max] from a query parameter, `fallback` when absent; `undefined` when it is not one. */
function wholeNumber(v: string | undefined, min: number, max: number, fallback: number): number | undefined {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function flag(v: string | undefined): boolean {
  return v !== undefined && v !== 'false' && v !== '0';
}

/** The watched server, or a 404 sent. */
function serverOr404(view: WatchmanView, params: ServerParams, reply: FastifyReply): WatchedServer | undefined {
  const s = view.server(params.owner, params.repo);
  if (s === undefined) sendError(reply, 'NOT_FOUND', `no watched server ${params.owner}/${params.repo}`);
  return s;
}

function defsOr503(s: WatchedServer, reply: FastifyReply) {
  const defs = s.client.getDefs();
  if (defs === null) sendError(reply, 'NOT_SCRAPED', `${s.owner}/${s.repo} has not been scraped successfully yet`);
  return defs;
}

const api: FastifyPluginAsync<{ view: WatchmanView }> = async (app: FastifyInstance, { view }) => {
  const history = new HistoryRecorder(view);
  app.addHook('onClose', async () => history.close());
  app.setNotFoundHandler((request, reply) => {
    sendError(reply, 'NOT_FOUND', `no such API route: ${request.method} ${request.url.split('?')[0]}`);
  });

  registerForwarding(app, view);

  app.get('/servers', async () => ({
    servers: view.servers().map((s) => ({ ...s.health, aborted: s.aborted.length, replica: s.replica })),
  }));

  app.get<{ Params: ServerParams }>('/servers/:owner/:repo', async (request, reply) => {
    const s = serverOr404(view, request.params, reply);
    if (s === undefined) return reply;
    return { ...s.health, aborted: s.aborted.length, replica: s.replica };
  });

  app.get<{ Params: ServerParams; Querystring: TreeQuery }>('/servers/:owner/:repo/tree', async (request, reply) => {
    const s = serverOr404(view, request.params, reply);
    if (s === undefined) return reply;
    const q = request.query;
    let depth: number | undefined;
    if (q.depth !== undefined && q.depth !== '') {
      depth = Number(q.depth);
      if (!Number.isInteger(depth) || depth < 0) return sendError(reply, 'BAD_REQUEST', `depth=${q.depth}: expected a whole number >= 0`);
    }
    let limit: number | undefined;
    if (q.limit !== undefined && q.limit !== '') {
      limit = Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1) return sendError(reply, 'BAD_REQUEST', `limit=${q.limit}: expected a whole number >= 1`);
    }
    const statuses = new Set((q.status ?? '').split(',').filter((x) => x !== ''));
    for (const st of statuses) if (!isDStateName(st)) return sendError(reply, 'BAD_REQUEST', `status=${st}: expected one of unknown, complete, queued, aborted, submitted, active, suspended`);
    const defs = defsOr503(s, reply);
    if (defs === null) return reply;
    const path = q.path ?? '/';
    const variables = flag(q.variables);
    const filtering = statuses.size > 0 || (q.name ?? '') !== '';
    const mirror = s.client.mirror;
    const result = filtering
      ? filteredTree(defs, mirror, path, { statuses, name: q.name ?? '', ...(limit !== undefined ? { limit } : {}) }, { variables })
      : subtree(defs, mirror, path, { ...(depth !== undefined ? { depth } : {}), variables });
    if (result === undefined) return sendError(reply, 'NOT_FOUND', `no node ${path} on ${s.owner}/${s.repo}`);
    // The tree comes as JSON text (see tree.ts): put owner and repo in front of its fields.
    return reply.type('application/json; charset=utf-8').send(`{"owner":${JSON.stringify(s.owner)},"repo":${JSON.stringify(s.repo)},${result.slice(1)}`);
  });

  app.get<{ Params: ServerParams; Querystring: SearchQuery }>('/servers/:owner/:repo/search', async (request, reply) => {
    const s = serverOr404(view, request.params, reply);
    if (s === undefined) return reply;
    const limit = wholeNumber(request.query.limit, 1, 5000, SEARCH_LIMIT);
    if (limit === undefined) return sendError(reply, 'BAD_REQUEST', `limit=${request.query.limit}: expected a whole number from 1 to 5000`);
    const defs = defsOr503(s, reply);
    if (defs === null) return reply;
    return { owner: s.owner, repo: s.repo, ...searchNodes(defs, request.query.q ?? '', limit) };
  });

  // The node, or what follows its path (node-path.ts: the longest path that is a node wins).
  app.get<{ Params: ServerParams & { '*': string }; Querystring: FileQuery }>('/servers/:owner/:repo/nodes/*', async (request, reply) => {
    const s = serverOr404(view, request.params, reply);
    if (s === undefined) return reply;
    const defs = defsOr503(s, reply);
    if (defs === null) return reply;
    const rest = request.params['*'];
    const r = nodeResource(defs, rest);
    if (r === undefined) return sendError(reply, 'NOT_FOUND', `no node /${rest} on ${s.owner}/${s.repo}`);
    const at = { owner: s.owner, repo: s.repo };
    switch (r.kind) {
      case 'node': {
        const detail = nodeDetail(defs, r.path);
        if (detail === undefined) return sendError(reply, 'NOT_FOUND', `no node ${r.path} on ${s.owner}/${s.repo}`);
        return { ...at, serverState: defs.serverState, ...detail };
      }
      case 'bad':
        return sendError(reply, 'BAD_REQUEST', r.message);
      case 'why':
        return { ...at, ...whyReply(defs, r.path) };
      case 'dependencies':
        return { ...at, ...dependencies(defs, s.client.mirror, r.path) };
      case 'history':
        return { ...at, ...history.of(s.owner, s.repo, r.path) };
      case 'file': {
        const lines = wholeNumber(request.query.lines, 1, MAX_FILE_LINES, MAX_FILE_LINES);
        if (lines === undefined) return sendError(reply, 'BAD_REQUEST', `lines=${request.query.lines}: expected a whole number from 1 to ${MAX_FILE_LINES}`);
        const gone = new AbortController();
        // the page went away before the answer: stop asking the server
        reply.raw.on('close', () => {
          if (!reply.raw.writableEnded) gone.abort();
        });
        try {
          return { ...at, ...(await readNodeFile(s, defs, r.path, r.file, lines, gone.signal)) };
        } catch (error) {
          if (error instanceof FileRequestError) return sendError(reply, error.error, error.message);
          throw error;
        }
      }
    }
  });

  app.get<{ Params: ServerParams }>('/servers/:owner/:repo/aborted', async (request, reply) => {
    const s = serverOr404(view, request.params, reply);
    if (s === undefined) return reply;
    return { owner: s.owner, repo: s.repo, aborted: s.aborted.map((t) => ({ ...t, reason: abortReasonText(t.reason) })) };
  });

  registerEvents(app, view);
  registerAlerts(app, view);
};

/** The API under `/api/v1` and the dashboard at `/`, given the watchman's view. */
export const apiRoutes: FastifyPluginAsync<{ view: WatchmanView }> = async (app, { view }) => {
  await app.register(api, { view, prefix: '/api/v1' });
  await app.register(dashboardRoutes);
};
