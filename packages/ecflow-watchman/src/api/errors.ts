/**
 * The API's errors: a stable `error` code and a message naming what was asked for, sent as JSON
 * with the matching HTTP status.
 */
import type { FastifyReply } from 'fastify';

export const ApiErrorCode = {
  /** No such route, server or node. */
  NOT_FOUND: 404,
  /** A query parameter has a value the route cannot use. */
  BAD_REQUEST: 400,
  /** The server is watched but its first successful scrape has not happened yet. */
  NOT_SCRAPED: 503,
  /** The server has no such file for the node (never ran, no script, not a task), in its words. */
  FILE_UNAVAILABLE: 404,
  /** The server did not answer a request made for the API (a file) in time, or could not be reached. */
  SERVER_UNREACHABLE: 502,
  /** Another replica scrapes the server and holds its mirror, and it did not answer the request forwarded to it. */
  REPLICA_UNREACHABLE: 502,
} as const;
export type ApiErrorCodeName = keyof typeof ApiErrorCode;

export interface ApiErrorBody {
  error: ApiErrorCodeName;
  message: string;
}

export function sendError(reply: FastifyReply, error: ApiErrorCodeName, message: string): FastifyReply {
  return reply.code(ApiErrorCode[error]).type('application/json; charset=utf-8').send({ error, message } satisfies ApiErrorBody);
}
