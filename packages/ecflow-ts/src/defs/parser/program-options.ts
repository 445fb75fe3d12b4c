/**
 * What the `aviso` and `mirror` parsers need of `ecf::algorithm::split_within_quotes`
 * (libs/core/src/ecflow/core/Str.cpp) and of boost::program_options' command line parser with its
 * default style: `--name value` and `--name=value`, unique prefixes (`--lis`), `--` ending the
 * options, tokens that are no option ignored, and boost's error messages.
 */
import { ArgumentError } from '../../errors.js';

/**
 * `split_within_quotes(input, quotes)`: splits on spaces (only) outside quotes; a quoted region
 * is kept with its quotes, and an opening quote starts a new token (what came before it in the
 * same token is dropped, as there).
 */
export function splitWithinQuotes(input: string, quotes: string): string[] {
  const tokens: string[] = [];
  const levels: string[] = [];
  let start = 0;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input[i]!;
    if (c === ' ' && levels.length === 0) {
      if (start !== i) tokens.push(input.slice(start, i));
      start = i + 1;
    } else if (quotes.includes(c)) {
      if (levels.length > 0 && levels[levels.length - 1] === c) levels.pop();
      else {
        if (levels.length === 0) start = i;
        levels.push(c);
      }
    }
  }
  if (start !== n) tokens.push(input.slice(start));
  return tokens;
}

/** One option of a command line: its long name and whether it takes a value. */
export interface OptionSpec {
  readonly name: string;
  readonly value: boolean;
}

/** The options given, by name (`''` for one that takes no value). */
export type OptionValues = Map<string, string>;

function ambiguous(token: string, matches: readonly string[]): never {
  const sorted = [...matches].sort();
  let list = '';
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0) list += i === sorted.length - 1 ? ', and ' : ', ';
    list += `'--${sorted[i]}'`;
  }
  throw new ArgumentError(`option '${token}' is ambiguous and matches ${list}`);
}

/** `po::command_line_parser(tokens).options(description).run()` then `po::store`, with boost's messages. */
export function parseCommandLine(tokens: readonly string[], specs: readonly OptionSpec[]): OptionValues {
  const parsed: [OptionSpec, string][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '--') break; // the rest is positional
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const key = eq < 0 ? t.slice(2) : t.slice(2, eq);
      let spec = specs.find((s) => s.name === key);
      if (spec === undefined) {
        const matches = specs.filter((s) => s.name.startsWith(key));
        if (matches.length > 1) ambiguous('--' + key, matches.map((s) => s.name));
        if (matches.length === 0) throw new ArgumentError(`unrecognised option '--${key}'`);
        spec = matches[0]!;
      }
      if (!spec.value) {
        if (eq >= 0) throw new ArgumentError(`option '--${spec.name}' does not take any arguments`);
        parsed.push([spec, '']);
      } else if (eq >= 0) parsed.push([spec, t.slice(eq + 1)]);
      else {
        if (i + 1 >= tokens.length) throw new ArgumentError(`the required argument for option '--${spec.name}' is missing`);
        parsed.push([spec, tokens[++i]!]);
      }
    } else if (t.length > 1 && t.charCodeAt(0) === 45 && t !== '--') {
      throw new ArgumentError(`unrecognised option '${t.slice(0, 2)}'`);
    }
    // anything else is a positional token, which no option takes: ignored
  }
  const vm: OptionValues = new Map();
  for (const [spec, value] of parsed) {
    if (vm.has(spec.name)) throw new ArgumentError(`option '--${spec.name}' cannot be specified more than once`);
    vm.set(spec.name, value);
  }
  return vm;
}

/** A required option's value (`get_option_value`), or the parser's "Could not find" error. */
export function optionValue(vm: OptionValues, name: string, line: string, parser: string): string {
  const v = vm.get(name);
  if (v === undefined) throw new ArgumentError(`${parser}::doParse: Could not find '${name}' option in line: ${line}`);
  return v;
}

/** An option read as `std::uint64_t` (`boost::lexical_cast`: a sign and digits; `-n` wraps). */
export function uint64Option(vm: OptionValues, name: string): number {
  const v = vm.get(name) ?? '';
  if (!/^[+-]?\d+$/.test(v)) throw new ArgumentError(`the argument ('${v}') for option '--${name}' is invalid`);
  const neg = v.startsWith('-');
  const big = BigInt(v.replace(/^[+-]/, ''));
  if (big >= 1n << 64n) throw new ArgumentError(`the argument ('${v}') for option '--${name}' is invalid`);
  return Number(neg ? BigInt.asUintN(64, -big) : big);
}
