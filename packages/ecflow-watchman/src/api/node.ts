/**
 * One node as the API serves it: its view, its trigger and complete expressions, the reasons it
 * is not running (`why`, as ecflow_client computes them) and the variables it sees, each with the
 * node (or server) that defines it, nearest first, as ecflow_ui's variable panel lists them.
 * The abort reason is decoded into lines (abort-reason.ts) and served only while the node is aborted.
 * Secret values (ECF_PASS, ...) are redacted (secrets.ts).
 */
import { findNode, generatedVariables, type Defs, type Node, why, type NodeView, nodeView } from 'ecflow-ts';
import { abortReasonText } from '../abort-reason.js';
import { served } from './secrets.js';

export interface VariableEntry {
  name: string;
  value: string;
  /** Path of the node defining it, or `server` for server variables. */
  from: string;
  generated?: boolean;
}

export interface NodeDetail extends NodeView {
  /** The node's own variables (`edit` lines). */
  variables: { name: string; value: string }[];
  /** Variables of the ancestors and the server the node sees, not shadowed by a nearer one. */
  inherited: VariableEntry[];
  /** The node's generated variables (ECF_TRYNO, FAMILY, YMD, ...). */
  generated: { name: string; value: string }[];
  /** Time attributes and other attributes not in the view, as their definition lines. */
  attributes: string[];
  /** Why the node is not running, one reason a line (empty when nothing holds it). */
  why: string[];
}

type Printable = { toString(): string };

/**
 * The attributes the view leaves out, each as its definition line (the attribute's own writer,
 * the one the defs printer uses), in the order ecFlow prints them (`Node::print`).
 */
function attributeLines(n: Node): string[] {
  const out: string[] = [];
  if (!n.hasRareAttributes()) return out;
  const one = (a: Printable | null): void => {
    if (a !== null) out.push(a.toString());
  };
  const all = (list: readonly Printable[]): void => {
    for (const a of list) out.push(a.toString());
  };
  one(n.late);
  all(n.inLimits);
  all(n.times);
  all(n.todays);
  all(n.dates);
  all(n.days);
  all(n.crons);
  one(n.autoCancel);
  one(n.autoArchive);
  one(n.autoRestore);
  all(n.zombies);
  all(n.verifies);
  all(n.queues);
  all(n.generics);
  return out;
}

export function nodeDetail(defs: Defs, path: string): NodeDetail | undefined {
  const node = findNode(defs, path);
  if (node === undefined) return undefined;
  const view = nodeView(node);
  // ecFlow keeps a reason after the task moves on (forced complete, rerun): it no longer says why
  // the task is as it is.
  if (view.abortedReason !== undefined) {
    if (node.state === 'aborted' && view.abortedReason !== '') view.abortedReason = abortReasonText(view.abortedReason);
    else delete view.abortedReason;
  }
  const own = node.variables.map((v) => served(v.name, v.value));
  const seen = new Set<string>(own.map((v) => v.name));
  const generated = generatedVariables(node).map((v) => served(v.name, v.value));
  for (const g of generated) seen.add(g.name);
  const inherited: VariableEntry[] = [];
  const take = (name: string, value: string, from: string, gen: boolean): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const v = served(name, value);
    inherited.push(gen ? { ...v, from, generated: true } : { ...v, from });
  };
  for (let p = node.parent; p !== null; p = p.parent) {
    const at = p.absNodePath();
    for (const v of p.variables) take(v.name, v.value, at, false);
    for (const v of generatedVariables(p)) take(v.name, v.value, at, true);
  }
  for (const v of defs.userVariables) take(v.name, v.value, 'server', false);
  for (const v of defs.serverVariables) take(v.name, v.value, 'server', true);
  let reasons: string[];
  try {
    reasons = why(defs, view.path).split('\n').filter((l) => l !== '');
  } catch (error) {
    reasons = [`why failed: ${(error as Error).message}`];
  }
  return { ...view, variables: own, inherited, generated, attributes: attributeLines(node), why: reasons };
}
