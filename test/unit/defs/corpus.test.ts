// The ecFlow 5.9.2 parser corpus: every file gets ecFlow's verdict, and every accepted file prints
// (DEFS style) byte-identically to ecFlow's own print.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DefsParseError, parseDefs, printDefs } from '../../../src/defs/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'ecflow-corpus');
const available = existsSync(path.join(corpus, 'verdicts.json'));

describe('ecFlow 5.9.2 parser corpus', { skip: available ? false : `corpus not found at ${corpus}` }, () => {
  const verdicts = available
    ? (JSON.parse(readFileSync(path.join(corpus, 'verdicts.json'), 'utf8')) as Record<string, 'accept' | 'reject'>)
    : {};
  for (const [rel, verdict] of Object.entries(verdicts)) {
    it(`${verdict}s ${rel}`, () => {
      const text = readFileSync(path.join(corpus, 'files', rel), 'latin1');
      if (verdict === 'reject') {
        assert.throws(() => parseDefs(text, { file: rel }), (e: unknown) => {
          assert.ok(e instanceof DefsParseError, `expected DefsParseError, got ${String(e)}`);
          assert.equal(e.file, rel);
          assert.ok(e.message.startsWith(`${rel}:${e.line}: `));
          return true;
        });
        return;
      }
      const expected = readFileSync(path.join(corpus, 'expected', rel + '.expected'), 'latin1');
      assert.equal(printDefs(parseDefs(text, { file: rel })), expected);
    });
  }
});
