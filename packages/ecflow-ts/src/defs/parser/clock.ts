/** `clock real|hybrid [dd.mm.yyyy] [[+]gain]` and `endclock …` (ClockParser.cpp, `ClockParser` and `EndClockParser`). */
import { ArgumentError } from '../../errors.js';
import { ClockAttr, checkGregorian, parseDate, parseTime } from '../attributes/time.js';
import { Suite } from '../model.js';
import { theInt } from '../text.js';
import type { KeywordParser, ParseContext } from './context.js';

function clockTime(c: ClockAttr): number {
  if (c.day !== 0) return Date.UTC(c.year, c.month - 1, c.day) / 1000 + c.gain;
  return Math.floor(Date.now() / 1000) + c.gain;
}

function extractGain(tok: string, clock: ClockAttr): void {
  if (tok.includes(':')) {
    const r = parseTime(tok);
    clock.positiveGain = r.relative;
    clock.gain = r.slot.h * 3600 + r.slot.m * 60;
    return;
  }
  let t = tok;
  let positive = false;
  if (t.charCodeAt(0) === 43) {
    positive = true;
    t = t.slice(1);
  }
  clock.gain = theInt(t, `Invalid clock gain:${tok}`);
  clock.positiveGain = positive;
}

function parseClock(p: ParseContext, isEnd: boolean, line: string, tokens: string[]): void {
  const n = tokens.length;
  if (n < 2) throw new ArgumentError(`${isEnd ? 'ClockEndParser' : 'ClockParser'}::doParse: Invalid clock :${line}`);
  if (p.nodes.length === 0) {
    throw new ArgumentError(isEnd ? `ClockEndParser::doParse: Could not add end clock as node stack is empty at line: ${line}` : `ClockParser::doParse: Could not add clock as node stack is empty at line: ${line}`);
  }
  const node = p.top();
  let clock: ClockAttr;
  let i: number;
  if (!isEnd) {
    if (tokens[1] === 'real') clock = new ClockAttr(false);
    else if (tokens[1] === 'hybrid') clock = new ClockAttr(true);
    else throw new ArgumentError(`Invalid clock :${line}`);
    i = 2;
  } else {
    clock = new ClockAttr(false, true);
    i = 1;
  }
  if (n >= i + 1 && tokens[i]!.charCodeAt(0) !== 35) {
    const t = tokens[i]!;
    if (t.includes('.')) {
      const d = parseDate(t);
      if (d.day < 1 || d.day > 31) throw new ArgumentError('Invalid date attribute : the day >= 1 and day < 31');
      if (d.month < 1 || d.month > 12) throw new ArgumentError('Invalid date attribute: the month >=1 and month <= 12');
      if (d.year <= 0) throw new ArgumentError('Invalid date attribute: the year >0');
      checkGregorian(d.year, d.month, d.day);
      clock.day = d.day;
      clock.month = d.month;
      clock.year = d.year;
      if (n >= i + 2 && tokens[i + 1]!.charCodeAt(0) !== 35) extractGain(tokens[i + 1]!, clock);
    } else if (isEnd || t !== '-s') extractGain(t, clock);
  }
  if (!(node instanceof Suite)) throw new ArgumentError(`Clock can only be added to suites and not ${node.debugType()}`);
  if (!isEnd) {
    if (node.clock !== null) throw new ArgumentError(`Add Clock failed: Suite can only have one clock ${node.absNodePath()}`);
    if (node.endClock !== null && clockTime(node.endClock) <= clockTime(clock)) {
      throw new ArgumentError(`Add Clock failed:: End time must be greater than start time ${node.absNodePath()}`);
    }
    node.clock = clock;
    if (node.endClock !== null) node.endClock.hybrid = clock.hybrid;
  } else {
    if (node.endClock !== null) throw new ArgumentError(`Add end Clock failed: Suite can only have one end clock ${node.absNodePath()}`);
    if (node.clock !== null && clockTime(clock) <= clockTime(node.clock)) {
      throw new ArgumentError(`Add end Clock failed: End time must be greater than start time ${node.absNodePath()}`);
    }
    if (node.clock !== null) clock.hybrid = node.clock.hybrid;
    node.endClock = clock;
  }
}

/** `clock` (`ClockParser`). */
export const clockParser = {
  keyword: 'clock',
  id: 'clock',
  parse(p, line, tokens) {
    parseClock(p, false, line, tokens);
  },
} as const satisfies KeywordParser;

/** `endclock` (`EndClockParser`). */
export const endclockParser = {
  keyword: 'endclock',
  id: 'endclock',
  parse(p, line, tokens) {
    parseClock(p, true, line, tokens);
  },
} as const satisfies KeywordParser;
