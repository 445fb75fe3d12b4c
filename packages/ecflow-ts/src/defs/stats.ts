import { Family, type Node, NodeContainer, Task } from './model.js';
import type { Defs } from './model.js';

/** `Defs::stats()`: the counts `ecflow_client --load=FILE stats` prints (NodeStats::print). */
export function defsStats(defs: Defs): string {
  const c = {
    nodes: 0, suites: defs.suites.length, family: 0, task: 0, alias: 0,
    vars: 0, trigger: 0, complete: 0, events: 0, labels: 0, meters: 0,
    times: 0, todays: 0, crons: 0, dates: 0, days: 0,
    late: 0, inlimits: 0, limits: 0, repeats: 0, zombies: 0,
    autoCancel: 0, autoArchive: 0, autoRestore: 0, verifies: 0, queues: 0, generics: 0,
  };
  const count = (n: Node) => {
    c.nodes++;
    c.vars += n.variables.length;
    if (n.complete) c.complete++;
    if (n.trigger) c.trigger++;
    c.meters += n.meters.length;
    c.events += n.events.length;
    c.labels += n.labels.length;
    c.times += n.times.length;
    c.todays += n.todays.length;
    c.crons += n.crons.length;
    c.dates += n.dates.length;
    c.days += n.days.length;
    if (n.late) c.late++;
    c.verifies += n.verifies.length;
    c.zombies += n.zombies.length;
    c.queues += n.queues.length;
    c.generics += n.generics.length;
    if (n.repeat) c.repeats++;
    c.limits += n.limits.length;
    c.inlimits += n.inLimits.length;
    if (n.autoCancel) c.autoCancel++;
    if (n.autoArchive) c.autoArchive++;
    if (n.autoRestore) c.autoRestore++;
  };
  const walk = (n: Node) => {
    count(n);
    if (n instanceof Family) c.family++;
    if (n instanceof Task) {
      c.task++;
      for (const a of n.aliases) {
        c.alias++;
        count(a);
      }
    }
    if (n instanceof NodeContainer) for (const child of n.children) walk(child);
  };
  for (const s of defs.suites) walk(s);
  const row = (name: string, n: number) => `${name.padEnd(20)}${n}\n`;
  return (
    'Definition statistics\n' +
    row('Nodes', c.nodes) + row('Suites', c.suites) + row('Family', c.family) + row('Task', c.task) + row('Alias', c.alias) + '\n' +
    row('Edit history nodes', defs.history.length) + row('Edit history paths', defs.history.reduce((n, h) => n + h.requests.length, 0)) + '\n' +
    row('vars', c.vars) + row('triggers', c.trigger) + row('complete triggers', c.complete) + row('events', c.events) + row('labels', c.labels) + row('meters', c.meters) + '\n' +
    row('times', c.times) + row('todays', c.todays) + row('crons', c.crons) + row('dates', c.dates) + row('days', c.days) + '\n' +
    row('late', c.late) + row('inlimits', c.inlimits) + row('limits', c.limits) + row('repeats', c.repeats) + row('zombies', c.zombies) + '\n' +
    row('auto_cancel', c.autoCancel) + row('auto_archive', c.autoArchive) + row('auto_restore', c.autoRestore) + row('verifys', c.verifies) + row('queues', c.queues) + row('generics', c.generics)
  );
}
