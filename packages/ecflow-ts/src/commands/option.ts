/**
 * What a command module declares besides its request: its `ecflow_client` options, each with its
 * arity, help and argv reader (ClientToServerCmd::addOption and ::create in ecFlow), and the
 * {@link CommandModule} shape every module's table entry satisfies. The command line's option
 * table and its help are derived from these (commands/index.ts, cli/table.ts).
 *
 * @module
 */
import type { OptionSpec } from '../cli/argv.js';
import type { ClientEnvironment } from '../client/client-environment.js';
import type { Request } from '../protocol/envelope.js';
import type { Reply } from '../protocol/replies.js';
import type { VersionFact } from '../versions.js';

/** A request to send and how to print its reply (default: by reply class), given the round trip in ms. */
export interface Exchange {
  request: Request;
  print?: (reply: Reply, info: { host: string; port: string; ms: number }) => string;
}

/** What the command line does once its arguments are understood. */
export type Action =
  /**
   * Send a request and print the reply. `fallback` is sent instead when the server refuses
   * `request`, which asks more than the command line does (the server's release, to print a node
   * as that release does) and which a 5.15+ server refuses whole when the user may not read `/`.
   */
  | (Exchange & { stdout?: string; fallback?: Exchange })
  /** Done locally, nothing to send (help, version, a declined prompt…); the exit code. */
  | { exit: number; stdout?: string };

/** What an argv reader may consult besides its option's values. */
export interface CliContext {
  /** --rid, overriding ECF_RID. */
  rid?: string;
  /** Values of the options that modify a command (--add, --remove). */
  extra: ReadonlyMap<string, string[]>;
  /** Asks the user to confirm; false when the answer does not start with y/Y. */
  confirm(prompt: string): boolean;
  /** The process environment (PATH, for gnuplot). */
  env: Readonly<Record<string, string | undefined>>;
  /** The client's `ECF_*` settings. */
  environment: ClientEnvironment;
  /** The ecflow_client release imitated (see cli/imitate.ts): its checks and words. */
  version: string;
  /** Every option of the command line (what `--group` parses its parts with). */
  options: readonly ClientOption[];
  /** The command is one part of `--group`, which sends the parts' plain requests. @default false */
  inGroup?: boolean;
}

/** Reads an option's values into what to do (the C++ command's `create()`: same checks, same messages). */
export type ArgvReader = (values: string[], ctx: CliContext) => Action;

/** One option of ecflow_client as a command module declares it (its name is its key there). */
export interface OptionDecl extends Omit<OptionSpec, 'name'> {
  /** One-letter alias (`-h`, `-v`, `-d`); boost then prints `-h [ --help ]`. */
  readonly short?: string;
  /** A child command's option: a job script calls it (the second column of `--help=summary`). @default false */
  readonly child?: boolean;
  /**
   * One of ecflow_client's generic options (Help.cpp's `known_options`): no command, but what the
   * command is sent with; from 5.12 the help lists these apart (`helpGenericOptions`). @default false
   */
  readonly generic?: boolean;
  /**
   * boost holds the option as a bool (`po::bool_switch`), which an argument error's variables map
   * prints `=true`: always, or from the release of the fact. @default never
   */
  readonly boolSwitch?: true | VersionFact;
  /** Our help text: summary line, then details and a `Usage:` block in the real client's forms. */
  readonly description: string;
  /** Present for options that are commands: what the option's values ask for. */
  readonly run?: ArgvReader;
}

/** One option of ecflow_client: its argv syntax, help and, for commands, its reader. */
export interface ClientOption extends OptionDecl, OptionSpec {}

/** A function building a request (its reply's decoder included) from the library's arguments. */
export type RequestFactory = (...args: never[]) => Request;

/**
 * One ecFlow command class (`ForceCmd`, `PathsCmd`, …) as the project knows it: the requests the
 * library sends, the {@link Client} methods that send them, and its `ecflow_client` options. Each
 * module exports one such object `as const satisfies CommandModule`; commands/index.ts registers
 * its options in ecflow_client's order.
 */
export interface CommandModule {
  /** The C++ class (Base/src/cts/). */
  readonly cls: string;
  /** Its request factory, or one per api of a class that has several (CtsCmd's PING, HALT_SERVER, …). */
  readonly request: RequestFactory | Readonly<Record<string, RequestFactory>>;
  /** The `Client` methods that send it (a test holds them to the Client). */
  readonly client: readonly string[];
  /** Its ecflow_client options by name. */
  readonly options: Readonly<Record<string, OptionDecl>>;
}

/** Failure while handling a reply on the client (e.g. gnuplot missing); printed as it is, exit 1. */
export class ClientSideError extends Error {
  override name = 'ClientSideError';
  /** What the command printed to standard output before it failed. @default '' */
  stdout = '';
}

/** A usage error in a command's arguments; ecflow_client reports these as parse failures. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Help text from its lines. */
export const lines = (...text: readonly string[]): string => text.join('\n');

/** UserCmd::split_args_to_options_and_paths: absolute paths apart from the other words. */
export function splitPaths(args: readonly string[], colonIsPath = false): { options: string[]; paths: string[] } {
  const options: string[] = [];
  const paths: string[] = [];
  for (const a of args) {
    if (a === '') continue;
    if (a.startsWith('/') && !a.includes(' ') && (colonIsPath || !a.includes(':'))) paths.push(a);
    else options.push(a);
  }
  return { options, paths };
}

/** The action, once the user said yes; exit 1 otherwise. */
export const confirmed = (ctx: CliContext, prompt: string, action: () => Action): Action => (ctx.confirm(prompt) ? action() : { exit: 1 });

/** `a | b | c`, as the C++ messages list the words a command accepts. */
export const choices = (names: readonly string[]): string => names.map((n, i) => (i === 0 ? n : ` | ${n}`)).join('');

/** Throws the usage error `message`. */
export function fail(message: string): never {
  throw new UsageError(message);
}
