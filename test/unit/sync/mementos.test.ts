/**
 * The 5.13+ mementos and node JSON applied to a mirror, from SYNC replies recorded from real
 * ecflow_server 5.13.8 and 5.17.0 processes (fixtures/sync-*.json: the definition loaded, the
 * server's full text, each change made with that release's ecflow_client and the raw reply of the
 * SYNC that followed it, and the full text at the end): `NodeAvisoMemento`, `NodeMirrorMemento`,
 * `RepeatDateTime` and `RepeatDateTimeList` in `NodeRepeatMemento` and `ChildrenMemento`
 * (`delta_` in seconds from 5.13.8, in nanoseconds from 5.17.0), `NodeRepeatIndexMemento` of both
 * repeats, node JSON with `avisos_`/`mirrors_`, the trailing `FlagMemento` of a cleared set, and
 * flag bit 25. After the last reply the mirror must print as the server's own full text does
 * (read and printed as that release). The integration tests (test/integration/sync) do the same
 * against live servers.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { flagNames, forEachNode, MementoShapeError, Mirror, type Node, parseDefs, printDefs } from '../../../packages/ecflow-ts/src/index.js';
import type { Reply } from '../../../packages/ecflow-ts/src/protocol/replies.js';
import { decodeResponse } from '../../../packages/ecflow-ts/src/protocol/envelope.js';

interface Fixture {
  version: string;
  def: string;
  full: string;
  steps: { args: string[]; reply: string }[];
  fullEnd: string;
}

const load = (version: string): Fixture => JSON.parse(fs.readFileSync(new URL(`fixtures/sync-${version}.json`, import.meta.url), 'utf8')) as Fixture;

function syncReply(body: string): Extract<Reply, { type: 'SSyncCmd' }> {
  const reply = decodeResponse(body);
  assert.equal(reply.type, 'SSyncCmd');
  return reply;
}

/** Per node path, the attribute lines and the `flag:` list of a NET text (one level of families is enough here). */
function netBlocks(text: string): Map<string, { lines: string[]; flags: string[] }> {
  const out = new Map<string, { lines: string[]; flags: string[] }>();
  const stack: string[] = [];
  let current: { lines: string[]; flags: string[] } | undefined;
  for (const line of text.split('\n')) {
    const m = /^(suite|family|task) (\S+)(.*)$/.exec(line);
    if (m !== null) {
      if (m[1] === 'suite') stack.length = 0;
      if (m[1] === 'task' && stack.length > 0 && stack.at(-1)!.startsWith('task ')) stack.pop();
      const parent = stack.length === 0 ? '' : stack.at(-1)!.slice(stack.at(-1)!.indexOf(' ') + 1);
      const path = `${parent}/${m[2]}`;
      stack.push(`${m[1]} ${path}`);
      const flags = /flag:(\S+)/.exec(m[3]!)?.[1]?.split(',') ?? [];
      current = { lines: [], flags };
      out.set(path, current);
    } else if (line === 'endfamily') {
      if (stack.at(-1)?.startsWith('task ')) stack.pop();
      stack.pop();
      current = undefined;
    } else if (current !== undefined && /^(repeat|aviso|mirror) /.test(line)) {
      current.lines.push(line);
    }
  }
  return out;
}

/** The lines of the attributes this test is about, as the model writes them (state included). */
function modelLines(n: Node): string[] {
  const lines: string[] = [];
  if (n.repeat !== null) lines.push(n.repeat.toString() + n.repeat.stateSuffix());
  for (const a of n.avisos) lines.push(a.toString());
  for (const m of n.mirrors) lines.push(m.toString());
  return lines;
}

/** A mirror of the fixture's first full text, read as its release (the `#5.x.y` header) reads it. */
function startMirror(f: Fixture, deferAttributes = true): Mirror {
  const mirror = new Mirror();
  mirror.deferAttributes = deferAttributes;
  mirror.replace(f.full, 'first');
  assert.equal(mirror.defs?.version, f.version);
  assert.equal(mirror.defs?.findAbsNode('/s/f/mi')?.mirrors.length, 1, 'the full text is read with its release\'s syntax');
  return mirror;
}

/** STATE print without what a sync does not carry (ecflow-protocol.md: suite calendars, `cal_count`, `rt:`). */
function statePrint(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*(calendar |# edit (ECF_DATE|YYYY|DOW|DOY|DATE|DAY|DD|MM|MONTH|ECF_CLOCK|ECF_TIME|ECF_JULIAN|TIME) )/.test(l))
    .map((l) => l.replace(/ (rt|cal_count):\S+/g, ''))
    .join('\n');
}

for (const version of ['5.13.8', '5.17.0']) {
  describe(`the mirror applies the SYNC replies of a real ${version} server`, () => {
    const f = load(version);

    for (const defer of [true, false]) {
      it(`ends where the server says it is: repeats, avisos, mirrors and flags (attributes ${defer ? 'read at first use' : 'read with the full sync'})`, () => {
        const mirror = startMirror(f, defer);
        const first = f.steps[0]!;
        assert.deepEqual(first.args, ['--delete=yes', '/s/f/extra']);
        for (const { args, reply } of f.steps) {
          const change = mirror.apply(syncReply(reply));
          const where = args.join(' ');
          assert.equal(change.kind, 'incremental', where);
          // A 5.13+ server closes each cleared set with the node's flags: nothing to fetch.
          assert.equal(change.clearedPaths, undefined, where);
          assert.equal(change.ignored, undefined, where);
        }
        const expected = netBlocks(f.fullEnd);
        let compared = 0;
        forEachNode(mirror.defs!, (n, path) => {
          const block = expected.get(path);
          assert.ok(block !== undefined, `${path} is not in the server's text`);
          assert.deepEqual(modelLines(n), block.lines, path);
          assert.deepEqual(flagNames(n.flags), block.flags, `${path} flags`);
          compared += block.lines.length;
        });
        assert.ok(compared >= (version === '5.17.0' ? 4 : 3), `attribute lines compared: ${compared}`);
        const server = parseDefs(f.fullEnd, { check: false, version });
        assert.equal(statePrint(printDefs(mirror.defs!, { style: 'state', version })), statePrint(printDefs(server, { style: 'state', version })));
        assert.equal(mirror.defs!.findAbsNode('/s/f/mi')?.mirrors[0]?.reason.startsWith("'MirrorClient: failure"), true);
        assert.ok(mirror.defs!.findAbsNode('/s/f/mi')!.flags & (1 << 25), 'remote_error is bit 25');
      });
    }

    it('decodes RepeatDateTime in the unit of its release (delta_ in seconds before 5.15, nanoseconds after)', () => {
      const body = f.steps.find((s) => s.args.join(' ') === '--alter add variable X 1 /s/f/dt')!.reply;
      // (cereal's NoIndent archive still writes a newline after each member and a space after each colon)
      const count = /"delta_":\s*\{\s*"cereal_class_version":\s*0,\s*"value0":\s*\{\s*"count":\s*(\d+)\s*\}\s*\}/.exec(body)?.[1];
      assert.equal(count, version === '5.13.8' ? '43200' : '43200000000000');
      const mirror = startMirror(f);
      mirror.apply(syncReply(f.steps[0]!.reply));
      mirror.apply(syncReply(body));
      const r = mirror.defs!.findAbsNode('/s/f/dt')!.repeat;
      assert.equal(r?.kind, 'datetime');
      assert.equal(r?.toString(), 'repeat datetime DT 20240101T000000 20240103T000000 12:00:00');
    });

    it('refuses a RepeatDateTime when it does not know the release, rather than guess its unit', () => {
      const mirror = startMirror(f);
      mirror.defs!.version = undefined;
      assert.throws(() => mirror.apply(syncReply(f.steps[0]!.reply)), (e: unknown) => e instanceof MementoShapeError && /release/.test(e.message));
    });

    it('leaves out a repeat of a class it does not know, and applies the rest', () => {
      const mirror = startMirror(f);
      mirror.apply(syncReply(f.steps[0]!.reply));
      const body = f.steps.find((s) => s.args.join(' ') === '--alter add variable X 1 /s/f/dt')!.reply.replace(/"polymorphic_name":\s*"RepeatDateTime"/, '"polymorphic_name":"RepeatFromTheFuture"');
      const change = mirror.apply(syncReply(body));
      assert.deepEqual(change.ignored, ['/s/f/dt: repeat DT of class RepeatFromTheFuture']);
      const dt = mirror.defs!.findAbsNode('/s/f/dt')!;
      assert.equal(dt.repeat, null);
      assert.deepEqual(dt.variables.map((v) => `${v.name}=${v.value}`), ['X=1']);
    });

    it('refuses a node member it does not know (an attribute of a later release)', () => {
      const mirror = startMirror(f);
      const body = f.steps[0]!.reply.replace(/"n_":\s*"mi"/, '"n_":"mi","gadgets_":[{"value0":"g"}]');
      assert.throws(() => mirror.apply(syncReply(body)), (e: unknown) => e instanceof MementoShapeError && /\/s\/f\/mi: unknown node member gadgets_/.test(e.message));
    });

    it('asks for the flags of cleared nodes only from a server that leaves them out (before 5.13)', () => {
      const body = f.steps.find((s) => s.args.join(' ') === '--alter add variable X 1 /s/f/av')!.reply;
      for (const [release, cleared] of [[version, undefined], ['5.9.2', ['/s/f/av']], [undefined, ['/s/f/av']]] as const) {
        const mirror = startMirror(f);
        mirror.apply(syncReply(f.steps[0]!.reply));
        mirror.defs!.version = release;
        assert.deepEqual(mirror.apply(syncReply(body)).clearedPaths, cleared, `release ${release}`);
      }
    });
  });
}
