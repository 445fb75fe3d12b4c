/** A test file's own temporary directory of inputs (definitions, scripts, includes). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Makes a directory named after `prefix` in the system's temp; `write` puts a file in it (parents made) and returns its path. */
export function scratchDir(prefix: string): { dir: string; write: (name: string, text: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  return { dir, write };
}
