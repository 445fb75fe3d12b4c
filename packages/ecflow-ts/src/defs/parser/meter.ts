/** `meter NAME min max [colour-change]` (MeterParser.cpp); in the state styles `# value`. */
import { ArgumentError } from '../../errors.js';
import { Meter } from '../attributes/basic.js';
import { INT_MAX, isValidName, theInt, toInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `meter` (`MeterParser`). */
export const meterParser = {
  keyword: 'meter',
  id: 'meter',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 4) throw new ArgumentError(`MeterParser::doParse: Invalid meter :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`MeterParser::doParse: Could not add meter as node stack is empty at line: ${line}`);
    const node = p.top();
    const check = p.check;
    const min = toInt(tokens[2]!);
    const max = toInt(tokens[3]!);
    const cc = n >= 5 && tokens[4]!.charCodeAt(0) !== 35 ? toInt(tokens[4]!) : INT_MAX;
    if (min === undefined || max === undefined || cc === undefined) throw new ArgumentError(`Invalid meter : ${line}`);
    let value = INT_MAX;
    if (p.readState) {
      let comment = false;
      for (let i = 3; i < n; i++) {
        if (comment) {
          value = theInt(tokens[i]!, 'MeterParser::doParse, could not extract meter value');
          break;
        }
        if (tokens[i] === '#') comment = true;
      }
    }
    const name = p.intern(tokens[1]!);
    if (check && node.findMeter(name) !== undefined) {
      throw new ArgumentError(`Add Meter failed: Duplicate Meter of name '${name}' already exist for node ${node.debugNodePath()}`);
    }
    if (check && !isValidName(name)) throw new ArgumentError(`Meter::Meter: Invalid Meter name: ${name}`);
    node.addMeter(new Meter(name, min, max, cc, value));
  },
} as const satisfies KeywordParser;
