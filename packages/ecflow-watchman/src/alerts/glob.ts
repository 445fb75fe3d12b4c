/**
 * Path globs of alert rules: `*` any characters but `/`, `?` one of them, `**` any number of
 * whole path segments (`/oper/**` is `/oper` and everything under it), `[abc]` one of those.
 */

export interface PathGlob {
  readonly pattern: string;
  test(path: string): boolean;
}

/** Compiles a glob once; an error message if it is not one. */
export function compileGlob(pattern: string): PathGlob | { error: string } {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `/**` at the end or before `/`: the segments are optional, so `/a/**` matches `/a` too.
        if (re.endsWith('/') && (i + 1 === pattern.length || pattern[i + 1] === '/')) {
          re = re.slice(0, -1);
          re += i + 1 === pattern.length ? '(?:/.*)?' : '(?:/[^/]+)*';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return { error: `${JSON.stringify(pattern)}: '[' without ']'` };
      const set = pattern.slice(i + 1, end);
      re += `[${set.startsWith('!') ? '^' + escapeSet(set.slice(1)) : escapeSet(set)}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const compiled = new RegExp(`^${re}$`);
  return { pattern, test: (path) => compiled.test(path) };
}

function escapeSet(s: string): string {
  return s.replace(/[\\\]^]/g, '\\$&');
}
