/**
 * `ecflow-defs`: check and print ecFlow suite definition files.
 *
 *   ecflow-defs check FILE...                 exit 0 when every file parses and passes the check
 *   ecflow-defs print FILE [--style STYLE]    print FILE in STYLE (defs|state|migrate|net)
 * Both take `--ecflow-version V`: read, check and print as ecFlow release V does.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { checkDefsDetailed, DefsParseError, parseDefs, printDefs, type PrintStyleName } from '../defs/index.js';
import { DEFAULT_VERSION, TESTED_VERSIONS, versionOf } from '../versions.js';

const HELP = `Usage:
  ecflow-defs check FILE... [--ecflow-version V]
      Parse each FILE (any print style) and run ecFlow's definition check.
      Errors are written to stderr as "file:line: message"; warnings as "file: warning".
      Exit status: 0 when every file passes, 1 otherwise.
  ecflow-defs print FILE [--style defs|state|migrate|net] [--no-indent] [--ecflow-version V]
      Parse FILE and print it to stdout in the given style (default: defs), byte-identical
      to ecFlow's own print.
  --ecflow-version V
      The ecFlow release to imitate (${TESTED_VERSIONS.join(', ')}, or one between): what its
      parser accepts, its check, how it prints. Default: reading, the release in the file's
      '#x.y.z' header, else ${DEFAULT_VERSION}; printing, ${DEFAULT_VERSION}.
  ecflow-defs --help
      Show this help.

Bad usage (unknown command or option, missing FILE, bad --style) prints a message and exits 1.
`;

const STYLES: readonly PrintStyleName[] = ['defs', 'state', 'migrate', 'net'];

function usageError(message: string): number {
  process.stderr.write(`ecflow-defs: ${message}\n\n${HELP}`);
  return 1;
}

function readText(file: string): string {
  // ecFlow treats definitions as bytes; latin1 keeps every byte and prints it back unchanged.
  return fs.readFileSync(file, 'latin1');
}

function errorLine(file: string, e: unknown): string {
  if (e instanceof DefsParseError) return e.message;
  const err = e as NodeJS.ErrnoException;
  return `${file}:0: ${err.message ?? String(e)}`;
}

export function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        style: { type: 'string', short: 's' },
        'no-indent': { type: 'boolean' },
        'ecflow-version': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const [command, ...files] = positionals;
  if (command === undefined) return usageError('missing command');
  const version = values['ecflow-version'];
  if (version !== undefined && versionOf(version) !== version) return usageError(`--ecflow-version ${version}: expected a release such as ${TESTED_VERSIONS.join(', ')}`);
  const as = version === undefined ? {} : { version };
  if (command === 'check') {
    if (files.length === 0) return usageError('check needs at least one FILE');
    if (values.style !== undefined) return usageError('--style only applies to print');
    let failed = false;
    for (const file of files) {
      try {
        const defs = parseDefs(readText(file), { file, check: false, ...as });
        const result = checkDefsDetailed(defs, as);
        if (result.first !== undefined) {
          failed = true;
          const first = result.first;
          process.stderr.write(`${file}:${first.line}: ${first.message.trim()}\n`);
        }
        for (const w of result.warnings.split('\n')) if (w.trim().length > 0) process.stderr.write(`${file}: ${w}\n`);
      } catch (e) {
        failed = true;
        process.stderr.write(errorLine(file, e) + '\n');
      }
    }
    return failed ? 1 : 0;
  }
  if (command === 'print') {
    if (files.length !== 1) return usageError('print needs exactly one FILE');
    const style = (values.style ?? 'defs') as PrintStyleName;
    if (!STYLES.includes(style)) return usageError(`unknown style '${values.style}' (expected defs, state, migrate or net)`);
    const file = files[0]!;
    try {
      const defs = parseDefs(readText(file), { file, ...as });
      const out = printDefs(defs, values['no-indent'] === true ? { style, indent: false, ...as } : { style, ...as });
      process.stdout.write(Buffer.from(out, 'latin1'));
      return 0;
    } catch (e) {
      process.stderr.write(errorLine(file, e) + '\n');
      return 1;
    }
  }
  return usageError(`unknown command '${command}'`);
}

