import { encodeCommand, type Request } from '../protocol/envelope.js';
import type { Reply } from '../protocol/replies.js';
import { type Command, Timeout } from './command.js';

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
