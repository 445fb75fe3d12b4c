/** `event [number] [name] [set]` (EventParser.cpp); in the state styles `# set` / `# clear`. */
import { ArgumentError } from '../../errors.js';
import { Event } from '../attributes/basic.js';
import { invalidNameReason, isValidName, toInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `event` (`EventParser`). */
export const eventParser = {
  keyword: 'event',
  id: 'event',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 2) throw new ArgumentError(`EventParser::doParse: Invalid event : ${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`EventParser::doParse: Could not add event as node stack is empty at line: ${line}`);
    const node = p.top();
    const check = p.check;
    const t1 = tokens[1]!;
    let name = '';
    let number: number | undefined;
    let initial = false;
    const c = t1.charCodeAt(0);
    if (c >= 48 && c <= 57 && toInt(t1) !== undefined) {
      number = toInt(t1);
      if (n >= 3 && tokens[2]!.charCodeAt(0) !== 35) {
        name = tokens[2]!;
        if (n >= 4 && tokens[3] === 'set') initial = true;
      } else if (n >= 3 && tokens[2] === 'set') initial = true;
    } else {
      name = p.intern(t1);
      if (n >= 3 && tokens[2] === 'set') initial = true;
    }
    if (name.length > 0 && check && !isValidName(name)) throw new ArgumentError('Event::Event: Invalid event name : ' + invalidNameReason(name, p.facts));
    const ev = new Event(name, number, initial);
    if (p.readState) {
      const last = tokens[n - 1];
      if (last === 'set') ev.value = true;
      else if (last === 'clear') ev.value = false;
    }
    if (check) {
      for (const e of node.events) {
        if (e.number === ev.number && e.name === ev.name) {
          throw new ArgumentError(`Add Event failed: Duplicate Event of name '${ev.nameOrNumber()}' already exist for node ${node.debugNodePath()}`);
        }
      }
    }
    node.addEvent(ev);
  },
} as const satisfies KeywordParser;
