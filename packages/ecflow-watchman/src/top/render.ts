/**
 * What `ecflow-watchman top` prints: a screen (header and coloured tree) for a terminal, and one
 * line per change when stdout is not one. Pure functions of the mirror, so tests need no terminal.
 */
import { styleText } from 'node:util';
import { type Defs, type Node, NodeContainer, Task, type SyncChange, type NodeStatus, statusOf } from 'ecflow-ts';
import { oneLine } from '../abort-reason.js';
import { STATUS_ORDER } from '../dashboard/colours.js';

type Style = Parameters<typeof styleText>[0];

/** ANSI stand-ins for ecflow_ui's colours (16-colour terminals have no orange or light blue). */
export const STATUS_STYLES = {
  unknown: ['bgWhite', 'black'],
  suspended: ['bgYellow', 'black'],
  complete: ['bgYellowBright', 'black'],
  queued: ['bgBlueBright', 'black'],
  submitted: ['bgCyan', 'black'],
  active: ['bgGreenBright', 'black'],
  aborted: ['bgRed', 'whiteBright', 'bold'],
} as const satisfies Record<NodeStatus, Style>;

const SERVER_STYLES: Record<string, Style> = { RUNNING: ['green', 'bold'], HALTED: ['red', 'bold'], SHUTDOWN: ['magenta', 'bold'] };

export interface Paint {
  (style: Style, text: string): string;
}
/**
 * `top` decides on colour itself (its own stream's TTY, NO_COLOR, TERM): from Node 22.13 and 24,
 * `styleText` would otherwise look at process.stdout and drop the colours whenever that is not a
 * terminal, whatever stream the screen goes to. Node 20 takes no options and always colours.
 */
const styled = styleText;
export const paint = (colour: boolean): Paint => (colour ? (style, text) => styled(style, text, { validateStream: false }) : (_style, text) => text);

export interface ScreenOptions {
  /** `host:port` shown in the header. */
  title: string;
  columns: number;
  rows: number;
  /** First tree line shown. */
  scroll: number;
  /** Show only aborted nodes and their ancestors. */
  abortedOnly: boolean;
  /** Levels shown below the suites (0: suites only). @default Infinity */
  depth?: number;
  colour: boolean;
  /** Last error, shown under the header. */
  error?: string;
  /** Since when the server cannot be reached: the header says so, and that the tree is as it was then. */
  failingSince?: Date;
  now?: Date;
}

/** The tree as lines (not cut to the screen), depth first. */
export function treeLines(defs: Defs, options: Pick<ScreenOptions, 'abortedOnly' | 'depth' | 'colour' | 'columns'>): string[] {
  const p = paint(options.colour);
  const depthLimit = options.depth ?? Number.POSITIVE_INFINITY;
  const out: string[] = [];
  const line = (n: Node, level: number): string => {
    const s = statusOf(n);
    const tag = p(STATUS_STYLES[s], ` ${s.padEnd(9)} `);
    const name = n instanceof NodeContainer ? n.name + '/' : n.name;
    let extra = '';
    if (n instanceof Task && n.state === 'aborted' && n.abortedReason) extra = '  ' + oneLine(n.abortedReason);
    const text = '  '.repeat(level) + name + extra;
    return tag + ' ' + (text.length > options.columns - 13 ? text.slice(0, Math.max(0, options.columns - 14)) + '…' : text);
  };
  const hasAborted = (n: Node): boolean => n.state === 'aborted'; // ecFlow carries aborted up to every ancestor
  const walk = (n: Node, level: number): void => {
    if (options.abortedOnly && !hasAborted(n)) return;
    out.push(line(n, level));
    if (level >= depthLimit) return;
    const kids = n instanceof NodeContainer ? n.children : n instanceof Task ? n.aliases : [];
    for (let i = 0; i < kids.length; i++) walk(kids[i]!, level + 1);
  };
  for (const s of defs.suites) walk(s, 0);
  return out;
}

/** Counts by status of every node, or of the tasks only. */
export function countStatuses(defs: Defs, tasksOnly = false): Partial<Record<NodeStatus, number>> {
  const counts: Partial<Record<NodeStatus, number>> = {};
  const walk = (n: Node): void => {
    const s = statusOf(n);
    if (!tasksOnly || n instanceof Task) counts[s] = (counts[s] ?? 0) + 1;
    if (n instanceof NodeContainer) for (const k of n.children) walk(k);
    else if (n instanceof Task) for (const a of n.aliases) walk(a);
  };
  for (const s of defs.suites) walk(s);
  return counts;
}

function header(defs: Defs | null, o: ScreenOptions): string[] {
  const p = paint(o.colour);
  const clock = (d: Date) => d.toTimeString().slice(0, 8);
  // A server that cannot be reached is said so, and its last tree is marked as old: not its last
  // state word, as if it were still running.
  const state =
    o.failingSince !== undefined
      ? p(['red', 'bold'], `UNREACHABLE since ${clock(o.failingSince)}`) + (defs === null ? '' : p(['dim'], ' (tree as it was then)'))
      : defs === null
        ? 'connecting…'
        : p(SERVER_STYLES[defs.serverState] ?? [], defs.serverState);
  const first = `${p(['bold'], o.title)}  ${state}  ${clock(o.now ?? new Date())}`;
  let second = '';
  if (defs !== null) {
    // Tasks, as an operator counts what is aborted or active (the suites and families above
    // them take their states from them).
    const counts = countStatuses(defs, true);
    second = 'tasks ' + STATUS_ORDER.filter((s) => counts[s]).map((s) => p(STATUS_STYLES[s], ` ${s} ${counts[s]} `)).join(' ');
  }
  const keys = p(['dim'], `q quit  ↑↓ PgUp PgDn scroll  a ${o.abortedOnly ? 'all nodes' : 'aborted only'}`);
  const lines = [first + '   ' + keys, second];
  if (o.error) lines.push(p(['red'], o.error));
  return lines.map((l) => fit(l, o.columns));
}

// eslint-disable-next-line no-control-regex -- a terminal's colour escapes are what is looked for
const SGR = /\x1b\[[0-9;]*m/y;

/**
 * `line` cut to `columns` visible characters (an ellipsis last), its colour escapes kept and
 * closed: a line longer than the terminal would wrap and push the screen down.
 */
export function fit(line: string, columns: number): string {
  const chars: { text: string; visible: boolean }[] = [];
  for (let i = 0; i < line.length; ) {
    SGR.lastIndex = i;
    const escape = SGR.exec(line);
    const text = escape !== null ? escape[0] : String.fromCodePoint(line.codePointAt(i)!);
    chars.push({ text, visible: escape === null });
    i += text.length;
  }
  if (chars.filter((c) => c.visible).length <= columns) return line;
  let out = '';
  let shown = 0;
  for (const c of chars) {
    if (c.visible && ++shown === columns) break;
    out += c.text;
  }
  return out + '…' + (chars.some((c) => !c.visible) ? '\x1b[0m' : '');
}

/** An abort reason on one line, as the dashboard's rows show it. */
export { oneLine } from '../abort-reason.js';

/** The whole screen as lines, exactly `rows` of them at most. */
export function screen(defs: Defs | null, o: ScreenOptions): { lines: string[]; treeLength: number } {
  const head = header(defs, o);
  const tree = defs === null ? [] : treeLines(defs, o);
  const room = Math.max(1, o.rows - head.length);
  const scroll = Math.max(0, Math.min(o.scroll, tree.length - room));
  return { lines: [...head, ...tree.slice(scroll, scroll + room)], treeLength: tree.length };
}

/** One line per state change (not a terminal: logs, pipes). */
export function changeLines(change: SyncChange, defs: Defs | null, title: string, colour: boolean, now = new Date()): string[] {
  const p = paint(colour);
  const t = now.toISOString();
  if (change.kind === 'full') {
    const counts = defs === null ? {} : countStatuses(defs);
    const summary = STATUS_ORDER.filter((s) => counts[s]).map((s) => `${s}=${counts[s]}`).join(' ');
    return [`${t} ${title} ${defs?.serverState ?? '?'} full sync (${change.reason ?? 'first'}): ${summary}`];
  }
  const out: string[] = [];
  if (change.serverState) out.push(`${t} ${title} server ${change.serverState.old} -> ${change.serverState.new}`);
  for (const c of change.stateChanges) {
    const to = c.new === null ? 'removed' : p(STATUS_STYLES[c.new], c.new);
    out.push(`${t} ${c.path} ${c.old ?? 'new'} -> ${to}`);
  }
  return out;
}
