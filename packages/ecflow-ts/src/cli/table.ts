/**
 * The option table of `ecflow-client`, derived from the command table (commands/index.ts): every
 * command's options in ecflow_client's CtsCmdRegistry order, then ClientOptions' own (help,
 * version, debug and the globals).
 *
 * @module
 */
import { REGISTRY } from '../commands/index.js';
import type { ClientOption } from '../commands/option.js';
import { since } from '../versions.js';
import { CLIENT_OPTIONS } from './client-options.js';

export { type Action, type CliContext, ClientSideError, UsageError } from '../commands/option.js';

/** One option of ecflow_client: its argv syntax, help and, for commands, its reader. */
export type CliOption = ClientOption;

/**
 * Every option of ecflow_client, commands in the order its CtsCmdRegistry tries them (the first
 * command present on the command line wins), then help/version/debug and the globals; some only
 * from a release on ({@link optionsOf}).
 */
export const OPTIONS: readonly CliOption[] = [
  ...REGISTRY.map((r) => r.option),
  ...Object.entries(CLIENT_OPTIONS).map(([name, option]): CliOption => ({ name, ...option })),
];

const byVersion = new Map<string, readonly CliOption[]>();
/** The options the ecflow_client of `version` knows, in {@link OPTIONS}' order. */
export function optionsOf(version: string): readonly CliOption[] {
  let options = byVersion.get(version);
  if (options === undefined) {
    options = OPTIONS.filter((o) => o.since === undefined || since(version, o.since));
    if (byVersion.size < 64) byVersion.set(version, options);
  }
  return options;
}
