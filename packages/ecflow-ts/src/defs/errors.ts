import { EcflowError, ErrorCode } from '../errors.js';

/**
 * Error raised when a definition does not parse (or fails the check that ecFlow runs on load).
 * Code `ECFLOW_DEFS_PARSE`; `message` is `file:line: reason (text)`.
 */
export class DefsParseError extends EcflowError {
  /** `'DefsParseError'`. */
  override name = 'DefsParseError';
  /** File name given to the parser (`<string>` when none). */
  readonly file: string;
  /** 1-based line number; 0 when the error is not tied to a line. */
  readonly line: number;
  /** The offending line text, or the node/expression for check errors. */
  readonly text: string;
  /** The reason alone, without location. */
  readonly reason: string;

  /**
   * The error for `text` at `file:line`, refused because of `reason`.
   * @param file the file name given to the parser.
   * @param line 1-based line number, 0 when not tied to a line.
   * @param reason why the text was refused (trailing white space is dropped).
   * @param text the offending line, node or expression.
   * @param options `cause`: the error raised by the keyword's own parser, if any.
   */
  constructor(file: string, line: number, reason: string, text: string, options?: { cause?: unknown }) {
    const why = reason.replace(/\s+$/, '');
    super(ErrorCode.DEFS_PARSE, `${file}:${line}: ${why}${text.length > 0 ? ` (${text})` : ''}`, options);
    this.file = file;
    this.line = line;
    this.text = text;
    this.reason = why;
  }
}
