/**
 * `repeat date|datelist|integer|enumerated|string|day|datetime|datetimelist …` (RepeatParser.cpp);
 * in the state styles `# value` (the index for list repeats). `datetime` is known from 5.12,
 * `datetimelist` from 5.17: before, and for a kind no release knows, a DEFS text is rejected and a
 * state style's line is kept as an unknown attribute line.
 */
import { ArgumentError } from '../../errors.js';
import { RepeatDate, RepeatDateList, RepeatDateTime, RepeatDateTimeList, RepeatDay, RepeatEnumerated, RepeatInteger, RepeatString, type Repeat } from '../attributes/repeat.js';
import { parseDurationSeconds, parseInstant } from '../chrono.js';
import { checkGregorian } from '../attributes/time.js';
import { removeQuotes, removeSingleQuotes, theInt, toInt } from '../text.js';
import type { KeywordParser } from './context.js';

function ymd(tok: string, msg: string): number {
  if (tok.length !== 8) throw new ArgumentError(`${msg} YMD must be 8 characters i.e yyyymmdd`);
  const v = toInt(tok);
  if (v === undefined || !/^\d{8}$/.test(tok)) throw new ArgumentError(`${msg}\n YMD is not a valid date`);
  try {
    checkGregorian(Math.trunc(v / 10000), Math.trunc(v / 100) % 100, v % 100);
  } catch (e) {
    throw new ArgumentError(`${msg}\n${(e as Error).message} YMD is not a valid date`);
  }
  return v;
}

const KINDS = new Set(['date', 'datelist', 'enumerated', 'string', 'integer', 'day', 'month', 'year', 'file', 'datetime', 'datetimelist']);

/** `repeat` (`RepeatParser`). */
export const repeatParser = {
  keyword: 'repeat',
  id: 'repeat',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (n < 3) throw new ArgumentError(`RepeatParser::doParse: Invalid repeat ${line}`);
    if (p.nodes.length === 0) throw new ArgumentError(`RepeatParser::doParse: Could not add repeat as node stack is empty at line: ${line}`);
    const node = p.top();
    const msg = `Invalid repeat : ${line}`;
    const kind = tokens[1];
    /** `RepeatParser::get_value`: the token after the last `#` of a state style, searched from the end. */
    const valueToken = (): string | undefined => {
      if (p.style === 'defs') return undefined;
      let after = '';
      for (let i = n - 1; i > 3; i--) {
        if (tokens[i] === '#') return after;
        after = tokens[i]!;
      }
      return undefined;
    };
    const getValue = (): number | undefined => {
      const t = valueToken();
      return t === undefined ? undefined : theInt(t, 'RepeatParser::doParse, could not extract repeat value');
    };
    /** The list values up to a comment, unquoted: single then double quotes (datetimelist, 5.17: double then single). */
    const listValues = (doubleFirst = false): string[] => {
      const out: string[] = [];
      for (let i = 3; i < n; i++) {
        const t = tokens[i]!;
        if (t.charCodeAt(0) === 35) break;
        out.push(doubleFirst ? removeSingleQuotes(removeQuotes(t)) : removeQuotes(removeSingleQuotes(t)));
      }
      return out;
    };
    const facts = p.facts;
    if ((kind === 'datetime' && !facts.repeatDateTime) || (kind === 'datetimelist' && !facts.repeatDateTimeList) || !KINDS.has(kind!)) {
      if (p.style === 'defs') throw new ArgumentError(`RepeatParser::doParse: Invalid repeat ${line}`);
      p.keepUnknown(line);
      return;
    }
    let repeat: Repeat;
    switch (kind) {
      case 'date': {
        if (n < 5) throw new ArgumentError(msg);
        const start = ymd(tokens[3]!, msg);
        const end = ymd(tokens[4]!, msg);
        const delta = n >= 6 && tokens[5]!.charCodeAt(0) !== 35 ? theInt(tokens[5]!, msg) : 1;
        const r = new RepeatDate(tokens[2]!, start, end, delta);
        const v = getValue();
        if (v !== undefined) r.value = v;
        repeat = r;
        break;
      }
      case 'datelist': {
        if (n < 4) throw new ArgumentError(msg);
        const name = tokens[2]!;
        const dates = listValues().map((d) => {
          const v = toInt(d);
          if (v === undefined) throw new ArgumentError(`RepeatParser::doParse: repeat datelist ${name}, invalid date : ${d}`);
          return v;
        });
        if (dates.length === 0) throw new ArgumentError(msg);
        const r = new RepeatDateList(name, dates);
        const v = getValue();
        if (v !== undefined) r.index = v;
        repeat = r;
        break;
      }
      case 'enumerated':
      case 'string': {
        if (n < 4) throw new ArgumentError(msg);
        const values = listValues();
        if (values.length === 0) throw new ArgumentError(msg);
        const r = kind === 'enumerated' ? new RepeatEnumerated(tokens[2]!, values) : new RepeatString(tokens[2]!, values);
        const v = getValue();
        if (v !== undefined) r.index = v;
        repeat = r;
        break;
      }
      case 'integer': {
        if (n < 5) throw new ArgumentError(msg);
        const start = theInt(tokens[3]!, msg);
        const end = theInt(tokens[4]!, msg);
        const step = n >= 6 && tokens[5]!.charCodeAt(0) !== 35 ? theInt(tokens[5]!, msg) : 1;
        const r = new RepeatInteger(tokens[2]!, start, end, step);
        const v = getValue();
        if (v !== undefined) r.value = v;
        repeat = r;
        break;
      }
      case 'datetime': {
        // repeat datetime VARIABLE yyyymmddTHHMMSS yyyymmddTHHMMSS [HH[:MM[:SS]]]; the delta defaults to 24 hours
        if (n < 5) throw new ArgumentError(msg);
        const start = parseInstant(tokens[3]!);
        const end = parseInstant(tokens[4]!);
        const delta = n >= 6 ? parseDurationSeconds(tokens[5]!) : 86400;
        const r = new RepeatDateTime(tokens[2]!, start, end, delta);
        const v = valueToken();
        if (v !== undefined) r.value = parseInstant(v);
        repeat = r;
        break;
      }
      case 'datetimelist': {
        if (n < 4) throw new ArgumentError(msg);
        const name = tokens[2]!;
        const instants = listValues(true).map((t) => {
          try {
            return parseInstant(t);
          } catch {
            throw new ArgumentError(`RepeatParser::doParse: repeat datetimelist ${name}, invalid datetime : ${t}`);
          }
        });
        if (instants.length === 0) throw new ArgumentError(msg);
        const r = new RepeatDateTimeList(name, instants);
        const v = getValue();
        if (v !== undefined) r.index = v;
        repeat = r;
        break;
      }
      case 'day': {
        const step = theInt(tokens[2]!, 'Invalid repeat day:');
        if (n >= 4 && tokens[3]!.charCodeAt(0) !== 35) throw new ArgumentError(`RepeatParser::doParse: repeat day, <end-date> not supported: ${line}`);
        repeat = new RepeatDay(step);
        break;
      }
      case 'month':
        throw new ArgumentError(`RepeatParser::doParse: repeat month not supported: ${line}`);
      case 'year':
        throw new ArgumentError(`RepeatParser::doParse: repeat year not supported: ${line}`);
      case 'file':
        return;
      default:
        throw new ArgumentError(`RepeatParser::doParse: Invalid repeat ${line}`);
    }
    if (node.repeat !== null) {
      throw new ArgumentError(`Add Repeat failed: Repeat of name '${node.repeat.name}' already exist for node ${node.debugNodePath()}`);
    }
    if (node.crons.length > 0) {
      throw new ArgumentError(`Node::addRepeat: Node ${node.absNodePath()} already has a cron. Inappropriate to add two looping structures at the same level\n`);
    }
    node.repeat = repeat;
  },
} as const satisfies KeywordParser;
