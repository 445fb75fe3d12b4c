import type http from 'node:http';
import type tls from 'node:tls';
import { abortedError, ConnectionError, ErrorCode, HttpStatusError, ProtocolError, TimeoutError, TlsError } from '../errors.js';
import { DEFAULT_MAX_FRAME_BYTES } from './frame.js';
import type { ExchangeOptions, ExchangeResult } from './socket.js';

/** Where ecflow_client posts every request (HttpClient.cpp); ecflow_server does not look at the path. */
export const HTTP_PATH = '/v1/ecflow';

/** Where and how to post one request. */
export interface HttpEndpoint {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** The client's keep-alive agent ({@link httpAgent}), whose idle sockets later requests reuse. */
  agent: http.Agent;
  /** TLS options of `https` (see {@link httpsTls}); also given to the agent. */
  tls?: tls.ConnectionOptions;
  /** More request headers (`Authorization`). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * The TLS options of `https`: ecflow_client does not verify the server's certificate
 * (enable_server_certificate_verification(false)), and neither do we unless the caller passes
 * options, which then have Node's defaults: verified against Node's CAs or their `ca`.
 */
export function httpsTls(options: tls.ConnectionOptions | undefined): tls.ConnectionOptions {
  return options ?? UNVERIFIED;
}

// One object, so that a client's agent is kept as long as its options are the same.
const UNVERIFIED: tls.ConnectionOptions = Object.freeze({ rejectUnauthorized: false });

/**
 * One keep-alive agent per client: a server polled every few seconds through a reverse proxy
 * keeps its connection (and TLS session) instead of a handshake per request. Idle sockets do not
 * keep the process alive.
 */
export function httpAgent(scheme: 'http' | 'https', tlsOptions?: tls.ConnectionOptions): http.Agent {
  return scheme === 'https' ? new (builtin('https').Agent)({ keepAlive: true, ...tlsOptions }) : new (builtin('http').Agent)({ keepAlive: true });
}

// Loaded when first used, not with this module: a command line speaking TCP (every job's child
// commands) would otherwise pay for Node's HTTP stack at each start.
function builtin<M extends 'http' | 'https'>(name: M): M extends 'https' ? typeof import('node:https') : typeof import('node:http') {
  return process.getBuiltinModule(`node:${name}`) as never;
}

/** `scheme://host:port`, what HttpClient calls its base URL and the token file's regexes match. */
export function baseUrl(scheme: 'http' | 'https', host: string, port: number | string): string {
  return `${scheme}://${host}:${port}`;
}

/**
 * The reason cpp-httplib 0.11 (ecflow_client's HTTP library) gives a status, by
 * httplib::detail::status_message: unknown codes read "Internal Server Error".
 */
export function httplibReason(status: number): string {
  return HTTPLIB_WORDING[status] ?? builtin('http').STATUS_CODES[status] ?? 'Internal Server Error';
}

/**
 * One request and its reply (HttpClient.cpp): `POST /v1/ecflow` with the request's JSON as body,
 * the reply's JSON as body of a 200. The same contract as the TCP `exchange`: a connect timeout, a
 * request timeout from the request being sent to the whole reply, a reply size limit, and a signal
 * that destroys the socket at once. Anything but 200 is an {@link HttpStatusError}. The one retry
 * here: a request sent on a reused socket that the peer had closed before any reply byte
 * (ecflow_server closes every connection after its reply) goes again once on a fresh socket.
 */
export function exchangeHttp(endpoint: HttpEndpoint, body: string, options: ExchangeOptions): Promise<ExchangeResult> {
  const url = `${baseUrl(endpoint.scheme, endpoint.host, endpoint.port)}${HTTP_PATH}`;
  if (options.signal?.aborted) return Promise.reject(abortedError(options.signal, `request to ${url}`));
  // Created here so that a timeout's stack points at the caller, not at a timer callback.
  const timeouts = {
    connect: new TimeoutError(`connect to ${url} timed out after ${seconds(options.connectTimeout)}`),
    request: new TimeoutError(`no reply from ${url} within ${seconds(options.requestTimeout)}`),
  };
  const payload = Buffer.from(body, 'utf8');
  return post(endpoint, url, payload, options, timeouts, endpoint.agent).catch((error: unknown) => {
    if (!(error instanceof StaleSocket)) throw error;
    return post(endpoint, url, payload, options, timeouts, false);
  });
}

/** A reused socket turned out closed before the reply began: worth one more try on a new one. */
class StaleSocket extends Error {}

function post(
  endpoint: HttpEndpoint,
  url: string,
  payload: Buffer,
  options: ExchangeOptions,
  timeouts: { connect: TimeoutError; request: TimeoutError },
  agent: http.Agent | false,
): Promise<ExchangeResult> {
  const maxBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  return new Promise<ExchangeResult>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let connected = false;
    let handshaking = false;
    let responded = false;
    let readBefore = 0;
    const request = builtin(endpoint.scheme).request({
      host: endpoint.host,
      port: endpoint.port,
      method: 'POST',
      path: HTTP_PATH,
      agent,
      headers: { Accept: '*/*', 'Content-Type': 'application/json', 'Content-Length': payload.length, ...endpoint.headers },
      ...(endpoint.scheme === 'https' ? endpoint.tls : {}),
    });

    const finish = (error: Error | undefined, result?: ExchangeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        request.destroy();
        reject(error);
      } else {
        resolve(result!);
      }
    };
    const arm = (ms: number, error: Error) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(error), ms);
    };
    const onAbort = () => finish(abortedError(options.signal!, `request to ${url}`));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    arm(options.connectTimeout, timeouts.connect);
    request.on('socket', (socket) => {
      readBefore = socket.bytesRead;
      const onConnected = () => {
        connected = true;
        socket.setNoDelay(true);
        arm(options.requestTimeout, timeouts.request);
      };
      if (request.reusedSocket) onConnected();
      else if (endpoint.scheme === 'https') {
        socket.once('connect', () => {
          handshaking = true;
        });
        socket.once('secureConnect', onConnected);
      } else socket.once('connect', onConnected);
    });
    request.on('response', (response) => {
      responded = true;
      const status = response.statusCode ?? 0;
      const declared = Number(response.headers['content-length']);
      if (status === 200 && declared > maxBytes) {
        return finish(new ProtocolError(`${url} announces a reply of ${declared} bytes, more than the limit of ${maxBytes}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return finish(new ProtocolError(`${url} sent a reply of more than the limit of ${maxBytes} bytes`));
        if (status === 200) chunks.push(chunk);
      });
      response.on('end', () => {
        if (status !== 200) return finish(new HttpStatusError(status, url, `${url} replied ${status} ${response.statusMessage ?? httplibReason(status)}`));
        const socket = request.socket;
        finish(undefined, { body: Buffer.concat(chunks, size).toString('utf8'), bytesReceived: (socket?.bytesRead ?? readBefore) - readBefore });
      });
      response.on('error', (error) => finish(cut(url, error)));
      response.on('close', () => {
        if (!response.complete) finish(cut(url));
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (agent !== false && request.reusedSocket && !responded && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        return reject(new StaleSocket());
      }
      if (handshaking && !connected) {
        // OpenSSL's reason for a failed handshake; any other failure there is the certificate check's.
        const reason = error.code?.startsWith('ERR_SSL_') ? ((error as { reason?: string }).reason ?? error.message) : error.code === 'ECONNRESET' ? undefined : 'certificate verify failed';
        if (reason !== undefined) return finish(new TlsError(reason, { host: endpoint.host, port: String(endpoint.port) }, { cause: error }));
      }
      if (!connected) return finish(new ConnectionError(ErrorCode.CONNECT, `${url}: ${error.message}`, { cause: error }));
      finish(cut(url, error));
    });
    request.on('close', () => finish(cut(url)));
    request.end(payload);
  });
}

/** The connection ended before a whole HTTP reply (ecflow_server does so when it cannot read the request). */
function cut(url: string, cause?: Error): ConnectionError {
  const why = cause ? ` (${cause.message})` : '';
  return new ConnectionError(ErrorCode.EOF, `${url} closed the connection without a whole HTTP reply${why}`, cause ? { cause } : undefined);
}

function seconds(ms: number): string {
  return `${ms / 1000} seconds`;
}

/** Where httplib::detail::status_message words a status otherwise than Node does (or not at all). */
const HTTPLIB_WORDING: Readonly<Record<number, string>> = {
  101: 'Switching Protocol',
  300: 'Multiple Choice',
  306: 'unused',
  418: "I'm a teapot",
  509: 'Internal Server Error',
};
