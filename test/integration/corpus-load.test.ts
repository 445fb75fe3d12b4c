/**
 * Every definition of ecFlow's own parser corpus, loaded through the library into a live server of
 * each supported release: the server is still up and answering after each one, and the library
 * did what that release's own client does with the same file (Python's `Client.load`, or
 * `ecflow_client --load` where the release has no Python module here): the same refusals (with the
 * same words, on 5.9.2), and for what it sent, the same definition on the server.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Client, ECFLOW_VERSION, EcflowError, printDefs } from '../../packages/ecflow-ts/src/index.js';
import { ECFLOW_VERSIONS, type EcflowVersion, haveVersion, startServer, type TestServer } from '../helpers/ecflow-server.js';
import { havePython, PythonClient } from '../helpers/python-client.js';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/ecflow-corpus');
const verdicts = JSON.parse(fs.readFileSync(path.join(CORPUS, 'verdicts.json'), 'utf8')) as Record<string, 'accept' | 'reject'>;
const files = Object.keys(verdicts).map((f) => path.join(CORPUS, 'files', f));

/** The version line of parse errors names each implementation. */
const unversioned = (s: string) => s.replace(/^Ecflow version\(.*$/gm, 'Ecflow version(…)');

type Outcome = { sent: true } | { refused: string };

/** The oracle: what the release's own client did with `file`. */
interface Oracle {
  load(file: string): Promise<Outcome>;
  close(): void;
}

function pythonOracle(version: EcflowVersion, server: TestServer): Oracle {
  const py = new PythonClient(version, server.port);
  return {
    async load(file) {
      const r = await py.call('load', file, true);
      return 'error' in r ? { refused: r.error } : { sent: true };
    },
    close: () => py.close(),
  };
}

function cliOracle(server: TestServer): Oracle {
  return {
    async load(file) {
      const r = await server.real([`--load=${file}`, 'force']);
      // ecflow_client frames the refusal: "…Caught exception whilst parsing arguments:\n<why>\nargs: …"
      // (5.13+: "\nargc=N, argv=[…]").
      if (r.code === 0) return { sent: true };
      const m = /Caught exception whilst parsing arguments:\n([\s\S]*)\n(?:args: |argc=)/.exec(r.stderr);
      return { refused: m ? m[1]! : r.stderr };
    },
    close: () => {},
  };
}

for (const version of ECFLOW_VERSIONS) {
  const skip = haveVersion(version) || process.env.CI === 'true' ? false : `ecFlow ${version} is not installed`;
  describe(`the parser corpus loaded through the library into a real ${version} server`, { skip }, () => {
    let ours: TestServer;
    let theirs: TestServer;
    let client: Client;
    let peer: Client;
    let oracle: Oracle;

    before(async () => {
      [ours, theirs] = await Promise.all([startServer({ version }), startServer({ version })]);
      client = ours.client();
      peer = theirs.client();
      oracle = havePython(version) ? pythonOracle(version, theirs) : cliOracle(theirs);
    });
    after(async () => {
      oracle?.close();
      await Promise.all([ours?.stop(), theirs?.stop()]);
    });

    it(`${files.length} files: the server stays up, refusals and loaded definitions equal ${havePython(version) ? "Python's" : "ecflow_client's"} ${version}`, async () => {
      let sent = 0;
      const wrong: string[] = [];
      for (const file of files) {
        const name = path.relative(CORPUS, file);
        let mine: Outcome;
        try {
          await client.load(file, { force: true });
          mine = { sent: true };
        } catch (error) {
          assert.ok(error instanceof EcflowError && error.code === 'ECFLOW_ARGUMENT', `${name}: ${String(error)}`);
          mine = { refused: error.message };
        }
        assert.equal(ours.process.exitCode, null, `${name}: the server exited`);
        assert.ok((await client.ping()) >= 0, `${name}: the server does not answer`);

        const expected = await oracle.load(file);
        if ('refused' in expected && 'refused' in mine) {
          // The refusals are worded as 5.9.2 words them; later releases reworded some.
          if (version === ECFLOW_VERSION && unversioned(mine.refused) !== unversioned(expected.refused)) wrong.push(`${name}: refused in other words:\n  ours:   ${JSON.stringify(mine.refused)}\n  theirs: ${JSON.stringify(expected.refused)}`);
        } else if ('sent' in mine !== 'sent' in expected) {
          wrong.push(`${name}: ${'sent' in mine ? 'sent, but their client refused it' : 'refused, but their client sent it'}: ${JSON.stringify('refused' in mine ? mine.refused : (expected as { refused: string }).refused)}`);
        }
        if ('sent' in mine) sent++;
        if ('sent' in mine && 'sent' in expected) {
          const [a, b] = await Promise.all([client.getServerDefs(), peer.getServerDefs()]);
          if (printDefs(a) !== printDefs(b)) wrong.push(`${name}: the servers hold different definitions`);
        }
        await Promise.all([client.deleteAll({ force: true }), peer.deleteAll({ force: true })]);
      }
      assert.deepEqual(wrong, []);
      assert.ok(sent > 100, `only ${sent} files were sent`);
    });
  });
}
