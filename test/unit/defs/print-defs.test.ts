// The byte-writing DEFS printer (print-defs.ts) against the general printer (printNode), including
// the fallback for text that latin1 cannot hold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDefs, printDefs, printNode } from '../../../packages/ecflow-ts/src/defs/index.js';

function viaGeneralPrinter(text: string, indent: boolean): string {
  const defs = parseDefs(text);
  let s = '#5.9.2\n';
  for (const e of [...defs.externs].sort()) s += 'extern ' + e + '\n';
  for (const suite of defs.suites) s += printNode(suite, { style: 'defs', indent });
  return s + '# enddef\n';
}

const TEXTS = [
  'suite s\n  task t\n    label l "caf\u00e9 \u20ac"\n    edit V \'x\u0100\'\nendsuite\n',
  'suite s\n  task t\n    label l "caf\u00e9"\n    meter m -5 10\n    event 3 e set\n    edit V \'a\\nb\'\nendsuite\n',
  'extern /a/b\nsuite s\n  clock real 1.1.2020 +01:00\n  limit l 2\n  family f\n    defstatus complete\n    repeat integer I 1 10\n    inlimit /s:l\n    task t\n      late -c 01:00\n      complete t == complete\n      trigger 1 == 1\n      trigger -o 2 == 2\n      time 10:00\n      cron 10:00\n      zombie user:fob::300\n      autocancel 3\n      verify complete:1\n      queue q a b\n      generic g x\n  endfamily\nendsuite\n',
];

// Text over the printer's 1 MiB pieces, with a line longer than one piece and, last, a character
// latin1 cannot hold (seen after several pieces were written).
const long = 'x'.repeat(1 << 21);
const lines = ['suite s'];
for (let i = 0; i < 40000; i++) lines.push(`  task t${i}`, `    edit V '${i % 5000 === 0 ? long.slice(0, 100 * i) : 'v'}'`, `    label l "${i === 20000 ? long : 'w'}"`);
const BIG = lines.join('\n') + '\nendsuite\n';

describe('DEFS printer (bytes)', () => {
  for (const [i, text] of [...TEXTS, BIG, BIG.replace(/endsuite\n$/, "  task w\n    edit W '\u0100'\nendsuite\n")].entries()) {
    it(`prints text ${i} as the general printer does`, () => {
      assert.equal(printDefs(parseDefs(text)), viaGeneralPrinter(text, true));
      assert.equal(printDefs(parseDefs(text), { indent: false }), viaGeneralPrinter(text, false));
    });
  }
});
