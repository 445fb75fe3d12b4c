import fs from 'node:fs';
import { loadDefsCmd } from '../commands/load-defs.js';
import { checkDefsDetailed, type Defs, defaultServerVariables, DefsParseError, defsStats, parseDefs, printDefs } from '../defs/index.js';
import { versionDescription } from '../version.js';
import { type Action, help, UsageError } from './table.js';

/**
 * `--load=FILE [force] [check_only] [print] [stats]` (LoadDefsCmd): the file is parsed and checked
 * here, as ecflow_client does, and sent re-printed in NET style (which never carries `extern`
 * lines: they crash a 5.9.2 server). check_only, print and stats send nothing.
 */
export function load(values: string[]): Action {
  let file = '';
  const flags = new Set<string>();
  for (const v of values) {
    if (v === 'force' || v === 'check_only' || v === 'print' || v === 'stats') flags.add(v);
    else file = v;
  }
  if (!file) throw new UsageError(`LoadDefsCmd::LoadDefsCmd: The pathname to the definition file must be provided\n${help('load')}`);
  const failed = (why: string) => new UsageError(`\nLoadDefsCmd::LoadDefsCmd. Failed to parse file/definition ${file.includes('suite') && file.includes('endsuite') ? '' : file}\n${why}`);
  const { defs, warnings, fileName } = clientDefinition(file, failed, '');

  let stdout = '';
  if (flags.has('print')) stdout += printDefs(defs, { style: 'net', indent: true });
  if (flags.has('stats')) stdout += defsStats(defs);
  stdout += warnings;
  if (flags.has('check_only') || flags.has('print') || flags.has('stats')) return { exit: 0, stdout };
  return { request: loadDefsCmd(printDefs(defs, { style: 'net' }), { force: flags.has('force'), fileName }), stdout };
}

/**
 * A definition as ecflow_client reads one to send it (LoadDefsCmd, ReplaceNodeCmd): from the file,
 * or from the argument itself when it holds `suite … endsuite`; parsed and checked, with the
 * default server variables. Errors go through `failed(why)`, `why` worded as ecFlow's parser says it;
 * `missing` is the reason given for a file that does not exist.
 */
export function clientDefinition(file: string, failed: (why: string) => Error, missing: string): { defs: Defs; warnings: string; fileName: string } {
  const inline = file.includes('suite') && file.includes('endsuite');
  let text: string;
  if (inline) text = file;
  else if (fs.existsSync(file) && fs.statSync(file).isFile()) text = fs.readFileSync(file, 'utf8');
  else throw failed(missing);
  let defs: Defs;
  try {
    defs = parseDefs(text, { file: inline ? 'definition' : file, check: false });
  } catch (error) {
    if (!(error instanceof DefsParseError)) throw error;
    const raw = text.split('\n')[error.line - 1] ?? error.text;
    throw failed(`${error.reason}\nCould not parse '${raw}' around line number ${error.line}\n${versionDescription()}\n\n`);
  }
  const { errors, warnings } = checkDefsDetailed(defs);
  if (errors) throw failed(errors.endsWith('\n') ? errors : `${errors}\n`);
  defs.serverVariables = defaultServerVariables();
  return { defs, warnings, fileName: inline ? '' : file };
}
