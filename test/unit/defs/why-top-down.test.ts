/**
 * whyTopDown (NodeContainer::top_down_why for one node, ecflow_ui's why tab of a family): the
 * reasons of a suite's nodes top down, grouped by node, are the lines `why` prints for the whole
 * definition (which ecflow_client's own top-down why matches, test/integration/parity-why.test.ts);
 * a node with a reason of its own hides its children's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AnyNode, NodeContainer, parseDefs, why, whyTopDown } from '../../../packages/ecflow-ts/src/defs/index.js';

const DEFS = `suite s
  family f
    task a
    task b
      trigger a == complete
    family g
      task c
        trigger ../b == complete or /s/h/d:e
    endfamily
  endfamily
  family h
    defstatus suspended
    task d
      event e
  endfamily
endsuite
suite t
  task u
endsuite
`;

describe('whyTopDown', () => {
  // as after --begin: everything queued; a has run, h is suspended
  const defs = parseDefs(DEFS);
  defs.serverState = 'RUNNING';
  defs.state = 'queued';
  const queue = (n: AnyNode): void => {
    n.state = 'queued';
    if (n instanceof NodeContainer) n.children.forEach(queue);
  };
  defs.suites.forEach(queue);
  defs.findAbsNode('/s/f/a')!.state = 'complete';
  defs.findAbsNode('/s/h')!.suspended = true;

  it('a suite: the reasons why prints for the whole definition, grouped by node', () => {
    const lines = why(defs).split('\n').filter((l) => l !== '');
    const grouped = [...whyTopDown(defs, '/s'), ...whyTopDown(defs, '/t')];
    assert.deepEqual(grouped.flatMap((g) => g.reasons), lines);
    assert.deepEqual(grouped.map((g) => g.path), ['/s/f/a', '/s/f/g/c', '/s/h']);
  });

  it('a family: its own reason hides its children', () => {
    assert.deepEqual(whyTopDown(defs, '/s/h'), [{ path: '/s/h', reasons: ['FAMILY:/s/h is suspended'] }]);
    const g = whyTopDown(defs, '/s/f/g');
    assert.equal(g.length, 1);
    assert.match(g[0]!.reasons[0]!, /^TASK \/s\/f\/g\/c\(queued\) expression/);
  });

  it('no such node: the error why gives', () => {
    assert.throws(() => whyTopDown(defs, '/s/nope'), /WhyCmd: The node path parameter '\/s\/nope' cannot be found/);
  });
});
