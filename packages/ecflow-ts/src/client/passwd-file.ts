/**
 * ecFlow password files (`ECF_PASSWD`, `ECF_CUSTOM_PASSWD`) and how the client picks the
 * password it sends with user commands. Rules from ecFlow's `ACore/src/PasswdFile.cpp`,
 * `Client/src/ClientEnvironment.cpp` (`get_password`) and `Base/src/cts/UserCmd.cpp`
 * (`setup_user_authentification`).
 *
 * @module
 */
import os from 'node:os';
import { EcflowError, ErrorCode } from '../errors.js';
import { ClientEnvironment } from './client-environment.js';
import { type DesCryptOptions, desCrypt } from './crypt.js';

/** One `<user> <host> <port> <password>` line of a password file. */
export interface PasswdEntry {
  readonly user: string;
  /** Host name exactly as written; compared as a string (no DNS, no case folding). */
  readonly host: string;
  /** Port exactly as written (an integer, but compared as a string: `03141` is not `3141`). */
  readonly port: string;
  /** The password in plain text, as written in the file; ecFlow hashes it with `crypt(password, user)`. */
  readonly password: string;
  /** 1-based line number in the file, for messages. */
  readonly line: number;
}

/** White space as C's `isspace` sees it, at either end of a line. */
const C_SPACE_AT_ENDS = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

/** A whole decimal `int` as `boost::lexical_cast<int>` accepts it: optional sign, digits, no spaces. */
function parseCInt(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/** Why a version token is refused, or undefined when ecFlow accepts it. */
function versionProblem(token: string): string | undefined {
  const first = token.charAt(0);
  if (!(first >= '0' && first <= '9') || !token.includes('.')) {
    return 'the version number not found; the version number must appear before the users';
  }
  // Like ecFlow's split on '.', empty parts are dropped ("4..5.0" counts as 4.5.0).
  const parts = token.split('.').filter((p) => p !== '');
  if (parts.length !== 3) return `expected a version of the form <int>.<int>.<int>, e.g. 4.5.0, but found '${token}'`;
  const [major, minor, patch] = parts.map(parseCInt);
  if (major === undefined || minor === undefined || patch === undefined) return `invalid version number '${token}'`;
  // ecFlow's test, kept as is: it also refuses 4.5.1 .. 4.5.n (but accepts 4.6.0 and 5.x).
  if (major < 4 || (major === 4 && minor < 5) || (major === 4 && minor === 5 && patch > 0)) {
    return `only password files with a version >= 4.5.0 are supported, found '${token}'`;
  }
  return undefined;
}

/**
 * Parse the text of an ecFlow password file.
 *
 * Format, as ecFlow's `PasswdFile::load` reads it:
 * - Lines are separated by `\n`; surrounding white space (including a CR) is trimmed; blank lines
 *   are skipped. Everything from the first `#` on a line is a comment, so a password cannot
 *   contain `#`.
 * - Tokens are separated by runs of spaces and tabs.
 * - The first line with a token is the version line. Its first token must start with a digit and
 *   be `<int>.<int>.<int>`, at least 4.5.0; ecFlow also refuses 4.5.1 .. 4.5.n (a quirk of its
 *   comparison, kept so that files ecFlow refuses are refused here too). Further tokens on that
 *   line are ignored.
 * - Every other line is `<user> <host> <port> <password>`; the port must be an integer (any C
 *   `int`, sign allowed); tokens after the fourth are ignored.
 * - A user may appear only once for a given host and port.
 *
 * A file with no version line and no users (only comments) is valid and empty.
 *
 * @param text the file's contents
 * @param file the file's name, used in error messages
 * @returns the entries in file order
 * @throws {EcflowError} code `ECFLOW_ARGUMENT`, message `<file>:<line>: <problem>`, for a file
 *   ecFlow would refuse to load
 */
export function parsePasswdFile(text: string, file: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  const fail = (line: number, problem: string): never => {
    throw new EcflowError(ErrorCode.ARGUMENT, `${file}:${line}: ${problem} (ECF_PASSWD/ECF_CUSTOM_PASSWD file)`);
  };
  let foundVersion = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let content = lines[i]!;
    const hash = content.indexOf('#');
    if (hash >= 0) content = content.slice(0, hash);
    // ecFlow trims C white space (isspace) at both ends, then splits on spaces and tabs only.
    const tokens = content.replace(C_SPACE_AT_ENDS, '').split(/[ \t]+/).filter((t) => t !== '');
    if (tokens.length === 0) continue;
    const lineNo = i + 1;

    if (!foundVersion) {
      const problem = versionProblem(tokens[0]!);
      if (problem) fail(lineNo, problem);
      foundVersion = true;
      continue;
    }

    if (tokens.length < 4) fail(lineNo, 'expected <user> <host> <port> <password> # comment');
    const [user, host, port, password] = tokens as [string, string, string, string];
    if (parseCInt(port) === undefined) fail(lineNo, `port number must be an integer, found '${port}'`);
    const previous = entries.find((e) => e.user === user && e.host === host && e.port === port);
    if (previous) {
      fail(lineNo, `user ${user} can only appear once for given host/port (first at line ${previous.line})`);
    }
    entries.push({ user, host, port, password, line: lineNo });
  }
  return entries;
}

/**
 * The password the client uses for `user` on the server `host`:`port`, as ecFlow's
 * `ClientEnvironment::get_password` finds it:
 * 1. the entry whose user, host and port all equal the given ones (exact string comparison);
 * 2. else the entry for the same user and port whose host is this machine's host name
 *    (`gethostname()`), so that a file written with the machine's name also serves
 *    `localhost`, the default host.
 *
 * There is no other fallback: an entry for `localhost` does not serve the machine's own name,
 * and host names are not resolved or case-folded.
 *
 * @param machineHost this machine's host name. @default `os.hostname()`
 * @returns the plain-text password, or undefined when no entry applies
 */
export function findPassword(
  entries: readonly PasswdEntry[],
  user: string,
  host: string,
  port: string | number,
  machineHost: string = os.hostname(),
): string | undefined {
  const portText = String(port);
  const lookup = (h: string) => entries.find((e) => e.user === user && e.host === h && e.port === portText)?.password;
  return lookup(host) ?? lookup(machineHost);
}

/** Inputs of {@link clientPasswordHash}. */
export interface ClientPasswordOptions {
  /** The user name sent to the server: the custom user, else the login name. */
  user: string;
  /** Whether `user` is a custom user (given by `$ECF_USER`, `--user` or the `user` option). */
  customUser: boolean;
  /** The server host as the client addresses it (e.g. `localhost`). */
  host: string;
  /** The server port. */
  port: string | number;
  /** Environment to read `ECF_PASSWD` / `ECF_CUSTOM_PASSWD` from. */
  env: Readonly<Record<string, string | undefined>>;
  /** An explicit plain-text password (`--password`, the `password` option); wins over the files. */
  password?: string;
  /** An explicit password already hashed (the `passwordHash` option); wins over `password` and the files. */
  passwordHash?: string;
  /** Reads a password file as UTF-8 text; an error with code `ENOENT` means "no such file". */
  readFile: (path: string) => string;
  /** This machine's host name, for the lookup fallback. @default `os.hostname()` */
  machineHost?: string;
  /** Passed to {@link desCrypt}: hash long salts like a libxcrypt build with bigcrypt. @default false */
  bigcrypt?: DesCryptOptions['bigcrypt'];
}

/** ecFlow's text when a custom user has no password (ClientInvoker.cpp). */
const CUSTOM_USER_FAILED =
  'Invalid custom user(ECF_USER || --user <user>) or authentication failed for ECF_CUSTOM_PASSWD | ECF_PASSWD';

/**
 * The value to send as a user command's `pswd_`: `crypt(password, user)`, with the user name as
 * the salt, as ecFlow's client does (`PasswdFile` hashes every password as it loads the file,
 * ecFlow ≥ 5.10 hashes `--password` the same way).
 *
 * 1. An explicit `passwordHash` is sent as it is. Else an explicit `password` wins, for custom
 *    and login users alike, and is hashed even when empty. (ecflow_client ≥ 5.10 salts it with
 *    the custom user name even when there is none, which yields crypt's failure token: the
 *    command line does that through `passwordHash`; this uses `user`, the name actually sent,
 *    which is what the server checks against. ecFlow 5.9 declares `--password` but ignores it.)
 * 2. Otherwise the password file named by `$ECF_CUSTOM_PASSWD` for a custom user, by
 *    `$ECF_PASSWD` for the login user, if that variable is set, non-empty and the file exists;
 *    the entry is chosen by {@link findPassword}.
 * 3. Nothing found: `undefined` for the login user (the request goes without a password, and
 *    the server decides), but a custom user must have a password: ecFlow refuses to send the
 *    request, and so does this function, by throwing.
 *
 * @returns the 13-character hash, or undefined when no password applies to a login user
 * @throws {EcflowError} code `ECFLOW_AUTH` when a custom user has no password;
 *   `ECFLOW_ARGUMENT` when `user` is empty, or the password file cannot be read or parsed
 */
export function clientPasswordHash(options: ClientPasswordOptions): string | undefined {
  const { user, customUser } = options;
  if (user === '') throw new EcflowError(ErrorCode.ARGUMENT, 'No user specified for the password lookup');
  const hash = (plain: string) => desCrypt(plain, user, { bigcrypt: options.bigcrypt ?? false });
  if (options.passwordHash !== undefined) return options.passwordHash;
  if (options.password !== undefined) return hash(options.password);

  const { variable, file } = new ClientEnvironment(options.env).passwordFile(customUser);
  let plain: string | undefined;
  if (file) {
    let text: string | undefined;
    try {
      text = options.readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') {
        const reason = err instanceof Error ? err.message : String(err);
        throw new EcflowError(ErrorCode.ARGUMENT, `Could not open file specified by ${variable} ${file} (${reason})`, {
          cause: err,
        });
      }
    }
    if (text !== undefined) {
      const entries = parsePasswdFile(text, file);
      plain = findPassword(entries, user, options.host, options.port, options.machineHost);
    }
  }
  if (plain !== undefined) return hash(plain);
  if (customUser) throw new EcflowError(ErrorCode.AUTH, CUSTOM_USER_FAILED);
  return undefined;
}
