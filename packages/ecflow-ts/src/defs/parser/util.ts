/** Small helpers the keyword parsers share. */

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
