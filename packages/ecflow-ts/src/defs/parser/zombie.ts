/** `zombie type:action:child-commands:lifetime` (ZombieAttrParser.cpp). */
import { ArgumentError } from '../../errors.js';
import { parseZombie } from '../attributes/misc.js';
import type { KeywordParser } from './context.js';

/** `zombie` (`ZombieAttrParser`). */
export const zombieParser = {
  keyword: 'zombie',
  id: 'zombie',
  parse(p, line, tokens) {
    if (tokens.length < 2) throw new ArgumentError(`ZombieAttrParser::doParse: Invalid zombie :${line}`);
    if (p.nodes.length === 0) throw new ArgumentError('Add zombie failed empty node stack');
    const node = p.top();
    const z = parseZombie(tokens[1]!);
    for (const x of node.zombies) {
      if (x.type === z.type) throw new ArgumentError(`MiscAttrs::addZombie: Node ${node.absNodePath()} already has a zombie attribute of type ${z.type}\n`);
    }
    node.addZombie(z);
  },
} as const satisfies KeywordParser;
