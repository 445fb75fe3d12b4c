/**
 * ecflow_client's command-line syntax, as boost::program_options parses it: `--name`,
 * `--name=value`, `--name value…`; a unique prefix selects an option; the first value an option
 * needs is taken whatever it looks like; tokens that belong to no option are ignored. Up to 5.11
 * (unix style minus short options) a later value may start with `-`, so negative numbers work;
 * from 5.12 (boost's default style) such a token is a short option: `-h`, `-v`, `-d` (`-hall`,
 * `-h all`, grouped switches `-vd`), any other unknown. From 5.13
 * (ClientOptionsParser) `--alter`, `--label`, `--meter` and `--abort` read their values
 * themselves, whatever they look like.
 */
import { factsOf, since, TESTED_VERSIONS, type VersionFact } from '../versions.js';

/** How an option takes its value (the boost value semantic it was declared with). */
export type ValueKind =
  /** no value: `--ping` */
  | 'none'
  /** exactly one value: `--msg=text` or `--msg text` */
  | 'one'
  /** one value, or "" when absent: `--get`, `--get=/s`, `--get /s` */
  | 'optional'
  /** one or more values: `--force=complete /a /b` or `--suspend /a /b` */
  | 'many'
  /**
   * a name and a value: `--label NAME VALUE…`, `--meter NAME VALUE`; up to 5.12 a 'many'; from
   * 5.13 (ClientOptionsParser) the name and the first value whatever they look like, then the
   * plain tokens that follow
   */
  | 'pair'
  /**
   * `--alter`'s values (ClientOptionsParser::parse_alter, ecflow_client 5.13+; before, a 'many'): the operation,
   * then up to four values whatever they look like (an aviso's `--listener '…'` included) until
   * one is a path (for `inlimit` from 5.17, the first three are taken anyway: its name may be
   * `/path:limit`), then every path that follows.
   */
  | 'alter';

export interface OptionSpec {
  readonly name: string;
  /** One-letter alias (`-h`, `-v`, `-d`), an option from 5.12 (boost's default style). */
  readonly short?: string;
  readonly value: ValueKind;
  /** Values must parse as unsigned integers (boost `vector<unsigned int>` / `unsigned int`). */
  readonly unsigned?: boolean;
  /** Values must parse as integers (boost `int`). */
  readonly integer?: boolean;
  /**
   * From 5.13 ClientOptionsParser reads this option's one value itself, whatever it looks like
   * (`--abort --reason--`); the `pair` and `alter` kinds are always read so.
   */
  readonly anyValue?: boolean;
  /** The option exists from this fact's release on (`--http` from 5.14); before, it is unrecognised. */
  readonly since?: VersionFact;
}

/** Values given for each option present, in the order options appeared. */
export type ParsedArgs = Map<string, string[]>;

export class ArgvError extends Error {
  override name = 'ArgvError';
}

/**
 * Reads `argv` as the ecflow_client of `version` does (default: the newest release tested, as the
 * command line imitates it).
 */
export function parseArgv(argv: readonly string[], specs: readonly OptionSpec[], version: string = TESTED_VERSIONS[TESTED_VERSIONS.length - 1]!): ParsedArgs {
  const facts = factsOf(version);
  specs = specs.filter((s) => s.since === undefined || since(version, s.since));
  // From 5.12 a token `-x` is a short option; before, a value like any other.
  const isOption = (token: string) => token.startsWith('--') || (facts.shortOptions && token.length > 1 && token.startsWith('-'));
  const byName = new Map(specs.map((s) => [s.name, s]));
  const parsed: ParsedArgs = new Map();
  const once = (spec: OptionSpec) => {
    if (parsed.has(spec.name)) throw new ArgvError(`option '--${spec.name}' cannot be specified more than once`);
  };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--' || !isOption(token)) continue;
    let spec: OptionSpec;
    const values: string[] = [];
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const written = eq < 0 ? token.slice(2) : token.slice(2, eq);
      spec = lookup(written, byName, specs);
      once(spec);
      if (eq >= 0) {
        if (eq === token.length - 1) throw new ArgvError(`the argument for option '--${spec.name}' should follow immediately after the equal sign`);
        if (spec.value === 'none') throw new ArgvError(`option '--${spec.name}' does not take any arguments`);
        values.push(token.slice(eq + 1));
      }
    } else {
      // boost's parse_short_option: a switch may be followed by more short options (`-vd`), any
      // other option takes the rest of the token as its value (`-hall`); an unknown letter is
      // reported with the whole token.
      let rest = token.slice(1);
      for (;;) {
        const letter = rest[0];
        const found = specs.find((s) => s.short !== undefined && s.short === letter);
        if (found === undefined) throw new ArgvError(`unrecognised option '${token}'`);
        once(found);
        rest = rest.slice(1);
        if (found.value !== 'none' || rest === '') {
          spec = found;
          if (rest !== '') values.push(rest);
          break;
        }
        parsed.set(found.name, []);
      }
    }
    // ClientOptionsParser's own readers (5.13+): whatever the values look like.
    const parsedWhole = facts.optionValueParsers && (spec.value === 'pair' || spec.anyValue === true);
    // Before ClientOptionsParser, --alter, --label and --meter were plain multi-token options.
    const kind = (spec.value === 'pair' || spec.value === 'alter') && !facts.optionValueParsers ? 'many' : spec.value;
    const takesNext = kind === 'many' || (values.length === 0 && (kind === 'one' || kind === 'optional'));
    if (kind === 'alter') {
      i = alterValues(argv, i, values, facts.alterInlimitPathName);
    } else if (parsedWhole) {
      const wanted = spec.value === 'pair' ? 2 : 1;
      while (values.length < wanted && i + 1 < argv.length) values.push(argv[++i]!);
      // A multi-token option then takes the plain tokens that follow (boost gives it the positional ones).
      if (spec.value === 'pair') while (i + 1 < argv.length && !isOption(argv[i + 1]!)) values.push(argv[++i]!);
    } else if (takesNext) {
      // boost takes the first value of an option that needs one whatever it looks like; later
      // values stop at the next option.
      while (i + 1 < argv.length && ((values.length === 0 && kind !== 'optional') || !isOption(argv[i + 1]!))) {
        values.push(argv[++i]!);
        if (kind !== 'many') break;
      }
    }
    if (values.length === 0) {
      if (kind === 'one' || kind === 'many' || kind === 'pair' || kind === 'alter') throw new ArgvError(`the required argument for option '--${spec.name}' is missing`);
      if (spec.value === 'optional') values.push('');
    }
    for (const v of values) {
      if (spec.unsigned && !/^\+?\d+$/.test(v.trim())) throw invalid(v, spec);
      if (spec.integer && !/^[+-]?\d+$/.test(v.trim())) throw invalid(v, spec);
    }
    parsed.set(spec.name, values);
  }
  return parsed;
}

/** Takes `--alter`'s values after position `i` into `values`; returns the position of the last one taken. */
function alterValues(argv: readonly string[], i: number, values: string[], inlimitPathName: boolean): number {
  if (values.length === 0 && i + 1 < argv.length) values.push(argv[++i]!);
  let inlimit = false;
  for (let index = 0; index < 4 && i + 1 < argv.length; index++) {
    const arg = argv[i + 1]!;
    if (index === 0 && arg === 'inlimit') inlimit = inlimitPathName;
    if (!((inlimit && index < 3) || !arg.startsWith('/'))) break;
    values.push(arg);
    i++;
  }
  while (i + 1 < argv.length && argv[i + 1]!.startsWith('/')) values.push(argv[++i]!);
  return i;
}

function invalid(value: string, spec: OptionSpec): ArgvError {
  return new ArgvError(`the argument ('${value}') for option '--${spec.name}' is invalid`);
}

/** Exact name first; otherwise the one option the name is a prefix of (boost's allow_guessing). */
function lookup(written: string, byName: Map<string, OptionSpec>, specs: readonly OptionSpec[]): OptionSpec {
  const exact = byName.get(written);
  if (exact) return exact;
  const candidates = specs.filter((s) => s.name.startsWith(written));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0 || written === '') throw new ArgvError(`unrecognised option '--${written}'`);
  const names = candidates.map((s) => `'--${s.name}'`).sort();
  throw new ArgvError(`option '--${written}' is ambiguous and matches ${names.slice(0, -1).join(', ')}, and ${names.at(-1)}`);
}
