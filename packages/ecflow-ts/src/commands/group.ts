import { why } from '../defs/why.js';
import { printNode, type PrintStyleName } from '../defs/print.js';
import { parseDefs, parseNode } from '../defs/parse.js';
import { Suite } from '../defs/model.js';
import { printServerDefs } from '../defs/externs.js';
import { printReply } from '../cli/print.js';
import { parseArgv } from '../cli/argv.js';
import { encodeCommand, type Request } from '../protocol/envelope.js';
import type { Reply } from '../protocol/replies.js';
import { versionOf } from '../versions.js';
import { type Command, Timeout } from './command.js';
import { serverVersionCmd } from './server-version.js';
import { type Action, type CliContext, ClientSideError, type CommandModule, lines, UsageError } from './option.js';

/**
 * GroupCTSCmd: several user commands in one request, run by the server in order. Resolves with
 * the replies the server keeps (errors included as ErrorCmd; plain OKs are dropped).
 * `cli` is what ecflow_client sends; the Python auto-sync wrapper sends false.
 */
export function groupCmd(commands: readonly Request[], cli = true): Command<Reply[]> {
  return {
    cls: 'GroupCTSCmd',
    base: 'user',
    fields: (w, ctx) => ({ cmdVec_: commands.map((c) => encodeCommand(w, c, ctx)), cli_: cli }),
    timeout: Math.max(Timeout.DEFAULT, ...commands.map((c) => c.timeout)),
    text: `--group=${commands.map((c) => c.text).join('; ')}`,
    group: true,
    guard: async (ask, server) => {
      for (const c of commands) await c.guard?.(ask, server);
    },
    decode: (reply) => (reply.type === 'GroupSTCCmd' ? reply.replies : []),
  };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

/**
 * `--group="cmd1; cmd2 …"` (GroupCTSCmd): each `;`-separated part is parsed like a command line
 * of its own (without `--` it gets one; its first word is joined to the second with `=`; quoted
 * words keep their spaces), then all are sent in one request.
 */
export function group(values: string[], ctx: CliContext): Action {
  const parts = (values[0] ?? '').split(';').filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError("GroupCTSCmd::GroupCTSCmd: Please provide a list of ';' separated commands\n");
  // Inside a group only commands are options: no help, version, debug or globals.
  const commands = ctx.options.filter((o) => o.run && o.name !== 'group');
  const children: Request[] = [];
  for (const part of parts) {
    const trimmed = part.trim();
    const argv = splitQuoted(trimmed.includes('--') ? trimmed : `--${trimmed}`);
    if (argv.length > 1 && !argv[0]!.includes('=')) argv.splice(0, 2, `${argv[0]}=${argv[1]}`);
    const args = parseArgv(argv, commands, ctx.version);
    const command = commands.find((o) => args.has(o.name));
    if (!command) continue;
    const action = command.run!(args.get(command.name)!, { ...ctx, inGroup: true });
    if ('exit' in action) return action;
    children.push(action.request);
  }
  // GroupSTCCmd::handle_server_response: after the replies, a `show` prints what `get` fetched.
  const style = children.map((c) => (c as { showStyle?: PrintStyleName }).showStyle).find((s) => s !== undefined);
  // As ecflow_client of the server's release prints it: a node's text does not say which that is,
  // so the group asks, last; that answer is not printed. The group is named without it.
  const askVersion = style !== undefined && children.some((c) => c.cls === 'CtsNodeCmd' && /^--(get|get_state|migrate)=/.test(c.text));
  // GroupCTSCmd::why_cmd: the first `why` of the group, its path ('' for all suites).
  const whyText = children.find((c) => c.cls === 'CtsNodeCmd' && (c.text === '--why' || c.text.startsWith('--why=')))?.text;
  const text = groupCmd(children).text;
  return {
    request: { ...groupCmd(askVersion ? [...children, serverVersionCmd()] : children), text },
    print: groupPrinter(ctx, style, whyText, askVersion),
  };
}

/** What ecflow_client prints for a group's replies; `askedVersion`: the last reply is the server's release. */
function groupPrinter(ctx: CliContext, style: PrintStyleName | undefined, whyText: string | undefined, askedVersion: boolean) {
  return (reply: Reply): string => {
    let replies = reply.type === 'GroupSTCCmd' ? reply.replies : [];
    let release: string | undefined;
    const last = replies[replies.length - 1];
    if (askedVersion && last?.type === 'SStringCmd') {
      release = last.str;
      replies = replies.slice(0, -1);
    }
    let out = printReply(reply.type === 'GroupSTCCmd' ? { ...reply, replies } : reply, true);
    const defs = replies.find((r) => r.type === 'DefsCmd');
    const node = replies.find((r) => r.type === 'SNodeCmd');
    const version = (defs?.type === 'DefsCmd' ? versionOf(defs.defs) : release) ?? ctx.version;
    if (style && defs?.type === 'DefsCmd') out += printServerDefs(defs.defs, 'defs', style, { version });
    else if (style && node?.type === 'SNodeCmd') {
      const n = parseNode(node.node, { version });
      out += `${printNode(n, { style, level: n instanceof Suite ? 0 : 1, version })}\n`;
    }
    // ... then `why`, computed here from the definition a get / sync_full / sync fetched (not
    // from a node alone: `get=/path; why` prints nothing).
    const sync = replies.find((r) => r.type === 'SSyncCmd');
    const defsText = defs?.type === 'DefsCmd' ? defs.defs : sync?.type === 'SSyncCmd' ? sync.serverDefs || (sync.fullDefs ? sync.defs : undefined) : undefined;
    if (whyText !== undefined && defsText !== undefined) {
      try {
        out += why(parseDefs(defsText, { check: false }), whyText.slice('--why='.length));
      } catch (error) {
        const e = new ClientSideError((error as Error).message);
        e.stdout = out;
        throw e;
      }
    }
    return out;
  };
}

/** Str::split on whitespace, except inside one level of single or double quotes (kept as typed). */
function splitQuoted(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quoted = false;
  for (const c of text) {
    if (quoted) {
      if (c === '"' || c === "'") quoted = false;
    } else if (c === '"' || c === "'") {
      quoted = true;
    } else if (c === ' ' || c === '\t') {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += c;
  }
  if (word) words.push(word);
  return words;
}

/** GroupCTSCmd: its requests, the Client methods that send them, its ecflow_client option. */
export const GroupCTSCmd = {
  cls: 'GroupCTSCmd',
  request: groupCmd,
  client: ['group'],
  options: {
    group: {
      value: 'one',
      description: lines(
        "Run several commands, separated by ';', as one request.",
        'Commands that normally ask for confirmation (halt, shutdown, terminate) need',
        "'yes' as their argument here, as in the first example.",
        '  arg = string',
        'Usage:',
        '   --group="halt=yes; reloadwsfile; restart;"',
        '                                 # halt without confirmation,',
        '                                 # reload the white list, restart',
        '   --group="get; show"           # fetch the definition and print it',
        '   --group="get=/s1; show state" # fetch suite s1 and print it with state',
      ),
      run: (v, ctx) => group(v, ctx),
    },
  },
} as const satisfies CommandModule;
