import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type tls from 'node:tls';
import { beginCmd } from '../commands/begin.js';
import { type ClientHandleSuites, chAddCmd, chAutoAddCmd, chDropCmd, chDropUserCmd, chRegisterCmd, chRemoveCmd, chSuitesCmd } from '../commands/client-handle.js';
import { plugCmd } from '../commands/plug.js';
import { planReplace, type ReplaceOptions, type ReplaceResult } from '../commands/replace-node.js';
import type { DefsSource } from '../commands/client-definition.js';
import { type Stats, statsFromValues } from '../commands/stats.js';
import { ZombieAction, type ZombieTarget, zombieTargetCmd } from '../commands/zombie.js';
import { checkPtCmd, type CheckPtOptions } from '../commands/check-pt.js';
import { type Command, expectReply } from '../commands/command.js';
import { newsCmd, type SyncPoint, syncCmd, syncFullCmd } from '../commands/csync.js';
import { CtsApi, ctsCmd } from '../commands/cts.js';
import { deleteCmd } from '../commands/delete.js';
import { forceCmd, type ForceOptions, type ForceTarget } from '../commands/force.js';
import { type LoadOptions, type LoadResult, planLoad } from '../commands/load-defs.js';
import { LogApi, logCmd } from '../commands/log.js';
import { logMessageCmd } from '../commands/log-message.js';
import { PathsApi, pathsCmd } from '../commands/paths.js';
import { RequeueOption, requeueNodeCmd } from '../commands/requeue-node.js';
import { runNodeCmd } from '../commands/run-node.js';
import { serverVersionCmd } from '../commands/server-version.js';
import { abortCmd, completeCmd, eventCmd, initCmd, labelCmd, meterCmd, type QueueAction, queueCmd, waitCmd } from '../commands/task.js';
import { type Alteration, alterCmd, checkAlterAdd, checkAlterDelete, type SortAttr } from '../commands/alter.js';
import { cfileCmd, type CFileTypeName } from '../commands/cfile.js';
import { checkJobGenOnlyCmd, CtsNodeApi, ctsNodeRequest, jobGenCmd } from '../commands/cts-node.js';
import { editScriptCmd, type UserVariable } from '../commands/edit-script.js';
import { freeDepCmd, type FreeDepOptions } from '../commands/free-dep.js';
import { type NOrderName, orderNodeCmd } from '../commands/order-node.js';
import { queryCmd, type QueryType } from '../commands/query.js';
import { type Defs, findNode, parseDefs, why } from '../defs/index.js';
import { TESTED_VERSIONS } from '../versions.js';
import { abortedError, ArgumentError, ConnectionError, EcflowError, ErrorCode, ProtocolError, ServerError, TimeoutError } from '../errors.js';
import { decodeResponse, encodeRequest, type EncodeContext, type Request, type UserIdentity } from '../protocol/envelope.js';
import { News, type Reply, StcApi, type SyncReply, type Zombie } from '../protocol/replies.js';
import type { Mirror, SyncChange } from '../sync/mirror.js';
import { LocalMirror, type WatchOptions } from '../sync/local-mirror.js';
import type { NodeView } from '../sync/records.js';
import { encodeFrame } from '../transport/frame.js';
import { baseUrl, exchangeHttp, httpAgent, httpsTls } from '../transport/http.js';
import { exchange, type ExchangeOptions, type ExchangeResult } from '../transport/socket.js';
import { type BlockReason, channels } from './diagnostics.js';
import { authorization, findToken, TokenFileError, UnavailableToken } from './token-file.js';
import { clientPasswordHash } from './passwd-file.js';
import { ClientEnvironment, type Protocol, readHostFile, type ServerAddress } from './client-environment.js';
import type { CallOptions, ChildOptions, ClientOptions } from './options.js';

/**
 * Raised when every connection attempt failed; `message` is ecflow_client's text for it. A
 * {@link ConnectionError} with code `ECFLOW_CONNECT`; `cause` is the last attempt's error.
 */
export class UnreachableError extends ConnectionError {
  /** The request as ecflow_client names it, e.g. `--ping`. */
  readonly request: string;
  /** The server that could not be reached. */
  readonly address: ServerAddress;
  /** How many connection attempts were made. */
  readonly attempts: number;
  /**
   * The error for `request` after `attempts` failed attempts to reach `address`.
   * @param request the request as ecflow_client names it.
   * @param address the server that could not be reached.
   * @param attempts how many connection attempts were made.
   * @param denied whether ECF_DENIED stopped a child command from trying other hosts.
   * @param cause the last attempt's error.
   */
  constructor(request: string, address: ServerAddress, attempts: number, denied: boolean, cause: unknown) {
    super(
      ErrorCode.CONNECT,
      `Request( ${request} )${denied ? ' ECF_DENIED ' : ''}, Failed to connect to ${address.host}:${address.port}. After ${attempts} attempts. Is the server running ?`,
      { cause },
    );
    this.name = 'UnreachableError';
    this.request = request;
    this.address = address;
    this.attempts = attempts;
  }
}

const NEXT_HOST_POLL_MS = 30_000;

/** What {@link Client.group} resolves with. */
export interface GroupResult {
  /** The replies the server kept, in order (it leaves plain OKs out). */
  replies: Reply[];
  /** What `ecflow_client --group` prints for them (a `show` after a `get` prints the definition). */
  output: string;
}

/**
 * A client of one ecflow_server. Each call is one request on its own connection, retried as
 * ecflow_client retries it; methods resolve with typed results and reject with {@link EcflowError}
 * ({@link ServerError} when the server refused the request).
 */
export class Client {
  #options: ClientOptions;
  readonly #environment: ClientEnvironment;
  #address!: ServerAddress;
  #protocol!: Protocol;
  #tls: tls.ConnectionOptions | undefined;
  /** http/https: the scheme and its TLS options. */
  #http: { scheme: 'http' | 'https'; tls: tls.ConnectionOptions | undefined } | undefined;
  /** Their keep-alive agent, made at the first request and dropped when they change or at close(). */
  #agent: http.Agent | undefined;
  #user!: UserIdentity;
  #child: ChildOptions;
  // Its requests go out as they are: their guards and auto-sync are the caller's business.
  readonly #local = new LocalMirror({ request: (request, call) => this.#send(request, call?.signal) });
  #autoSync = false;
  /**
   * Bytes of every reply frame (or HTTP body) this client has received, as `channels.request`
   * reports them one at a time: what one caller's requests cost, without subscribing to every client's.
   */
  get bytesReceived(): number {
    return this.#received;
  }
  #received = 0;

  /**
   * A client of the server named by `options` (else by ECF_HOST / ECF_PORT, else localhost:3141), as
   * Python's `ecflow.Client(host, port)`. Nothing is sent until the first call. Throws an
   * {@link ArgumentError} when the port is not a number or ECF_SSL names a certificate that does not exist.
   * @param options where the server is and how to talk to it; see {@link ClientOptions}.
   * @param child the job identity child commands send; see {@link ChildOptions}.
   */
  constructor(options: ClientOptions = {}, child: ChildOptions = {}) {
    this.#options = { ...options };
    this.#environment = new ClientEnvironment(options.env);
    this.#child = { ...child };
    this.#resolve();
  }

  /** Derives address, TLS and user from the options (again after a setter changed them). */
  #resolve(): void {
    const options = this.#options;
    const environment = this.#environment;
    this.#address = environment.address(options);
    this.#protocol = environment.protocol({ protocol: options.protocol, ssl: options.ssl });
    // An explicit protocol 'ssl' finds its certificate as enable_ssl does (ECF_SSL's, if set).
    const ssl = options.ssl ?? (options.protocol === 'ssl' && !environment.sslRequested ? true : undefined);
    this.#tls = this.#protocol === 'ssl' ? environment.tls(ssl, this.#address) : undefined;
    const scheme = this.#protocol === 'http' || this.#protocol === 'https' ? this.#protocol : undefined;
    const httpsTlsOptions = scheme === 'https' ? httpsTls(options.https) : undefined;
    if (scheme !== this.#http?.scheme || httpsTlsOptions !== this.#http?.tls) this.close();
    this.#http = scheme ? { scheme, tls: httpsTlsOptions } : undefined;
    const { user, customUser } = environment.user(options.user);
    this.#user = { clientHost: options.clientHost ?? os.hostname(), user, ...(customUser ? { customUser: true } : {}) };
    this.#hash = null;
  }

  /** The host of the server this client talks to (Python's `get_host`). */
  get host(): string {
    return this.#address.host;
  }
  /** The port of the server this client talks to, as a string (Python's `get_port`). */
  get port(): string {
    return this.#address.port;
  }
  /** True when requests go over ecFlow's TLS socket (protocol `ssl`). */
  get ssl(): boolean {
    return this.#protocol === 'ssl';
  }
  /** The transport requests take: `tcp`, `ssl`, `http` or `https` (see {@link ClientOptions.protocol}). */
  get protocol(): Protocol {
    return this.#protocol;
  }
  /**
   * Closes the idle keep-alive connections of http/https (nothing to do for tcp and ssl, whose
   * connections last one request). The client stays usable: a later request connects anew.
   */
  close(): void {
    this.#agent?.destroy();
    this.#agent = undefined;
  }
  /** {@link close} at the end of a `using` block (`using client = new Client({ protocol: 'https' })`). */
  [Symbol.dispose](): void {
    this.close();
  }

  // ---- settings of a long-lived client (Python's set_* methods) ------------------------------------

  /**
   * Talks to another server from the next request on: `host` and `port`, or `'host:port'` (Python's
   * `set_host_port`). The mirror keeps its definition for readers, drops the old server's client handle
   * and downloads the new server's definition at the next {@link syncLocal}.
   */
  setHostPort(host: string, port?: number | string): void {
    if (port === undefined && host.lastIndexOf(':') > 0) {
      const colon = host.lastIndexOf(':');
      port = host.slice(colon + 1);
      host = host.slice(0, colon);
    }
    this.#options = { ...this.#options, host, ...(port === undefined ? {} : { port }) };
    this.#resolve();
    this.#serverVersion = undefined;
    this.#local.serverChanged();
  }
  /**
   * Sends requests as this custom user (ECF_USER), with a password or the one of ECF_CUSTOM_PASSWD (Python's
   * `set_user_name`).
   */
  setUser(user: string, password?: string): void {
    const { password: _, passwordHash: __, ...rest } = this.#options;
    this.#options = { ...rest, user, ...(password === undefined ? {} : { password }) };
    this.#resolve();
  }
  /** Connection attempts per host before a request fails (Python's `set_connection_attempts`). @default 2 */
  setConnectionAttempts(attempts: number): void {
    this.#options = { ...this.#options, connectionAttempts: positiveInteger(attempts, 'connection attempts') };
  }
  /**
   * Milliseconds between connection attempts (Python's `set_retry_connection_period`, which takes seconds).
   * @default 10000 (1000 for ping)
   */
  setRetryPeriod(ms: number): void {
    this.#options = { ...this.#options, retryPeriod: nonNegative(ms, 'retry period') };
  }
  /**
   * Uses TLS from the next request on, found as the `ssl` option finds it (Python's `enable_ssl`).
   * @param ssl as {@link ClientOptions.ssl}; defaults to `true`.
   */
  enableSsl(ssl: true | string | tls.ConnectionOptions = true): void {
    this.#options = { ...this.#options, ssl, protocol: 'ssl' };
    this.#resolve();
  }
  /** Plain TCP from the next request on, whatever ECF_SSL and ECF_HOST_PROTOCOL say (Python's `disable_ssl`). */
  disableSsl(): void {
    this.#options = { ...this.#options, ssl: false, protocol: 'tcp' };
    this.#resolve();
  }
  /**
   * HTTP (`POST /v1/ecflow`, ecflow_server --http, 5.14+) from the next request on (Python's
   * `enable_http`). Unlike Python's, which stays on TLS when ECF_SSL is set, this one switches.
   */
  enableHttp(): void {
    const { ssl: _, ...rest } = this.#options;
    this.#options = { ...rest, protocol: 'http' };
    this.#resolve();
  }
  /**
   * HTTPS from the next request on, for a reverse proxy in front of ecflow_server --http (Python's
   * `enable_https`); `tlsOptions` as {@link ClientOptions.https} (default: no verification).
   */
  enableHttps(tlsOptions?: tls.ConnectionOptions): void {
    const { ssl: _, ...rest } = this.#options;
    this.#options = { ...rest, protocol: 'https', ...(tlsOptions ? { https: tlsOptions } : {}) };
    this.#resolve();
  }
  /** The task path child commands name, in place of ECF_NAME (Python's `set_child_path`). */
  setChildPath(path: string): void {
    this.#child = { ...this.#child, path };
  }
  /** The jobs password child commands send, in place of ECF_PASS (Python's `set_child_password`). */
  setChildPassword(password: string): void {
    this.#child = { ...this.#child, password };
  }
  /** The process or remote id child commands send, in place of ECF_RID (Python's `set_child_pid`). */
  setChildPid(rid: string | number): void {
    this.#child = { ...this.#child, rid: String(rid) };
  }
  /** The try number child commands send, in place of ECF_TRYNO (Python's `set_child_try_no`). */
  setChildTryNo(tryNo: number): void {
    this.#child = { ...this.#child, tryNo: nonNegative(tryNo, 'try number') };
  }
  /**
   * Seconds child commands keep trying an unreachable server, in place of ECF_TIMEOUT; clamped to 600–86400
   * (Python's `set_child_timeout`).
   */
  setChildTimeout(seconds: number): void {
    this.#child = { ...this.#child, timeout: seconds };
  }
  /**
   * Seconds child commands keep trying while the server blocks them as zombies, in place of
   * ECF_ZOMBIE_TIMEOUT (Python's `set_zombie_child_timeout`).
   */
  setZombieChildTimeout(seconds: number): void {
    this.#child = { ...this.#child, zombieTimeout: seconds };
  }
  /**
   * Variables {@link childInit} adds to the task: a name → value record or a list (Python's
   * `set_child_init_add_vars`).
   */
  setChildInitAddVars(variables: Readonly<Record<string, string>> | readonly { name: string; value: string }[]): void {
    const list = Array.isArray(variables) ? [...(variables as readonly { name: string; value: string }[])] : Object.entries(variables).map(([name, value]) => ({ name, value: String(value) }));
    this.#child = { ...this.#child, initVariables: list };
  }
  /** Variables {@link childComplete} deletes from the task (Python's `set_child_complete_del_vars`). */
  setChildCompleteDelVars(names: readonly string[]): void {
    this.#child = { ...this.#child, completeRemove: [...names] };
  }

  /**
   * Sends one command (a request and the decoder of its reply) and resolves with its decoded result; see
   * {@link request}.
   */
  async invoke<T>(command: Command<T>, call: CallOptions = {}): Promise<T> {
    return command.decode(await this.request(command, call));
  }

  /**
   * Sends one request and returns the server's reply, retrying as ecflow_client does: connection
   * failures are retried `connectionAttempts` times; child commands also wait while the server
   * blocks them and then try the hosts of ECF_HOSTFILE until ECF_TIMEOUT. An ErrorCmd reply
   * rejects with a {@link ServerError}. Aborting `call.signal` stops it at once (see {@link CallOptions}).
   */
  async request(request: Request, call: CallOptions = {}): Promise<Reply> {
    const { signal } = call;
    if (request.guard !== undefined) {
      await request.guard((r) => this.#send(r, signal), { version: () => this.#releaseOfServer(signal) });
    }
    if (this.#autoSync && request.updatesDefs === true && request.base === 'user' && request.group !== true) return this.#local.withSync(request, signal);
    return this.#send(request, signal);
  }

  async #send(request: Request, signal: AbortSignal | undefined, attempts = this.#options.connectionAttempts ?? 2): Promise<Reply> {
    const ctx: EncodeContext = { user: request.base === 'user' ? this.#authenticatedUser() : this.#user };
    if (request.base === 'task') ctx.task = this.#taskIdentity(request.rid);
    const body = encodeRequest(request, ctx);
    const frame = this.#http ? undefined : encodeFrame(body);
    const child = request.base === 'task' ? this.#childSettings() : undefined;
    const retryPeriod = this.#options.retryPeriod ?? (request.ping ? 1000 : 10_000);
    const start = Date.now();
    const hosts: ServerAddress[] = [this.#address];
    let hostIndex = 0;
    let hostFileRead = false;
    let polled = false;
    let zombieBlocked = false;
    let lastError: unknown;

    for (;;) {
      const address = hosts[hostIndex]!;
      for (let tries = attempts; tries > 0; ) {
        let reply: Reply | undefined;
        try {
          reply = await this.#roundTrip(address, frame ?? body, request, signal);
        } catch (error) {
          if (signal?.aborted) throw abortedError(signal, `Request( ${request.text} ) to ${address.host}:${address.port}`);
          if (!this.#retried(error)) throw error;
          lastError = error;
          channels.attemptFailed.publish({ request: request.text, ...address, error });
        }
        if (reply) {
          const block = blockReason(reply);
          if (!block) return throwIfError(reply);
          zombieBlocked = block === 'zombie';
          channels.blocked.publish({ request: request.text, ...address, reason: block });
          // Waiting on an expression holds the client on its home server for as long as it takes.
          if (block === 'wait') tries++;
        }
        tries--;
        if (tries > 0) await pause(retryPeriod, signal, request.text);
      }
      if (!child || request.ping || child.denied) {
        // A server that accepted but never answered timed out: say so rather than "not running".
        if (lastError instanceof TimeoutError) throw lastError;
        throw new UnreachableError(request.text, address, attempts, request.base === 'task' && child!.denied, lastError);
      }
      const elapsed = (Date.now() - start) / 1000;
      if (elapsed >= child.timeout) {
        throw new ConnectionError(ErrorCode.CONNECT, `ClientInvoker: Timed out after ECF_TIMOUT(${child.timeout}) seconds : for ${address.host}:${address.port}`, { cause: lastError });
      }
      if (zombieBlocked && elapsed >= child.zombieTimeout) {
        throw new ConnectionError(ErrorCode.CONNECT, `ClientInvoker: *ZOMBIE* Timed out after ECF_ZOMBIE_TIMEOUT(${child.zombieTimeout}) seconds : for ${address.host}:${address.port}`);
      }
      if (!hostFileRead && child.hostFile) {
        hostFileRead = true;
        hosts.push(...readHostFile(child.hostFile, this.#address).slice(1));
      }
      const from = `${address.host}:${address.port}`;
      hostIndex = (hostIndex + 1) % hosts.length;
      channels.nextHost.publish({ request: request.text, from, to: `${hosts[hostIndex]!.host}:${hosts[hostIndex]!.port}` });
      if (polled) await pause(this.#options.hostPollPeriod ?? NEXT_HOST_POLL_MS, signal, request.text);
      polled = true;
    }
  }

  /**
   * Whether a failed attempt is tried again, as ClientInvoker does per transport. Over TCP/TLS a
   * connection that failed or timed out is; a reply that is cut or does not decode is not. Over
   * HTTP nothing the transport reports is (HttpClient::handle_server_response throws for anything
   * but a 200), only a 200 whose body does not decode, and a token file that cannot be used at all
   * (both thrown where ClientInvoker takes them for connection errors).
   */
  #retried(error: unknown): boolean {
    if (this.#http) return error instanceof TokenFileError || undecodable.has(error as object);
    return !(error instanceof EcflowError && (error.code === ErrorCode.PROTOCOL || error.code === ErrorCode.EOF || error.code === ErrorCode.TLS));
  }

  /** One attempt over the client's transport: a frame over tcp/ssl, the bare JSON body over http/https. */
  async #roundTrip(address: ServerAddress, payload: Buffer | string, request: Request, signal: AbortSignal | undefined): Promise<Reply> {
    const phase = this.#environment.phaseTimeout(request.timeout * 1000);
    const options: ExchangeOptions = {
      connectTimeout: this.#options.connectTimeout ?? phase,
      requestTimeout: this.#options.requestTimeout ?? phase,
      ...(this.#options.maxFrameBytes ? { maxFrameBytes: this.#options.maxFrameBytes } : {}),
      ...(signal ? { signal } : {}),
    };
    const started = performance.now();
    let result: ExchangeResult;
    let bytesSent: number;
    const over = this.#http;
    if (over && typeof payload === 'string') {
      const headers = this.#authorization(request, baseUrl(over.scheme, address.host, address.port));
      this.#agent ??= httpAgent(over.scheme, over.tls);
      bytesSent = Buffer.byteLength(payload);
      const endpoint = { scheme: over.scheme, host: address.host, port: Number(address.port), agent: this.#agent, ...(over.tls ? { tls: over.tls } : {}), headers };
      result = await exchangeHttp(endpoint, payload, options);
    } else {
      const frame = typeof payload === 'string' ? encodeFrame(payload) : payload;
      bytesSent = frame.length;
      result = await exchange({ host: address.host, port: Number(address.port), ...(this.#tls ? { tls: this.#tls } : {}) }, frame, options);
    }
    this.#received += result.bytesReceived;
    let reply: Reply;
    try {
      reply = decodeResponse(result.body);
    } catch (error) {
      if (error instanceof ProtocolError) undecodable.add(error);
      throw error;
    }
    if (channels.request.hasSubscribers) {
      const ms = performance.now() - started;
      channels.request.publish({ request: request.text, ...address, ms, bytesSent, bytesReceived: result.bytesReceived, ...(result.tls ? { tls: result.tls } : {}) });
    }
    return reply;
  }

  /**
   * The `Authorization` header of the token file's token for `url` (ClientInvoker's cfg(), read
   * again for every attempt as ecflow_client does). Without one the request goes without; why is
   * published on `channels.tokenUnavailable`, never printed.
   */
  #authorization(request: Request, url: string): Record<string, string> {
    const file = this.#environment.tokenFile();
    try {
      return { Authorization: authorization(findToken(file, url)) };
    } catch (error) {
      if (!(error instanceof UnavailableToken)) throw error;
      if (channels.tokenUnavailable.hasSubscribers) channels.tokenUnavailable.publish({ request: request.text, url, file, message: error.message });
      return {};
    }
  }

  /** The password hash to send: `null` until read, `undefined` when there is none. */
  #hash: string | undefined | null = null;

  /** The user with the password hash ecflow_client would send (read once, as files may be large). */
  #authenticatedUser(): EncodeContext['user'] {
    if (this.#hash === null) {
      this.#hash = clientPasswordHash({
        user: this.#user.user,
        customUser: this.#user.customUser === true,
        host: this.#address.host,
        port: this.#address.port,
        env: this.#environment.env,
        ...(this.#options.password !== undefined ? { password: this.#options.password } : {}),
        ...(this.#options.passwordHash !== undefined ? { passwordHash: this.#options.passwordHash } : {}),
        readFile: (file) => fs.readFileSync(file, 'utf8'),
      });
    }
    return this.#hash === undefined ? this.#user : { ...this.#user, passwordHash: this.#hash };
  }

  #taskIdentity(rid?: string): NonNullable<EncodeContext['task']> {
    const environment = this.#environment;
    const path = environment.taskPath(this.#child.path);
    const password = environment.jobsPassword(this.#child.password);
    if (!path) throw new EcflowError(ErrorCode.ARGUMENT, 'No task path specified for ECF_NAME ');
    if (!password) throw new EcflowError(ErrorCode.ARGUMENT, 'No jobs password specified for ECF_PASS ');
    return {
      clientHost: this.#user.clientHost,
      path,
      password,
      rid: rid ?? environment.rid(this.#child.rid),
      tryNo: environment.tryNo(this.#child.tryNo),
    };
  }

  #childSettings() {
    return this.#environment.child(this.#child);
  }

  // ---- server ----------------------------------------------------------------------------------

  /** Checks that the server answers; resolves with the round-trip time in milliseconds (Python's `ping`). */
  async ping(call: CallOptions = {}): Promise<number> {
    const start = performance.now();
    await this.invoke(ctsCmd(CtsApi.PING), call);
    return performance.now() - start;
  }
  /**
   * Waits until the server answers a ping, polling every second (each ping makes one connection
   * attempt): true when it did within `timeout` seconds, false otherwise. For a server just started
   * (Python's `wait_for_server_reply`).
   * @param timeout seconds to keep trying; defaults to 60.
   */
  async waitForServerReply(timeout = 60, call: CallOptions = {}): Promise<boolean> {
    const deadline = performance.now() + timeout * 1000;
    const { signal } = call;
    for (;;) {
      try {
        await this.#send(ctsCmd(CtsApi.PING), signal, 1);
        return true;
      } catch (error) {
        if (!(error instanceof EcflowError) || error.code === ErrorCode.ARGUMENT || error.code === ErrorCode.AUTH || error.code === ErrorCode.TLS || signal?.aborted) throw error;
      }
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await pause(Math.min(1000, left), signal, '--ping');
    }
  }
  /** The server's ecFlow version, e.g. `5.9.2` (Python's `server_version`). */
  async serverVersion(call: CallOptions = {}): Promise<string> {
    const version = await this.invoke(serverVersionCmd(), call);
    this.#serverVersion = version;
    return version;
  }
  #serverVersion: string | undefined;
  /** The server's release, asked once when nothing the server sent has said it yet. */
  async #releaseOfServer(signal?: AbortSignal): Promise<string> {
    const known = this.knownServerVersion;
    if (known !== undefined) return known;
    try {
      return await this.serverVersion({ signal });
    } catch (error) {
      // A user who may not read `/` (5.15+ per-path permissions), or may not read at all: the
      // command itself is sent, for the server to judge, as the newest release would send it.
      if (error instanceof ServerError) return this.version();
      throw error;
    }
  }
  /**
   * The server's ecFlow version as far as this client has seen it without asking: from
   * {@link serverVersion}, or the header of a definition the server sent (a full sync,
   * {@link getServerDefs}); `undefined` before either.
   */
  get knownServerVersion(): string | undefined {
    return this.#serverVersion ?? this.#local.getDefs()?.version;
  }
  /**
   * The newest ecFlow release whose protocol this client speaks (Python's `Client.version()`, which
   * names the release of its own build); it speaks every release from 5.9.2 to this one.
   */
  version(): string {
    return TESTED_VERSIONS[TESTED_VERSIONS.length - 1]!;
  }
  /** Suite names in server order (Python's `suites`). */
  async suites(call: CallOptions = {}): Promise<string[]> {
    return this.invoke(ctsCmd(CtsApi.SUITES), call);
  }
  /**
   * The server's statistics as the text `ecflow_client --stats` prints (Python's `stats`, which prints it).
   */
  async stats(call: CallOptions = {}): Promise<string> {
    return this.invoke(ctsCmd(CtsApi.STATS), call);
  }
  /**
   * Resets the server's request counters that {@link stats} and {@link statsServer} report (Python's
   * `stats_reset`).
   */
  async statsReset(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.STATS_RESET), call);
  }
  /** Stops scheduling and communication with jobs (`--halt=yes`, Python's `halt_server`). */
  async haltServer(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.HALT_SERVER), call);
  }
  /**
   * Stops scheduling new jobs; jobs may still talk to the server (`--shutdown=yes`, Python's
   * `shutdown_server`).
   */
  async shutdownServer(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.SHUTDOWN_SERVER), call);
  }
  /** Resumes scheduling after a halt or shutdown (`--restart`, Python's `restart_server`). */
  async restartServer(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.RESTART_SERVER), call);
  }
  /** Makes the server process exit (`--terminate=yes`, Python's `terminate_server`). */
  async terminateServer(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.TERMINATE_SERVER), call);
  }
  /**
   * Replaces the server's definition with the one of its check-point file (`--restore_from_checkpt`,
   * Python's `restore_from_checkpt`); the server must be halted and hold no suites.
   */
  async restoreFromCheckpt(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.RESTORE_DEFS_FROM_CHECKPT), call);
  }
  /**
   * Makes the server read its white-list file (ECF_LISTS) again (`--reloadwsfile`, Python's
   * `reload_wl_file`).
   */
  async reloadWhiteListFile(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.RELOAD_WHITE_LIST_FILE), call);
  }
  /**
   * Makes the server read its password file (ECF_PASSWD) again (`--reloadpasswdfile`, Python's
   * `reload_passwd_file`).
   */
  async reloadPasswdFile(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.RELOAD_PASSWD_FILE), call);
  }
  /**
   * Makes the server read its custom-user password file (ECF_CUSTOM_PASSWD) again
   * (`--reloadcustompasswdfile`, Python's `reload_custom_passwd_file`).
   */
  async reloadCustomPasswdFile(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.RELOAD_CUSTOM_PASSWD_FILE), call);
  }
  /**
   * Makes the server evaluate dependencies now instead of at its next job-submission tick
   * (`--force-dep-eval`; not in Python's `Client`).
   */
  async forceDependencyEval(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.FORCE_DEP_EVAL), call);
  }
  /**
   * The server writes what it does to its standard output (`--debug_server_on`, Python's `debug_server_on`).
   */
  async debugServerOn(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.DEBUG_SERVER_ON), call);
  }
  /** Stops {@link debugServerOn} (Python's `debug_server_off`). */
  async debugServerOff(call: CallOptions = {}): Promise<void> {
    return this.invoke(ctsCmd(CtsApi.DEBUG_SERVER_OFF), call);
  }
  /** Writes a message into the server log (Python's `log_msg`). */
  async logMsg(message: string, call: CallOptions = {}): Promise<void> {
    return this.invoke(logMessageCmd(message), call);
  }
  /**
   * The last `lines` lines of the server log (Python's `get_log`).
   * @param lines how many lines; the server's default (100) when omitted.
   */
  async getLog(lines?: number, call: CallOptions = {}): Promise<string> {
    return this.invoke(logCmd(LogApi.GET, lines === undefined ? {} : { lines }), call);
  }
  /** The path of the server log file (`--log=path`). */
  async getLogPath(call: CallOptions = {}): Promise<string> {
    return this.invoke(logCmd(LogApi.PATH), call);
  }
  /** Empties the server log file (Python's `clear_log`). */
  async clearLog(call: CallOptions = {}): Promise<void> {
    return this.invoke(logCmd(LogApi.CLEAR), call);
  }
  /** Makes the server flush and close its log file; the next request reopens it (Python's `flush_log`). */
  async flushLog(call: CallOptions = {}): Promise<void> {
    return this.invoke(logCmd(LogApi.FLUSH), call);
  }
  /** Closes the log and opens `path` (or the configured one again) (Python's `new_log`). */
  async newLog(path?: string, call: CallOptions = {}): Promise<void> {
    return this.invoke(logCmd(LogApi.NEW, path ? { newPath: path } : {}), call);
  }
  /** Writes the check-point file now and/or changes the check-point settings (Python's `checkpt`). */
  async checkpoint(options: CheckPtOptions & CallOptions = {}): Promise<void> {
    const { signal, ...checkpoint } = options;
    return this.invoke(checkPtCmd(checkpoint), { signal });
  }
  /** The zombies the server knows about (Python's `zombie_get`). */
  async zombieGet(call: CallOptions = {}): Promise<Zombie[]> {
    return this.invoke(ctsCmd(CtsApi.GET_ZOMBIES), call);
  }

  // ---- definitions -----------------------------------------------------------------------------

  /**
   * Loads a definition into the server, prepared as ecflow_client prepares it: `source` is a file
   * path, definition text (`suite … endsuite`) or a {@link Defs}; it is parsed and checked here and
   * sent in NET style, without the `extern` lines a 5.9.2 server dies on. A definition that does
   * not parse or fails the check rejects with an {@link ArgumentError} worded as Python's
   * `Client.load` words it, and nothing is sent; so do `checkOnly`, `print` and `stats`, which
   * only fill the result. `force` replaces suites the server already has.
   */
  async load(source: DefsSource, options: LoadOptions & CallOptions = {}): Promise<LoadResult> {
    const { signal, ...load } = options;
    const { result, command } = planLoad(source, { ...load, version: load.version ?? (await this.#releaseOfServer(signal)) });
    if (command === undefined) return { ...result, sent: false };
    await this.invoke(command, { signal });
    return { ...result, sent: true };
  }
  /**
   * Deletes nodes; with no paths, every suite. `force` deletes even with active or submitted tasks (Python's
   * `delete`).
   */
  async delete(paths: string | readonly string[], options: { force?: boolean } & CallOptions = {}): Promise<void> {
    return this.invoke(deleteCmd(list(paths), options.force), options);
  }
  /** Deletes every suite; `force` even with active or submitted tasks (Python's `delete_all`). */
  async deleteAll(options: { force?: boolean } & CallOptions = {}): Promise<void> {
    return this.invoke(deleteCmd([], options.force), options);
  }
  /**
   * Begins a suite (name, with or without the leading slash), or every suite when omitted (Python's
   * `begin_suite` / `begin_all_suites`); `force` resets the begin status and bypasses the checks, which can
   * create zombies.
   */
  async begin(suite?: string, options: { force?: boolean } & CallOptions = {}): Promise<void> {
    return this.invoke(beginCmd((suite ?? '').replace(/^\//, ''), options.force), options);
  }
  /** Suspends nodes: nothing below them is submitted until {@link resume} (Python's `suspend`). */
  async suspend(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.invoke(pathsCmd(PathsApi.SUSPEND, list(paths)), call);
  }
  /** Resumes suspended nodes (Python's `resume`). */
  async resume(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.invoke(pathsCmd(PathsApi.RESUME, list(paths)), call);
  }
  /** Kills the jobs of the tasks below the nodes with ECF_KILL_CMD (Python's `kill`). */
  async kill(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.invoke(pathsCmd(PathsApi.KILL, list(paths)), call);
  }
  /**
   * Runs ECF_STATUS_CMD for the tasks below the nodes (its output goes to `%ECF_JOB%.stat`, see
   * {@link getFile}) (Python's `status`).
   */
  async status(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.invoke(pathsCmd(PathsApi.STATUS, list(paths)), call);
  }
  /**
   * Requeues nodes; `abort` requeues only aborted tasks below, `force` even active ones (Python's `requeue`).
   */
  async requeue(paths: string | readonly string[], option: 'abort' | 'force' | '' = '', call: CallOptions = {}): Promise<void> {
    const o = option === 'abort' ? RequeueOption.ABORT : option === 'force' ? RequeueOption.FORCE : RequeueOption.NO_OPTION;
    return this.invoke(requeueNodeCmd(list(paths), o), call);
  }
  /**
   * Forces nodes into a state, or (target `set`/`clear`) sets events given as `/path:event` (Python's
   * `force_state`, `force_state_recursive` with `recursive`, and `force_event`). Forcing `complete` in a
   * suite that was never begun is refused with an {@link ArgumentError} (it would abort the server).
   */
  async force(paths: string | readonly string[], target: ForceTarget, options: ForceOptions & CallOptions = {}): Promise<void> {
    const { signal, ...force } = options;
    return this.invoke(forceCmd(list(paths), target, force), { signal });
  }
  /**
   * Submits tasks now, ignoring triggers, limits, time and date dependencies; `force` even when nodes
   * below are active or submitted, which can create zombies (Python's `run`).
   */
  async run(paths: string | readonly string[], options: { force?: boolean } & CallOptions = {}): Promise<void> {
    return this.invoke(runNodeCmd(list(paths), options.force), options);
  }

  // ---- child commands (sent by jobs; identity from ChildOptions or ECF_NAME/ECF_PASS/ECF_RID/ECF_TRYNO) ----

  /** The task path child commands name: the one set by {@link setChildPath}, else ECF_NAME. */
  get childPath(): string {
    return this.#environment.taskPath(this.#child.path);
  }
  /**
   * Tells the server the job started (Python's `child_init`); `rid` is its process id (default ECF_RID),
   * `variables` are added to the task (default: those of {@link setChildInitAddVars}).
   */
  async childInit(rid?: string, variables: readonly { name: string; value: string }[] = this.#child.initVariables ?? [], call: CallOptions = {}): Promise<void> {
    return this.invoke(initCmd(this.childPath, rid ?? this.#environment.rid(this.#child.rid), variables), call);
  }
  /**
   * Tells the server the job finished (Python's `child_complete`); `remove` names task variables to delete
   * (default: those of {@link setChildCompleteDelVars}).
   */
  async childComplete(remove: readonly string[] = this.#child.completeRemove ?? [], call: CallOptions = {}): Promise<void> {
    return this.invoke(completeCmd(this.childPath, remove), call);
  }
  /** Tells the server the job aborted, with an optional reason (Python's `child_abort`). */
  async childAbort(reason = '', call: CallOptions = {}): Promise<void> {
    return this.invoke(abortCmd(this.childPath, reason), call);
  }
  /** Sets (or with `value` false clears) an event of the task, by name or number (Python's `child_event`). */
  async childEvent(name: string, value = true, call: CallOptions = {}): Promise<void> {
    return this.invoke(eventCmd(this.childPath, name, value), call);
  }
  /** Sets a meter of the task (Python's `child_meter`). */
  async childMeter(name: string, value: number, call: CallOptions = {}): Promise<void> {
    return this.invoke(meterCmd(this.childPath, name, value), call);
  }
  /** Sets a label of the task (Python's `child_label`). */
  async childLabel(name: string, value: string, call: CallOptions = {}): Promise<void> {
    return this.invoke(labelCmd(this.childPath, name, value), call);
  }
  /** Resolves once the expression holds; the server holds the job until then (Python's `child_wait`). */
  async childWait(expression: string, call: CallOptions = {}): Promise<void> {
    return this.invoke(waitCmd(this.childPath, expression), call);
  }
  /**
   * Steps a queue (Python's `child_queue`): `active` resolves with the next queued or aborted step
   * (`<NULL>` when none is left), `complete` and `aborted` mark `step`, `no_of_aborted` resolves with the
   * count of aborted steps, `reset` goes back to the first queued or aborted step. `queuePath` names the
   * node holding the queue; by default it is searched for up the tree.
   */
  async childQueue(name: string, action: QueueAction, step = '', queuePath = '', call: CallOptions = {}): Promise<string> {
    return this.invoke(queueCmd(this.childPath, name, action, step, queuePath), call);
  }

  // ---- synchronisation -------------------------------------------------------------------------

  /**
   * Whether the server changed since `at` (0 NO_NEWS, 1 NEWS, 2 DO_FULL_SYNC); {@link newsLocal} asks for the
   * mirror.
   */
  async news(at: SyncPoint, call: CallOptions = {}): Promise<News> {
    return this.invoke(newsCmd(at), call);
  }
  /**
   * The changes since `at` (or a full definition when the server decides so), without applying them;
   * {@link syncLocal} applies them to the mirror.
   */
  async sync(at: SyncPoint, call: CallOptions = {}): Promise<SyncReply> {
    return this.invoke(syncCmd(at), call);
  }
  /** The whole definition, or the suites of a client handle, without applying it to the mirror. */
  async syncFull(handle = 0, call: CallOptions = {}): Promise<SyncReply> {
    return this.invoke(syncFullCmd(handle), call);
  }

  // ---- the local mirror (ClientInvoker::sync_local; kept by src/sync/local-mirror.ts) -------------

  /**
   * Brings the local mirror of the server's definition up to date (Python's `sync_local`); see
   * {@link LocalMirror.syncLocal}. Calls are serialised.
   */
  async syncLocal(options: { suiteClock?: boolean } & CallOptions = {}): Promise<SyncChange> {
    return this.#local.syncLocal(options);
  }
  /** This client's mirror: what {@link syncLocal}, {@link getDefs} and {@link watch} use. */
  get localMirror(): LocalMirror {
    return this.#local;
  }
  /** The mirror {@link syncLocal} keeps, for readers (its revisions tell caches what changed). */
  get mirror(): Mirror {
    return this.#local.mirror;
  }
  /**
   * The mirror kept by {@link syncLocal} (or fetched by {@link getServerDefs}); `null` before the first
   * sync and after {@link reset} (Python's `get_defs`).
   */
  getDefs(): Defs | null {
    return this.#local.getDefs();
  }
  /**
   * Downloads the whole definition (`--get`) into the mirror and resolves with it; later {@link syncLocal}
   * calls bring it up to date incrementally (Python's `get_server_defs`).
   */
  async getServerDefs(call: CallOptions = {}): Promise<Defs> {
    return this.#local.getServerDefs(call);
  }
  /**
   * Whether the server changed since the mirror's last sync (any sync point before the first) (Python's
   * `news_local`).
   */
  async newsLocal(call: CallOptions = {}): Promise<boolean> {
    return this.#local.newsLocal(call);
  }
  /**
   * Whether the last {@link syncLocal} (or {@link getServerDefs}) changed the mirror (Python's `in_sync`).
   */
  inSync(): boolean {
    return this.#local.inSync();
  }
  /**
   * Forgets the mirror and its client handle; the handle stays registered on the server (Python's `reset`).
   */
  reset(): void {
    this.#local.reset();
  }
  /**
   * Whether commands that change the definition also sync the mirror ({@link setAutoSync}; Python's
   * `is_auto_sync_enabled`).
   */
  get autoSync(): boolean {
    return this.#autoSync;
  }
  /**
   * With `enabled`, every command that changes the definition is sent together with a sync of the
   * mirror in one request (ClientInvoker's auto-sync), so {@link getDefs} shows its effect (Python's
   * `set_auto_sync`).
   */
  setAutoSync(enabled: boolean): void {
    this.#autoSync = enabled;
  }

  /**
   * Sends several commands in one request (`--group`, Python's `group`): `commands` is `;`-separated
   * ecflow_client command lines without the leading `--` (`'suspend /s; get; show state'`). Resolves with
   * the replies and what ecflow_client prints for them; a `get` or `sync` in the group updates the
   * mirror. When a command is refused the others still run, and the call rejects with a
   * {@link ServerError} naming every refusal.
   */
  async group(commands: string, call: CallOptions = {}): Promise<GroupResult> {
    // The command-line readers build the requests, as GroupCTSCmd does with ecflow_client's parser.
    const [{ optionsOf }, { group }, { imitatedVersion }] = await Promise.all([import('../cli/table.js'), import('../commands/group.js'), import('../cli/imitate.js')]);
    let action;
    try {
      const environment = this.#environment;
      const version = this.knownServerVersion ?? imitatedVersion(environment.env);
      action = group([commands], { extra: new Map(), confirm: () => true, env: environment.env, environment, version, options: optionsOf(version) });
    } catch (error) {
      if (error instanceof EcflowError) throw error;
      throw new ArgumentError((error as Error).message.trim(), { cause: error });
    }
    if ('exit' in action) throw new ArgumentError(`group: nothing to send in '${commands}'`);
    const start = performance.now();
    const reply = await this.request(action.request, call);
    const output = action.print?.(reply, { host: this.host, port: this.port, ms: performance.now() - start }) ?? '';
    const replies = reply.type === 'GroupSTCCmd' ? reply.replies : [reply];
    const errors = replies.flatMap((r) => (r.type === 'ErrorCmd' ? [r.message] : []));
    if (errors.length > 0) throw new ServerError(errors.join('\n'));
    await this.#local.applyGroupReplies(replies, action.request.text.includes('--sync_full'), call.signal);
    return { replies, output };
  }
  /**
   * Paths the last {@link syncLocal} received changes for (`/` is the definition); empty after a full sync
   * (Python's `changed_node_paths`).
   */
  get changedNodePaths(): readonly string[] {
    return this.#local.changedNodePaths;
  }
  /** The mirror's client handle and change numbers. */
  get syncPoint(): SyncPoint {
    return this.#local.syncPoint;
  }
  /** Every node of the mirror with its state, flags and the current values of its attributes. */
  nodeViews(): NodeView[] {
    return this.#local.nodeViews();
  }
  /**
   * Syncs every `interval` ms and yields each change set that changed something (the first sync
   * included). Ends when `signal` aborts, also in the middle of a sync (which it stops); a failed
   * sync rejects the iteration. See {@link LocalMirror.watch}.
   */
  watch(options: WatchOptions = {}): AsyncGenerator<SyncChange, void, undefined> {
    return this.#local.watch(options);
  }

  // ---- plug, replace, archive, client handles, zombies, server statistics ------------------------

  /**
   * Moves a node under (or, for a sibling, next to) `dest`; `dest` may be `host:port/path` on another server
   * (Python's `plug`).
   */
  async plug(source: string, dest: string, call: CallOptions = {}): Promise<void> {
    return this.invoke(plugCmd(source, dest), call);
  }
  /**
   * Replaces (or, with `parent`, adds) the node at `path` with the node of that path in `source`: a file
   * path, definition text or a {@link Defs}, read and checked as {@link load} does (Python's `replace`).
   * The whole client definition is sent; a refusal (no such node in it, a failed check) rejects with an
   * {@link ArgumentError} in Python's words before anything is sent.
   */
  async replace(path: string, source: DefsSource, options: ReplaceOptions & CallOptions = {}): Promise<ReplaceResult> {
    const { signal, ...replace } = options;
    const { result, command } = planReplace(path, source, { ...replace, version: replace.version ?? (await this.#releaseOfServer(signal)) });
    await this.invoke(command, { signal });
    return result;
  }
  /**
   * Saves nodes' children to disk and drops them from the server (flag `archived`); `force` even with active
   * tasks (Python's `archive`).
   */
  async archive(paths: string | readonly string[], options: { force?: boolean } & CallOptions = {}): Promise<void> {
    return this.invoke(pathsCmd(PathsApi.ARCHIVE, list(paths), options.force), options);
  }
  /** Brings archived children back (Python's `restore`). */
  async restore(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.invoke(pathsCmd(PathsApi.RESTORE, list(paths)), call);
  }
  /**
   * Registers interest in some suites (loaded or not); `autoAdd` adds suites created later. A non-zero
   * `dropHandle` is dropped first. Resolves with the new handle, which the mirror follows from then on,
   * for {@link syncFull}/{@link news} (Python's `ch_register`).
   */
  async chRegister(autoAdd: boolean, suites: readonly string[] = [], dropHandle = 0, call: CallOptions = {}): Promise<number> {
    const handle = await this.invoke(chRegisterCmd(autoAdd, suites, dropHandle), call);
    this.#local.follow(handle);
    return handle;
  }
  /** Drops a handle (default: this client's); resolves with 0 (Python's `ch_drop`). */
  async chDrop(handle = this.#local.handle, call: CallOptions = {}): Promise<number> {
    const result = await this.invoke(chDropCmd(handle), call);
    if (handle === this.#local.handle) this.#local.follow(0);
    return result;
  }
  /** Drops every handle of `user` (default: this client's user) (Python's `ch_drop_user`). */
  async chDropUser(user = '', call: CallOptions = {}): Promise<void> {
    await this.invoke(chDropUserCmd(user, this.#user.user), call);
    if (user === '' || user === this.#user.user) this.#local.follow(0);
  }
  /** The handle the mirror follows (0: every suite), as {@link chRegister} left it (Python's `ch_handle`). */
  chHandle(): number {
    return this.#local.handle;
  }
  /** Adds suites to this client's handle ({@link chHandle}) (Python's `ch_add`). */
  chAdd(suites: readonly string[], call?: CallOptions): Promise<void>;
  /** Adds suites to a handle (Python's `ch_add`). */
  chAdd(handle: number, suites: readonly string[], call?: CallOptions): Promise<void>;
  async chAdd(a: number | readonly string[], b?: readonly string[] | CallOptions, c?: CallOptions): Promise<void> {
    return typeof a === 'number'
      ? this.invoke(chAddCmd(a, (b as readonly string[] | undefined) ?? []), c)
      : this.invoke(chAddCmd(this.#local.handle, a), b as CallOptions | undefined);
  }
  /** Removes suites from this client's handle (Python's `ch_remove`). */
  chRemove(suites: readonly string[], call?: CallOptions): Promise<void>;
  /** Removes suites from a handle (Python's `ch_remove`). */
  chRemove(handle: number, suites: readonly string[], call?: CallOptions): Promise<void>;
  async chRemove(a: number | readonly string[], b?: readonly string[] | CallOptions, c?: CallOptions): Promise<void> {
    return typeof a === 'number'
      ? this.invoke(chRemoveCmd(a, (b as readonly string[] | undefined) ?? []), c)
      : this.invoke(chRemoveCmd(this.#local.handle, a), b as CallOptions | undefined);
  }
  /** Whether suites created later join this client's handle (Python's `ch_auto_add`). */
  chAutoAdd(autoAdd: boolean, call?: CallOptions): Promise<void>;
  /** Whether suites created later join a handle (Python's `ch_auto_add`). */
  chAutoAdd(handle: number, autoAdd: boolean, call?: CallOptions): Promise<void>;
  async chAutoAdd(a: number | boolean, b?: boolean | CallOptions, c?: CallOptions): Promise<void> {
    return typeof a === 'number'
      ? this.invoke(chAutoAddCmd(a, b === true), c)
      : this.invoke(chAutoAddCmd(this.#local.handle, a), b as CallOptions | undefined);
  }
  /** Every registered handle: per user its handles, per handle its suites (Python's `ch_suites`). */
  async chSuites(call: CallOptions = {}): Promise<ClientHandleSuites> {
    return this.invoke(chSuitesCmd(), call);
  }
  /** The zombie's next child command succeeds without changing the task (Python's `zombie_fob`). */
  async zombieFob(target: ZombieTarget, call: CallOptions = {}): Promise<void> {
    return this.invoke(zombieTargetCmd(ZombieAction.FOB, target), call);
  }
  /** The zombie's next child command fails (Python's `zombie_fail`). */
  async zombieFail(target: ZombieTarget, call: CallOptions = {}): Promise<void> {
    return this.invoke(zombieTargetCmd(ZombieAction.FAIL, target), call);
  }
  /** The task takes over the zombie's password; the process ids must match (Python's `zombie_adopt`). */
  async zombieAdopt(target: ZombieTarget, call: CallOptions = {}): Promise<void> {
    return this.invoke(zombieTargetCmd(ZombieAction.ADOPT, target), call);
  }
  /** Child commands of the zombie are held until ECF_ZOMBIE_TIMEOUT (Python's `zombie_block`). */
  async zombieBlock(target: ZombieTarget, call: CallOptions = {}): Promise<void> {
    return this.invoke(zombieTargetCmd(ZombieAction.BLOCK, target), call);
  }
  /** Forgets the zombie; it comes back with the job's next child command (Python's `zombie_remove`). */
  async zombieRemove(target: ZombieTarget, call: CallOptions = {}): Promise<void> {
    return this.invoke(zombieTargetCmd(ZombieAction.REMOVE, target), call);
  }
  /** Kills the zombie process with ECF_KILL_CMD and the zombie's process id (Python's `zombie_kill`). */
  async zombieKill(target: ZombieTarget, call: CallOptions = {}): Promise<void> {
    return this.invoke(zombieTargetCmd(ZombieAction.KILL, target), call);
  }
  /** The server's settings and request counters, what `--stats_server` shows (not in Python's `Client`). */
  async statsServer(call: CallOptions = {}): Promise<Stats> {
    return statsFromValues(await this.invoke(ctsCmd(CtsApi.STATS_SERVER), call));
  }
  /** The path of the server's log, from which `ecflow_client --server_load` plots the load with gnuplot. */
  async serverLoad(call: CallOptions = {}): Promise<string> {
    return this.invoke(ctsCmd(CtsApi.SERVER_LOAD), call);
  }

  // ---- alter, query, files, scripts, dependencies, order, checks, job generation ------------------

  /**
   * Adds, deletes or changes an attribute, sets or clears a flag, or sorts attributes, on every node of
   * `paths` (`/` for server variables and flags) (Python's `alter`). Names and values of `add` and
   * `delete` are checked first as ecflow_client checks them; a bad one rejects with an
   * {@link ArgumentError}.
   */
  async alter(paths: string | readonly string[], alteration: Alteration, call: CallOptions = {}): Promise<void> {
    try {
      if (alteration.op === 'add') checkAlterAdd(alteration.attr, alteration.name ?? '', alteration.value ?? '');
      if (alteration.op === 'delete') checkAlterDelete(alteration.attr, alteration.name ?? '');
    } catch (error) {
      throw new ArgumentError(`alter ${alteration.op}: ${(error as Error).message.trimEnd()}`, { cause: error });
    }
    return this.invoke(alterCmd(list(paths), alteration), call);
  }

  /**
   * Sorts the attributes of one kind (or `all`) on the nodes, and below them when `recursive` (Python's
   * `sort_attributes`, where `recursive` defaults to true; here it defaults to false).
   */
  async sortAttributes(paths: string | readonly string[], attr: SortAttr, recursive = false, call: CallOptions = {}): Promise<void> {
    return this.invoke(alterCmd(list(paths), { op: 'sort', attr, recursive }), call);
  }
  /**
   * Reads one value without blocking (Python's `query`): `state`/`dstate` of a node (`/` for the
   * server), an `event` (`set`|`clear`), `meter`, `label`, `variable`, `limit` or `limit_max` named by
   * `attribute`, a `repeat` value (`attribute` '' | 'next' | 'prev'), or whether the `trigger` expression
   * `attribute` holds (`true`|`false`). The child path (ECF_NAME), if any, is logged by the server.
   */
  async query(type: QueryType, path: string, attribute = '', call: CallOptions = {}): Promise<string> {
    return this.invoke(queryCmd(type, path, attribute, this.childPath), call);
  }
  /**
   * A node's script, job, job output, manual, kill or status output; at most the last `maxLines`
   * lines, 10000 when omitted (Python's `get_file`).
   */
  async getFile(path: string, file: CFileTypeName = 'script', maxLines?: number, call: CallOptions = {}): Promise<string> {
    return this.invoke(cfileCmd(path, file, maxLines), call);
  }
  /**
   * The task's script, its used variables listed in a `%comment` block at the front (Python's
   * `edit_script_edit`).
   */
  async editScriptEdit(path: string, call: CallOptions = {}): Promise<string> {
    return this.invoke(editScriptCmd(path, 'edit'), call);
  }
  /**
   * The task's script with its includes expanded, no variable substitution (Python's
   * `edit_script_preprocess`).
   */
  async editScriptPreprocess(path: string, call: CallOptions = {}): Promise<string> {
    return this.invoke(editScriptCmd(path, 'pre_process'), call);
  }
  /**
   * `lines` (a script of the user's) with its includes expanded, for the task at `path` (`--edit_script=path
   * pre_process_file`).
   */
  async editScriptPreprocessFile(path: string, lines: readonly string[], call: CallOptions = {}): Promise<string> {
    return this.invoke(editScriptCmd(path, 'pre_process_file', { lines }), call);
  }
  /**
   * Submits the task with its own script, using `variables` in place of the task's (`--edit_script=path
   * submit`).
   */
  async editScriptSubmit(path: string, variables: readonly UserVariable[], call: CallOptions = {}): Promise<void> {
    return this.invoke(editScriptCmd(path, 'submit', { variables }), call).then(() => undefined);
  }
  /**
   * Submits the task with `lines` as its script (and `variables`); `createAlias` puts the script in a
   * new alias of the task instead, which runs only when `run` (default true) (Python's
   * `edit_script_submit`).
   */
  editScriptSubmitFile(
    path: string,
    lines: readonly string[],
    options: { variables?: readonly UserVariable[]; createAlias?: boolean; run?: boolean } & CallOptions = {},
  ): Promise<void> {
    const { signal, ...submit } = options;
    return this.invoke(editScriptCmd(path, 'submit_file', { ...submit, lines }), { signal }).then(() => undefined);
  }
  /** Frees dependencies of the nodes: triggers by default, or the ones chosen in `options` (`--free-dep`). */
  async freeDep(paths: string | readonly string[], options: FreeDepOptions & CallOptions = {}): Promise<void> {
    const { signal, ...free } = options;
    return this.invoke(freeDepCmd(list(paths), free), { signal });
  }
  /** Frees the nodes' trigger dependencies (Python's `free_trigger_dep`). */
  async freeTriggerDep(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.freeDep(paths, { trigger: true, ...call });
  }
  /** Frees the nodes' date and day dependencies (Python's `free_date_dep`). */
  async freeDateDep(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.freeDep(paths, { date: true, ...call });
  }
  /**
   * Frees the nodes' time, today and cron dependencies; the time slot is then missed (Python's
   * `free_time_dep`).
   */
  async freeTimeDep(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.freeDep(paths, { time: true, ...call });
  }
  /** Frees every dependency of the nodes (Python's `free_all_dep`). */
  async freeAllDep(paths: string | readonly string[], call: CallOptions = {}): Promise<void> {
    return this.freeDep(paths, { all: true, ...call });
  }
  /**
   * Moves a node among its siblings: `top`, `bottom`, `up`, `down`, or sorts them (`alpha`, `order`,
   * `runtime`) (Python's `order`).
   */
  async order(path: string, order: NOrderName, call: CallOptions = {}): Promise<void> {
    return this.invoke(orderNodeCmd(path, order), call);
  }
  /**
   * Checks triggers and other expressions of the nodes (all suites when none): errors and warnings, '' if
   * none (Python's `check`).
   */
  async check(paths: string | readonly string[] = [], call: CallOptions = {}): Promise<string> {
    return this.invoke(pathsCmd(PathsApi.CHECK, list(paths)), call);
  }
  /** The changes users made to a node, oldest first (`MSG:[time] command :user@host`). */
  async editHistory(path: string, call: CallOptions = {}): Promise<string[]> {
    return this.invoke(pathsCmd(PathsApi.EDIT_HISTORY, [path]), call);
  }
  /** Forgets the edit history of every node. */
  async clearEditHistory(call: CallOptions = {}): Promise<void> {
    await this.request(pathsCmd(PathsApi.EDIT_HISTORY, ['clear']), call);
  }
  /**
   * Generates and submits the jobs below `path` (all suites when omitted) whose dependencies are free
   * (Python's `job_generation`).
   */
  async jobGen(path = '', call: CallOptions = {}): Promise<void> {
    return this.invoke(jobGenCmd(path), call);
  }
  /** Checks that the jobs below `path` (all suites when omitted) can be generated; rejects with the errors. */
  async checkJobGenOnly(path = '', call: CallOptions = {}): Promise<void> {
    return this.invoke(checkJobGenOnlyCmd(path), call);
  }

  // ---- why (computed on the client, as ecflow_client does) -----------------------------------------

  /**
   * Why the node at `path` and its ancestors (or, when omitted, the suites) are not running: fetches the
   * definition and returns the text `ecflow_client --group="get; why[=path]"` prints, one reason a line,
   * newline terminated (Python's `WhyCmd(defs, path).why()` on the fetched definition). Rejects with an
   * {@link ArgumentError} when `path` names no node.
   */
  async why(path = '', call: CallOptions = {}): Promise<string> {
    const request = ctsNodeRequest(CtsNodeApi.GET);
    const reply = expectReply(throwIfError(await this.request(request, call)), 'DefsCmd', request.text);
    const defs = parseDefs(reply.defs, { check: false });
    if (path !== '' && findNode(defs, path) === undefined) throw new ArgumentError(`WhyCmd: The node path parameter '${path}' cannot be found.`);
    return why(defs, path);
  }
}

/** Replies that did not decode, which HTTP retries (ecflow_client reads the body where a failure counts as a connection error). */
const undecodable = new WeakSet<object>();

function positiveInteger(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new ArgumentError(`${what} must be a positive integer, not ${n}`);
  return n;
}

function nonNegative(n: number, what: string): number {
  if (!Number.isFinite(n) || n < 0) throw new ArgumentError(`${what} must be a number of at least 0, not ${n}`);
  return n;
}

function list(paths: string | readonly string[]): readonly string[] {
  return typeof paths === 'string' ? [paths] : paths;
}

function blockReason(reply: Reply): BlockReason | undefined {
  if (reply.type === 'BlockClientZombieCmd') return 'zombie';
  if (reply.type !== 'StcCmd') return undefined;
  if (reply.api === StcApi.BLOCK_CLIENT_ON_HOME_SERVER) return 'wait';
  if (reply.api === StcApi.BLOCK_CLIENT_SERVER_HALTED) return 'halted';
  return undefined;
}

function throwIfError(reply: Reply): Reply {
  if (reply.type === 'ErrorCmd') throw new ServerError(reply.message);
  return reply;
}

/** Sleeps `ms` before the next attempt; an abort ends the sleep (and its timer) at once. */
async function pause(ms: number, signal: AbortSignal | undefined, request: string): Promise<void> {
  if (signal === undefined) return sleep(ms);
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw abortedError(signal, `Request( ${request} )`);
  }
}
