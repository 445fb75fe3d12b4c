/**
 * Request shapes that make a real ecflow_server abort or hang, on every supported release. For
 * each: the library refuses it with an ArgumentError and the server goes on answering; and the
 * same request sent past the client's preparation (the raw request, as ecflow_client or a careless
 * caller would send it) really does take a fresh server down, which is why the client refuses it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Client, EcflowError, type Request } from '../../packages/ecflow-ts/src/index.js';
import { alterCmd } from '../../packages/ecflow-ts/src/commands/alter.js';
import { checkPtCmd } from '../../packages/ecflow-ts/src/commands/check-pt.js';
import { syncFullCmd } from '../../packages/ecflow-ts/src/commands/csync.js';
import { forceCmd } from '../../packages/ecflow-ts/src/commands/force.js';
import { plugCmd } from '../../packages/ecflow-ts/src/commands/plug.js';
import { groupCmd } from '../../packages/ecflow-ts/src/commands/group.js';
import { requeueNodeCmd } from '../../packages/ecflow-ts/src/commands/requeue-node.js';
import { since, type VersionFact } from '../../packages/ecflow-ts/src/versions.js';
import { ECFLOW_VERSIONS, haveVersion, startServer, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';

const REPEATS = `suite s
  family f
    repeat day 1
    task t
    task t2
      time 10:00
  endfamily
endsuite
`;

const EXTERNS = `extern /other/suite
suite e
  task t
    trigger /other/suite == complete
endsuite
`;

/**
 * An aviso that polls nothing (a loopback port nothing listens on), with the schema and
 * credentials files it reads when its suite begins.
 */
const avisoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-safety-aviso-'));
fs.writeFileSync(path.join(avisoDir, 'schema.json'), JSON.stringify({ dissemination: { endpoint: [{ engine: ['etcd_rest'], base: '/ec/diss/{destination}', stem: 'date={date}', admin: '/ec/admin/{date}/{destination}' }] } }));
fs.writeFileSync(path.join(avisoDir, 'auth.json'), '{ "username": "u", "password": "p" }\n');
const listener = (destination: string) => `--listener '{ "event": "dissemination", "request": { "destination": "${destination}" } }' --url http://127.0.0.1:9 --polling 60`;
const AVISO = `suite av
  edit ECF_AVISO_SCHEMA '${avisoDir}/schema.json'
  edit ECF_AVISO_AUTH '${avisoDir}/auth.json'
  task t
    aviso --name A ${listener('COM')}
endsuite
`;
const changeAviso = alterCmd(['/av/t'], { op: 'change', attr: 'aviso', name: 'A', value: listener('XYZ') });

interface Shape {
  name: string;
  /** Puts the server in the state the shape needs. */
  setup(client: Client): Promise<unknown>;
  /** The call through the library, which refuses it or makes it safe. */
  safe(client: Client): Promise<void>;
  /** The same request with nothing in its way. */
  raw: Request;
  /**
   * Only builds that keep C `assert`s (Debian's 5.9.2) die of it; the release builds in
   * ../shared/ecflow compile them out. @default false
   */
  assertOnly?: boolean;
  /** The shape needs what this fact of versions.ts brought; older releases skip it. */
  since?: VersionFact;
}

const rawLoad = (text: string): Request => ({
  cls: 'LoadDefsCmd',
  base: 'user',
  fields: () => ({ force_: true, defs_: text, defs_filename_: '' }),
  timeout: 10,
  text: '--load=<raw>',
});
const unguarded = (r: Request): Request => ({ ...r, guard: undefined });
const refused = (call: Promise<unknown>) => assert.rejects(call, (e: unknown) => e instanceof EcflowError && e.code === 'ECFLOW_ARGUMENT');

const shapes: Shape[] = [
  {
    name: 'a load whose text has an extern line',
    setup: async () => undefined,
    // Made safe, not refused: the extern is left out and the suite arrives.
    safe: async (c) => {
      await c.load(EXTERNS);
      assert.deepEqual(await c.suites(), ['e']);
    },
    raw: rawLoad(EXTERNS),
  },
  {
    name: 'force complete in a suite never begun, below a repeat, beside a time',
    setup: (c) => c.load(REPEATS),
    safe: (c) => refused(c.force('/s/f/t', 'complete')),
    raw: unguarded(forceCmd(['/s/f/t'], 'complete')),
  },
  {
    name: 'plug a family below its own task',
    setup: (c) => c.load(REPEATS),
    safe: (c) => refused(c.plug('/s/f', '/s/f/t2')),
    raw: unguarded(plugCmd('/s/f', '/s/f/t2')),
  },
  {
    name: 'sync_full with a handle the server does not hold',
    setup: async () => undefined,
    safe: (c) => refused(c.syncFull(777)),
    raw: unguarded(syncFullCmd(777)),
  },
  {
    // Node::changeAviso keeps the new aviso without its node (AvisoParser::parse_aviso_line(value,
    // name), no parent), and AvisoAttr::start dereferences it when the node is requeued: SIGSEGV,
    // on 5.13.8 and 5.17.0 alike (a clock change or begin does it too).
    name: "alter change aviso NAME '<configuration>', then a requeue of its node",
    setup: async (c) => {
      await c.load(AVISO);
      await c.begin('av');
    },
    // Made safe, not refused: sent as a delete and an add of the aviso, as Node::changeMirror does.
    safe: async (c) => {
      await c.alter('/av/t', { op: 'change', attr: 'aviso', name: 'A', value: listener('XYZ') });
      await c.requeue('/av/t');
      const defs = await c.getServerDefs();
      assert.match(defs.findAbsNode('/av/t')?.avisos[0]?.listener ?? '', /"destination": "XYZ"/);
    },
    raw: groupCmd([unguarded(changeAviso), requeueNodeCmd(['/av/t'])]),
    since: 'avisoMirror',
  },
  {
    name: 'a check-point mode that does not exist',
    setup: async () => undefined,
    safe: (c) => refused(c.checkpoint({ mode: 99 as never })),
    raw: { ...checkPtCmd(), fields: () => ({ mode_: 99, check_pt_interval_: 0, check_pt_save_time_alarm_: 0 }) },
    assertOnly: true,
  },
];

/** Whether the server still answers: its process is there and a ping comes back within a second. */
async function answers(server: TestServer): Promise<boolean> {
  const gone = () => server.process.exitCode !== null || server.process.signalCode !== null;
  if (gone()) return false;
  // A server that aborted is gone within moments: don't wait a whole ping timeout for it.
  await until('the server to exit, if it aborted', gone, 300).catch(() => undefined);
  if (gone()) return false;
  return server.client({ connectionAttempts: 1, connectTimeout: 1000, requestTimeout: 1000 }).waitForServerReply(1);
}

after(() => fs.rmSync(avisoDir, { recursive: true, force: true }));

for (const version of ECFLOW_VERSIONS) {
  const skip = haveVersion(version) || process.env.CI === 'true' ? false : `ecFlow ${version} is not installed`;
  describe(`request shapes that take a real ${version} server down`, { skip }, () => {
    let safe: TestServer;
    const servers: TestServer[] = [];
    before(async () => {
      safe = await startServer({ version });
    });
    after(() => Promise.all([safe?.stop(), ...servers.map((s) => s.stop())]));

    for (const shape of shapes) {
      it(shape.name, { skip: shape.since !== undefined && !since(version, shape.since) && `${version} has no ${shape.since}` }, async () => {
        const victimStarting = startServer({ version });
        const client = safe.client();
        await client.deleteAll({ force: true });
        await shape.setup(client);
        await shape.safe(client);
        assert.ok(await answers(safe), 'the server answers after the library refused');

        const victim = await victimStarting;
        servers.push(victim);
        const raw = victim.client({ connectionAttempts: 1, connectTimeout: 1000, requestTimeout: 1000 });
        await shape.setup(raw);
        await raw.request(shape.raw).catch(() => undefined);
        const dies = !shape.assertOnly || version === '5.9.2';
        assert.equal(await answers(victim), !dies, dies ? `the raw request left a ${version} server answering: is the refusal still needed?` : 'a release build died of an assert');
      });
    }
  });
}
