import type { Env } from '../client/client-environment.js';
import { EcflowError, ErrorCode } from '../errors.js';
import { TESTED_VERSIONS, versionOf } from '../versions.js';

/**
 * The ecflow_client release the command line imitates where nothing the server sent tells it
 * which one to be (help, argument errors, a server that cannot be reached, `--load … print`):
 * `ECFLOW_TS_IMITATE` (e.g. `5.9.2`), else the newest release the project is tested against.
 * Output made from a server's reply follows that server's release instead.
 */
export function imitatedVersion(env: Env): string {
  const setting = env.ECFLOW_TS_IMITATE;
  if (setting === undefined || setting === '') return TESTED_VERSIONS[TESTED_VERSIONS.length - 1]!;
  if (versionOf(setting) !== setting) {
    throw new EcflowError(ErrorCode.ARGUMENT, `ECFLOW_TS_IMITATE=${setting} names no ecFlow release: expected one like ${TESTED_VERSIONS.join(', ')}`);
  }
  return setting;
}
