/**
 * `nodeViewJson(node, path)` is `JSON.stringify(nodeView(node, path))` written straight from the
 * node: byte for byte the same for every node of both parser corpora and of the recorded servers'
 * full texts (repeats of every kind, avisos, mirrors, late, limits with holders, triggers), and
 * for generated nodes in every state with awkward strings (quotes, backslashes, control
 * characters, lone surrogates, pairs) in their labels, reasons and ids.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { type Defs, type Family, Flag, FLAG_WRITE_ORDER, forEachNode, nodeView, nodeViewJson, NSTATE_NAMES, parseDefs, Submittable, Task } from '../../../packages/ecflow-ts/src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '..', '..', '..', '..', 'shared');

/** The nodes whose JSON differs from the view's, with both. */
function mismatches(defs: Defs): { path: string; json: string; view: string }[] {
  const out: { path: string; json: string; view: string }[] = [];
  forEachNode(defs, (node, p) => {
    const json = nodeViewJson(node, p);
    const view = JSON.stringify(nodeView(node, p));
    if (json !== view) out.push({ path: p, json, view });
  });
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('nodeViewJson', () => {
  for (const [corpus, version] of [
    ['ecflow-corpus', undefined],
    ['ecflow-corpus-5.17.0', '5.17.0'],
  ] as const) {
    const dir = path.join(shared, corpus);
    const available = existsSync(path.join(dir, 'verdicts.json'));
    it(`is the view's JSON for every node of the ${corpus} files the parser accepts`, { skip: available ? false : `corpus not found at ${dir}` }, () => {
      const verdicts = JSON.parse(readFileSync(path.join(dir, 'verdicts.json'), 'utf8')) as Record<string, 'accept' | 'reject'>;
      let nodes = 0;
      for (const [rel, verdict] of Object.entries(verdicts)) {
        if (verdict !== 'accept') continue;
        const defs = parseDefs(readFileSync(path.join(dir, 'files', rel), 'latin1'), { file: rel, ...(version ? { version } : {}) });
        assert.deepEqual(mismatches(defs), [], rel);
        forEachNode(defs, () => nodes++);
      }
      assert.ok(nodes > 1000, `${nodes} nodes`);
    });
  }

  it("is the view's JSON for every node of the recorded servers' full texts (states, avisos, mirrors, date-time repeats)", () => {
    const texts = [...files(path.join(here, 'fixtures')), path.join(here, '..', 'defs', 'fixtures', 'live-get.net')].flatMap((f) => {
      if (f.endsWith('.net')) return [readFileSync(f, 'utf8')];
      if (!f.endsWith('.json')) return [];
      const fixture = JSON.parse(readFileSync(f, 'utf8')) as { full: string; fullEnd: string };
      return [fixture.full, fixture.fullEnd];
    });
    assert.ok(texts.length >= 5);
    for (const text of texts) assert.deepEqual(mismatches(parseDefs(text, { check: false })), []);
  });

  it("is the view's JSON for generated nodes in any state, with any strings", () => {
    // Any UTF-16 code units: quotes, backslashes, control characters, lone and paired surrogates.
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('', 'ok', '"', '\\', '\n', '\u0000', '\ud800', '\udc00x', '😀', 'é'));
    const taskState = fc.record({
      state: fc.constantFrom(...NSTATE_NAMES),
      suspended: fc.boolean(),
      flags: fc.subarray([...FLAG_WRITE_ORDER]),
      meter: fc.integer({ min: 0, max: 100 }),
      event: fc.boolean(),
      label: fc.tuple(anyText, anyText),
      tryNo: fc.nat(20),
      reason: anyText,
      rid: anyText,
      late: fc.boolean(),
      tokens: fc.nat(3),
    });
    fc.assert(
      fc.property(fc.array(taskState, { minLength: 1, maxLength: 6 }), (states) => {
        let text = 'suite s\n  limit lim 10\n  family f\n';
        states.forEach((_, i) => {
          text += `    task t${i}\n      trigger t0 == complete or /s/f/t0:e\n      late -c +01:00\n      inlimit /s:lim\n      label l "x"\n      meter m 0 100 50\n      event e\n      event 3 ${i % 2 === 0 ? 'n' : ''}\n`;
        });
        const defs = parseDefs(`${text}  endfamily\nendsuite\n`, { check: false });
        states.forEach((st, i) => {
          const task = (defs.suites[0]!.children[0] as Family).children[i] as Task;
          task.state = st.state;
          task.suspended = st.suspended;
          task.flags = st.flags.reduce((bits, f) => bits | (1 << Flag[f]), 0);
          task.meters[0]!.value = st.meter;
          task.events[0]!.value = st.event;
          task.labels[0]!.value = st.label[0];
          task.labels[0]!.newValue = st.label[1];
          assert.ok(task instanceof Submittable);
          task.tryNo = st.tryNo;
          task.abortedReason = st.reason;
          task.rid = st.rid;
          task.late!.isLate = st.late;
          const limit = defs.suites[0]!.limits[0]!;
          limit.value = st.tokens;
          limit.paths = Array.from({ length: st.tokens }, (_, k) => `/s/f/t${k}`);
        });
        assert.deepEqual(mismatches(defs), []);
      }),
      { numRuns: 300 },
    );
  });
});
