/**
 * The state of a node in the `# ...` comment of its line (NET, MIGRATE and STATE styles):
 * `Node::read_state`, `Submittable::read_state` and `Task::read_state`.
 */
import { ArgumentError } from '../../errors.js';
import type { Alias, Node, Task } from '../model.js';
import type { ParseContext } from './context.js';
import { flagsFromString, isNStateName } from '../states.js';
import { parseDuration, theInt } from '../text.js';

/**
 * The flags of a `flag:` token. A flag the release imitated does not know (`remote_error` before
 * 5.13, or a newer release's) costs that flag, not the definition: it is left out, with a fault.
 */
export function readFlags(sp: ParseContext, text: string, bits: number): number {
  return flagsFromString(text, bits, sp.facts.avisoMirror, (name) => {
    sp.faults += `# Unknown flag ${name} -> ignoring\n`;
  });
}

/** `Node::read_state`. */
export function readNodeState(sp: ParseContext, node: Node, _line: string, tokens: readonly string[]): void {
  for (let i = 3; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.includes('state:')) {
      const colon = tok.indexOf(':');
      const v = tok.slice(colon + 1);
      if (!isNStateName(v)) throw new ArgumentError(`Node::read_state Invalid state specified for node : ${node.name}`);
      node.state = v;
    } else if (tok.includes('flag:')) {
      node.flags = readFlags(sp, tok.slice(tok.indexOf(':') + 1), node.flags);
    } else if (tok.includes('dur:')) {
      node.stateDuration = parseDuration(tok.slice(tok.indexOf(':') + 1));
    } else if (tok.includes('rt:')) {
      node.runtime = parseDuration(tok.slice(tok.indexOf(':') + 1));
    } else if (tok === 'suspended:1') node.suspended = true;
  }
}

/** `Submittable::read_state`. */
export function readSubmittableState(sp: ParseContext, node: Task | Alias, line: string, tokens: readonly string[]): void {
  for (let i = 3; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.includes('passwd:')) node.password = tok.slice(tok.indexOf(':') + 1);
    else if (tok.includes('rid:')) node.rid = tok.slice(tok.indexOf(':') + 1);
    else if (tok.includes('try:')) node.tryNo = theInt(tok.slice(tok.indexOf(':') + 1), 'Submittable::read_state failed for try number');
  }
  const first = line.indexOf('abort<:');
  const last = line.indexOf('>abort');
  if (first >= 0) {
    if (last < 0) throw new ArgumentError('Submittable::read_state failed for abort reason. Expected abort reason to on single line;');
    node.abortedReason = line.slice(first + 7, last);
  }
  readNodeState(sp, node, line, tokens);
}

/** `Task::read_state`. */
export function readTaskState(sp: ParseContext, task: Task, line: string, tokens: readonly string[]): void {
  if (line.includes('alias_no:')) {
    for (let i = 3; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (tok.includes('alias_no:')) {
        task.aliasNo = theInt(tok.slice(tok.indexOf(':') + 1), `Task::read_state: invalid alias_no specified : ${line}`);
        break;
      }
    }
  }
  readSubmittableState(sp, task, line, tokens);
}
