/**
 * The token file of the HTTP/HTTPS transport (5.15+; ClientEnvironment.cpp's TokenFile and
 * get_token): `{"version":1,"tokens":[{"server":<regex>,"type":"bearer"|"basic","api":{…}}]}`. The
 * first token whose `server` regex matches the whole `scheme://host:port` gives the request its
 * `Authorization` header. Its failures keep ecflow_client's words, nlohmann::json's included, as
 * ecflow_client prints them and carries on without a header.
 *
 * @module
 */
import fs from 'node:fs';

/** One token of the file, as ClientEnvironment's Token holds it. */
export type Token =
  | {
      /** Regex matched against the whole `scheme://host:port`. */
      server: string;
      type: 'bearer';
      /** The API's URL (informative). */
      url: string;
      /** The bearer key sent. */
      key: string;
      /** The owner's email (informative). */
      email: string;
    }
  | {
      /** Regex matched against the whole `scheme://host:port`. */
      server: string;
      type: 'basic';
      username: string;
      password: string;
    };

/**
 * No token for this request (UnavailableToken): ecflow_client prints `message` and sends the
 * request without an `Authorization` header.
 */
export class UnavailableToken extends Error {
  override name = 'UnavailableToken';
}

/**
 * The file cannot be used at all in a way ecflow_client does not foresee (a `server` that is no
 * regex, an empty ECF_AUTHTOKENS): ecflow_client fails the attempt with this message and retries.
 */
export class TokenFileError extends Error {
  override name = 'TokenFileError';
}

/** The `Authorization` header a token gives. */
export function authorization(token: Token): string {
  return token.type === 'bearer' ? `Bearer ${token.key}` : `Basic ${Buffer.from(`${token.username}:${token.password}`, 'utf8').toString('base64')}`;
}

/**
 * The first token of `file` for `url` (`scheme://host:port`). Throws {@link UnavailableToken} when the
 * file is missing or unreadable or has none for `url`, {@link TokenFileError} for a `server` that is
 * no regex.
 */
export function findToken(file: string, url: string): Token {
  for (const token of loadTokenFile(file)) {
    let pattern: RegExp;
    try {
      // std::regex_match: the whole string, ECMAScript grammar.
      pattern = new RegExp(`^(?:${token.server})$`);
    } catch (error) {
      throw new TokenFileError(`${(error as Error).message} (token server of ${file})`);
    }
    if (pattern.test(url)) return token;
  }
  throw new UnavailableToken(`Unable to find token for URL: ${url}`);
}

/** The tokens of `file`, bearer and basic ones; entries of another type are skipped (TokenFile::load). */
export function loadTokenFile(file: string): Token[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw unloadable(file, 'basic_filebuf::underflow error reading the file: Is a directory');
    throw new UnavailableToken(`Unable to open : ${file}, to load tokens.`);
  }
  const fail = (why: string) => unloadable(file, why);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw fail(parseErrorText(text, error as Error));
  }
  // The version check throws inside the try that rewraps it, hence its message twice.
  const version = member(data, 'version', fail);
  if (!isInteger(version, text)) throw fail(`Unable to load tokens, from: ${file}. No version found.`);
  if (version !== 1) throw fail(`Unable to load tokens, from: ${file}. Expected version 1, found:${version}`);
  const tokens: Token[] = [];
  for (const entry of elements(member(data, 'tokens', fail))) {
    const type = member(entry, 'type', fail);
    if (type === 'bearer') {
      const server = string(member(entry, 'server', fail), fail);
      const api = member(entry, 'api', fail);
      const url = string(member(api, 'url', fail), fail);
      const key = string(member(api, 'key', fail), fail);
      const email = string(member(api, 'email', fail), fail);
      tokens.push({ server, type, url, key, email });
    } else if (type === 'basic') {
      const server = string(member(entry, 'server', fail), fail);
      const api = member(entry, 'api', fail);
      const username = string(member(api, 'username', fail), fail);
      const password = string(member(api, 'password', fail), fail);
      tokens.push({ server, type, username, password });
    }
  }
  return tokens;
}

function unloadable(file: string, why: string): UnavailableToken {
  return new UnavailableToken(`Unable to load tokens, from: ${file}. Due to: ${why}`);
}

// nlohmann::json's behaviour and words for what TokenFile::load does with the parsed value.

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string';
}

/** `json[key]` on a non-const value: null becomes an empty object, a non-object throws type_error.305. */
function member(value: unknown, key: string, fail: (why: string) => Error): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw fail(`[json.exception.type_error.305] cannot use operator[] with a string argument with ${typeName(value)}`);
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : null;
}

/** `std::string(json)`: type_error.302 unless a string. */
function string(value: unknown, fail: (why: string) => Error): string {
  if (typeof value !== 'string') throw fail(`[json.exception.type_error.302] type must be string, but is ${typeName(value)}`);
  return value;
}

/** What a range-for over a json value visits: nothing for null, the values of an object, a primitive itself. */
function elements(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') return Object.values(value);
  return [value];
}

/** is_number_integer(): `1` is, `1.0` and `1e0` are not (JSON.parse no longer tells them apart). */
function isInteger(value: unknown, text: string): value is number {
  return typeof value === 'number' && Number.isInteger(value) && /"version"\s*:\s*-?\d+\s*[,}]/.test(text);
}

/** nlohmann's words for the commonest parse error (an empty file); else the gist of JSON.parse's. */
function parseErrorText(text: string, error: Error): string {
  if (text.trim() === '') {
    const lines = text.split('\n');
    return `[json.exception.parse_error.101] parse error at line ${lines.length}, column ${lines.at(-1)!.length + 1}: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal`;
  }
  return `[json.exception.parse_error.101] parse error: ${error.message}`;
}
