/**
 * What `ecflow-client --help[=topic]` prints.
 *
 * The layout is the one of the ecflow_client release imitated: 5.9's (Client/src/ClientOptions.cpp
 * `show_help`, `show_all_commands`, `show_cmd_summary`) or, from 5.12, Help.cpp's, which sets the
 * generic options apart (`helpGenericOptions`) and from 5.15 lists the environment instead of
 * tabulating it (`helpEnvironmentList`); `--help=all` is boost::program_options 1.74's
 * `options_description::print` in every release. Only the prose differs.
 *
 * @module
 */

import { EcflowError, ErrorCode } from '../../errors.js';
import { versionDescription } from '../../version.js';
import { factsOf } from '../../versions.js';
import { optionHelpOf } from './descriptions.js';

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
  /** A generic option (`--host`, `--add`…), set apart from the commands from 5.12. @default false */
  readonly generic?: boolean;
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
   * @default the options of the release, with our descriptions
   */
  readonly options?: readonly HelpOption[];
  /**
   * The `--version` line, shown in the general help and in the `--help=all` caption.
   * @default versionDescription(release)
   */
  readonly versionLine?: string;
}

/** How the help of one release is laid out. */
interface Layout {
  /** Generic options apart: their own grid, summary and help without the environment (5.12+). */
  readonly apart: boolean;
  /** The environment as a list (5.15+), or as 5.9's tables. */
  readonly list: boolean;
}

/**
 * Returns exactly what `--help`, `--help=<topic>` writes on stdout, laid out as the ecflow_client
 * of `release` lays it out.
 *
 * @param topic `undefined` or `''` for the general help (what a bare `--help` yields; note that
 *   ecflow_client rejects a literal `--help=` while parsing argv); `all`, `summary`, `child`, `user`
 *   (from 5.12 also `option`); or a command name, matched like boost does (exact name, else a unique
 *   prefix, else `-h`/`-v`/`-d`).
 * @param release The ecflow_client release whose layout and options are shown (e.g. `5.17.0`).
 * @throws HelpTopicAmbiguousError when the topic is a prefix of several option names.
 */
export function helpText(topic: string | undefined, release: string, opts: HelpTextOptions = {}): string {
  const facts = factsOf(release);
  const layout: Layout = { apart: facts.helpGenericOptions, list: facts.helpEnvironmentList };
  const options: readonly HelpOption[] = opts.options ?? optionHelpOf(release);
  const version = opts.versionLine ?? versionDescription(release);
  const commands = layout.apart ? options.filter((o) => o.generic !== true) : options;
  // Like ecflow_client: these topics shadow options of the same name (--help=user).
  if (topic === undefined || topic === '') return generalHelp(options, version, opts.clientName ?? DEFAULT_CLIENT_NAME, layout);
  if (topic === 'all') return `${formatOptionsDescription(`Client options, ${version}   `, options, HELP_ALL_LINE_LENGTH)}\n`;
  if (topic === 'summary') return commandSummary('\nEcflow client commands:\n', commands, () => true, layout);
  if (topic === 'child') return commandSummary('\nEcflow child client commands:\n', commands, (o) => o.kind === 'child', layout);
  if (topic === 'user') return commandSummary('\nEcflow user client commands:\n', commands, (o) => o.kind === 'user', layout);
  if (topic === 'option' && layout.apart) return commandSummary('\nEcflow generic options:\n', options, (o) => o.generic === true, layout);
  const option = findOption(options, topic);
  if (option === undefined) return commandGrid('No matching command found, please choose from:', commands, layout);
  return commandHelp(option, release, layout);
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
function generalHelp(options: readonly HelpOption[], version: string, client: string, layout: Layout): string {
  const head =
    '\necFlow work flow package, command line client:\n\n' +
    `${version}\n\n` +
    `${client} is the command line way to talk to an ecFlow server:\n` +
    'Try:\n\n' +
    `   ${client} --help=all       # Every command, with full details\n` +
    `   ${client} --help=summary   # Every command, one line each\n` +
    `   ${client} --help=child     # Child commands, one line each\n` +
    `   ${client} --help=user      # User commands, one line each\n` +
    `   ${client} --help=<cmd>     # Everything about one command\n\n`;
  if (!layout.apart) return head + commandGrid('Commands:', options, layout);
  return (
    head +
    commandGrid('Commands:', options.filter((o) => o.generic !== true), layout) +
    grid('Generic Options:', options.filter((o) => o.generic === true), 8, layout)
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

/** The sorted command names, five to a row: `show_all_commands`. */
function commandGrid(title: string, options: readonly HelpOption[], layout: Layout): string {
  return grid(title, options, 5, layout);
}

/** The sorted names, `columns` to a row; from 5.12 a blank line follows (Help.cpp's `show_table`). */
function grid(title: string, options: readonly HelpOption[], columns: number, layout: Layout): string {
  const width = nameColumnWidth(options);
  let out = `${title}\n`;
  sortedByName(options).forEach((o, i) => {
    if (i % columns === 0) out += '\n   ';
    out += o.name.padEnd(width);
  });
  return `${out}\n${layout.apart ? '\n' : ''}`;
}

/**
 * One line per option shown: name, kind, first line of the description (`show_cmd_summary`).
 * `options` are the ones that make the name column's width in 5.9 (all of them) and from 5.12 the
 * rows themselves are those that `shown` selects.
 */
function commandSummary(
  title: string,
  options: readonly HelpOption[],
  shown: (o: HelpOption) => boolean,
  layout: Layout,
): string {
  const rows = options.filter(shown);
  const width = nameColumnWidth(layout.apart ? rows : options);
  let out = `${title}\n`;
  for (const o of sortedByName(rows)) {
    // Str::split drops empty pieces, so this is the first non-empty line.
    const first = o.description.split('\n').find((line) => line !== '');
    if (first === undefined) continue;
    out += `  ${o.name.padEnd(width)} ${kindColumn(o, layout)}${first}\n`;
  }
  return `${out}\n`;
}

function kindColumn(option: HelpOption, layout: Layout): string {
  const kind = layout.apart && option.generic === true ? 'option' : option.kind;
  return kind.padEnd(layout.apart ? 8 : 7);
}

/** `--help=<cmd>` once the option is found. */
function commandHelp(option: HelpOption, release: string, layout: Layout): string {
  let out = `\n${option.name}\n${'-'.repeat(option.name.length)}\n\n${option.description}\n\n`;
  // From 5.12 a generic option is no command: no environment follows.
  if (layout.apart && option.generic === true) return out;
  out += clientEnvDescription(release);
  if (option.kind === 'child') out += `\n${childEnvDescription(release)}`;
  return out;
}

/** An environment variable the client reads, as the help lists it. */
interface EnvironmentVariable {
  readonly name: string;
  readonly type: 'string' | 'int' | 'any';
  /** As 5.9's tables spell it; the lists (5.15+) spell it in lower case. */
  readonly required: 'Mandatory*' | 'Optional*' | 'Mandatory' | 'optional';
  /** Read by every command (`both`) or by child commands only (`task`), as of `helpEnvironmentList`; before, every `task` one. */
  readonly kind: 'both' | 'task';
  /** Shown only from `helpEnvironmentList` on / only before it. @default always */
  readonly shown?: 'list' | 'table';
  /** Our description, a line per table row; a list shows the lines joined. */
  readonly description: readonly string[];
}

/** Help.cpp's `known_env_options` (5.15+) and 5.9's two tables, in their order. */
const ENVIRONMENT: readonly EnvironmentVariable[] = [
  { name: 'ECF_HOST', type: 'string', required: 'Mandatory*', kind: 'both', description: ["Host name of the server; 'localhost' when unset"] },
  { name: 'ECF_PORT', type: 'int', required: 'Mandatory*', kind: 'both', description: ['TCP port the server listens on; each server has its own'] },
  { name: 'ECF_SSL', type: 'any', required: 'Optional*', kind: 'both', description: ['Use SSL/TLS, for servers that have SSL enabled'] },
  { name: 'ECF_HOSTFILE', type: 'string', required: 'optional', kind: 'both', shown: 'list', description: ['File listing other hosts to try when the main host cannot be reached'] },
  { name: 'ECF_HOSTFILE_POLICY', type: 'string', required: 'optional', kind: 'both', shown: 'list', description: ["Which commands try those other hosts: 'task' (child commands) or 'all'"] },
  { name: 'ECF_NAME', type: 'string', required: 'Mandatory', kind: 'task', description: ['Path of the task in the definition'] },
  { name: 'ECF_PASS', type: 'string', required: 'Mandatory', kind: 'task', description: ['Password the server gave this job; the server checks it on', 'every child command'] },
  { name: 'ECF_TRYNO', type: 'int', required: 'Mandatory', kind: 'task', description: ['How many times the task has been tried; set by the server', 'and part of the job and output file names'] },
  { name: 'ECF_RID', type: 'string', required: 'Mandatory', kind: 'task', description: ['Remote id of the job, usually its process id; helps to spot', 'zombies and to kill running jobs'] },
  { name: 'ECF_TIMEOUT', type: 'int', required: 'optional', kind: 'task', description: ['Longest time, in *seconds*, spent trying to reach the', 'server; 24 hours when unset'] },
  { name: 'ECF_HOSTFILE', type: 'string', required: 'optional', kind: 'task', shown: 'table', description: ['File listing other hosts to try when the main host cannot', 'be reached'] },
  {
    name: 'ECF_DENIED',
    type: 'any',
    required: 'optional',
    kind: 'task',
    description: ['When set, a child command the server turns away fails at', 'once instead of retrying for 24 hours. With many tasks this', 'means a lot of manual work to find out the real state of', 'each job'],
  },
  { name: 'NO_ECF', type: 'any', required: 'optional', kind: 'task', description: ['When set, ecflow_client exits at once with success, so job', 'scripts can be tried out without a server'] },
];

function variablesOf(kind: 'both' | 'task', list: boolean): EnvironmentVariable[] {
  return ENVIRONMENT.filter((v) => v.kind === kind && (v.shown === undefined || v.shown === (list ? 'list' : 'table')));
}

/** 5.15's `  NAME <type> [required]` line and the description below it. */
function listed(variables: readonly EnvironmentVariable[]): string {
  return variables.map((v) => `  ${v.name} <${v.type}> [${v.required.toLowerCase()}]\n    ${v.description.join(' ')}\n`).join('');
}

function tableRow(cells: readonly string[], widths: readonly number[]): string {
  return `|${cells.map((c, i) => ` ${c.padEnd(widths[i] ?? 0)} `).join('|')}|`;
}

function tableRule(widths: readonly number[]): string {
  return `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
}

/** 5.9's table: a row per description line, the type centred as `<string>` / ` <int>`. */
function tabulated(widths: readonly number[], variables: readonly EnvironmentVariable[]): string {
  const rule = tableRule(widths);
  const rows = variables.flatMap((v) =>
    v.description.map((text, i) => (i === 0 ? [v.name, v.type === 'string' ? '<string>' : ` <${v.type}>`, v.required, text] : ['', '', '', text])),
  );
  return [rule, tableRow(['Name', ' Type', 'Required', 'Description'], widths), rule, ...rows.map((r) => tableRow(r, widths)), rule].map((l) => `${l}\n`).join('');
}

/** Printed after every `--help=<cmd>`: the variables every command reads. */
export function clientEnvDescription(release: string): string {
  if (factsOf(release).helpEnvironmentList) {
    return (
      'Environment variables read by the client, for user and child commands alike:\n\n' +
      listed(variablesOf('both', true)) +
      '\n' +
      'The ones marked (*) are needed to reach a server: the host and the port come from ECF_HOST\n' +
      'and ECF_PORT, or from --host=<host> --port=<int> on the command line, which take precedence;\n' +
      'SSL from ECF_SSL or --ssl.\n'
    );
  }
  return (
    'Environment variables read by the client, for user and child commands alike:\n\n' +
    tabulated([8, 8, 10, 65], variablesOf('both', false)) +
    '\n' +
    '* A host and a port are needed to reach a server: they come from ECF_HOST and ECF_PORT,\n' +
    '  or from --host=<host> --port=<int> on the command line, which take precedence\n'
  );
}

/** Printed after `--help=<child command>`: the variables child commands read as well. */
export function childEnvDescription(release: string): string {
  if (factsOf(release).helpEnvironmentList) {
    return (
      'Child commands read these variables as well:\n\n' +
      listed(variablesOf('task', true)) +
      '\n' +
      'Job scripts must export the mandatory ones, usually from shared include files\n'
    );
  }
  return (
    'Child commands read these variables as well.\n' +
    'Job scripts must export the mandatory ones, usually from the head/tail include files\n\n' +
    tabulated([12, 8, 9, 61], variablesOf('task', false))
  );
}

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
