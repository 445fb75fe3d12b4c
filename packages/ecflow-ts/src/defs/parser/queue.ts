/** `queue NAME value…` (QueueParser.cpp); in the state styles `# index state…`. */
import { ArgumentError } from '../../errors.js';
import { QueueAttr, queueState } from '../attributes/misc.js';
import { invalidNameReason, isValidName, removeQuotes, removeSingleQuotes, theInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `queue` (`QueueParser`). */
export const queueParser = {
  keyword: 'queue',
  id: 'queue',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (p.nodes.length === 0) throw new ArgumentError(`QueueParser::doParse: Could not add queue, as node stack is empty at line: ${line}`);
    if (n < 3) throw new ArgumentError(`QueueAttr::parse: expected at least 3 tokens, found ${n} on line:${line}\n`);
    const node = p.top();
    const name = tokens[1]!;
    if (!isValidName(name)) throw new ArgumentError('QueueAttr::set_name: Invalid queue name : ' + invalidNameReason(name, p.facts));
    const values: string[] = [];
    for (let i = 2; i < n; i++) {
      const t = tokens[i]!;
      if (t.charCodeAt(0) === 35) break;
      values.push(removeQuotes(removeSingleQuotes(t)));
    }
    if (values.length === 0) throw new ArgumentError(`queue: has no values ${line}`);
    let index = 0;
    const states: ReturnType<typeof queueState>[] = [];
    if (p.readState) {
      for (let i = 3; i < n; i++) {
        if (tokens[i] === '#' && i + 1 < n) {
          i++;
          index = theInt(tokens[i]!, 'QueueAttr::parse, could not extract index');
          i++;
          for (; i < n; i++) states.push(queueState(tokens[i]!));
          break;
        }
      }
    }
    if (states.length > 0 && states.length !== values.length) {
      throw new ArgumentError(`QueueAttr::set_state: for queue ${name} size ${values.length} does not match state size ${states.length}`);
    }
    if (node.findQueue(name) !== undefined) throw new ArgumentError(`MiscAttrs::add_queue: Node ${node.absNodePath()} already has a queue attribute of name ${name}\n`);
    node.addQueue(new QueueAttr(name, values, index, states.length > 0 ? states : undefined));
  },
} as const satisfies KeywordParser;
