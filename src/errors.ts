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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The base of every error the library throws: `code` says what kind of failure it is. */
export class EcflowError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EcflowError';
    this.code = code;
  }
}

/** The server understood the request and refused it; `message` is the server's text, untrimmed. */
export class ServerError extends EcflowError {
  constructor(message: string) {
    super(ErrorCode.SERVER, message);
    this.name = 'ServerError';
  }
}

export class ProtocolError extends EcflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.PROTOCOL, message, options);
    this.name = 'ProtocolError';
  }
}

export class TimeoutError extends EcflowError {
  constructor(message: string) {
    super(ErrorCode.TIMEOUT, message);
    this.name = 'TimeoutError';
  }
}

export class ConnectionError extends EcflowError {
  constructor(code: typeof ErrorCode.CONNECT | typeof ErrorCode.EOF, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ConnectionError';
  }
}

export class ArgumentError extends EcflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.ARGUMENT, message, options);
    this.name = 'ArgumentError';
  }
}
