/**
 * The nodes of a definition as `ecflow_client --get_state` prints it, found by keyword rather than
 * by indentation: 5.14.1 and later print the STATE style unindented.
 */

export interface PrintedNode {
  path: string;
  kind: 'suite' | 'family' | 'task' | 'alias';
  /** What follows `<kind> <name>` on its line (the state comment, say). */
  rest: string;
}

/** Every suite, family, task and alias of `text`, in print order (Python's get_all_nodes order). */
export function printedNodes(text: string): PrintedNode[] {
  const open: { name: string; kind: PrintedNode['kind'] }[] = [];
  const nodes: PrintedNode[] = [];
  const closeLeaves = () => {
    while (open.length > 0 && (open.at(-1)!.kind === 'task' || open.at(-1)!.kind === 'alias')) open.pop();
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimStart();
    const word = line.split(/\s/, 1)[0];
    if (word === 'endsuite') open.length = 0;
    else if (word === 'endfamily') {
      closeLeaves();
      open.pop();
    } else if (word === 'endtask') closeLeaves();
    else if (word === 'endalias') {
      if (open.at(-1)?.kind === 'alias') open.pop();
    } else if (word === 'suite' || word === 'family' || word === 'task' || word === 'alias') {
      const m = /^\S+ (\S+)(.*)$/.exec(line);
      if (!m) continue;
      if (word === 'suite') open.length = 0;
      else if (word === 'alias') {
        if (open.at(-1)?.kind === 'alias') open.pop();
      } else closeLeaves();
      nodes.push({ path: `/${[...open.map((n) => n.name), m[1]!].join('/')}`, kind: word, rest: m[2]! });
      open.push({ name: m[1]!, kind: word });
    }
  }
  return nodes;
}
