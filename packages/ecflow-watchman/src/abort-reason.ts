/**
 * A task's abort reason as people read it. ecFlow keeps a reason's line breaks in two spellings:
 * the server drops only the first newline of a reason (`Submittable::set_aborted_only`), and its
 * text prints (`Submittable::write_state`: check-points, the full sync the mirror starts from)
 * write each remaining one as the two characters `\n`, which the parser does not turn back. So a
 * mirror holds real newlines (from mementos) or `\n` pairs (from a full sync) for the same
 * reason; both are line breaks here, and the blanks ecFlow pads its own reasons with go.
 */

/** The lines of a reason, each trimmed, empty ones left out. */
export function abortReasonLines(reason: string): string[] {
  const out: string[] = [];
  for (const part of reason.split(/\\n|\r?\n/)) {
    const line = part.trim();
    if (line !== '') out.push(line);
  }
  return out;
}

/** The reason with real newlines between its lines: what the HTTP API serves. */
export function abortReasonText(reason: string): string {
  return abortReasonLines(reason).join('\n');
}

/**
 * Between a reason's lines where it must fit on one (a tree row, the aborted list, `top`): a mark
 * that reads as a line break and that no ecFlow reason is written with (a `;` or `,` is).
 */
export const REASON_SEPARATOR = ' ⏎ ';

/** The reason on one line, its lines joined by {@link REASON_SEPARATOR}, runs of blanks as one (as a page shows them). */
export function oneLine(reason: string): string {
  return abortReasonLines(reason).join(REASON_SEPARATOR).replace(/ {2,}/g, ' ');
}
