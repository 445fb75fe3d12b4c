/**
 * The facts one print asks of its release, decided once per print: the only place the printers
 * (print.ts, print-defs.ts) read version facts.
 */
import { DEFAULT_VERSION, since } from '../versions.js';

/** The print styles (`PrintStyle::Type_t`). */
export type PrintStyleName = 'defs' | 'state' | 'migrate' | 'net';

/** What one print writes, decided once from the release (the only place the printers ask version facts). */
export interface PrintFacts {
  readonly style: PrintStyleName;
  /** The release printed for. */
  readonly version: string;
  /** Indent two spaces per level. */
  readonly indent: boolean;
  /** Repeat-generated variables zero-padded (STATE `# edit` lines). */
  readonly zeroPad: boolean;
  /** STATE expression trees nested as formatter/DefsWriter.hpp nests them. */
  readonly astNested: boolean;
}

/**
 * @internal The facts of one print. `client`: the indentation ecflow_client and `node.print()`
 * use (every style before 5.14.1, DEFS only from it) instead of {@link PrintOptions.indent}'s default.
 */
export function printFacts(style: PrintStyleName, version: string | undefined, indent: boolean | undefined, client = false): PrintFacts {
  const v = version ?? DEFAULT_VERSION;
  const flat = since(v, 'unindentedStateStyles');
  const byDefault = client ? style === 'defs' || !flat : style === 'defs' || (style === 'state' && !flat);
  return {
    style,
    version: v,
    indent: indent ?? byDefault,
    zeroPad: since(v, 'zeroPaddedRepeatVariables'),
    astNested: since(v, 'stateAstNesting'),
  };
}
