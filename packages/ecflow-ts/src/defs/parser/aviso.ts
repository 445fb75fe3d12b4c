/**
 * `aviso --name N --listener '<json>' [--url U] [--schema S] [--polling P] [--revision R] [--auth A]
 * [--reason R]` (AvisoParser.cpp, ecFlow 5.13+): the line is split as `split_within_quotes(line, "'")`
 * splits it and read as boost::program_options reads a command line (program-options.ts).
 */
import { ArgumentError } from '../../errors.js';
import { AvisoAttr } from '../attributes/aviso.js';
import { optionValue, parseCommandLine, splitWithinQuotes, uint64Option, type OptionSpec } from './program-options.js';
import type { KeywordParser } from './context.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'name', value: true },
  { name: 'listener', value: true },
  { name: 'url', value: true },
  { name: 'schema', value: true },
  { name: 'polling', value: true },
  { name: 'revision', value: true },
  { name: 'auth', value: true },
  { name: 'reason', value: true },
];

/** `AvisoParser::parse_aviso_line`. */
export function parseAvisoLine(line: string): AvisoAttr {
  const vm = parseCommandLine(splitWithinQuotes(line, "'"), OPTIONS);
  const revision = vm.has('revision') ? uint64Option(vm, 'revision') : 0;
  const name = optionValue(vm, 'name', line, 'AvisoParser');
  const listener = optionValue(vm, 'listener', line, 'AvisoParser');
  return new AvisoAttr(name, listener, {
    url: vm.get('url') ?? AvisoAttr.DEFAULT_URL,
    schema: vm.get('schema') ?? AvisoAttr.DEFAULT_SCHEMA,
    polling: vm.get('polling') ?? AvisoAttr.DEFAULT_POLLING,
    revision,
    auth: vm.get('auth') ?? AvisoAttr.DEFAULT_AUTH,
    reason: vm.get('reason') ?? '',
  });
}

/** `aviso` (`AvisoParser`). */
export const avisoParser = {
  keyword: 'aviso',
  id: 'aviso',
  since: 'avisoMirror',
  parse(p, line) {
    if (p.nodes.length === 0) throw new ArgumentError(`AvisoParser::doParse: Could not add aviso as node stack is empty at line: ${line}`);
    const node = p.top();
    const aviso = parseAvisoLine(line);
    if (node.avisos.length > 0) throw new ArgumentError(`Unable to add Aviso '${aviso.name}'. Only 1 Aviso allowed per node.`);
    node.addAviso(aviso);
  },
} as const satisfies KeywordParser;
