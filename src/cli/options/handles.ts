/** ecflow_client options for client handles: ch_register, ch_drop, ch_drop_user, ch_add, ch_rem, ch_auto_add, ch_suites. Argument checks and messages as the C++ create() functions word them. */
import { chAddCmd, chAutoAddCmd, chDropCmd, chDropUserCmd, chRegisterCmd, chRemoveCmd, chSuitesCmd } from '../../commands/client-handle.js';
import { loginName } from '../../client/options.js';
import { toInt } from '../../defs/text.js';
import { type Action, type CliContext, UsageError } from '../table.js';

export function chRegister(values: string[], _ctx: CliContext): Action {
  let handle = 0;
  let autoAdd = false;
  let first = 1;
  if (values.length) {
    const h = toInt(values[0]!);
    if (h !== undefined) {
      handle = h;
      // A second word other than true/false is skipped, not taken as a suite.
      if (values.length > 1) {
        autoAdd = values[1] === 'true';
        first = 2;
      }
    } else if (values[0] === 'true' || values[0] === 'false') {
      autoAdd = values[0] === 'true';
    } else {
      throw new UsageError('ClientHandleCmd::create: First argument should be integer | true | false. See help');
    }
  }
  return { request: chRegisterCmd(autoAdd, values.slice(first), handle) };
}

export function chDrop(values: string[], _ctx: CliContext): Action {
  const handle = Number(values[0]);
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  return { request: chDropCmd(handle) };
}

export function chDropUser(values: string[], ctx: CliContext): Action {
  // Messages name the caller when no user is given: the user the request goes out as.
  const caller = ctx.extra.get('user')?.[0] || ctx.env.ECF_USER || loginName();
  return { request: chDropUserCmd(values[0] ?? '', caller) };
}

function handleAndSuites(values: string[], notInteger: string): { handle: number; suites: string[] } {
  if (values.length < 2) throw new UsageError('To few arguments. First arg should be a integer handle, then a list of suite names. See help');
  const handle = toInt(values[0]!);
  if (handle === undefined) throw new UsageError(notInteger);
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  return { handle, suites: values.slice(1) };
}

export function chAdd(values: string[], _ctx: CliContext): Action {
  const { handle, suites } = handleAndSuites(values, 'The first argument must be an integer. See help');
  return { request: chAddCmd(handle, suites) };
}

export function chRem(values: string[], _ctx: CliContext): Action {
  const { handle, suites } = handleAndSuites(values, 'ClientHandleCmd::create: The first argument must be an integer. See help');
  return { request: chRemoveCmd(handle, suites) };
}

export function chAutoAdd(values: string[], _ctx: CliContext): Action {
  if (values.length !== 2) throw new UsageError('Two argument expected. First arg should be a integer handle, second should be true or false. See help');
  const handle = toInt(values[0]!);
  if (handle === undefined) throw new UsageError('ClientHandleCmd::create: The first argument must be an integer. See help');
  if (handle === 0) throw new UsageError('ClientHandleCmd::create: handles must have a value > 0');
  if (values[1] !== 'true' && values[1] !== 'false') throw new UsageError('ClientHandleCmd::create: First argument should be true | false. See help');
  return { request: chAutoAddCmd(handle, values[1] === 'true') };
}

export function chSuites(_values: string[], _ctx: CliContext): Action {
  return { request: chSuitesCmd() };
}
