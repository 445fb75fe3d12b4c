import { type Command, ok, Timeout } from './command.js';

/** CtsNodeCmd::Api: commands about one node, or the whole definition when the path is empty. */
export const CtsNodeApi = { NO_CMD: 0, JOB_GEN: 1, CHECK_JOB_GEN_ONLY: 2, GET: 3, WHY: 4, GET_STATE: 5, MIGRATE: 6 } as const;
export type CtsNodeApi = (typeof CtsNodeApi)[keyof typeof CtsNodeApi];

/** How ecflow_client spells each api (CtsApi.cpp): `--job_gen`, `--job_gen=/path`, … */
const option: Record<CtsNodeApi, string> = {
  [CtsNodeApi.NO_CMD]: '',
  [CtsNodeApi.JOB_GEN]: '--job_gen',
  [CtsNodeApi.CHECK_JOB_GEN_ONLY]: '--checkJobGenOnly',
  [CtsNodeApi.GET]: '--get',
  [CtsNodeApi.WHY]: '--why',
  [CtsNodeApi.GET_STATE]: '--get_state',
  [CtsNodeApi.MIGRATE]: '--migrate',
};

/** The request of a CtsNodeCmd: `api` on `path` ('' = the whole definition). */
export function ctsNodeRequest(api: CtsNodeApi, path = '') {
  return {
    cls: 'CtsNodeCmd',
    base: 'user',
    fields: () => ({ api_: api, absNodePath_: path }),
    // CtsNodeCmd::timeout(): a whole definition can take long to send.
    timeout: api === CtsNodeApi.GET ? Timeout.SYNC : api === CtsNodeApi.MIGRATE ? Timeout.PLUG : Timeout.DEFAULT,
    text: path ? `${option[api]}=${path}` : option[api],
    updatesDefs: api === CtsNodeApi.JOB_GEN,
  } as const;
}

/**
 * CtsNodeCmd JOB_GEN: generates (and submits) the jobs below `path` whose dependencies are free,
 * or runs job submission over every suite when `path` is empty. Does nothing unless the server is
 * RUNNING.
 */
export function jobGenCmd(path = ''): Command<void> {
  const request = ctsNodeRequest(CtsNodeApi.JOB_GEN, path);
  return { ...request, decode: ok(request.text) };
}

/**
 * CtsNodeCmd CHECK_JOB_GEN_ONLY: checks that job files can be generated below `path` (all suites
 * when empty), without submitting anything; the server's errors come back as a ServerError.
 */
export function checkJobGenOnlyCmd(path = ''): Command<void> {
  const request = ctsNodeRequest(CtsNodeApi.CHECK_JOB_GEN_ONLY, path);
  return { ...request, decode: ok(request.text) };
}
