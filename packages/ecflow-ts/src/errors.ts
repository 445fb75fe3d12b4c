/**
 * Every failure this library reports is an {@link EcflowError} with a stable `code`, so callers can
 * branch on the kind of failure without parsing messages.
 */
export const ErrorCode = {
  /** The server replied with an ErrorCmd: it understood the request and refused it. */
  SERVER: 'ECFLOW_SERVER',
  /** No TCP/TLS connection could be made (refused, unreachable, DNS). */
  CONNECT: 'ECFLOW_CONNECT',
  /** A phase (connect, request) took longer than its timeout. */
  TIMEOUT: 'ECFLOW_TIMEOUT',
  /** The peer closed the connection before a whole reply arrived. */
  EOF: 'ECFLOW_EOF',
  /**
   * The TLS handshake failed: the server presented another certificate than the one trusted, or
   * does not speak TLS ({@link TlsError}).
   */
  TLS: 'ECFLOW_TLS',
  /** Bytes that are not a valid ecFlow frame or envelope. */
  PROTOCOL: 'ECFLOW_PROTOCOL',
  /** The caller asked for something invalid (bad argument, missing environment). */
  ARGUMENT: 'ECFLOW_ARGUMENT',
  /** Authentication could not be set up on the client (no password for a custom user). */
  AUTH: 'ECFLOW_AUTH',
  /** Definition text that does not parse, or fails the check ecFlow runs on it ({@link DefsParseError}). */
  DEFS_PARSE: 'ECFLOW_DEFS_PARSE',
  /** A trigger, complete or wait expression that does not parse (`ExpressionError`). */
  EXPRESSION: 'ECFLOW_EXPRESSION',
  /** The caller's `AbortSignal` aborted the call ({@link AbortError}). */
  ABORTED: 'ECFLOW_ABORTED',
  /** Over HTTP/HTTPS, the server (or a proxy in front of it) answered with a status other than 200 ({@link HttpStatusError}). */
  HTTP_STATUS: 'ECFLOW_HTTP_STATUS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The base of every error the library throws: `code` says what kind of failure it is, `cause` (when
 * set) is the underlying error, e.g. the socket error behind a failed connection.
 * See the error catalogue (docs/errors.md) for every subclass and when it is thrown.
 */
export class EcflowError extends Error {
  /** The stable kind of failure, one of {@link ErrorCode}'s values; branch on this, not on `message`. */
  readonly code: ErrorCode;
  /**
   * An error of kind `code`.
   * @param code the kind of failure.
   * @param message what failed and where.
   * @param options `cause`: the error that led to this one.
   */
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EcflowError';
    this.code = code;
  }
}

/** The server understood the request and refused it; `message` is the server's text, untrimmed. */
export class ServerError extends EcflowError {
  /**
   * A refusal with the server's own words.
   * @param message the text of the server's ErrorCmd reply.
   */
  constructor(message: string) {
    super(ErrorCode.SERVER, message);
    this.name = 'ServerError';
  }
}

/**
 * The bytes received are not a valid ecFlow frame, envelope or reply (or not the reply the request
 * expects): client and server disagree about the protocol. Code `ECFLOW_PROTOCOL`.
 */
export class ProtocolError extends EcflowError {
  /**
   * A protocol error (`ECFLOW_PROTOCOL`).
   * @param message what was malformed and where.
   * @param options `cause`: the lower-level error, e.g. a JSON parse error.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.PROTOCOL, message, options);
    this.name = 'ProtocolError';
  }
}

/**
 * A phase of a request (connecting, or sending and receiving the whole reply) took longer than its
 * timeout (`connectTimeout`, `requestTimeout`). Code `ECFLOW_TIMEOUT`.
 */
export class TimeoutError extends EcflowError {
  /**
   * A timeout (`ECFLOW_TIMEOUT`).
   * @param message which phase timed out, after how long, and for which server.
   * @param options `cause`: what timed out, e.g. the reason of an `AbortSignal.timeout()`.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.TIMEOUT, message, options);
    this.name = 'TimeoutError';
  }
}

/**
 * The connection failed: it could not be made (`ECFLOW_CONNECT`) or the server closed it before the
 * whole reply arrived (`ECFLOW_EOF`). {@link UnreachableError} is the one thrown after every
 * connection attempt failed.
 */
export class ConnectionError extends EcflowError {
  /**
   * A connection failure of kind `code`.
   * @param code `ECFLOW_CONNECT` or `ECFLOW_EOF`.
   * @param message what failed and where.
   * @param options `cause`: the socket error, when there is one.
   */
  constructor(code: typeof ErrorCode.CONNECT | typeof ErrorCode.EOF, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ConnectionError';
  }
}

/**
 * The TLS handshake with the server failed, so nothing was sent: the server presented another
 * certificate than the one trusted (`reason` `certificate verify failed`), or it speaks plain TCP
 * (`wrong version number`), or it refused the TLS version offered (`tlsv1 alert protocol
 * version`: servers from 5.16 take TLS 1.3 only). Not retried, as ecflow_client does not retry
 * it. Code `ECFLOW_TLS`.
 */
export class TlsError extends EcflowError {
  /** Why, in OpenSSL's words, as ecflow_client reports them: `certificate verify failed`, `wrong version number`. */
  readonly reason: string;
  /** The server, as the client addressed it. */
  readonly address: {
    /** Host name or address. */
    readonly host: string;
    /** Port, as text. */
    readonly port: string;
  };
  /**
   * A failed handshake with `address` (`ECFLOW_TLS`).
   * @param reason OpenSSL's words for the failure.
   * @param address the server, as the client addressed it.
   * @param options `cause`: Node's TLS error, or the certificate check's code.
   */
  constructor(reason: string, address: { host: string; port: string }, options?: { cause?: unknown }) {
    const hint =
      reason === 'certificate verify failed'
        ? ': the server presented another certificate than the one trusted'
        : reason === 'wrong version number'
          ? ': the server does not speak TLS (a plain ecflow_server?)'
          : '';
    super(ErrorCode.TLS, `TLS handshake with ${address.host}:${address.port} failed (${reason})${hint}`, options);
    this.name = 'TlsError';
    this.reason = reason;
    this.address = { host: address.host, port: address.port };
  }
}

/**
 * Over HTTP or HTTPS, the reply's status was not 200 OK: typically a reverse proxy's refusal (401,
 * 403), a missing upstream (502, 504) or a redirect, as ecflow_server itself answers 200 or nothing.
 * Code `ECFLOW_HTTP_STATUS`; never retried, as ecflow_client does not retry it.
 */
export class HttpStatusError extends EcflowError {
  /** The HTTP status code, e.g. 502. */
  readonly status: number;
  /** The URL posted to, e.g. `https://host:8443/v1/ecflow`. */
  readonly url: string;
  /**
   * A reply of status `status`.
   * @param status the HTTP status code.
   * @param url the URL posted to.
   * @param message what the reply was and where it came from.
   */
  constructor(status: number, url: string, message: string) {
    super(ErrorCode.HTTP_STATUS, message);
    this.name = 'HttpStatusError';
    this.status = status;
    this.url = url;
  }
}

/**
 * The caller asked for something invalid, found before anything is sent: a bad argument or option,
 * a missing environment variable, an invalid name for the definition model. Code `ECFLOW_ARGUMENT`.
 */
export class ArgumentError extends EcflowError {
  /**
   * An invalid-argument error (`ECFLOW_ARGUMENT`).
   * @param message what was wrong with the argument, in ecFlow's words where ecFlow has them.
   * @param options `cause`: the error that revealed it.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.ARGUMENT, message, options);
    this.name = 'ArgumentError';
  }
}

/**
 * The caller's `AbortSignal` aborted a call: the connection under way was closed and no retry
 * follows. Code `ECFLOW_ABORTED`; `cause` is the signal's `reason`.
 */
export class AbortError extends EcflowError {
  /**
   * An abort (`ECFLOW_ABORTED`).
   * @param message what was aborted, and where.
   * @param options `cause`: the signal's reason.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.ABORTED, message, options);
    this.name = 'AbortError';
  }
}

/**
 * What a call rejects with when `signal` aborted it: the signal's reason itself when that is an
 * {@link EcflowError} (the caller chose the code, e.g. a {@link TimeoutError} of its own), a
 * {@link TimeoutError} for `AbortSignal.timeout()`, else an {@link AbortError}.
 * @param signal the aborted signal.
 * @param what the call, and where it was going, for the message.
 */
export function abortedError(signal: AbortSignal, what: string): EcflowError {
  const reason: unknown = signal.reason;
  if (reason instanceof EcflowError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new TimeoutError(`${what}: ${reason.message}`, { cause: reason });
  }
  return new AbortError(`${what} aborted`, { cause: reason });
}
