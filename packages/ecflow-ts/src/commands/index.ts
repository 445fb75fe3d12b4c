/**
 * The one table of commands: every ecFlow command module's ecflow_client options in the order
 * ecflow_client's CtsCmdRegistry adds them (Base/src/cts/CtsCmdRegistry.cpp), the order in which the
 * first command on a command line wins and `--help` lists them. The command line's option table
 * and its help are derived from it (cli/table.ts).
 *
 * @module
 */
import { AlterCmd } from './alter.js';
import { BeginCmd } from './begin.js';
import { CFileCmd } from './cfile.js';
import { CheckPtCmd } from './check-pt.js';
import { ClientHandleCmd } from './client-handle.js';
import { CSyncCmd } from './csync.js';
import { CtsNodeCmd } from './cts-node.js';
import { CtsCmd } from './cts.js';
import { DeleteCmd } from './delete.js';
import { EditScriptCmd } from './edit-script.js';
import { ForceCmd } from './force.js';
import { FreeDepCmd } from './free-dep.js';
import { GroupCTSCmd } from './group.js';
import { LoadDefsCmd } from './load-defs.js';
import { LogMessageCmd } from './log-message.js';
import { LogCmd } from './log.js';
import { OrderNodeCmd } from './order-node.js';
import { PathsCmd } from './paths.js';
import { PlugCmd } from './plug.js';
import { QueryCmd } from './query.js';
import { ReplaceNodeCmd } from './replace-node.js';
import { RequeueNodeCmd } from './requeue-node.js';
import { RunNodeCmd } from './run-node.js';
import { ServerVersionCmd } from './server-version.js';
import { ShowCmd } from './show.js';
import { AbortCmd, CompleteCmd, CtsWaitCmd, EventCmd, InitCmd, LabelCmd, MeterCmd, QueueCmd } from './task.js';
import { ZombieCmd } from './zombie.js';
import type { ClientOption, CommandModule } from './option.js';

/** One registered option: the module that declares it, and the option under its name. */
export interface Registered {
  readonly module: CommandModule;
  readonly option: ClientOption;
}

const entry = <M extends CommandModule>(module: M, name: keyof M['options'] & string): Registered => ({ module, option: { name, ...module.options[name]! } });

/** CtsCmdRegistry: each command's options, in ecflow_client's order. */
export const REGISTRY: readonly Registered[] = [
  entry(CSyncCmd, 'news'),
  entry(CSyncCmd, 'sync'),
  entry(CSyncCmd, 'sync_full'),
  entry(CSyncCmd, 'sync_clock'),
  entry(CtsNodeCmd, 'get'),
  entry(CtsNodeCmd, 'get_state'),
  entry(CtsNodeCmd, 'migrate'),
  entry(CheckPtCmd, 'check_pt'),
  entry(CtsCmd, 'ping'),
  entry(CtsCmd, 'restore_from_checkpt'),
  entry(CtsCmd, 'restart'),
  entry(CtsCmd, 'halt'),
  entry(CtsCmd, 'shutdown'),
  entry(CtsCmd, 'terminate'),
  entry(CtsCmd, 'reloadwsfile'),
  entry(CtsCmd, 'reloadpasswdfile'),
  entry(CtsCmd, 'reloadcustompasswdfile'),
  entry(CtsCmd, 'force-dep-eval'),
  entry(CtsCmd, 'stats'),
  entry(CtsCmd, 'stats_server'),
  entry(CtsCmd, 'stats_reset'),
  entry(CtsCmd, 'debug_server_on'),
  entry(CtsCmd, 'debug_server_off'),
  entry(CtsCmd, 'server_load'),
  entry(CtsNodeCmd, 'job_gen'),
  entry(CtsNodeCmd, 'checkJobGenOnly'),
  entry(DeleteCmd, 'delete'),
  entry(PathsCmd, 'suspend'),
  entry(PathsCmd, 'resume'),
  entry(PathsCmd, 'kill'),
  entry(PathsCmd, 'status'),
  entry(PathsCmd, 'check'),
  entry(PathsCmd, 'edit_history'),
  entry(PathsCmd, 'archive'),
  entry(PathsCmd, 'restore'),
  entry(ZombieCmd, 'zombie_fob'),
  entry(ZombieCmd, 'zombie_fail'),
  entry(ZombieCmd, 'zombie_adopt'),
  entry(ZombieCmd, 'zombie_block'),
  entry(ZombieCmd, 'zombie_remove'),
  entry(ZombieCmd, 'zombie_kill'),
  entry(CtsCmd, 'zombie_get'),
  entry(CtsCmd, 'suites'),
  entry(ClientHandleCmd, 'ch_register'),
  entry(ClientHandleCmd, 'ch_drop'),
  entry(ClientHandleCmd, 'ch_drop_user'),
  entry(ClientHandleCmd, 'ch_add'),
  entry(ClientHandleCmd, 'ch_rem'),
  entry(ClientHandleCmd, 'ch_auto_add'),
  entry(ClientHandleCmd, 'ch_suites'),
  entry(LogCmd, 'log'),
  entry(ServerVersionCmd, 'server_version'),
  entry(LogMessageCmd, 'msg'),
  entry(BeginCmd, 'begin'),
  entry(InitCmd, 'init'),
  entry(InitCmd, 'add'),
  entry(CompleteCmd, 'complete'),
  entry(CompleteCmd, 'remove'),
  entry(AbortCmd, 'abort'),
  entry(CtsWaitCmd, 'wait'),
  entry(EventCmd, 'event'),
  entry(MeterCmd, 'meter'),
  entry(LabelCmd, 'label'),
  entry(QueueCmd, 'queue'),
  entry(RequeueNodeCmd, 'requeue'),
  entry(OrderNodeCmd, 'order'),
  entry(RunNodeCmd, 'run'),
  entry(ForceCmd, 'force'),
  entry(FreeDepCmd, 'free-dep'),
  entry(LoadDefsCmd, 'load'),
  entry(ReplaceNodeCmd, 'replace'),
  entry(CFileCmd, 'file'),
  entry(EditScriptCmd, 'edit_script'),
  entry(AlterCmd, 'alter'),
  entry(QueryCmd, 'query'),
  entry(PlugCmd, 'plug'),
  entry(CtsNodeCmd, 'why'),
  entry(ShowCmd, 'show'),
  entry(GroupCTSCmd, 'group'),
];

/** Every command module, once each, in the order of its first option. */
export const COMMANDS: readonly CommandModule[] = [...new Set(REGISTRY.map((r) => r.module))];
