import { type Command, expectReply, Timeout, truncatedPaths } from './command.js';

/** PathsCmd::Api */
export const PathsApi = {
  NO_CMD: 0,
  SUSPEND: 1,
  RESUME: 2,
  KILL: 3,
  STATUS: 4,
  CHECK: 5,
  EDIT_HISTORY: 6,
  ARCHIVE: 7,
  RESTORE: 8,
} as const;
export type PathsApi = (typeof PathsApi)[keyof typeof PathsApi];

const option: Record<PathsApi, string> = {
  [PathsApi.NO_CMD]: '',
  [PathsApi.SUSPEND]: '--suspend',
  [PathsApi.RESUME]: '--resume',
  [PathsApi.KILL]: '--kill',
  [PathsApi.STATUS]: '--status',
  [PathsApi.CHECK]: '--check',
  [PathsApi.EDIT_HISTORY]: '--edit_history',
  [PathsApi.ARCHIVE]: '--archive',
  [PathsApi.RESTORE]: '--restore',
};

type Result<A extends PathsApi> = A extends typeof PathsApi.CHECK
  ? string
  : A extends typeof PathsApi.EDIT_HISTORY
    ? string[]
    : void;

/** PathsCmd: an operation on a list of node paths. */
export function pathsCmd<A extends PathsApi>(api: A, paths: readonly string[], force = false): Command<Result<A>> {
  const head = [option[api]];
  if (api === PathsApi.CHECK && paths.length === 0) head.push('_all_');
  if (api === PathsApi.ARCHIVE && force) head.push('force');
  const text = truncatedPaths(head, paths);
  return {
    cls: 'PathsCmd',
    base: 'user',
    fields: () => ({ api_: api, paths_: [...paths], force_: force }),
    timeout: Timeout.DEFAULT,
    text,
    // PathsCmd::isWrite: CHECK and reading the edit history change nothing.
    updatesDefs: api !== PathsApi.CHECK && (api !== PathsApi.EDIT_HISTORY || (paths.length === 1 && paths[0] === 'clear')),
    decode: (reply) => {
      if (api === PathsApi.CHECK) return expectReply(reply, 'SStringCmd', text).str as Result<A>;
      if (api === PathsApi.EDIT_HISTORY) return expectReply(reply, 'SStringVecCmd', text).vec as Result<A>;
      expectReply(reply, 'StcCmd', text);
      return undefined as Result<A>;
    },
  };
}

