// The parser corpora of ecFlow 5.9.2 and 5.17.0: every file gets the real parser's verdict, and
// every accepted file prints (DEFS style) byte-identically to that release's own print. The 5.9.2
// corpus is read with the default (5.9.2) rules, the 5.17.0 one with `{ version: '5.17.0' }`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DefsParseError, parseDefs, printDefs } from '../../../packages/ecflow-ts/src/defs/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function corpusSuite(release: string, dir: string, version: string | undefined): void {
  const corpus = path.resolve(repoRoot, '..', 'shared', dir);
  const available = existsSync(path.join(corpus, 'verdicts.json'));
  const options = version === undefined ? {} : { version };
  describe(`ecFlow ${release} parser corpus`, { skip: available ? false : `corpus not found at ${corpus}` }, () => {
    const verdicts = available
      ? (JSON.parse(readFileSync(path.join(corpus, 'verdicts.json'), 'utf8')) as Record<string, 'accept' | 'reject'>)
      : {};
    for (const [rel, verdict] of Object.entries(verdicts)) {
      it(`${verdict}s ${rel}`, () => {
        const text = readFileSync(path.join(corpus, 'files', rel), 'latin1');
        if (verdict === 'reject') {
          assert.throws(() => parseDefs(text, { file: rel, ...options }), (e: unknown) => {
            assert.ok(e instanceof DefsParseError, `expected DefsParseError, got ${String(e)}`);
            assert.equal(e.file, rel);
            assert.ok(e.message.startsWith(`${rel}:${e.line}: `));
            return true;
          });
          return;
        }
        const expected = readFileSync(path.join(corpus, 'expected', rel + '.expected'), 'latin1');
        assert.equal(printDefs(parseDefs(text, { file: rel, ...options }), options), expected);
      });
    }
  });
}

corpusSuite('5.9.2', 'ecflow-corpus', undefined);
corpusSuite('5.17.0', 'ecflow-corpus-5.17.0', '5.17.0');
