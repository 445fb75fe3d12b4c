/** `history path \bMSG:[…]…` (`HistoryParser`, DefsParser.cpp; MIGRATE only): the edit history of a node. */
import { ArgumentError } from '../../errors.js';
import type { KeywordParser } from './context.js';

const LOG_TYPES = ['MSG', 'LOG', 'ERR', 'WAR', 'DBG', 'OTH'];
function splitHistoryByLogType(line: string): string[] {
  const find = (from: number): number => {
    for (const t of LOG_TYPES) {
      const p = line.indexOf(t + ':[', from);
      if (p >= 0) return p;
    }
    return -1;
  };
  const out: string[] = [];
  let first = find(0);
  if (first < 0) return out;
  let next = find(first + 4);
  while (next >= 0) {
    out.push(line.slice(first, next));
    first = next;
    next = find(first + 4);
  }
  out.push(line.slice(first));
  return out;
}

/** `history` (`HistoryParser`, `Defs::read_history`). */
export const historyParser = {
  keyword: 'history',
  id: 'history',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`Defs::read_history: Invalid history ${line}`);
    const b = line.indexOf('\b');
    if (b >= 0) {
      for (const msg of line.slice(b).split('\b')) if (msg.length > 0) p.defs.addHistory(tokens[1]!, msg);
    } else {
      for (const msg of splitHistoryByLogType(line)) p.defs.addHistory(tokens[1]!, msg);
    }
  },
} as const satisfies KeywordParser;
