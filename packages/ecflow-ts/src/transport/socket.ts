import net from 'node:net';
import type tls from 'node:tls';
import { abortedError, ConnectionError, ErrorCode, TimeoutError, TlsError } from '../errors.js';
import { FrameDecoder } from './frame.js';

/** Where and how to open one connection. */
export interface Endpoint {
  host: string;
  port: number;
  /** TLS options; absent for plain TCP. */
  tls?: tls.ConnectionOptions;
}

export interface ExchangeOptions {
  /** Milliseconds allowed to establish the connection (TLS handshake included). */
  connectTimeout: number;
  /** Milliseconds allowed from the request being written to the whole reply being read. */
  requestTimeout: number;
  /** Largest reply body accepted. */
  maxFrameBytes?: number;
  /** Aborting it closes the socket at once and rejects with `abortedError(signal)`. */
  signal?: AbortSignal;
}

export interface ExchangeResult {
  body: string;
  /** Bytes read from the socket, header included. */
  bytesReceived: number;
  /** Over TLS, what the handshake settled on: `TLSv1.3`, `TLS_AES_256_GCM_SHA384`. */
  tls?: { protocol: string; cipher: string };
}

/**
 * One round trip: connect, write one framed request, read one framed reply. ecFlow serves exactly
 * one request per connection and then closes it, so the socket is always destroyed afterwards.
 */
export function exchange(endpoint: Endpoint, frame: Buffer, options: ExchangeOptions): Promise<ExchangeResult> {
  const where = `${endpoint.host}:${endpoint.port}`;
  if (options.signal?.aborted) return Promise.reject(abortedError(options.signal, `request to ${where}`));
  // Created here so that a timeout's stack points at the caller, not at a timer callback.
  const connectTimeout = new TimeoutError(`connect to ${where} timed out after ${seconds(options.connectTimeout)}`);
  const requestTimeout = new TimeoutError(`no reply from ${where} within ${seconds(options.requestTimeout)}`);

  return new Promise<ExchangeResult>((resolve, reject) => {
    const decoder = new FrameDecoder(options.maxFrameBytes);
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    // The certificate is checked here, once the handshake is done, so that a mismatch is told
    // apart from other failures (Node would end the socket with the check's code as its error).
    const verify = endpoint.tls !== undefined && endpoint.tls.rejectUnauthorized !== false;
    // node:tls is loaded when first used, not with this module: plain TCP (every job's child
    // commands) would otherwise pay for it at each start.
    const socket: net.Socket = endpoint.tls
      ? process.getBuiltinModule('node:tls').connect({ host: endpoint.host, port: endpoint.port, ...endpoint.tls, rejectUnauthorized: false })
      : net.connect({ host: endpoint.host, port: endpoint.port });
    let handshaking = false;
    let negotiated: ExchangeResult['tls'];

    const finish = (error: Error | undefined, result?: ExchangeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve(result!);
    };
    const arm = (ms: number, error: Error) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(error), ms);
    };
    const onAbort = () => finish(abortedError(options.signal!, `request to ${where}`));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    arm(options.connectTimeout, connectTimeout);
    socket.setNoDelay(true);
    const address = { host: endpoint.host, port: String(endpoint.port) };
    if (endpoint.tls) {
      socket.once('connect', () => {
        handshaking = true;
      });
    }
    socket.once(endpoint.tls ? 'secureConnect' : 'connect', () => {
      if (endpoint.tls) {
        const secure = socket as tls.TLSSocket;
        handshaking = false;
        if (verify && !secure.authorized) {
          // boost's verify_peer fails the handshake itself, which OpenSSL words so.
          return finish(new TlsError('certificate verify failed', address, { cause: secure.authorizationError }));
        }
        negotiated = { protocol: secure.getProtocol() ?? '', cipher: secure.getCipher().name };
      }
      arm(options.requestTimeout, requestTimeout);
      socket.write(frame);
    });
    socket.on('data', (chunk: Buffer) => {
      let body: string | undefined;
      try {
        body = decoder.push(chunk);
      } catch (error) {
        return finish(error as Error);
      }
      if (body !== undefined) finish(undefined, { body, bytesReceived: decoder.received, ...(negotiated ? { tls: negotiated } : {}) });
    });
    socket.on('end', () => {
      finish(
        new ConnectionError(
          ErrorCode.EOF,
          `${where} closed the connection after ${decoder.describeMissing()}: server did not reply, or mixing ssl and non-ssl${decoder.received === 0 && !endpoint.tls ? ", or a server started with --http (protocol 'http')" : ''}`,
        ),
      );
    });
    socket.on('error', (error: NodeJS.ErrnoException & { reason?: string }) => {
      // Connected, but the handshake failed: OpenSSL's reason, as ecflow_client reports it.
      if (handshaking) return finish(new TlsError(error.reason ?? error.message, address, { cause: error }));
      const connected = socket.bytesWritten > 0;
      const code = connected ? ErrorCode.EOF : ErrorCode.CONNECT;
      finish(new ConnectionError(code, `${where}: ${error.message}`, { cause: error }));
    });
  });
}

function seconds(ms: number): string {
  return `${ms / 1000} seconds`;
}

