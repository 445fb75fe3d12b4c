/**
 * The token file of http/https (src/client/token-file.ts, after ClientEnvironment.cpp's TokenFile
 * and get_token): which token a URL gets, its Authorization header, and ecflow_client's words
 * (nlohmann::json's included) for a file it cannot use. The words were taken from 5.17.0's
 * ecflow_client; test/integration/http.test.ts asks it again for the ones that reach the CLI.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { authorization, findToken, loadTokenFile, TokenFileError, UnavailableToken } from '../../packages/ecflow-ts/src/client/token-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-token-file-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (text: string): string => {
  const f = path.join(dir, `t${n++}.json`);
  fs.writeFileSync(f, text);
  return f;
};
const bearer = (server: string, key = 'KEY') => ({ server, type: 'bearer', api: { url: 'https://api', key, email: 'a@b' } });
const basic = (server: string, username = 'us', password = 'pw') => ({ server, type: 'basic', api: { username, password } });
const tokens = (...list: unknown[]) => file(JSON.stringify({ version: 1, tokens: list }));

/** What findToken throws for `f`: the message of an UnavailableToken. */
function unavailable(f: string, url = 'http://h:1'): string {
  try {
    findToken(f, url);
  } catch (error) {
    assert.ok(error instanceof UnavailableToken, String(error));
    return error.message;
  }
  assert.fail('a token was found');
}

describe('token file', () => {
  it('the first token whose server regex matches the whole scheme://host:port', () => {
    const f = tokens(bearer('http://h:1', 'first'), basic('http://h:.*'), bearer('https://h:1', 'tls'));
    assert.equal(authorization(findToken(f, 'http://h:1')), 'Bearer first');
    assert.equal(authorization(findToken(f, 'http://h:2')), `Basic ${Buffer.from('us:pw').toString('base64')}`);
    assert.equal(authorization(findToken(f, 'https://h:1')), 'Bearer tls');
    // regex_match: a part is not enough; the case counts.
    assert.equal(unavailable(tokens(basic('h')), 'http://h:1'), 'Unable to find token for URL: http://h:1');
    assert.equal(unavailable(tokens(basic('HTTP://h:1')), 'http://h:1'), 'Unable to find token for URL: http://h:1');
    // An alternation is whole-string on each side.
    assert.equal(findToken(tokens(basic('x|http://h:1')), 'http://h:1').type, 'basic');
  });

  it('entries of another type are skipped; tokens may be an object (its values) or absent', () => {
    assert.equal(authorization(findToken(tokens({ server: 'http://h:1', type: 'other' }, basic('http://h:1', 'a', 'b')), 'http://h:1')), 'Basic YTpi');
    assert.equal(loadTokenFile(file(JSON.stringify({ version: 1, tokens: { a: basic('x') } }))).length, 1);
    assert.deepEqual(loadTokenFile(file('{"version":1}')), []);
  });

  it('ecflow_client words for files it cannot use', () => {
    const missing = path.join(dir, 'none.json');
    assert.equal(unavailable(missing), `Unable to open : ${missing}, to load tokens.`);
    const cases: [string, (f: string) => string][] = [
      ['{"version":2,"tokens":[]}', (f) => `Unable to load tokens, from: ${f}. Due to: Unable to load tokens, from: ${f}. Expected version 1, found:2`],
      ['{"tokens":[]}', (f) => `Unable to load tokens, from: ${f}. Due to: Unable to load tokens, from: ${f}. No version found.`],
      ['{"version":1.0,"tokens":[]}', (f) => `Unable to load tokens, from: ${f}. Due to: Unable to load tokens, from: ${f}. No version found.`],
      ['{"version":"1","tokens":[]}', (f) => `Unable to load tokens, from: ${f}. Due to: Unable to load tokens, from: ${f}. No version found.`],
      ['null', (f) => `Unable to load tokens, from: ${f}. Due to: Unable to load tokens, from: ${f}. No version found.`],
      ['[]', (f) => `Unable to load tokens, from: ${f}. Due to: [json.exception.type_error.305] cannot use operator[] with a string argument with array`],
      ['', (f) => `Unable to load tokens, from: ${f}. Due to: [json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal`],
      [JSON.stringify({ version: 1, tokens: [{ server: 'x', type: 'bearer', api: { url: 'u', key: 'k' } }] }), (f) => `Unable to load tokens, from: ${f}. Due to: [json.exception.type_error.302] type must be string, but is null`],
      [JSON.stringify({ version: 1, tokens: [basic('x', 'a', 5 as unknown as string)] }), (f) => `Unable to load tokens, from: ${f}. Due to: [json.exception.type_error.302] type must be string, but is number`],
      [JSON.stringify({ version: 1, tokens: ['x'] }), (f) => `Unable to load tokens, from: ${f}. Due to: [json.exception.type_error.305] cannot use operator[] with a string argument with string`],
      [JSON.stringify({ version: 1, tokens: [{ server: 'x', type: 'basic', api: 'y' }] }), (f) => `Unable to load tokens, from: ${f}. Due to: [json.exception.type_error.305] cannot use operator[] with a string argument with string`],
    ];
    for (const [text, expected] of cases) {
      const f = file(text);
      assert.equal(unavailable(f), expected(f), text);
    }
    assert.equal(unavailable(dir), `Unable to load tokens, from: ${dir}. Due to: basic_filebuf::underflow error reading the file: Is a directory`);
    // Not JSON at all: nlohmann's position and last token are not imitated, its kind of error is.
    assert.match(unavailable(file('garbage')), /^Unable to load tokens, from: .*\. Due to: \[json\.exception\.parse_error\.101\] parse error/);
  });

  it('a server that is no regex fails the attempt (std::regex_error), unlike a missing token', () => {
    assert.throws(() => findToken(tokens(bearer('(')), 'http://h:1'), TokenFileError);
    // Only reached when no earlier token matched.
    assert.equal(findToken(tokens(bearer('http://h:1'), bearer('(')), 'http://h:1').type, 'bearer');
  });
});
