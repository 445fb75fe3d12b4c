/**
 * The attribute lines of a server's tasks, read on first use. A mirror's full sync of a 100k-task
 * server builds every node, but most of its cost went into the half a million `edit`, `label`,
 * `meter`, `event` and `trigger` objects of the tasks (and the collections that moved them to the
 * old generation), which a status walk never reads: states and flags are on the node lines. So a
 * NET text's parse (what a server sends) skips a task's block of attribute lines, notes where it
 * starts on the task (`Node.deferAttributes`), and the first use of any attribute of that task reads
 * the block with the same keyword parsers (structure.ts's AttributeReader).
 *
 * Only a block the task's parser reads into the task alone is skipped: lines of the task's own
 * keywords (no continuation line, no comment, nothing of a release the parse does not imitate),
 * ended by a line that closes the task (`task`, `family`, `endfamily`, `endtask`, `endsuite`).
 * Anything else is read at once, as without deferral.
 */
import type { Facts } from '../../versions.js';
import type { ParserNode } from './context.js';

/** Where a block of attribute lines ends, how many lines it has, and of which keywords. */
export interface AttributeBlock {
  /** Offset of the line after the block. */
  end: number;
  /** Lines in the block. */
  lines: number;
  /**
   * Whether a line is of another keyword than `edit`, `event`, `label`, `meter` and `trigger`: only
   * such a line can give the task one of its rare attributes (`late`, `repeat`, `verify`, …).
   */
  rare: boolean;
}

/**
 * Scans the lines from `pos` that `task` (a task's parser) reads into its task alone, into `block`;
 * returns whether a line closing the task follows them (else the block is not to be skipped).
 */
export function scanAttributeBlock(text: string, pos: number, task: ParserNode, facts: Facts, block: AttributeBlock): boolean {
  let i = pos;
  let lines = 0;
  let rare = false;
  for (;;) {
    let n = commonKeyword(text, i);
    if (n === 0) {
      n = taskKeyword(text, i, task, facts);
      if (n === 0) break;
      rare = true;
    }
    const e = text.indexOf('\n', i + n);
    if (e < 0) break; // a last line without a newline is read at once (std::getline's end of file)
    let k = e - 1;
    let c = text.charCodeAt(k);
    while (c === 32 || c === 9) c = text.charCodeAt(--k);
    if (c === 92) break; // `\`: the expression continues on the next line
    i = e + 1;
    lines++;
  }
  block.end = i;
  block.lines = lines;
  block.rare = rare;
  return lines > 0 && closesTask(text, i);
}

/**
 * The length of `edit`, `event`, `label`, `meter` or `trigger` when one starts the line at `i` and
 * a blank follows it; else 0.
 */
function commonKeyword(text: string, i: number): number {
  // one startsWith a line, chosen by the first two characters (the scan runs over every line)
  switch (text.charCodeAt(i)) {
    case 101: // e
      if (text.charCodeAt(i + 1) === 100 && text.startsWith('edit ', i)) return 4;
      if (text.charCodeAt(i + 1) === 118 && text.startsWith('event ', i)) return 5;
      break;
    case 108: // l
      if (text.startsWith('label ', i)) return 5;
      break;
    case 109: // m
      if (text.startsWith('meter ', i)) return 5;
      break;
    case 116: // t
      if (text.charCodeAt(i + 1) === 114 && text.startsWith('trigger ', i)) return 7;
      break;
    default:
      break;
  }
  return 0;
}

/**
 * The length of any other keyword that starts the line at `i` when `task` reads it into its node
 * (TASK_KEYWORDS, as the release knows them) and a blank follows it; else 0. A line that starts
 * with a blank (no server indents its NET text) gives 0.
 */
function taskKeyword(text: string, i: number, task: ParserNode, facts: Facts): number {
  let b = i;
  let c = 0;
  while ((c = text.charCodeAt(b)) !== 32 && c !== 9 && c !== 10 && b < text.length) b++;
  const kid = task.kids.get(text.slice(i, b));
  return kid !== undefined && 'parse' in kid && (kid.since === undefined || facts[kid.since]) ? b - i : 0;
}

/** Whether the line at `pos` starts with a keyword that takes the task off the parser's stack. */
function closesTask(text: string, pos: number): boolean {
  let n = 0;
  switch (text.charCodeAt(pos)) {
    case 116: // t
      n = text.startsWith('task', pos) ? 4 : 0;
      break;
    case 102: // f
      n = text.startsWith('family', pos) ? 6 : 0;
      break;
    case 101: // e
      if (text.startsWith('endfamily', pos)) n = 9;
      else if (text.startsWith('endtask', pos)) n = 7;
      else if (text.startsWith('endsuite', pos)) n = 8;
      break;
    default:
      break;
  }
  if (n === 0) return false;
  const c = text.charCodeAt(pos + n);
  return c === 32 || c === 9 || c === 10 || pos + n === text.length;
}
