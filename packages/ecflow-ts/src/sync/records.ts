/**
 * Views of a mirrored definition for monitors: each node's display status, and a per-node view
 * with the attributes' current values. (The Go ecflow-watchman's status records are the
 * watchman's: packages/ecflow-watchman/src/status-records.ts.)
 */
import type { Event, Label, Limit, Meter } from '../defs/attributes/basic.js';
import type { Repeat } from '../defs/attributes/repeat.js';
import { formatInstant } from '../defs/chrono.js';
import { type Defs, type Node, NodeContainer, Submittable, Task } from '../defs/model.js';
import { type DStateName, Flag, FLAG_WRITE_ORDER, type FlagName } from '../defs/states.js';
import { removeSingleQuotes } from '../defs/text.js';

/** A node's display state (`DState::toString(node.dstate())`): its state, or `suspended`. */
export type NodeStatus = DStateName;

/** A node's display state: `suspended` when it is suspended, else its state. */
export function statusOf(node: Node): NodeStatus {
  return node.suspended ? 'suspended' : node.state;
}

/** Visits every node in `get_all_nodes` order with its absolute path. */
export function forEachNode(defs: Defs, visit: (node: Node, path: string) => void): void {
  for (const s of defs.suites) forEachNodeUnder(s, '/' + s.name, visit);
}

/** Visits `node` (at `path`) and everything under it, depth first, a task followed by its aliases. */
export function forEachNodeUnder(node: Node, path: string, visit: (node: Node, path: string) => void): void {
  visit(node, path);
  // one `path/` for all the children: a string less per node
  if (node instanceof NodeContainer) {
    const kids = node.children;
    const prefix = path + '/';
    for (let i = 0; i < kids.length; i++) forEachNodeUnder(kids[i]!, prefix + kids[i]!.name, visit);
  } else if (node instanceof Task) {
    const aliases = node.aliases;
    if (aliases.length === 0) return;
    const prefix = path + '/';
    for (let i = 0; i < aliases.length; i++) forEachNodeUnder(aliases[i]!, prefix + aliases[i]!.name, visit);
  }
}

/** The set flags of a bit set, by name, in ecFlow's order. */
export function flagNames(bits: number): FlagName[] {
  if (bits === 0) return [];
  return FLAG_WRITE_ORDER.filter((f) => (bits & (1 << Flag[f])) !== 0);
}

/** A repeat with its current value. */
export interface RepeatView {
  /** The kind of repeat: `date`, `integer`, `enumerated`, `string`, `datelist` or `day`. */
  kind: Repeat['kind'];
  /** The repeat's name, which is also its variable's name. */
  name: string;
  /** The current value as ecFlow substitutes it for the repeat variable. */
  value: string;
  /** Position for list repeats (enumerated, string, datelist). */
  index?: number;
  /** First value of date (`yyyymmdd`) and integer repeats. */
  start?: number;
  /** Last value of date (`yyyymmdd`) and integer repeats. */
  end?: number;
  /** Increment of date and integer repeats (days for a date repeat); the step of a day repeat. */
  step?: number;
}

/** A repeat attribute as {@link NodeView} shows it: its kind, name, current value and range. */
export function repeatView(r: Repeat): RepeatView {
  switch (r.kind) {
    case 'date':
    case 'integer':
      return { kind: r.kind, name: r.name, value: String(r.value), start: r.start, end: r.end, step: r.delta };
    case 'enumerated':
    case 'string':
      return { kind: r.kind, name: r.name, value: r.values[r.index] ?? '', index: r.index };
    case 'datelist':
      return { kind: r.kind, name: r.name, value: String(r.list[r.index] ?? ''), index: r.index };
    case 'day':
      return { kind: r.kind, name: r.name, value: String(r.step), step: r.step };
    case 'datetime':
      return { kind: r.kind, name: r.name, value: formatInstant(r.value), start: r.start, end: r.end, step: r.delta };
    case 'datetimelist':
      return { kind: r.kind, name: r.name, value: r.list[r.index] === undefined ? '' : formatInstant(r.list[r.index]!), index: r.index };
  }
}

/** An event as {@link NodeView} shows it: its name, its number when it has one, whether it is set. */
export const eventView = (e: Event): NodeView['events'][number] =>
  e.number === undefined ? { name: e.name, value: e.value } : { name: e.name, number: e.number, value: e.value };
/** A label as {@link NodeView} shows it: `value` is the current value (the one a job or alter set, else the definition's). */
export const labelView = (l: Label): NodeView['labels'][number] => ({ name: l.name, value: l.newValue !== '' ? l.newValue : l.value, default: l.value });
/** A limit as {@link NodeView} shows it: its size, the tokens in use and the paths holding them. */
export const limitView = (l: Limit): NodeView['limits'][number] => ({ name: l.name, limit: l.limit, value: l.value, paths: [...l.paths] });

/** One node with its state and the current values of its attributes. */
export interface NodeView {
  /** The node's absolute path. */
  path: string;
  /** The node's name. */
  name: string;
  /** The kind of node. */
  type: 'suite' | 'family' | 'task' | 'alias';
  /** Its display state: `suspended` when suspended, else `state`. */
  status: NodeStatus;
  /** Its state, without the suspension. */
  state: Node['state'];
  /** Its `defstatus`. */
  defStatus: DStateName;
  /** Whether it is suspended. */
  suspended: boolean;
  /** Its set flags, in ecFlow's order. */
  flags: FlagName[];
  /** Tasks and aliases: the try number, abort reason and remote id of the current job. */
  tryNo?: number;
  /** Tasks and aliases: why the job aborted (empty when it did not). */
  abortedReason?: string;
  /** Tasks and aliases: the job's process or remote id. */
  rid?: string;
  /** The meters with their current values. */
  meters: {
    /** Meter name. */
    name: string;
    /** Lowest value. */
    min: number;
    /** Highest value. */
    max: number;
    /** Current value. */
    value: number;
    /** The value from which the meter is shown in another colour. */
    colorChange: number;
  }[];
  /** The events with their current values. */
  events: {
    /** Event name (empty for an event known by number only). */
    name: string;
    /** Event number, when it has one. */
    number?: number;
    /** Whether it is set. */
    value: boolean;
  }[];
  /** `value` is the current value: the one a job or alter set, else the definition's. */
  labels: {
    /** Label name. */
    name: string;
    /** Current value. */
    value: string;
    /** The value in the definition. */
    default: string;
  }[];
  /** The repeat, when the node has one. */
  repeat?: RepeatView;
  /** The limits with their current use. */
  limits: {
    /** Limit name. */
    name: string;
    /** Its size: how many tokens it has. */
    limit: number;
    /** Tokens in use. */
    value: number;
    /** Paths of the nodes holding tokens. */
    paths: string[];
  }[];
  /** Whether the node is late, when it has a `late` attribute. */
  late?: boolean;
  /** The trigger expression, when it has one. */
  trigger?: string;
  /** The complete expression, when it has one. */
  complete?: string;
  /** The aviso attributes (ecFlow 5.13+), when the node has any: what each waits for, and why it last failed. */
  avisos?: {
    /** Attribute name. */
    name: string;
    /** The listener configuration (JSON), in single quotes as ecFlow holds it. */
    listener: string;
    /** The Aviso server (`%ECF_AVISO_URL%` by default). */
    url: string;
    /** The revision of the last notification seen. */
    revision: number;
    /** Why it last failed, without its quotes; empty when it has not. */
    reason: string;
  }[];
  /** The mirror attributes (ecFlow 5.13+), when the node has any: the remote node copied, and why it last failed. */
  mirrors?: {
    /** Attribute name. */
    name: string;
    /** The mirrored node's path on the remote server. */
    remotePath: string;
    /** The remote server's host (`%ECF_MIRROR_REMOTE_HOST%` by default). */
    remoteHost: string;
    /** The remote server's port (`%ECF_MIRROR_REMOTE_PORT%` by default). */
    remotePort: string;
    /** Why it last failed; empty when it has not. */
    reason: string;
  }[];
  /**
   * Attribute lines this client does not know (a newer ecFlow's), kept verbatim, when the node has
   * any: the rest of the node is read, and these are shown as they came.
   */
  unknown?: string[];
  /** Number of children (families, tasks, aliases). */
  children: number;
}


/** One node's view; `path` saves computing the node's path when the caller has it. */
export function nodeView(node: Node, path = node.absNodePath()): NodeView {
  const v: NodeView = {
    path,
    name: node.name,
    type: node.kind,
    status: statusOf(node),
    state: node.state,
    defStatus: node.defStatus,
    suspended: node.suspended,
    flags: flagNames(node.flags),
    meters: mapHeld(node.metersHeld(), (m) => ({ name: m.name, min: m.min, max: m.max, value: m.value, colorChange: m.colorChange })),
    events: mapHeld(node.eventsHeld(), eventView),
    labels: mapHeld(node.labelsHeld(), labelView),
    limits: node.limits.map(limitView),
    children: node instanceof NodeContainer ? node.children.length : node instanceof Task ? node.aliases.length : 0,
  };
  if (node instanceof Submittable) {
    v.tryNo = node.tryNo;
    v.abortedReason = node.abortedReason;
    v.rid = node.rid;
  }
  if (node.repeat !== null) v.repeat = repeatView(node.repeat);
  if (node.late !== null) v.late = node.late.isLate;
  if (node.trigger !== null) v.trigger = node.trigger.text();
  if (node.complete !== null) v.complete = node.complete.text();
  if (node.avisos.length > 0) v.avisos = node.avisos.map((a) => ({ name: a.name, listener: a.listener, url: a.url, revision: a.revision, reason: removeSingleQuotes(a.reason) }));
  if (node.mirrors.length > 0) {
    v.mirrors = node.mirrors.map((m) => ({ name: m.name, remotePath: m.remotePath, remoteHost: m.remoteHost, remotePort: m.remotePort, reason: m.reason }));
  }
  if (node.unknown.length > 0) v.unknown = [...node.unknown];
  return v;
}

/**
 * `JSON.stringify(nodeView(node, path))`, written straight from the node: no view object, and
 * none of the attribute lists a node holds its one meter, label or event without (a watchman
 * writes the view of every node of every server at its first sync; this is a third of the time
 * and of the garbage, and leaves the model as small as the parse made it).
 */
export function nodeViewJson(node: Node, path = node.absNodePath()): string {
  let s = `{"path":${str(path)},"name":${str(node.name)},"type":"${node.kind}","status":"${statusOf(node)}","state":"${node.state}","defStatus":"${node.defStatus}","suspended":${node.suspended},"flags":${node.flags === 0 ? '[]' : JSON.stringify(flagNames(node.flags))},"meters":[`;
  s += listJson(node.metersHeld(), meterJson);
  s += '],"events":[';
  s += listJson(node.eventsHeld(), eventJson);
  s += '],"labels":[';
  s += listJson(node.labelsHeld(), labelJson);
  s += '],"limits":[';
  s += listJson(node.limits, limitJson);
  s += `],"children":${node instanceof NodeContainer ? node.children.length : node instanceof Task ? node.aliases.length : 0}`;
  if (node instanceof Submittable) s += `,"tryNo":${num(node.tryNo)},"abortedReason":${str(node.abortedReason)},"rid":${str(node.rid)}`;
  // The rarer members as nodeView makes them.
  if (node.hasRareAttributes()) {
    if (node.repeat !== null) s += `,"repeat":${JSON.stringify(repeatView(node.repeat))}`;
    if (node.late !== null) s += `,"late":${node.late.isLate}`;
  }
  if (node.trigger !== null) s += `,"trigger":${str(node.trigger.text())}`;
  if (node.complete !== null) s += `,"complete":${str(node.complete.text())}`;
  if (node.avisos.length > 0 || node.mirrors.length > 0 || node.unknown.length > 0) {
    const v = nodeView(node, path);
    if (v.avisos !== undefined) s += `,"avisos":${JSON.stringify(v.avisos)}`;
    if (v.mirrors !== undefined) s += `,"mirrors":${JSON.stringify(v.mirrors)}`;
    if (v.unknown !== undefined) s += `,"unknown":${JSON.stringify(v.unknown)}`;
  }
  return `${s}}`;
}

/** A string as JSON.stringify writes it: quoted as it is when nothing in it needs an escape. */
function str(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}
// What JSON.stringify escapes: the quote, the backslash, control characters and (well-formed
// JSON.stringify) lone surrogates; a string with a surrogate pair takes the slow way too.
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** A number as JSON.stringify writes it (`null` for NaN and the infinities). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}
/** The JSON of each of a list's items, comma-separated; `held` is one item or the list (Node's `*Held()`). */
function listJson<T>(held: T | readonly T[], json: (item: T) => string): string {
  if (!Array.isArray(held)) return json(held as T);
  let s = '';
  for (let i = 0; i < held.length; i++) s += i === 0 ? json(held[i] as T) : `,${json(held[i] as T)}`;
  return s;
}
const meterJson = (m: Meter): string => `{"name":${str(m.name)},"min":${num(m.min)},"max":${num(m.max)},"value":${num(m.value)},"colorChange":${num(m.colorChange)}}`;
const eventJson = (e: Event): string => `{"name":${str(e.name)},${e.number === undefined ? '' : `"number":${num(e.number)},`}"value":${e.value}}`;
const labelJson = (l: Label): string => `{"name":${str(l.name)},"value":${str(l.newValue !== '' ? l.newValue : l.value)},"default":${str(l.value)}}`;
const limitJson = (l: Limit): string => JSON.stringify(limitView(l));

/** `held.map(f)` of a node's one attribute or list of them (`Node.metersHeld()`, ...): no list made for one. */
function mapHeld<T, U>(held: T | readonly T[], f: (item: T) => U): U[] {
  return Array.isArray(held) ? (held as readonly T[]).map((item) => f(item)) : [f(held as T)];
}

/** Every node's view in `get_all_nodes` order. */
export function nodeViews(defs: Defs): NodeView[] {
  const out: NodeView[] = [];
  forEachNode(defs, (n, path) => out.push(nodeView(n, path)));
  return out;
}
