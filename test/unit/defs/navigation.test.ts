// Navigation of the definition model against the Python ecflow 5.9.2 module, on the same texts:
// Defs.get_all_nodes / get_all_tasks order, and for every node its parent, states, generated
// variables, find_gen_variable, find_parent_variable, find_parent_variable_sub_value, get_all_nodes,
// find_node_up_the_tree, the tasks and families below it, find_event/meter/label/limit/queue/generic/
// variable, Defs.find_node(type, path) and Defs.find_node_path(type, name). The texts are the ecFlow
// corpus files ecFlow accepts, a NET text with aliases from a live server, and fixtures/variables.def
// (nested, defaulted, escaped, ECF_MICRO, recursive and generated variable references).
//
// The server variables (whose file names hold the host name) are pinned to the module's: the test
// copies them into our definition before comparing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type AnyNode, type Defs, parseDefs, Variable } from '../../../packages/ecflow-ts/src/defs/index.js';
import { havePythonEcflow, python } from '../../helpers/python-mirror.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'ecflow-corpus');

const SCRIPT = String.raw`
import ecflow, json, sys
FIXED = ['ECF_HOME', 'ECF_MICRO', 'ECF_JOB_CMD', 'ECF_PORT', 'ECF_OUT', 'NOPE']
def path(n): return n.get_abs_node_path() if n is not None else None
def var(v): return None if v.empty() else [v.name(), v.value()]
def nm(a): return None if a is None or a.empty() else a.name()
NO_NUMBER = 2147483647
def event(e): return None if e.empty() else [e.name(), None if e.number() == NO_NUMBER else e.number()]
def finds(n):
    ev = {'nope': None, '999': None}
    for e in n.events:
        if e.name() != '': ev[e.name()] = None
        if e.number() != NO_NUMBER: ev[str(e.number())] = None
    return {
        'event': {k: event(n.find_event(k)) for k in ev},
        'meter': {k: nm(n.find_meter(k)) for k in [m.name() for m in n.meters] + ['nope']},
        'label': {k: nm(n.find_label(k)) for k in [l.name() for l in n.labels] + ['nope']},
        'limit': {k: (lambda l: None if l is None else l.name())(n.find_limit(k)) for k in [l.name() for l in n.limits] + ['nope']},
        'queue': {k: nm(n.find_queue(k)) for k in [q.name() for q in n.queues] + ['nope']},
        'generic': {k: nm(n.find_generic(k)) for k in [g.name() for g in n.generics] + ['nope']},
        'variable': {k: var(n.find_variable(k)) for k in [v.name() for v in n.variables] + ['nope']},
    }
out = {}
for name, file in json.load(sys.stdin):
    try:
        d = ecflow.Defs(file)
        nodes = list(d.get_all_nodes())
        names = sorted({n.name() for n in nodes}) + ['nope'] if len(nodes) <= 60 else []
        res = {'server': [[v.name(), v.value()] for v in d.server_variables],
               'user': [[v.name(), v.value()] for v in d.user_variables],
               'all': [path(n) for n in nodes], 'tasks': [path(t) for t in d.get_all_tasks()], 'nodes': []}
        for n in nodes:
            vnames = set(FIXED) | {v.name() for v in d.user_variables}
            p = n
            while p is not None:
                vnames |= {v.name() for v in p.variables}
                p = p.get_parent()
            vnames = sorted(vnames)
            gl = ecflow.VariableList()
            n.get_generated_variables(gl)
            gen = [[v.name(), v.value()] for v in gl]
            res['nodes'].append({
                'path': path(n), 'type': type(n).__name__, 'parent': path(n.get_parent()),
                'state': str(n.get_state()), 'dstate': str(n.get_dstate()), 'gen': gen,
                'findGen': {g: var(n.find_gen_variable(g)) for g in [x[0] for x in gen] + ['NOPE']},
                'parentVar': {v: var(n.find_parent_variable(v)) for v in vnames},
                'subValue': {v: n.find_parent_variable_sub_value(v) for v in vnames},
                'below': [path(x) for x in n.get_all_nodes()] if len(nodes) <= 200 else None,
                'up': {x: path(n.find_node_up_the_tree(x)) for x in names},
                'findNode': {t: path(d.find_node(t, path(n))) for t in ['suite', 'family', 'task', 'TASK']},
                'nodePath': {t: d.find_node_path(t, n.name()) for t in ['suite', 'family', 'Task']},
                'tasksBelow': [path(x) for x in n.get_all_nodes() if isinstance(x, ecflow.Task)],
                'familiesBelow': [path(x) for x in list(n.get_all_nodes())[1:] if isinstance(x, ecflow.Family)],
                'finds': finds(n),
            })
        out[name] = res
    except Exception as e:
        out[name] = {'error': str(e)}
json.dump(out, sys.stdout)
`;

type Pair = [string, string];
interface PyNode {
  path: string;
  type: 'Suite' | 'Family' | 'Task' | 'Alias';
  parent: string | null;
  state: string;
  dstate: string;
  gen: Pair[];
  findGen: Record<string, Pair | null>;
  parentVar: Record<string, Pair | null>;
  subValue: Record<string, string>;
  below: string[] | null;
  up: Record<string, string | null>;
  findNode: Record<string, string | null>;
  nodePath: Record<string, string>;
  tasksBelow: string[];
  familiesBelow: string[];
  finds: Record<'event' | 'meter' | 'label' | 'limit' | 'queue' | 'generic' | 'variable', Record<string, unknown>>;
}
type PyDefs = { server: Pair[]; user: Pair[]; all: string[]; tasks: string[]; nodes: PyNode[] } | { error: string };

function runPython(jobs: [string, string][]): Record<string, PyDefs> {
  const r = spawnSync(python, ['-c', SCRIPT], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 29 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, PyDefs>;
}

const pathOf = (n: AnyNode | undefined | null): string | null => (n === undefined || n === null ? null : n.absNodePath());
const pair = (v: Variable | undefined): Pair | null => (v === undefined ? null : [v.name, v.value]);

/** Compares one definition with what the module said of it. */
function compare(name: string, text: string, py: PyDefs): void {
  assert.ok(!('error' in py), `python: ${'error' in py ? py.error : ''}`);
  const defs: Defs = parseDefs(text, { file: name });
  assert.deepEqual(defs.userVariables.map((v) => [v.name, v.value]), py.user, 'server user variables');
  defs.serverVariables = py.server.map(([n, v]) => new Variable(n, v));
  assert.deepEqual(defs.getAllNodes().map(pathOf), py.all, 'Defs.get_all_nodes');
  assert.deepEqual(defs.getAllTasks().map(pathOf), py.tasks, 'Defs.get_all_tasks');
  for (const p of py.nodes) {
    const n = defs.findAbsNode(p.path);
    assert.ok(n !== undefined, `find_abs_node ${p.path}`);
    const at = `${name} ${p.path}`;
    assert.equal(n.kind, p.type.toLowerCase(), at);
    assert.equal(pathOf(n.parent as AnyNode | null), p.parent, `${at} get_parent`);
    assert.equal(n.state, p.state, `${at} get_state`);
    assert.equal(n.dstate, p.dstate, `${at} get_dstate`);
    assert.deepEqual(n.generatedVariables().map((v) => [v.name, v.value]), p.gen, `${at} get_generated_variables`);
    for (const [g, want] of Object.entries(p.findGen)) assert.deepEqual(pair(n.findGenVariable(g)), want, `${at} find_gen_variable(${g})`);
    for (const [v, want] of Object.entries(p.parentVar)) assert.deepEqual(pair(n.findParentVariable(v)), want, `${at} find_parent_variable(${v})`);
    for (const [v, want] of Object.entries(p.subValue)) assert.equal(n.findParentVariableSubValue(v), want, `${at} find_parent_variable_sub_value(${v})`);
    if (p.below !== null) assert.deepEqual(n.getAllNodes().map(pathOf), p.below, `${at} get_all_nodes`);
    for (const [x, want] of Object.entries(p.up)) assert.equal(pathOf(n.findNodeUpTheTree(x)), want, `${at} find_node_up_the_tree(${x})`);
    for (const [t, want] of Object.entries(p.findNode)) assert.equal(pathOf(defs.findNode(t, p.path)), want, `${at} find_node(${t})`);
    for (const [t, want] of Object.entries(p.nodePath)) assert.equal(defs.findNodePath(t, n.name), want, `${at} find_node_path(${t}, ${n.name})`);
    assert.deepEqual(n.getAllTasks().map(pathOf), p.tasksBelow, `${at} tasks below`);
    assert.deepEqual(n.getAllFamilies().map(pathOf), p.familiesBelow, `${at} families below`);
    const f = p.finds;
    const named = (a: { name: string } | undefined) => a?.name ?? null;
    for (const [k, want] of Object.entries(f.event)) {
      const e = n.findEvent(k);
      assert.deepEqual(e === undefined ? null : [e.name, e.number ?? null], want, `${at} find_event(${k})`);
    }
    for (const [k, want] of Object.entries(f.meter)) assert.equal(named(n.findMeter(k)), want, `${at} find_meter(${k})`);
    for (const [k, want] of Object.entries(f.label)) assert.equal(named(n.findLabel(k)), want, `${at} find_label(${k})`);
    for (const [k, want] of Object.entries(f.limit)) assert.equal(named(n.findLimit(k)), want, `${at} find_limit(${k})`);
    for (const [k, want] of Object.entries(f.queue)) assert.equal(named(n.findQueue(k)), want, `${at} find_queue(${k})`);
    for (const [k, want] of Object.entries(f.generic)) assert.equal(named(n.findGeneric(k)), want, `${at} find_generic(${k})`);
    for (const [k, want] of Object.entries(f.variable)) assert.deepEqual(pair(n.findVariable(k)), want, `${at} find_variable(${k})`);
  }
  assert.deepEqual(defs.getAllFamilies().map(pathOf), py.nodes.filter((p) => p.type === 'Family').map((p) => p.path), 'families');
}

describe('navigation like the Python ecflow module', { skip: havePythonEcflow ? false : 'no /usr/bin/python3 with ecflow' }, () => {
  const jobs: [string, string][] = [
    ['variables.def', path.join(here, 'fixtures', 'variables.def')],
    ['live-get.net', path.join(here, 'fixtures', 'live-get.net')],
  ];
  if (existsSync(path.join(corpus, 'verdicts.json'))) {
    const verdicts = JSON.parse(readFileSync(path.join(corpus, 'verdicts.json'), 'utf8')) as Record<string, string>;
    for (const [rel, v] of Object.entries(verdicts)) if (v === 'accept') jobs.push([rel, path.join(corpus, 'files', rel)]);
  }
  const results = havePythonEcflow ? runPython(jobs) : {};

  for (const [name, file] of jobs) {
    // utf8: the module hands its strings over decoded from UTF-8
    it(`navigates ${name} as the module does`, () => compare(name, readFileSync(file, 'utf8'), results[name]!));
  }
});
