import { ProtocolError } from '../errors.js';
import type { Request } from '../protocol/envelope.js';
import type { Reply, ReplyOf } from '../protocol/replies.js';

/** A request plus the decoder of its successful reply into the library's typed result. */
export interface Command<T> extends Request {
  /**
   * Turns the server's successful reply into the command's result; a reply of another class throws a
   * {@link ProtocolError}.
   */
  readonly decode: (reply: Reply) => T;
}

/** Per-phase timeouts (seconds) of ClientToServerCmd::timeout() in 5.9.2. */
export const Timeout = { DEFAULT: 60, PING: 10, TASK: 190, SYNC: 600, BEGIN: 80, REPLACE: 300, PLUG: 120 } as const;

/** The reply must be of class `type`; anything else means client and server disagree. */
export function expectReply<K extends Reply['type']>(reply: Reply, type: K, request: string): ReplyOf<K> {
  if (reply.type !== type) throw new ProtocolError(`${request}: expected ${type} from the server, got ${reply.type}`);
  return reply as ReplyOf<K>;
}

/** Decoder for commands whose only successful answer is StcCmd OK. */
export function ok(text: string): (reply: Reply) => void {
  return (reply) => {
    expectReply(reply, 'StcCmd', text);
  };
}

/** Decoder for commands answered with a string (SStringCmd). */
export function string(text: string): (reply: Reply) => string {
  return (reply) => expectReply(reply, 'SStringCmd', text).str;
}

/**
 * CtsApi::to_string: words joined by single spaces, empty words left out (a trailing space stays
 * when the last word is empty, as in ecFlow).
 */
export function ctsApiToString(words: readonly string[]): string {
  let out = '';
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '') continue;
    out += words[i];
    if (i !== words.length - 1) out += ' ';
  }
  return out;
}

/** The CLI form of a request (print_short), from words and lists of words, as CtsApi builds it. */
export function cliText(...tokens: (string | readonly string[])[]): string {
  return ctsApiToString(tokens.flat());
}

/**
 * print_short of commands that take many paths: only the first path is named, followed by how
 * many were left out (PathsCmd, ForceCmd).
 */
export function truncatedPaths(head: readonly string[], paths: readonly string[]): string {
  const shown = cliText(head, paths.slice(0, 1));
  return paths.length > 1 ? `${shown} : truncated : ${paths.length - 1} paths *not* shown` : shown;
}
