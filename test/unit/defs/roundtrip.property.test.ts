// Property: for generated definitions, print(parse(text)) == text in every style, and the parser
// never crashes or hangs on mutated input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DefsParseError, parseDefs, printDefs, type PrintStyleName } from '../../../packages/ecflow-ts/src/defs/index.js';

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/);
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const state = fc.constantFrom('complete', 'queued', 'aborted', 'active', 'submitted', 'unknown');
const value = fc.stringMatching(/^[a-zA-Z0-9_%/.-]{0,8}( [a-zA-Z0-9_%/.-]{1,8}){0,2}$/);

/** Attribute lines valid for a task (DEFS style, canonical form). */
const taskAttr = fc.oneof(
  fc.tuple(name, value).map(([n, v]) => `edit ${n.toUpperCase()} '${v}'`),
  fc.tuple(name, value).map(([n, v]) => `label ${n} "${v}"`),
  fc.tuple(name, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 51, max: 100 })).map(([n, a, b]) => `meter ${n} ${a} ${b} ${b}`),
  fc.tuple(name, fc.boolean()).map(([n, s]) => `event ${n}${s ? ' set' : ''}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), name).map(([i, n]) => `event ${i} ${n}`),
  hhmm.map((t) => `time ${t}`),
  hhmm.map((t) => `today +${t}`),
  fc.constantFrom('day monday', 'day sunday', 'date 1.*.*', 'date *.12.2024', 'cron -w 0,1 -d 1,L -m 1,12 10:00', 'cron 00:00 23:00 01:00'),
  fc.constantFrom('late -s +00:15 -a 20:00 -c +02:00', 'late -c 01:00'),
  fc.constantFrom('zombie user:fob::300', 'zombie ecf:adopt:init,complete:3600', 'verify complete:1', 'queue q a b c', 'generic g x y', 'autocancel 3', 'autocancel +01:00'),
  fc.constantFrom('inlimit /s:lim', 'inlimit -n lim 2', 'limit lim2 5'),
);

const taskLines = fc.tuple(name, fc.uniqueArray(taskAttr, { maxLength: 6, selector: (l) => l.split(' ').slice(0, 2).join(' ') }));

const defsText = fc.tuple(name, fc.uniqueArray(taskLines, { minLength: 1, maxLength: 5, selector: ([n]) => n })).map(([suite, tasks]) => {
  const lines = ['#5.9.2', `suite ${suite}`, '  limit lim 10', '  family f'];
  for (const [tname, attrs] of tasks) {
    lines.push(`    task ${tname}`);
    // keep a canonical order: the printer writes attributes in ecFlow's order
    for (const a of sortAttrs(attrs)) lines.push(`      ${a}`);
  }
  lines.push('  endfamily', 'endsuite', '# enddef');
  return lines.join('\n') + '\n';
});

const ORDER = ['defstatus', 'late', 'complete', 'trigger', 'repeat', 'edit', 'limit', 'inlimit', 'label', 'meter', 'event', 'time', 'today', 'date', 'day', 'cron', 'autocancel', 'autoarchive', 'autorestore', 'zombie', 'verify', 'queue', 'generic'];
function sortAttrs(attrs: string[]): string[] {
  const seen = new Set<string>();
  const uniq = attrs.filter((a) => {
    const kw = a.split(' ')[0]!;
    // one late/autocancel per node; one zombie per type etc. keep it simple: unique keyword+name
    const key = ['late', 'autocancel'].includes(kw) ? kw : a.split(' ').slice(0, kw === 'event' && /^\d/.test(a.split(' ')[1]!) ? 3 : 2).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // events with a number and events with the same name clash: drop duplicates by name
  const evNames = new Set<string>();
  const out = uniq.filter((a) => {
    if (!a.startsWith('event ')) return true;
    const parts = a.split(' ');
    const n = /^\d+$/.test(parts[1]!) ? parts[2]! : parts[1]!;
    if (evNames.has(n)) return false;
    evNames.add(n);
    return true;
  });
  return out.sort((a, b) => ORDER.indexOf(a.split(' ')[0]!) - ORDER.indexOf(b.split(' ')[0]!));
}

describe('print(parse(text)) round trip', () => {
  it('reproduces generated DEFS text byte for byte', () => {
    fc.assert(
      fc.property(defsText, (text) => {
        assert.equal(printDefs(parseDefs(text)), text);
      }),
      { numRuns: 300 },
    );
  });

  it('is stable in every state style: print(parse(print(d, style)), style) == print(d, style)', () => {
    const styles: PrintStyleName[] = ['net', 'migrate', 'defs'];
    fc.assert(
      fc.property(defsText, fc.constantFrom(...styles), fc.boolean(), (text, style, indent) => {
        const once = printDefs(parseDefs(text), { style, indent });
        assert.equal(printDefs(parseDefs(once), { style, indent }), once);
      }),
      { numRuns: 200 },
    );
  });

  it('reads state carried in NET comments', () => {
    fc.assert(
      fc.property(defsText, state, (text, st) => {
        const net = printDefs(parseDefs(text), { style: 'net' }).replace(/^(task \S+)$/m, `$1 # try:2 state:${st} flag:late,message suspended:1`);
        const again = printDefs(parseDefs(net), { style: 'net' });
        assert.equal(again, net.replace(' state:unknown', ''));
      }),
      { numRuns: 100 },
    );
  });

  it('never crashes or hangs on mutated input: it parses or throws DefsParseError', () => {
    const mutated = fc.tuple(defsText, fc.nat(), fc.nat(), fc.constantFrom('', ' ', '#', ';', '\\', '"', "'", ':', '-a', 'endfamily', '\n', '\t', 'x')).map(
      ([text, a, b, ins]) => {
        const i = a % (text.length + 1);
        const j = Math.min(text.length, i + (b % 5));
        return text.slice(0, i) + ins + text.slice(j);
      },
    );
    fc.assert(
      fc.property(mutated, (text) => {
        try {
          printDefs(parseDefs(text));
        } catch (e) {
          assert.ok(e instanceof DefsParseError, `unexpected ${String(e)}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
