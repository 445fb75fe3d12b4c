/** `label NAME "value"` (LabelParser.cpp); in the state styles `# "new value"`. */
import { ArgumentError } from '../../errors.js';
import { Label } from '../attributes/basic.js';
import { isValidName, removeQuotes, removeSingleQuotes, unescapeNewlines } from '../text.js';
import type { KeywordParser } from './context.js';
import { joinTokens } from './util.js';

/** `label` (`LabelParser`). */
export const labelParser = {
  keyword: 'label',
  id: 'label',
  parse(p, line, tokens) {
    const n = tokens.length;
    if (p.nodes.length === 0) throw new ArgumentError(`LabelParser::doParse: Could not add label as node stack is empty at line: ${line}`);
    if (n < 3) throw new ArgumentError(`Label::parse: Invalid label :${line}`);
    const node = p.top();
    const name = p.intern(tokens[1]!);
    let value: string;
    let newValue = '';
    if (n === 3) value = unescapeNewlines(removeSingleQuotes(removeQuotes(tokens[2]!)));
    else {
      let end = n;
      for (let i = 2; i < n; i++) {
        if (tokens[i]!.charCodeAt(0) === 35) {
          end = i;
          break;
        }
      }
      value = unescapeNewlines(removeSingleQuotes(removeQuotes(joinTokens(tokens, 2, end))));
      if (p.readState) {
        let commentFound = false;
        let firstQuote = 0;
        let lastQuote = 0;
        for (let i = line.length - 1; i > 0; i--) {
          const c = line.charCodeAt(i);
          if (c === 35) {
            commentFound = true;
            break;
          }
          if (c === 34) {
            if (lastQuote === 0) lastQuote = i;
            firstQuote = i;
          }
        }
        if (commentFound && firstQuote !== lastQuote) newValue = unescapeNewlines(line.slice(firstQuote + 1, lastQuote));
      }
    }
    if (p.check) {
      if (node.findLabel(name) !== undefined) {
        throw new ArgumentError(`Add Label failed: Duplicate label of name '${name}' already exist for node ${node.debugNodePath()}`);
      }
      if (!isValidName(name)) throw new ArgumentError(`Label::Label: Invalid Label name :${name}`);
    }
    node.addLabel(new Label(name, value, newValue));
  },
} as const satisfies KeywordParser;
