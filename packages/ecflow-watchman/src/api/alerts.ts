/**
 * `GET /api/v1/alerts` and `GET /api/v1/servers/{owner}/{repo}/alerts`: the alerts firing now,
 * oldest first, with since when (`startsAt`). `enabled` is false when the config has no `alerts`
 * section (the lists are then empty).
 */
import type { FastifyInstance } from 'fastify';
import type { Occurrence } from '../alerts/occurrence.js';
import type { WatchmanView } from '../view.js';
import { sendError } from './errors.js';

/** One firing alert as the API shows it (the occurrence without its receivers). */
export type FiringAlert = Omit<Occurrence, 'sendTo'>;

function shown(list: Occurrence[]): FiringAlert[] {
  return list.map(({ sendTo: _, ...rest }) => rest);
}

export function registerAlerts(app: FastifyInstance, view: WatchmanView): void {
  app.get('/alerts', async () => ({ enabled: view.alerts !== undefined, alerts: shown(view.alerts?.firing() ?? []) }));
  app.get<{ Params: { owner: string; repo: string } }>('/servers/:owner/:repo/alerts', async (request, reply) => {
    const { owner, repo } = request.params;
    if (view.server(owner, repo) === undefined) return sendError(reply, 'NOT_FOUND', `no watched server ${owner}/${repo}`);
    return { owner, repo, enabled: view.alerts !== undefined, alerts: shown(view.alerts?.firing(owner, repo) ?? []) };
  });
}
