/**
 * `GET …/nodes/{path}/files/{kind}`: a task's job output, script, job file or manual, read with
 * ecFlow's `file` command (CFileCmd) when asked for and never on the scrape path.
 *
 * The request goes through the watched server's own client, outside the scrape: every ecFlow
 * request is its own connection (TCP), or its own socket of the keep-alive agent while another is
 * busy (HTTP), so a file never waits on a scrape in flight nor makes one wait, and it has its own
 * timeout ({@link FILE_TIMEOUT_MS}) instead of the scrape's. The server reads the file whole but
 * sends at most the last `lines` lines (ecFlow's max-lines argument, ecflow_ui's 10000 at most);
 * the API then keeps at most {@link MAX_FILE_CHARS} of them and says when either cut the text.
 *
 * The job file (and any output that echoes it) has the job's password substituted into it
 * (`ECF_PASS=%ECF_PASS%` in the head include): it is redacted before the text leaves.
 */
import { type CFileTypeName, type Defs, type Node, ServerError, TimeoutError, findNode, generatedVariables } from 'ecflow-ts';
import type { WatchedServer } from '../view.js';

/** The kinds the API serves (ecFlow's `kill` and `stat` outputs are not among them). */
export const FILE_KINDS = ['jobout', 'script', 'job', 'manual'] as const satisfies readonly CFileTypeName[];
export type FileKind = (typeof FILE_KINDS)[number];
export function isFileKind(s: string): s is FileKind {
  return (FILE_KINDS as readonly string[]).includes(s);
}

/** Lines asked for unless `lines` says fewer: ecFlow's own default (File::MAX_LINES). @default 10000 */
export const MAX_FILE_LINES = 10_000;
/** Characters of a file served at most (the last ones): 10,000 long lines must not make a 100 MB reply. @default 2 MiB */
export const MAX_FILE_CHARS = 2 * 1024 * 1024;
/** How long a file request may take. @default 10 s */
export const FILE_TIMEOUT_MS = 10_000;
/** What a secret in a file is replaced with. */
export const REDACTED_VALUE = '<redacted>';

export interface FileReply {
  path: string;
  kind: FileKind;
  /** The text, secrets redacted; the end of the file when `truncated`. */
  text: string;
  /** The lines asked for. */
  lines: number;
  /** The file was longer than `lines` lines (the server cut it) or than {@link MAX_FILE_CHARS}. */
  truncated: boolean;
}

/** A file request that failed, with the API error to answer it with. */
export class FileRequestError extends Error {
  readonly error: 'FILE_UNAVAILABLE' | 'SERVER_UNREACHABLE';
  constructor(error: FileRequestError['error'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.error = error;
  }
}

// CFileCmd::doHandleRequest ends a file it cut with this line (5.9.2 to 5.17.0 alike).
const TRUNCATED = /\n# >>>>>>>> File truncated down to \d+\. Truncated from the end of the file <<<<<<<<<\n$/;

/** The text of `kind` for the node at `path`, read from the server now. */
export async function readNodeFile(server: WatchedServer, defs: Defs, path: string, kind: FileKind, lines: number, signal?: AbortSignal): Promise<FileReply> {
  const timeout = AbortSignal.timeout(FILE_TIMEOUT_MS);
  const both = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  let text: string;
  try {
    text = await server.client.getFile(path, kind, lines, { signal: both });
  } catch (error) {
    if (error instanceof ServerError) throw new FileRequestError('FILE_UNAVAILABLE', `${kind} of ${path}: ${error.message.trim()}`, { cause: error });
    const why = timeout.aborted && !(error instanceof TimeoutError) ? `no answer within ${FILE_TIMEOUT_MS / 1000} s` : (error as Error).message;
    throw new FileRequestError('SERVER_UNREACHABLE', `${kind} of ${path}: ${server.owner}/${server.repo} did not answer: ${why}`, { cause: error });
  }
  let truncated = false;
  const cut = TRUNCATED.exec(text);
  if (cut !== null) {
    truncated = true;
    text = text.slice(0, cut.index) + '\n';
  }
  if (text.length > MAX_FILE_CHARS) {
    truncated = true;
    const from = text.indexOf('\n', text.length - MAX_FILE_CHARS);
    text = text.slice(from < 0 ? text.length - MAX_FILE_CHARS : from + 1);
  }
  const node = findNode(defs, path);
  return { path, kind, text: redactSecrets(text, node === undefined ? [] : secretValues(node)), lines, truncated };
}

/** The job passwords the mirror knows for the node and its aliases (ECF_PASS, generated). */
function secretValues(node: Node): string[] {
  const out: string[] = [];
  for (const v of generatedVariables(node)) if (v.name === 'ECF_PASS' && v.value.length >= 4) out.push(v.value);
  return out;
}

// `ECF_PASS=value` as a shell assignment or an environment listing prints it, quoted or not; not
// a script's `ECF_PASS=%ECF_PASS%`, which ecFlow substitutes only in the job.
const ASSIGNMENT = /\b(ECF_PASS\s*=\s*)(?!%)(?:'[^'\n]*'|"[^"\n]*"|[^\s;&|]+)/g;

/**
 * The text with every `ECF_PASS=` value and every literal `secrets` value replaced: the first
 * catches a password the mirror no longer holds (the job was submitted again since), the second one
 * written where no name says what it is (`set -x` traces, `env` dumps).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(ASSIGNMENT, `$1${REDACTED_VALUE}`);
  for (const s of secrets) if (s !== '' && s !== REDACTED_VALUE) out = out.split(s).join(REDACTED_VALUE);
  return out;
}
