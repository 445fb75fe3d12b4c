/**
 * `GET …/nodes/{path}/why`: why a node is not running, both ways ecflow_ui's why tab shows it
 * (VNode::why): bottom up (the definition, then each ancestor down to the node, as
 * `ecflow_client --why` prints it) and, for a family or suite, top down: what holds each of its
 * descendants that is not complete (NodeContainer::top_down_why), grouped by node, each naming
 * the nodes its reasons mention so a page can link them.
 */
import { type Defs, findNode, why, whyTopDown } from 'ecflow-ts';

export interface WhyReason {
  text: string;
  /** Paths of nodes of the definition the text names (a path is followed by `(` or a blank). */
  paths: string[];
}

export interface WhyReply {
  path: string;
  bottomUp: WhyReason[];
  /** Families and suites only: per node, its reasons, top down. */
  topDown?: { path: string; reasons: WhyReason[] }[];
}

const ABSOLUTE_PATH = /(?<![\w/.])\/[\w.][\w./-]*/g;

function reason(defs: Defs, text: string): WhyReason {
  const paths: string[] = [];
  for (const m of text.matchAll(ABSOLUTE_PATH)) {
    const p = m[0].replace(/[./]+$/, '');
    if (!paths.includes(p) && findNode(defs, p) !== undefined) paths.push(p);
  }
  return { text, paths };
}

export function whyReply(defs: Defs, path: string): WhyReply | undefined {
  const node = findNode(defs, path);
  if (node === undefined) return undefined;
  const at = node.absNodePath();
  const bottomUp = why(defs, at).split('\n').filter((l) => l !== '').map((l) => reason(defs, l));
  const reply: WhyReply = { path: at, bottomUp };
  if (node.kind === 'suite' || node.kind === 'family') {
    reply.topDown = whyTopDown(defs, at).map((g) => ({ path: g.path, reasons: g.reasons.map((l) => reason(defs, l)) }));
  }
  return reply;
}
