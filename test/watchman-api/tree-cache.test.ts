/**
 * The tree API keeps each node's JSON between requests while the mirror leaves the node unchanged.
 * Against a real server: after every change made with the real ecflow_client and a `syncLocal`,
 * the tree served from the kept entries must equal one written from a fresh full download (new
 * node objects, nothing kept), for the whole tree, a filtered tree, and a depth-limited subtree.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Mirror } from '../../packages/ecflow-ts/src/index.js';
import { filteredTree, subtree } from '../../packages/ecflow-watchman/src/api/tree.js';
import { haveEcflow, startServer, type TestServer } from '../helpers/ecflow-server.js';

const defs = `suite s
  family f
    task t1
      meter m 0 10
      label l "start"
      event e
    task t2
      repeat integer i 1 5
  endfamily
  family g
    task u1
    task u2
  endfamily
endsuite
`;

describe('tree API entries kept between requests', { skip: !haveEcflow && 'ecflow_server not installed' }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    const file = path.join(server.home, 's.def');
    fs.writeFileSync(file, defs);
    assert.equal((await server.real([`--load=${file}`])).code, 0);
    assert.equal((await server.real(['--restart'])).code, 0);
  });
  after(async () => server?.stop());

  it('follow every change the mirror applies', async () => {
    const client = server.client();
    await client.syncLocal();
    const steps: string[][] = [
      ['--force=aborted', '/s/f/t1'],
      ['--alter', 'change', 'meter', 'm', '7', '/s/f/t1'],
      ['--alter', 'change', 'label', 'l', 'moved on', '/s/f/t1'],
      ['--alter', 'change', 'event', 'e', 'set', '/s/f/t1'],
      ['--suspend', '/s/g'],
      ['--alter', 'set_flag', 'late', '/s/g/u1'],
      ['--alter', 'add', 'label', 'new', 'x', '/s/g/u2'],
      ['--alter', 'change', 'repeat', '3', '/s/f/t2'],
      ['--resume', '/s/g'],
      ['--order=/s/g', 'top'],
      ['--force=complete', '/s/f'],
      ['--force=queued', '/s/f/t1'],
      ['--delete=yes', '/s/g/u2'],
    ];
    const reference = new Mirror();
    const never = { revision: 0, changedAt: () => 0 };
    for (const step of steps) {
      // Serve the tree before the change, so entries are kept for every node.
      const mirrorDefs = client.getDefs()!;
      subtree(mirrorDefs, client.mirror, '/');
      const r = await server.real(step);
      assert.equal(r.code, 0, `${step.join(' ')}: ${r.stderr}`);
      const change = await client.syncLocal();
      assert.notEqual(change.kind, 'none', step.join(' '));
      reference.apply(await client.syncFull());
      const fresh = reference.defs!;
      const ours = client.getDefs()!;
      assert.equal(subtree(ours, client.mirror, '/'), subtree(fresh, never, '/'), `whole tree after ${step.join(' ')}`);
      assert.equal(subtree(ours, client.mirror, '/s', { depth: 1 }), subtree(fresh, never, '/s', { depth: 1 }), `depth 1 after ${step.join(' ')}`);
      const filter = { statuses: new Set(['aborted', 'suspended', 'complete']), name: '' };
      assert.equal(filteredTree(ours, client.mirror, '/', filter), filteredTree(fresh, never, '/', filter), `filtered after ${step.join(' ')}`);
    }
    // Kept entries, joined in the mirror's current order (g was moved to the top).
    const whole = JSON.parse(subtree(client.getDefs()!, client.mirror, '/')!);
    assert.deepEqual(
      whole.root.nodes[0].nodes.map((n: { name: string; nodes: { name: string }[] }) => [n.name, n.nodes.map((k) => k.name)]),
      [['g', ['u1']], ['f', ['t1', 't2']]],
    );
  });
});
