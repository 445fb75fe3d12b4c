/**
 * Which alerts hold now on one server, from what the watchman already has: its health, its
 * aborted list and its mirror (flags `late` and `zombie` are node flags). Pure: the engine keeps
 * the state and tells the receivers; this only says what is true.
 */
import { createHash } from 'node:crypto';
import { type Defs, Flag, forEachNode } from 'ecflow-ts';
import type { AbortedTask, Health } from '../view.js';
import { zonedTime } from './clock.js';
import type { Occurrence } from './occurrence.js';
import { type AlertRule, appliesTo, type DeadlineState } from './rules.js';

/** What the conditions are read from: a {@link WatchedServer}'s health, aborted list and mirror. */
export interface ServerSnapshot {
  owner: string;
  repo: string;
  health: Health;
  aborted: readonly AbortedTask[];
  defs: Defs | null;
}

export interface Evaluation {
  active: Occurrence[];
  /** Rules that could not be evaluated now (no mirror yet, server unreachable): their alerts neither fire nor resolve. */
  skipped: string[];
}

const STATE_RANK: Readonly<Record<DeadlineState, number>> = { submitted: 1, active: 2, complete: 3 };

/** The alerts of `rules` that hold on `server` at `now`. */
export function evaluate(rules: readonly AlertRule[], server: ServerSnapshot, now: Date): Evaluation {
  const active: Occurrence[] = [];
  const skipped: string[] = [];
  const { owner, repo, health } = server;
  const at = now.toISOString();
  const make = (rule: AlertRule, path: string, occurrence: string, summary: string, description: string, startsAt = at): Occurrence => {
    const labels: Record<string, string> = { alertname: rule.name, owner, repo, path, kind: rule.when, ...rule.labels };
    if (occurrence !== '') labels.occurrence = occurrence;
    return {
      id: `${rule.name}|${rule.when}|${path}|${occurrence}`,
      rule: rule.name,
      kind: rule.when,
      owner,
      repo,
      path,
      labels,
      annotations: { summary: `${owner}/${repo}: ${summary}`, description },
      startsAt,
      sendTo: rule.sendTo,
    };
  };
  // Nothing is known before the first scrape (after a restart, say): what fired before stays.
  if (health.lastSuccess === null && health.lastError === null) {
    return { active, skipped: rules.filter((r) => appliesTo(r, owner, repo)).map((r) => r.name) };
  }
  const flagged = flaggedNodes(rules, server);
  for (const rule of rules) {
    if (!appliesTo(rule, owner, repo)) continue;
    const matches = (path: string) => rule.paths === null || rule.paths.some((g) => g.test(path));
    switch (rule.when) {
      case 'server_unreachable':
        if (!health.reachable && health.lastError !== null) {
          active.push(make(rule, '/', '', `server ${health.host}:${health.port} unreachable`, `${health.lastError.kind}: ${health.lastError.message}`, health.lastError.time));
        }
        break;
      case 'server_halted':
        if (!health.reachable) skipped.push(rule.name);
        else if (health.serverState === 'HALTED' || health.serverState === 'SHUTDOWN') {
          active.push(make(rule, '/', '', `server ${health.serverState}`, `the server is ${health.serverState}: it submits no jobs`));
        }
        break;
      case 'stale':
        if (health.lastSuccess !== null && now.getTime() - Date.parse(health.lastSuccess) > rule.staleAfterMs) {
          active.push(make(rule, '/', '', `status stale since ${health.lastSuccess}`, `no successful scrape since ${health.lastSuccess}${health.lastError ? ` (${health.lastError.kind}: ${health.lastError.message})` : ''}`));
        }
        break;
      case 'aborted': {
        if (server.defs === null) {
          skipped.push(rule.name);
          break;
        }
        const tasks = server.aborted.filter((t) => matches(t.path));
        if (tasks.length === 0) break;
        const list = tasks.map((t) => `${t.path} (try ${t.tryNo}${t.reason ? `: ${t.reason}` : ''})`).join('\n');
        const first = tasks.reduce((a, t) => (t.since < a ? t.since : a), tasks[0]!.since);
        if (rule.strategy === 'always') {
          for (const t of tasks) active.push(make(rule, t.path, `try${t.tryNo}`, `${t.path} aborted`, `${t.path} aborted (try ${t.tryNo})${t.reason ? `: ${t.reason}` : ''}`, t.since));
        } else if (rule.strategy === 'new_abort_task') {
          // nmp-broker's is_new_abort_task_found: a new alert whenever the set of aborted paths differs.
          const set = createHash('sha1').update(tasks.map((t) => t.path).sort().join('\n')).digest('hex').slice(0, 12);
          active.push(make(rule, '/', set, `${tasks.length} aborted task${tasks.length === 1 ? '' : 's'}`, list));
        } else {
          active.push(make(rule, '/', '', `aborted (${tasks.length} task${tasks.length === 1 ? '' : 's'})`, list, first));
        }
        break;
      }
      case 'late':
      case 'zombie':
        if (server.defs === null) skipped.push(rule.name);
        else for (const path of flagged[rule.when]) if (matches(path)) active.push(make(rule, path, '', `${path} ${rule.when}`, `${path} has the ${rule.when} flag`));
        break;
      case 'deadline': {
        const d = rule.deadline!;
        if (server.defs === null) {
          skipped.push(rule.name);
          break;
        }
        const local = zonedTime(now, d.zone);
        // The deadline of a day holds from its time to the end of that day: a suite requeued at
        // midnight starts a new day, not a missed one.
        if (local.minuteOfDay < d.minuteOfDay) break;
        const node = server.defs.findAbsNode(d.path);
        const state = node?.state;
        if (state !== undefined && ((STATE_RANK as Record<string, number>)[state] ?? 0) >= STATE_RANK[d.state]) break;
        const by = `${String(Math.floor(d.minuteOfDay / 60)).padStart(2, '0')}:${String(d.minuteOfDay % 60).padStart(2, '0')}`;
        active.push(
          make(rule, d.path, local.date, `${d.path} not ${d.state} by ${by} ${d.zone}`, node === undefined ? `no node ${d.path} on the server` : `${d.path} is ${state}, and should be ${d.state} by ${by} ${d.zone} (${local.date})`),
        );
        break;
      }
    }
  }
  return { active, skipped };
}

type Flagged = Record<'late' | 'zombie', string[]>;

// The last walk of each mirror, reused while the server's change numbers stay (most scrapes, and
// every evaluation on the timer, find nothing changed); a full sync makes a new Defs.
const walked = new WeakMap<Defs, { stateChangeNo: number; modifyChangeNo: number; flagged: Flagged }>();

/** Paths with the late or zombie flag set, in one walk of the mirror (none when no rule asks). */
function flaggedNodes(rules: readonly AlertRule[], server: ServerSnapshot): Flagged {
  const defs = server.defs;
  if (defs === null || !rules.some((r) => (r.when === 'late' || r.when === 'zombie') && appliesTo(r, server.owner, server.repo))) return { late: [], zombie: [] };
  const last = walked.get(defs);
  if (last !== undefined && last.stateChangeNo === defs.stateChangeNo && last.modifyChangeNo === defs.modifyChangeNo && defs.stateChangeNo !== 0) return last.flagged;
  const out: Flagged = { late: [], zombie: [] };
  walked.set(defs, { stateChangeNo: defs.stateChangeNo, modifyChangeNo: defs.modifyChangeNo, flagged: out });
  const late = 1 << Flag.late;
  const zombie = 1 << Flag.zombie;
  forEachNode(defs, (node, path) => {
    const f = node.flags;
    if (f === 0) return;
    if (f & late) out.late.push(path);
    if (f & zombie) out.zombie.push(path);
  });
  return out;
}

