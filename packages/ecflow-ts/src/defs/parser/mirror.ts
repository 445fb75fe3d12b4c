/**
 * `mirror --name N --remote_path P [--remote_host H] [--remote_port P] [--polling S] [--ssl]
 * [--remote_auth A] [--reason R]` (MirrorParser.cpp, ecFlow 5.13+), read as `aviso` lines are.
 */
import { ArgumentError } from '../../errors.js';
import { MirrorAttr } from '../attributes/mirror.js';
import { optionValue, parseCommandLine, splitWithinQuotes, type OptionSpec } from './program-options.js';
import type { KeywordParser } from './context.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'name', value: true },
  { name: 'remote_path', value: true },
  { name: 'remote_host', value: true },
  { name: 'remote_port', value: true },
  { name: 'polling', value: true },
  { name: 'ssl', value: false },
  { name: 'remote_auth', value: true },
  { name: 'reason', value: true },
];

/** `MirrorParser::parse_mirror_line`. */
export function parseMirrorLine(line: string): MirrorAttr {
  const vm = parseCommandLine(splitWithinQuotes(line, "'"), OPTIONS);
  // MirrorParser.cpp reuses AvisoParser's helper, message included
  const name = optionValue(vm, 'name', line, 'AvisoParser');
  const remotePath = optionValue(vm, 'remote_path', line, 'AvisoParser');
  return new MirrorAttr(name, remotePath, {
    remoteHost: vm.get('remote_host') ?? MirrorAttr.DEFAULT_REMOTE_HOST,
    remotePort: vm.get('remote_port') ?? MirrorAttr.DEFAULT_REMOTE_PORT,
    polling: vm.get('polling') ?? MirrorAttr.DEFAULT_POLLING,
    ssl: vm.has('ssl'),
    remoteAuth: vm.get('remote_auth') ?? MirrorAttr.DEFAULT_REMOTE_AUTH,
    reason: vm.get('reason') ?? '',
  });
}

/** `mirror` (`MirrorParser`). */
export const mirrorParser = {
  keyword: 'mirror',
  id: 'mirror',
  since: 'avisoMirror',
  parse(p, line) {
    if (p.nodes.length === 0) throw new ArgumentError(`MirrorParser::doParse: Could not add 'mirror' as node stack is empty at line: ${line}`);
    const node = p.top();
    const mirror = parseMirrorLine(line);
    if (node.mirrors.length > 0) throw new ArgumentError(`Unable to add Mirror '${mirror.name}'. Only 1 Mirror allowed per node.`);
    node.addMirror(mirror);
  },
} as const satisfies KeywordParser;
