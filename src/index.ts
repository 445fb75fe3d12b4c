export { Client, UnreachableError } from './client/client.js';
export type { ChildOptions, ClientOptions } from './client/options.js';
export { channels } from './client/diagnostics.js';
export { ArgumentError, ConnectionError, EcflowError, ErrorCode, ProtocolError, ServerError, TimeoutError } from './errors.js';
export { News, StcApi, type Reply, type Zombie } from './protocol/replies.js';
export type { SyncPoint } from './commands/csync.js';
export type { ForceTarget, ForceOptions } from './commands/force.js';
export { CheckPtMode } from './commands/check-pt.js';
