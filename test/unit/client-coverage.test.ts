/**
 * Every public method and accessor of Client is called by name in at least one test that runs
 * against real servers (everything under test/ but the unit tests and helpers), so a method added
 * without such a test fails here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '../../packages/ecflow-ts/src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && (e.name === 'unit' || e.name === 'helpers')) return [];
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [fs.readFileSync(p, 'utf8')] : [];
  });
}

it('every public Client member is used by a test against a real server', () => {
  const text = sources(root).join('\n');
  const members = Object.getOwnPropertyNames(Client.prototype).filter((n) => n !== 'constructor');
  assert.ok(members.length > 100, `only ${members.length} members found`);
  const untested = members.filter((n) => !new RegExp(`\\.${n}\\b`).test(text));
  assert.deepEqual(untested, []);
});
