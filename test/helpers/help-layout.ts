/**
 * The layout of what `ecflow_client --help[=topic]` prints, with the prose masked: our
 * descriptions are our own words (README "The command line"), everything else must be the real
 * client's. Headings, the command and option grids and lists, the name, kind and option columns,
 * the description column of `--help=all`, the environment tables' and lists' rows and every blank
 * line stay as they are; a run of prose becomes `…`, where its length is ours to choose (a
 * description), or each prose line becomes `…`, where the real client's line count is layout (the
 * environment's headings and notes). Text that is no help (an error) is left alone.
 */

/** The version line's shape (the build details are ours by design): see parity.ts's `version`. */
export type VersionMask = (s: string) => string;

/** `--help[=topic]` output reduced to its layout; `version` masks the version line. */
export function helpLayout(text: string, version: VersionMask): string {
  const lines = text.split('\n');
  if (lines[0]?.startsWith('Client options, ')) return allLayout(lines, version);
  if (lines[0] === '' && /^Ecflow (\w+ )?(client commands|generic options):$/.test(lines[1] ?? '')) return summaryLayout(lines);
  if (lines[0] === '' && /^\S+$/.test(lines[1] ?? '') && lines[2] === '-'.repeat(lines[1]!.length) && lines[3] === '') return commandLayout(lines);
  if (lines[0] === '' && lines[2] === '' && lines[3]?.startsWith('Ecflow version(') === true) return generalLayout(lines, version);
  return text;
}

/** `--help`: title and introduction are prose, and so is each "Try:" line's comment. */
function generalLayout(lines: string[], version: VersionMask): string {
  return lines
    .map((line, i) => {
      if (i === 1 || i === 5) return line === '' ? line : '…';
      if (i === 3) return version(line);
      const tryLine = /^( {3}\S+ --help=\S+ +# ).+$/.exec(line);
      return tryLine ? `${tryLine[1]}…` : line;
    })
    .join('\n');
}

/** `--help=summary|child|user|option`: name and kind columns stay, the summary line is prose. */
function summaryLayout(lines: string[]): string {
  return lines.map((line) => line.replace(/^( {2}\S+ +(?:child|user|option) +)\S.*$/, '$1…')).join('\n');
}

/**
 * `--help=all` (boost's options_description): the caption and each option's column up to where
 * its description starts stay; the description is prose, and so are the lines continuing it
 * (indented to the description column at least), which are left out.
 */
function allLayout(lines: string[], version: VersionMask): string {
  const out = [version(lines[0]!)];
  let column = Number.POSITIVE_INFINITY;
  for (const line of lines.slice(1)) {
    const entry = /^( {2}(?:-\w \[ --[\w-]+ \]|--[\w-]+)(?: arg)? +)\S/.exec(line);
    if (entry) {
      column = entry[1]!.length;
      out.push(`${entry[1]}…`);
    } else if (line.length >= column && line.slice(0, column).trim() === '') {
      continue;
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

/** An environment variable's row in 5.9's tables: name, type and required stay, the description is prose. */
function tableRow(line: string): string {
  const cells = line.split('|');
  // ['', name, type, required, description, '']
  if (cells.length !== 6) return line;
  const description = cells[4]!;
  const masked = /^-+$/.test(description) || description.trim() === 'Description' ? description : ' '.repeat(description.length);
  return [...cells.slice(0, 4), masked, ''].join('|');
}

/**
 * `--help=<cmd>`: the header stays; the description is prose (one `…`, whatever its length);
 * in the environment that follows, table rows and `NAME <type> [required]` lines stay with their
 * descriptions blanked, and each heading or note line is one `…`.
 */
function commandLayout(lines: string[]): string {
  const isTable = (l: string) => l.startsWith('|');
  const isVariable = (l: string) => /^ {2}[A-Z_]+ <\w+> \[\w+\*?\]$/.test(l);
  const isTableHeader = (l: string) => /^\| Name +\| +Type +\| Required +\| Description +\|$/.test(l);
  // The environment begins with its heading: a blank line and the rule above its table's header
  // (descriptions have tables of their own), or a blank line above its first variable.
  const first = lines.findIndex((l, i) => i >= 4 && (isTableHeader(l) || isVariable(l)));
  const envStart = first < 0 ? -1 : first - (isVariable(lines[first]!) ? 2 : 3);
  // Without environment the help ends with the description and "\n\n".
  const descriptionEnd = envStart < 0 ? lines.length - 2 : envStart - 1;
  const out = [...lines.slice(0, 4), '…', ...lines.slice(descriptionEnd, envStart < 0 ? undefined : envStart)];
  if (envStart < 0) return out.join('\n');
  let previousVariable = false;
  for (const line of lines.slice(envStart)) {
    if (line === '') out.push(line);
    else if (isTable(line)) out.push(tableRow(line));
    else if (isVariable(line)) out.push(line);
    else if (previousVariable && line.startsWith('    ')) out.push('    …');
    else out.push('…');
    previousVariable = isVariable(line);
  }
  return out.join('\n');
}
