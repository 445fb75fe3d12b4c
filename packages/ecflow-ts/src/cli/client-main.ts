import fs from 'node:fs';
import { Client, UnreachableError } from '../client/client.js';
import { type AttemptFailed, type Blocked, channels, type NextHost, type TokenUnavailable } from '../client/diagnostics.js';
import { ClientEnvironment, type Env } from '../client/client-environment.js';
import { desCrypt } from '../client/crypt.js';
import { ConnectionError, EcflowError, ErrorCode, HttpStatusError, ProtocolError, ServerError, TimeoutError, TlsError } from '../errors.js';
import { httplibReason } from '../transport/http.js';
import type { Reply } from '../protocol/replies.js';
import { versionDescription } from '../version.js';
import { ArgvError, parseArgv, type ParsedArgs } from './argv.js';
import { printReply, timeStamp as stamp } from './print.js';
import { imitatedVersion } from './imitate.js';
import { since } from '../versions.js';
import { type Action, type CliContext, type CliOption, ClientSideError, optionsOf, UsageError } from './table.js';

const CLIENT_NAME = 'ecflow_client';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** One line from standard input, or '' at end of input. */
  readLine: () => string;
}

/**
 * ecflow_client's command line: `main(argv)` resolves with the exit code; output goes through `io`
 * so the whole program can run in-process in tests.
 */
export async function main(argv: readonly string[], env: Env = process.env, io: Io = processIo(), argv0 = 'ecflow-client'): Promise<number> {
  const environment = new ClientEnvironment(env);
  if (environment.noEcf) {
    io.stdout('NO_ECF\n');
    return 0;
  }
  if (argv.length === 0) {
    io.stderr(`${CLIENT_NAME}: No options specified\nUsage: ${CLIENT_NAME} [OPTION]...\nTry '${CLIENT_NAME} --help' for list of options\n\n`);
    return 1;
  }
  let imitate: string;
  try {
    imitate = imitatedVersion(env);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  // ecflow_client reads ECF_SSL with the rest of its environment, before looking at its arguments
  // (from 5.13.6, while parsing them: below).
  if (environment.sslRequested && !since(imitate, 'sslFromOptions')) {
    try {
      environment.tls(undefined, environment.address(), imitate);
    } catch (error) {
      if (!(error instanceof EcflowError)) throw error;
      io.stderr(`${error.message}\n`);
      return 1;
    }
  }
  const parseFailure = (message: string) => {
    // CommandLine's operator<< from 5.13; before, ClientInvoker's own `args: ` line.
    const args = since(imitate, 'argcArgvFraming')
      ? `argc=${argv.length + 1}, argv=[${[argv0, ...argv.map((a) => `"${a}"`)].join(', ')}]`
      : `args: ${[argv0, ...argv].map((a) => `${a} `).join('')}`;
    io.stderr(`${CLIENT_NAME}: Caught exception whilst parsing arguments:\n${message}\n${args}\n\n`);
    return 1;
  };

  const options = optionsOf(imitate);
  let args: ParsedArgs;
  let action: Action | undefined;
  let client: Client;
  try {
    args = parseArgv(argv, options, imitate);
    // From 5.12 --debug turns the client's debug on, which shows the environment at once (before
    // --host/--port are applied); it is no command of its own.
    if (args.has('debug') && since(imitate, 'debugOption')) {
      io.stdout(`${environmentDump(environment.address(), new ClientEnvironment({ ...env, ECF_DEBUG_CLIENT: '1' }), imitate)}\n`);
      // ClientOptions::parse, as it applies them.
      if (args.has('http')) io.stdout('  http set via command line\n');
      if (args.has('https')) io.stdout('  https set via command line\n');
    }
    const host = args.get('host')?.[0];
    const port = args.get('port')?.[0];
    if (port !== undefined && !/^[+-]?\d+$/.test(port)) throw new UsageError(`ClientOptions::parse: The specified port(${port}) must be convertible to an integer`);
    const address = environment.address({ host, port });
    if (environment.sslRequested && !args.has('ssl') && since(imitate, 'sslFromOptions')) environment.tls(undefined, address, imitate);
    const rid = args.get('rid')?.[0];
    const ctx: CliContext = { env, environment, version: imitate, extra: args, options, confirm: (prompt) => confirm(prompt, io), ...(rid ? { rid } : {}) };
    const command = options.find((o) => o.run && args.has(o.name));
    if (command) action = command.run!(args.get(command.name)!, ctx);
    // The certificate is looked for before anything is sent, and missing it is said in the words
    // of the release imitated.
    if (args.has('ssl')) environment.tls(true, address, imitate);
    // `--user` names the user even when empty (the login user then, whatever ECF_USER says).
    const user = args.get('user')?.[0];
    // --password is sent from 5.13 (before, accepted and not used: passwords came from the
    // ECF_PASSWD / ECF_CUSTOM_PASSWD files), hashed with the custom user's name as its salt, the
    // name being '' for the login user, which gives crypt's failure token (ClientOptions::parse).
    const password = since(imitate, 'passwordOption') ? args.get('password')?.[0] : undefined;
    const sender = environment.user(user);
    const passwordHash = password === undefined ? undefined : desCrypt(password, sender.customUser ? sender.user : '');
    // --https is applied after --http; TLS (--ssl, ECF_SSL) wins over both (ClientInvoker asks ssl() first).
    const protocol = environment.protocol({ ssl: args.has('ssl') ? true : undefined, http: args.has('https') ? 'https' : args.has('http') ? 'http' : undefined }, imitate);
    client = new Client(
      {
        host: address.host,
        port: address.port,
        env,
        protocol,
        ...(args.has('ssl') ? { ssl: true } : {}),
        ...(user === undefined ? {} : { user }),
        ...(passwordHash === undefined ? {} : { passwordHash }),
      },
      args.has('rid') ? { rid: args.get('rid')![0]! } : {},
    );
  } catch (error) {
    if (error instanceof ArgvError || error instanceof UsageError || error instanceof EcflowError) return parseFailure(error.message);
    throw error;
  }

  if (!action) {
    if (args.has('help')) {
      try {
        // The help system is loaded for --help only: other runs would pay for its tables at each start.
        const { helpText } = await import('./help/show.js');
        // The "Try:" lines name the program as it was called, not ecflow_client, whose help this is.
        io.stdout(helpText(args.get('help')![0], imitate, { clientName: argv0 }));
      } catch (error) {
        if (error instanceof EcflowError) return parseFailure(error.message);
        throw error;
      }
      return 0;
    }
    if (args.has('debug') && !since(imitate, 'debugOption')) {
      io.stdout(`${environmentDump(client, environment, imitate)}\n`);
      return 0;
    }
    if (args.has('version')) {
      io.stdout(`${versionDescription(imitate)}\n`);
      return 0;
    }
    // ecflow_client writes the option names to stdout and their values into the error.
    const names = [...args.keys()].sort();
    io.stdout(names.map((n) => `> ${n}`).join(''));
    return parseFailure(`${variableMap(args, names, options, imitate)}\n${noCommand(argv0, argv)}\n`);
  }
  if (action.stdout) io.stdout(action.stdout);
  if ('exit' in action) return action.exit;
  return send(client, action, environment, io, imitate);
}

async function send(client: Client, action: Extract<Action, { request: unknown }>, environment: ClientEnvironment, io: Io, imitate: string): Promise<number> {
  const timeStamp = () => stamp(new Date(), imitate);
  const request = action.request;
  const http = client.protocol === 'http' || client.protocol === 'https';
  const onFailed = (m: unknown) => {
    const { error, host, port } = m as AttemptFailed;
    const text = http ? httpAttemptText(error) : connectionErrorText(error, request.text, host, port);
    if (!request.ping) io.stderr(`${timeStamp()}ClientInvoker: Connection error: (${text})\n`);
  };
  // ClientInvoker's cfg(): printed, and the request goes without a token. Only for the request
  // ecflow_client sends: a guard's own question (a --force=complete's query) is ours alone.
  const onToken = (m: unknown) => {
    const { message, request: text } = m as TokenUnavailable;
    if (text === request.text) io.stderr(`${message}\n`);
  };
  const reported = new Set<string>();
  const onBlocked = (m: unknown) => {
    const { reason, host, port } = m as Blocked;
    if (reported.has(reason)) return;
    reported.add(reason);
    const what = { wait: 'WAITING on home server, continue waiting', halted: 'blocking : server is HALTED, continue waiting', zombie: 'blocking : zombie detected, continue waiting' }[reason];
    io.stdout(`${timeStamp()}ClientInvoker: ${request.text} : ${host}:${port} : ${what}\n`);
  };
  const onNextHost = (m: unknown) => {
    const { from, to } = m as NextHost;
    io.stdout(`${timeStamp()}ClientInvoker: ${request.text} current host(${from}) trying next host(${to})\n`);
  };
  channels.attemptFailed.subscribe(onFailed);
  channels.blocked.subscribe(onBlocked);
  channels.nextHost.subscribe(onNextHost);
  channels.tokenUnavailable.subscribe(onToken);
  const start = performance.now();
  try {
    let { print } = action;
    let reply: Reply;
    try {
      reply = await client.request(request);
    } catch (error) {
      if (!(error instanceof ServerError) || action.fallback === undefined) throw error;
      ({ print } = action.fallback);
      reply = await client.request(action.fallback.request);
    }
    const ms = performance.now() - start;
    let out: string;
    try {
      out = print ? print(reply, { host: client.host, port: client.port, ms }) : printReply(reply);
    } catch (error) {
      if (error instanceof ClientSideError) throw error;
      // A reply this client cannot read (say, a newer release's): one line and its code, no stack.
      const code = error instanceof EcflowError ? error.code : ErrorCode.PROTOCOL;
      const reason = (error as Error).message.split('\n').find((l) => l.trim() !== '') ?? String(error);
      io.stderr(`Error: request( ${request.text} ): the server's reply cannot be printed: ${code}: ${reason}\n`);
      return 1;
    }
    io.stdout(out);
    const errors = groupErrors(reply);
    if (errors.length === 0) return 0;
    io.stderr(`${errors.map((e) => `Error: request( ${request.text} ) failed!  Server reply: ${e}\n`).join('')}\n`);
    return 1;
  } catch (error) {
    if (error instanceof ServerError) {
      io.stderr(`Error: request( ${request.text} ) failed!  Server reply: ${error.message}\n\n`);
    } else if (http && (error instanceof HttpStatusError || (error instanceof ConnectionError && !(error instanceof UnreachableError)) || error instanceof TimeoutError || error instanceof TlsError)) {
      // HttpClient::handle_server_response: no reply at all reads as status -1.
      const status = error instanceof HttpStatusError ? `${httplibReason(error.status)} (${error.status})` : 'Could not contact server (-1)';
      io.stderr(`HttpClient::handle_server_response: Error: ${status}\n`);
    } else if (error instanceof UnreachableError) {
      const dump = request.ping ? '' : `${environmentDump(client, environment, imitate)}\n`;
      io.stderr(`${timeStamp()}${error.message}\n${dump}\n`);
    } else if (error instanceof ClientSideError || (error instanceof EcflowError && error.code === ErrorCode.AUTH)) {
      if (error instanceof ClientSideError && error.stdout) io.stdout(error.stdout);
      io.stderr(`${error.message}\n`);
    } else if (error instanceof TlsError) {
      // SslClient::handle_handshake makes a failed handshake an ErrorCmd, printed as the server's reply.
      const { host, port } = error.address;
      io.stderr(`Error: request( ${request.text} ) failed!  Server reply: SslClient::handle_handshake: error(${error.reason}) on ${host}:${port} possibly non-ssl server\n\n`);
    } else if (error instanceof EcflowError && error.code === ErrorCode.EOF) {
      io.stderr(`Error: request( ${request.text} ) failed! Server replied with: EOF(Server did not reply or mixing ssl and non-ssl)\n\n`);
    } else if (error instanceof EcflowError) {
      io.stderr(`${timeStamp()}ClientInvoker: caught exception: ${error.message}\n\n`);
    } else {
      throw error;
    }
    return 1;
  } finally {
    channels.attemptFailed.unsubscribe(onFailed);
    channels.blocked.unsubscribe(onBlocked);
    channels.nextHost.unsubscribe(onNextHost);
    channels.tokenUnavailable.unsubscribe(onToken);
    client.close();
  }
}

/** Errors inside a group reply; the group still prints what succeeded. */
function groupErrors(reply: Reply): string[] {
  if (reply.type !== 'GroupSTCCmd') return [];
  return reply.replies.flatMap((r) => (r.type === 'ErrorCmd' ? [r.message] : groupErrors(r)));
}

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ENOTFOUND: 'Host not found (authoritative)',
  EAI_AGAIN: 'Host not found (non-authoritative), try again later',
};

/**
 * What ecflow_client says of a failed http attempt: cereal's words for a body it cannot read (a
 * JSON reader's for one that is no JSON), else ours.
 */
function httpAttemptText(error: Error): string {
  if (error instanceof ProtocolError && error.cause instanceof SyntaxError) return 'rapidjson internal assertion failure: IsObject()';
  return error.message;
}

/** The text ecflow_client gives a failed attempt, from the underlying error. */
function connectionErrorText(error: Error, request: string, host: string, port: string): string {
  const cause = (error.cause ?? error) as NodeJS.ErrnoException;
  if (error instanceof EcflowError && error.code === ErrorCode.TIMEOUT) {
    return `Client::check_deadline: ${error.message} for request( ${request} ) on ${host}:${port}`;
  }
  const text = (cause.code && ERRNO_TEXT[cause.code]) || cause.message;
  return `Client::handle_connect: Ran out of end points: connection error( ${text} ) for request( ${request} ) on ${host}:${port}`;
}

/** ClientEnvironment::toString, printed with connection failures and by --debug. */
function environmentDump(client: { host: string; port: string; ssl?: boolean }, environment: ClientEnvironment, version: string): string {
  const v = environment.variables();
  const lines = [
    'ClientEnvironment:',
    `${stamp(new Date(), version)}${versionDescription(version)}`,
    '   ECF_HOST/ECF_PORT : host_vec_index_ = 0 host_vec_.size() = 1',
    `   ${client.host}:${client.port}`,
    `   ECF_NAME = ${v.ECF_NAME}`,
    `   ECF_PASS = ${v.ECF_PASS}`,
    `   ECF_RID = ${v.ECF_RID}`,
    `   ECF_TRYNO = ${v.ECF_TRYNO}`,
    `   ECF_HOSTFILE = ${v.ECF_HOSTFILE}`,
    ...(since(version, 'hostFilePolicy') ? [`   ECF_HOSTFILE_POLICY = ${v.ECF_HOSTFILE_POLICY}`] : []),
    `   ECF_TIMEOUT = ${v.ECF_TIMEOUT}`,
    `   ECF_ZOMBIE_TIMEOUT = ${v.ECF_ZOMBIE_TIMEOUT}`,
    `   ECF_CONNECT_TIMEOUT = ${v.ECF_CONNECT_TIMEOUT}`,
    `   ECF_DENIED = ${v.ECF_DENIED}`,
    `   NO_ECF = ${v.NO_ECF}`,
    `   ECF_DEBUG_CLIENT = ${v.ECF_DEBUG_CLIENT}`,
  ];
  if (client.ssl) lines.push(`   ECF_SSL = ${v.ECF_SSL}`);
  return `${lines.join('\n')}\n`;
}

/** print_variable_map of ClientOptions.cpp: how boost holds each value, by its C++ type. */
function variableMap(args: ParsedArgs, names: readonly string[], options: readonly CliOption[], version: string): string {
  let out = `boost::program_options::variables_map:    vm.size() ${names.length}\n`;
  for (const name of names) {
    const spec = options.find((o) => o.name === name)!;
    const values = args.get(name)!;
    if (spec.boolSwitch === true || (spec.boolSwitch !== undefined && since(version, spec.boolSwitch))) out += '=true\n';
    else if (spec.value === 'none') out += '(empty)=UnknownType(v)\n';
    else if (spec.value === 'many' || spec.value === 'pair' || spec.value === 'alter') out += `=${values.map((v, i) => `\r> ${name}[${i}]=${v}\n`).join('')}`;
    else out += `=${values[0] || 'true'}\n`;
  }
  return out;
}

function noCommand(argv0: string, argv: readonly string[]): string {
  const all = [argv0, ...argv];
  return [
    'ClientOptions::parse: Arguments did not match any commands.',
    `  argc=${all.length}`,
    all.map((a, i) => `  arg${i}=${a}`).join(''),
    'Use --help to see all the available commands',
  ].join('\n');
}

function confirm(prompt: string, io: Io): boolean {
  io.stdout(prompt);
  const answer = io.readLine();
  return answer.startsWith('y') || answer.startsWith('Y');
}

function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readLine: () => {
      const buf = Buffer.alloc(1);
      let line = '';
      for (;;) {
        let n: number;
        try {
          n = fs.readSync(0, buf, 0, 1, null);
        } catch {
          return line;
        }
        if (n === 0 || buf[0] === 0x0a) return line;
        line += String.fromCharCode(buf[0]!);
      }
    },
  };
}
