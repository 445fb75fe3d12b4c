/**
 * The options `ecflow-client` understands as the help system sees them, derived from the option
 * table (table.ts, itself from the command modules, which hold each option's help text).
 *
 * Names, order, kinds and value shapes mirror ecflow_client exactly (the interface); the
 * description prose is written for this project. Order is the order in which ecFlow registers
 * the options (Base/src/cts/CtsCmdRegistry.cpp, then Client/src/ClientOptions.cpp), which is the
 * order `--help=all` prints them in.
 *
 * Description convention: the first line is the one-line summary shown by `--help=summary`;
 * the following lines give details and a `Usage:` block whose argument forms are the real
 * client's.
 *
 * @module
 */
import type { ValueKind } from '../argv.js';
import { OPTIONS, optionsOf, type CliOption } from '../table.js';

/** The two columns of `--help=summary`: child commands are the ones a job script calls. */
export const OPTION_KINDS = ['user', 'child'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

/**
 * How an option takes a value on the command line:
 * - `none`: a switch, `--ping`;
 * - `required`: `--msg=text` / `--msg text`;
 * - `implicit`: the value may be left out, `--get` or `--get=/s1`.
 */
export const VALUE_ARITIES = ['none', 'required', 'implicit'] as const;
export type ValueArity = (typeof VALUE_ARITIES)[number];

/** One option of the command line, as the help system needs it. */
export interface OptionHelp {
  /** Long name, without the leading `--`. */
  readonly name: string;
  /** One-letter alias (`-h`, `-v`, `-d`); boost then prints `-h [ --help ]`. */
  readonly short?: string;
  /** Column shown by `--help=summary`. */
  readonly kind: OptionKind;
  /** A generic option (`--host`, `--add`…), which the help sets apart from the commands from 5.12. */
  readonly generic: boolean;
  /** The value shape exactly as boost prints it after the name in `--help=all`. */
  readonly parameter: '' | 'arg';
  /** Whether and how a value is taken. */
  readonly value: ValueArity;
  /** Whether the value may span several command-line words (`--force=complete /s1 /s2`). */
  readonly multitoken: boolean;
  /** Our description: summary line, then details and usage. */
  readonly description: string;
}

/** How boost prints an option of each value kind: its parameter, arity and whether it spans words. */
const SHAPES: Record<ValueKind, Pick<OptionHelp, 'parameter' | 'value' | 'multitoken'>> = {
  none: { parameter: '', value: 'none', multitoken: false },
  one: { parameter: 'arg', value: 'required', multitoken: false },
  optional: { parameter: 'arg', value: 'implicit', multitoken: false },
  many: { parameter: 'arg', value: 'required', multitoken: true },
  pair: { parameter: 'arg', value: 'required', multitoken: true },
  alter: { parameter: 'arg', value: 'required', multitoken: true },
};

const help = (o: CliOption): OptionHelp => ({
  name: o.name,
  ...(o.short !== undefined ? { short: o.short } : {}),
  kind: o.child === true ? 'child' : 'user',
  generic: o.generic === true,
  ...SHAPES[o.value],
  description: o.description,
});

/** Every option of every release with its help, in the option table's order. */
export const OPTION_HELP: readonly OptionHelp[] = OPTIONS.map(help);

const byVersion = new Map<string, readonly OptionHelp[]>();
/** The options the ecflow_client of `version` knows, with their help, in the option table's order. */
export function optionHelpOf(version: string): readonly OptionHelp[] {
  let options = byVersion.get(version);
  if (options === undefined) {
    options = optionsOf(version).map((o) => BY_NAME.get(o.name)!);
    if (byVersion.size < 64) byVersion.set(version, options);
  }
  return options;
}

/** An option name `ecflow-client` knows. */
export type OptionName = string;

/** Names of the child commands, the ones a job script calls (ACore/src/Child.cpp). */
export const CHILD_COMMANDS = OPTION_HELP.filter((o) => o.kind === 'child').map((o) => o.name);

const BY_NAME: ReadonlyMap<string, OptionHelp> = new Map(OPTION_HELP.map((o) => [o.name, o]));

/** Looks an option up by its exact long name. */
export function optionHelp(name: string): OptionHelp | undefined {
  return BY_NAME.get(name);
}
