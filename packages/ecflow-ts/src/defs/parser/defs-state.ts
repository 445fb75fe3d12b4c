/** `defs_state STATE|MIGRATE|NET …` (DefsStateParser.cpp): the print style and the definition's own state. */
import { ArgumentError } from '../../errors.js';
import { isNStateName, isSStateName } from '../states.js';
import { readFlags } from './node-state.js';
import { theInt } from '../text.js';
import type { KeywordParser } from './context.js';

/** `defs_state` (`DefsStateParser`). */
export const defsStateParser = {
  keyword: 'defs_state',
  id: 'defs_state',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`DefsStateParser::doParse Invalid defs_state ${line}`);
    const t = tokens[1];
    if (t === 'STATE') p.style = 'state';
    else if (t === 'MIGRATE') p.style = 'migrate';
    else if (t === 'NET') p.style = 'net';
    else throw new ArgumentError(`DefsStateParser::doParse: file type not specified : ${line}`);
    const defs = p.defs;
    defs.style = p.style;
    for (let i = 2; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const v = tok.slice(tok.indexOf(':') + 1);
      if (tok.includes('state>:')) {
        if (!isNStateName(v)) throw new ArgumentError(`Defs::read_state: Invalid state specified : ${v}`);
        defs.state = v;
      } else if (tok.includes('flag:')) defs.flags = readFlags(p, v, defs.flags);
      else if (tok.includes('state_change:')) defs.stateChangeNo = theInt(v, `Defs::read_state: invalid state_change specified : ${line}`);
      else if (tok.includes('modify_change:')) defs.modifyChangeNo = theInt(v, `Defs::read_state: invalid state_change specified : ${line}`);
      else if (tok.includes('server_state:')) {
        if (!isSStateName(v)) throw new ArgumentError(`Defs::read_state: Invalid server_state specified : ${line}`);
        defs.serverState = v;
      } else if (tok.includes('cal_count:')) defs.calendarCount = theInt(v, `Defs::read_state: invalid cal_count specified : ${line}`);
    }
  },
} as const satisfies KeywordParser;
