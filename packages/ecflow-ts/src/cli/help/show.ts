/**
 * What `ecflow-client --help[=topic]` prints.
 *
 * The layout reproduces ecflow_client 5.9.2 exactly (Client/src/ClientOptions.cpp `show_help`,
 * `show_all_commands`, `show_cmd_summary`, plus boost::program_options 1.74
 * `options_description::print` for `--help=all`); only the prose differs.
 *
 * @module
 */

import { EcflowError, ErrorCode } from '../../errors.js';
import { OPTION_HELP } from './descriptions.js';

/** The program name printed in the general help, as ecflow_client prints its own. */
export const DEFAULT_CLIENT_NAME = 'ecflow_client';

/** boost's `options_description::m_default_line_length`; ecflow_client widens it by 80. */
const BOOST_DEFAULT_LINE_LENGTH = 80;
/** Line length ecflow_client gives boost for `--help=all`. */
export const HELP_ALL_LINE_LENGTH = BOOST_DEFAULT_LINE_LENGTH + 80;

/**
 * `--help=<topic>` matched more than one option by prefix (code `ECFLOW_ARGUMENT`). ecflow_client
 * reports this as an argument-parsing error and prints nothing on stdout: on stderr
 * `ecflow_client: Caught exception whilst parsing arguments:\n<message>\nargs: <argv joined by ' '> \n`,
 * exit status 1.
 */
export class HelpTopicAmbiguousError extends EcflowError {
  /** The topic as given. */
  readonly topic: string;
  /** Matching option names, sorted and unique, as boost lists them. */
  readonly matches: readonly string[];

  constructor(topic: string, matches: readonly string[]) {
    const sorted = [...new Set(matches)].sort(compareBytes);
    // boost::program_options::ambiguous_option, with no option name substituted.
    const list = sorted.length > 1
      ? `${sorted.slice(0, -1).map((m) => `'${m}', `).join('')}and '${sorted.at(-1) ?? ''}'`
      : `'${sorted[0] ?? ''}'`;
    super(ErrorCode.ARGUMENT, `option is ambiguous and matches ${list}`);
    this.name = 'HelpTopicAmbiguousError';
    this.topic = topic;
    this.matches = sorted;
  }
}

/** Options shaped as boost sees them: the input of the layout functions below. */
export interface HelpOption {
  readonly name: string;
  readonly short?: string;
  readonly kind: 'user' | 'child';
  readonly parameter: string;
  readonly description: string;
}

/** Extra knobs of {@link helpText}. */
export interface HelpTextOptions {
  /**
   * Program name used in the general help's "Try:" lines.
   * @default 'ecflow_client'
   */
  readonly clientName?: string;
  /**
   * The option table to render; tests pass ecflow_client's own text here to prove the layout.
   * @default OPTION_HELP
   */
  readonly options?: readonly HelpOption[];
}

/**
 * Returns exactly what `--help`, `--help=<topic>` writes on stdout.
 *
 * @param topic `undefined` or `''` for the general help (what a bare `--help` yields; note that
 *   ecflow_client rejects a literal `--help=` while parsing argv); `all`, `summary`, `child`, `user`; or a
 *   command name, matched like boost does (exact name, else a unique prefix, else `-h`/`-v`/`-d`).
 * @param version The `--version` line, shown in the general help and in the `--help=all` caption.
 * @throws HelpTopicAmbiguousError when the topic is a prefix of several option names.
 */
export function helpText(topic: string | undefined, version: string, opts: HelpTextOptions = {}): string {
  const options: readonly HelpOption[] = opts.options ?? OPTION_HELP;
  // Like ecflow_client: these four topics shadow options of the same name (--help=user).
  if (topic === undefined || topic === '') return generalHelp(options, version, opts.clientName ?? DEFAULT_CLIENT_NAME);
  if (topic === 'all') return `${formatOptionsDescription(`Client options, ${version}   `, options, HELP_ALL_LINE_LENGTH)}\n`;
  if (topic === 'summary') return commandSummary('\nEcflow client commands:\n', options, undefined);
  if (topic === 'child') return commandSummary('\nEcflow child client commands:\n', options, 'child');
  if (topic === 'user') return commandSummary('\nEcflow user client commands:\n', options, 'user');
  const option = findOption(options, topic);
  if (option === undefined) return commandGrid('No matching command found, please choose from:', options);
  return commandHelp(option);
}

/**
 * Finds the option a help topic designates, as boost's `find_nothrow(name, approx=true)`:
 * an exact long name wins; otherwise a single option whose long name starts with the topic;
 * the short forms `-h`, `-v`, `-d` match exactly.
 *
 * @throws HelpTopicAmbiguousError when several options start with the topic and none equals it.
 */
export function findOption<T extends HelpOption>(options: readonly T[], topic: string): T | undefined {
  let found: T | undefined;
  let fullMatch = false;
  const approximate: string[] = [];
  for (const option of options) {
    if (option.name === topic || (option.short !== undefined && `-${option.short}` === topic)) {
      found = option;
      fullMatch = true;
    } else if (option.name.startsWith(topic)) {
      approximate.push(option.name);
      if (!fullMatch) found = option;
    }
  }
  if (!fullMatch && approximate.length > 1) throw new HelpTopicAmbiguousError(topic, approximate);
  return found;
}

/** `--help` with no topic. */
function generalHelp(options: readonly HelpOption[], version: string, client: string): string {
  return (
    '\necFlow work flow package, command line client:\n\n' +
    `${version}\n\n` +
    `${client} is the command line way to talk to an ecFlow server:\n` +
    'Try:\n\n' +
    `   ${client} --help=all       # Every command, with full details\n` +
    `   ${client} --help=summary   # Every command, one line each\n` +
    `   ${client} --help=child     # Child commands, one line each\n` +
    `   ${client} --help=user      # User commands, one line each\n` +
    `   ${client} --help=<cmd>     # Everything about one command\n\n` +
    commandGrid('Commands:', options)
  );
}

/** std::string's operator< on ASCII names: plain code-unit order. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedByName<T extends HelpOption>(options: readonly T[]): T[] {
  return [...options].sort((a, b) => compareBytes(a.name, b.name));
}

/** Width of the name column: longest long name plus one (ClientOptions.cpp). */
function nameColumnWidth(options: readonly HelpOption[]): number {
  let width = 0;
  for (const o of options) width = Math.max(width, o.name.length);
  return width + 1;
}

/** The sorted names, five to a row: `show_all_commands`. */
export function commandGrid(title: string, options: readonly HelpOption[]): string {
  const width = nameColumnWidth(options);
  let out = `${title}\n`;
  sortedByName(options).forEach((o, i) => {
    if (i % 5 === 0) out += '\n   ';
    out += o.name.padEnd(width);
  });
  return `${out}\n`;
}

/** One line per option: name, kind, first line of the description: `show_cmd_summary`. */
export function commandSummary(title: string, options: readonly HelpOption[], only: 'user' | 'child' | undefined): string {
  const width = nameColumnWidth(options);
  let out = `${title}\n`;
  for (const o of sortedByName(options)) {
    if (only !== undefined && o.kind !== only) continue;
    // Str::split drops empty pieces, so this is the first non-empty line.
    const first = o.description.split('\n').find((line) => line !== '');
    if (first === undefined) continue;
    out += `  ${o.name.padEnd(width)} ${o.kind === 'child' ? 'child  ' : 'user   '}${first}\n`;
  }
  return `${out}\n`;
}

/** Whether `--help=<name>` adds the child-command environment table (TaskApi args). */
function isChildCommand(option: HelpOption): boolean {
  return option.kind === 'child';
}

/** `--help=<cmd>` once the option is found. */
export function commandHelp(option: HelpOption): string {
  let out = `\n${option.name}\n${'-'.repeat(option.name.length)}\n\n${option.description}\n\n${CLIENT_ENV_DESCRIPTION}`;
  if (isChildCommand(option)) out += `\n${CHILD_ENV_DESCRIPTION}`;
  return out;
}

function tableRow(cells: readonly string[], widths: readonly number[]): string {
  return `|${cells.map((c, i) => ` ${c.padEnd(widths[i] ?? 0)} `).join('|')}|`;
}

function tableRule(widths: readonly number[]): string {
  return `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
}

function table(widths: readonly number[], header: readonly string[], rows: readonly (readonly string[])[]): string {
  const rule = tableRule(widths);
  return [rule, tableRow(header, widths), rule, ...rows.map((r) => tableRow(r, widths)), rule].map((l) => `${l}\n`).join('');
}

const CLIENT_ENV_WIDTHS = [8, 8, 10, 65] as const;

/** Printed after every `--help=<cmd>`: the variables every command reads. */
export const CLIENT_ENV_DESCRIPTION =
  'Environment variables read by the client, for user and child commands alike:\n\n' +
  table(CLIENT_ENV_WIDTHS, ['Name', ' Type', 'Required', 'Description'], [
    ['ECF_HOST', '<string>', 'Mandatory*', "Host name of the server; 'localhost' when unset"],
    ['ECF_PORT', ' <int>', 'Mandatory*', 'TCP port the server listens on; each server has its own'],
    ['ECF_SSL', ' <any>', 'Optional*', 'Use SSL/TLS, for servers that have SSL enabled'],
  ]) +
  '\n' +
  '* A host and a port are needed to reach a server: they come from ECF_HOST and ECF_PORT,\n' +
  '  or from --host=<host> --port=<int> on the command line, which take precedence\n';

const CHILD_ENV_WIDTHS = [12, 8, 9, 61] as const;

/** Printed after `--help=<child command>`: the variables child commands read as well. */
export const CHILD_ENV_DESCRIPTION =
  'Child commands read these variables as well.\n' +
  'Job scripts must export the mandatory ones, usually from the head/tail include files\n\n' +
  table(CHILD_ENV_WIDTHS, ['Name', ' Type', 'Required', 'Description'], [
    ['ECF_NAME', '<string>', 'Mandatory', 'Path of the task in the definition'],
    ['ECF_PASS', '<string>', 'Mandatory', 'Password the server gave this job; the server checks it on'],
    ['', '', '', 'every child command'],
    ['ECF_TRYNO', ' <int>', 'Mandatory', 'How many times the task has been tried; set by the server'],
    ['', '', '', 'and part of the job and output file names'],
    ['ECF_RID', '<string>', 'Mandatory', 'Remote id of the job, usually its process id; helps to spot'],
    ['', '', '', 'zombies and to kill running jobs'],
    ['ECF_TIMEOUT', ' <int>', 'optional', 'Longest time, in *seconds*, spent trying to reach the'],
    ['', '', '', 'server; 24 hours when unset'],
    ['ECF_HOSTFILE', '<string>', 'optional', 'File listing other hosts to try when the main host cannot'],
    ['', '', '', 'be reached'],
    ['ECF_DENIED', ' <any>', 'optional', 'When set, a child command the server turns away fails at'],
    ['', '', '', 'once instead of retrying for 24 hours. With many tasks this'],
    ['', '', '', 'means a lot of manual work to find out the real state of'],
    ['', '', '', 'each job'],
    ['NO_ECF', ' <any>', 'optional', 'When set, ecflow_client exits at once with success, so job'],
    ['', '', '', 'scripts can be tried out without a server'],
  ]);

// ---------------------------------------------------------------------------------------------
// boost::program_options 1.74 options_description::print, for --help=all.

function formatName(option: HelpOption): string {
  return option.short !== undefined ? `-${option.short} [ --${option.name} ]` : `--${option.name}`;
}

function optionColumn(option: HelpOption): string {
  return `  ${formatName(option)} ${option.parameter}`;
}

/**
 * Renders options the way boost's `operator<<(ostream&, options_description)` does: caption line,
 * then one entry per option, the description starting in a shared column and wrapped to
 * `lineLength - 1` characters.
 */
export function formatOptionsDescription(caption: string, options: readonly HelpOption[], lineLength: number): string {
  const minDescriptionLength = Math.floor(BOOST_DEFAULT_LINE_LENGTH / 2);
  let width = 23;
  for (const o of options) width = Math.max(width, optionColumn(o).length);
  width = Math.min(width, lineLength - minDescriptionLength - 1) + 1;

  let out = caption === '' ? '' : `${caption}:\n`;
  for (const o of options) {
    const column = optionColumn(o);
    out += column;
    if (o.description !== '') {
      out += column.length >= width ? `\n${' '.repeat(width)}` : ' '.repeat(width - column.length);
      out += formatDescription(o.description, width, lineLength);
    }
    out += '\n';
  }
  return out;
}

function formatDescription(description: string, firstColumnWidth: number, lineLength: number): string {
  const usable = lineLength > 1 ? lineLength - 1 : lineLength;
  return description
    .split('\n')
    .map((paragraph) => formatParagraph(paragraph, firstColumnWidth, usable))
    .join(`\n${' '.repeat(firstColumnWidth)}`);
}

function formatParagraph(input: string, indentIn: number, lineLengthIn: number): string {
  let indent = indentIn;
  let lineLength = lineLengthIn - indent;
  let par = input;
  // A single tab marks the indent of continuation lines, relative to the description column.
  let parIndent = par.indexOf('\t');
  if (parIndent === -1) {
    parIndent = 0;
  } else {
    if (par.indexOf('\t', parIndent + 1) !== -1) {
      throw new Error('Only one tab per paragraph is allowed in the options description');
    }
    par = par.slice(0, parIndent) + par.slice(parIndent + 1);
    if (parIndent >= lineLength) parIndent = 0;
  }
  if (par.length < lineLength) return par;

  let out = '';
  const end = par.length;
  let begin = 0;
  let firstLine = true;
  while (begin < end) {
    // Continuation lines lose one leading space, unless it starts a run of spaces.
    if (!firstLine && par[begin] === ' ' && begin + 1 < end && par[begin + 1] !== ' ') begin += 1;
    const remaining = end - begin;
    let lineEnd = begin + (remaining < lineLength ? remaining : lineLength);
    // Do not cut a word when a space in the second half of the line allows a cleaner break.
    if (par[lineEnd - 1] !== ' ' && lineEnd < end && par[lineEnd] !== ' ') {
      let lastSpace = lineEnd;
      while (lastSpace > begin && par[lastSpace - 1] !== ' ') lastSpace -= 1;
      if (lastSpace !== begin && lineEnd - lastSpace < Math.floor(lineLength / 2)) lineEnd = lastSpace;
    }
    out += par.slice(begin, lineEnd);
    if (firstLine) {
      indent += parIndent;
      lineLength -= parIndent;
      firstLine = false;
    }
    if (lineEnd !== end) out += `\n${' '.repeat(indent)}`;
    begin = lineEnd;
  }
  return out;
}
