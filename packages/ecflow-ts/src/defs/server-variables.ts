import os from 'node:os';
import { Variable } from './attributes/basic.js';
import { DEFAULT_VERSION, since } from '../versions.js';

/**
 * The server variables a definition carries before any server has touched it
 * (ServerState::setup_default_server_variables) in release `version`: what
 * `ecflow_client --load=FILE print` shows and sends. The file names are the machine's
 * `<host>.<port>.ecf.*` (from 5.14 the password files are `<host>.<port>.ECF_PASSWD` and
 * `.ECF_CUSTOM_PASSWD`); the port is ecFlow's default; `ECF_VERSION` is the release.
 */
export function defaultServerVariables(port = '3141', host = os.hostname(), version: string = DEFAULT_VERSION): Variable[] {
  const base = `${host}.${port}.ecf`;
  const upper = since(version, 'passwordFileNamedAfterVariable');
  return [
    ['ECF_MICRO', '%'],
    ['ECF_HOME', '.'],
    ['ECF_JOB_CMD', '%ECF_JOB% 1> %ECF_JOBOUT% 2>&1'],
    ['ECF_KILL_CMD', 'kill -15 %ECF_RID%'],
    ['ECF_STATUS_CMD', 'ps --pid %ECF_RID% -f > %ECF_JOB%.stat 2>&1'],
    ['ECF_URL_CMD', '${BROWSER:=firefox} -new-tab %ECF_URL_BASE%/%ECF_URL%'],
    ['ECF_URL_BASE', 'https://confluence.ecmwf.int'],
    ['ECF_URL', 'display/ECFLOW/ecflow+home'],
    ['ECF_LOG', `${base}.log`],
    ['ECF_INTERVAL', '60'],
    ['ECF_LISTS', `${base}.lists`],
    ['ECF_PASSWD', upper ? `${host}.${port}.ECF_PASSWD` : `${base}.passwd`],
    ['ECF_CUSTOM_PASSWD', upper ? `${host}.${port}.ECF_CUSTOM_PASSWD` : `${base}.custom_passwd`],
    ['ECF_CHECK', `${base}.check`],
    ['ECF_CHECKOLD', `${base}.check.b`],
    ['ECF_CHECKINTERVAL', '120'],
    ['ECF_CHECKMODE', 'CHECK_ON_TIME'],
    ['ECF_TRIES', '2'],
    ['ECF_VERSION', version],
    ['ECF_PORT', port],
    ['ECF_HOST', 'localhost'],
  ].map(([name, value]) => new Variable(name!, value!));
}
