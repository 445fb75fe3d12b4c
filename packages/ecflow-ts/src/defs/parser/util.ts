/** Small helpers the keyword parsers share. */

/**
 * `s` as a string of its own. V8 cuts a substring of 13 characters or more as a view of the string
 * it is cut from, so a value the model keeps from a definition's text (a server variable's path,
 * a long name, label or trigger) kept the whole text alive: every mirror held its last full
 * sync's text (12 MB for 100k tasks), for the sake of its server variables. A character put in
 * front and cut off again makes V8 copy the characters first.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Tokens `from..to-1` joined by single spaces, as one flat string. */
export function joinTokens(tokens: readonly string[], from: number, to: number): string {
  if (to - from === 1) return tokens[from]!;
  return tokens.slice(from, to).join(' ');
}

/** Index of the first token at or after `from` starting with `#`, else the number of tokens. */
export function commentIndex(tokens: readonly string[], from: number): number {
  for (let i = from; i < tokens.length; i++) if (tokens[i]!.charCodeAt(0) === 35) return i;
  return tokens.length;
}
