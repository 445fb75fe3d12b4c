/**
 * A tiny in-process stand-in for ecflow_server, for the faults a real server cannot be made to
 * produce (garbage headers, truncated or unknown replies, stalls, cut connections). It listens on
 * 127.0.0.1 on a free port; each accepted connection is handed to the scenario's `behaviour`.
 */
import http from 'node:http';
import net from 'node:net';

export interface FakeConnection {
  socket: net.Socket;
  /**
   * The framed request the client sent (its JSON body), read the way ecflow_server reads it: an
   * 8-byte hex header, then that many bytes. Rejects if the client closes first.
   */
  request(): Promise<string>;
}

export type Behaviour = (connection: FakeConnection) => void | Promise<void>;

export interface FakeServer {
  readonly host: string;
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Accepted connections not yet closed (a client that gave up must have closed its end). */
  readonly openSockets: number;
  /** Request bodies fully read so far, in arrival order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** `setw(8) << hex << size` followed by the body, as ecFlow's Connection writes a message. */
export function frame(body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(bytes.length.toString(16).padStart(8, ' '), 'latin1'), bytes]);
}

/**
 * The JSON of a ServerToClientResponse carrying one reply object of class `cls` with `fields`
 * (after the ServerToClientCmd base), laid out as cereal writes it (protocol §5.1).
 */
export function replyBody(cls: string, fields: Record<string, unknown>): string {
  return JSON.stringify({
    '22ServerToClientResponse': {
      stc_cmd_: {
        polymorphic_id: 2147483649,
        polymorphic_name: cls,
        ptr_wrapper: { id: 2147483649, data: { cereal_class_version: 0, value0: { cereal_class_version: 0 }, ...fields } },
      },
    },
  });
}

export async function startFakeServer(behaviour: Behaviour): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const requests: string[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // the client may reset; that is the client's story, not ours
    // Read everything from the start (a paused socket would never see the client's FIN).
    const inbox = new Inbox(socket);
    let pending: Promise<string> | undefined;
    const connection: FakeConnection = {
      socket,
      request: () => {
        pending ??= inbox.frame().then((body) => {
          requests.push(body);
          return body;
        });
        return pending;
      },
    };
    Promise.resolve()
      .then(() => behaviour(connection))
      .catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port: address.port,
    get connections() {
      return connections;
    },
    get openSockets() {
      return sockets.size;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Everything a connection received, and the first frame in it once complete. */
class Inbox {
  #buffered = Buffer.alloc(0);
  #ended = false;
  #wake: (() => void) | undefined;

  constructor(socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#buffered = Buffer.concat([this.#buffered, chunk]);
      this.#wake?.();
    });
    const onEnd = () => {
      this.#ended = true;
      this.#wake?.();
    };
    socket.once('end', onEnd);
    socket.once('close', onEnd);
  }

  async frame(): Promise<string> {
    for (;;) {
      const b = this.#buffered;
      if (b.length >= 8) {
        const header = b.subarray(0, 8).toString('latin1');
        const size = Number.parseInt(header.trim(), 16);
        if (!Number.isFinite(size)) throw new Error(`fake server: bad request header ${JSON.stringify(header)}`);
        if (b.length >= 8 + size) return b.subarray(8, 8 + size).toString('utf8');
      }
      if (this.#ended) throw new Error('fake server: client closed before sending a whole request');
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }
}

/** A loopback port nothing listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** One request the fake HTTP server received. */
export interface FakeHttpRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The connection it came on (1 for the first accepted, …). */
  connection: number;
  /** How many requests that connection had carried before this one. */
  before: number;
}

/**
 * What the fake HTTP server does with a request: reply (status, body, whether to keep the
 * connection), or `'drop'` (close the connection without a reply), or `'stall'` (never answer).
 */
export type HttpBehaviour = (request: FakeHttpRequest) => { status: number; body: string; close?: boolean } | 'drop' | 'stall';

export interface FakeHttpServer extends Omit<FakeServer, 'requests'> {
  readonly url: string;
  readonly requests: readonly FakeHttpRequest[];
  /** Whether connection `id` (a request's `connection`) is still open. */
  isOpen(id: number): boolean;
}

/**
 * The HTTP counterpart, for what ecflow_server --http is not made to do: other statuses (a proxy's
 * 502), no reply, stalls, keep-alive. Listens on 127.0.0.1 on a free port; counts connections.
 */
export async function startFakeHttpServer(behaviour: HttpBehaviour): Promise<FakeHttpServer> {
  const sockets = new Set<net.Socket>();
  const requests: FakeHttpRequest[] = [];
  const served = new Map<net.Socket, { id: number; count: number }>();
  const open = new Set<number>();
  let connections = 0;
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const conn = served.get(req.socket)!;
      const request: FakeHttpRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), connection: conn.id, before: conn.count++ };
      requests.push(request);
      const what = behaviour(request);
      if (what === 'stall') return;
      if (what === 'drop') return req.socket.destroy();
      res.writeHead(what.status, { 'Content-Type': 'application/json', ...(what.close ? { Connection: 'close' } : {}) });
      res.end(what.body);
    });
  });
  server.on('connection', (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    const id = connections;
    served.set(socket, { id, count: 0 });
    open.add(id);
    socket.on('close', () => {
      sockets.delete(socket);
      open.delete(id);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get openSockets() {
      return sockets.size;
    },
    requests,
    isOpen: (id) => open.has(id),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
