import { ProtocolError } from '../errors.js';

/** Size of the ASCII length header that precedes every message body. */
export const HEADER_BYTES = 8;

/**
 * Largest body we accept by default. The header allows 0xFFFFFFFF, but a JavaScript string cannot
 * hold much more than 512 MiB, and a real definition of 100k tasks is ~12 MB.
 * @default 256 MiB
 */
export const DEFAULT_MAX_FRAME_BYTES = 256 * 1024 * 1024;

/** Header + body, as ecFlow's Connection writes it: `setw(8) << hex << size`. */
export function encodeFrame(body: string): Buffer {
  const bodyBytes = Buffer.byteLength(body, 'utf8');
  if (bodyBytes > 0xffffffff) throw new ProtocolError(`message of ${bodyBytes} bytes does not fit the 8-digit hex header`);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + bodyBytes);
  frame.write(bodyBytes.toString(16).padStart(HEADER_BYTES, ' '), 0, 'latin1');
  frame.write(body, HEADER_BYTES, 'utf8');
  return frame;
}

/**
 * Parses a header the way the C++ reader does (`istringstream >> std::hex`): leading whitespace is
 * skipped and parsing stops at the first non-hex character; at least one hex digit is required.
 */
export function parseHeader(header: Buffer, maxBytes = DEFAULT_MAX_FRAME_BYTES): number {
  let i = 0;
  while (i < HEADER_BYTES && isSpace(header[i]!)) i++;
  let size = 0;
  const start = i;
  for (; i < HEADER_BYTES; i++) {
    const digit = hexValue(header[i]!);
    if (digit < 0) break;
    size = size * 16 + digit;
  }
  if (i === start) throw new ProtocolError(`invalid frame header ${JSON.stringify(header.toString('latin1'))}: expected a hex length`);
  if (size > maxBytes) {
    throw new ProtocolError(`frame header announces ${size} bytes, more than the limit of ${maxBytes}`);
  }
  return size;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * Accumulates bytes from a stream and yields the one body it frames. Chunks may split the header
 * or body anywhere; the result is the same however the bytes arrive.
 */
export class FrameDecoder {
  readonly #maxBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #bodySize = -1;

  constructor(maxBytes = DEFAULT_MAX_FRAME_BYTES) {
    this.#maxBytes = maxBytes;
  }

  /** Bytes received so far, header included. */
  get received(): number {
    return this.#buffered;
  }

  /** Adds a chunk; returns the body once complete (throws ProtocolError on a bad header). */
  push(chunk: Buffer): string | undefined {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    if (this.#bodySize < 0) {
      if (this.#buffered < HEADER_BYTES) return undefined;
      this.#bodySize = parseHeader(this.#joined().subarray(0, HEADER_BYTES), this.#maxBytes);
    }
    if (this.#buffered < HEADER_BYTES + this.#bodySize) return undefined;
    return this.#joined().toString('utf8', HEADER_BYTES, HEADER_BYTES + this.#bodySize);
  }

  /** What is still missing, for error messages about a cut connection. */
  describeMissing(): string {
    if (this.#bodySize < 0) return `${this.#buffered} of ${HEADER_BYTES} header bytes`;
    return `${this.#buffered - HEADER_BYTES} of ${this.#bodySize} body bytes`;
  }

  #joined(): Buffer {
    if (this.#chunks.length > 1) this.#chunks = [Buffer.concat(this.#chunks, this.#buffered)];
    return this.#chunks[0]!;
  }
}
