/**
 * Parity of plug, replace, archive/restore, client handles, zombies, stats_server and server_load
 * between the real ecflow_client (server A) and our ecflow-client (server B). The zombies are real:
 * child commands with a wrong ECF_PASS, plus the user zombies `--delete force` and `--replace … force` make.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import { describeParity, head, type Row, version } from '../helpers/parity.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir, write: file } = scratchDir('ecflow-ts-user-b-');
// Jobs are "submitted" by a job command that does nothing, so the tasks wait for child commands.
const zombies = file(
  'z.def',
  `suite z
  edit ECF_FILES '${dir}'
  edit ECF_JOB_CMD 'true'
  edit ECF_KILL_CMD 'true'
  family f
    task t1
      label l ""
    task t2
      meter m 0 10
    task t3
      event e
    task t4
    task t5
  endfamily
endsuite
`,
);
for (const t of ['t1', 't2', 't3', 't4', 't5']) file(`z/f/${t}.ecf`, 'echo hello\n');
const handles = file('h.def', 'suite h1\n  task a\nendsuite\nsuite h2\n  task b\nendsuite\n');
const plugged = file('p.def', 'suite p\n  family a\n    task x\n  endfamily\n  family b\n    task y\n  endfamily\n  task c\nendsuite\n');
const replacement = file(
  'repl.def',
  '# a replacement\nextern /elsewhere:ev\nsuite p\n  family a\n    task x2\n      label why "replaced"\n  endfamily\n  family new\n    task n\n      trigger ../a/x2 == complete\n  endfamily\nendsuite\n',
);
const other = file('other.def', 'suite q\n  family a\n    task t\n  endfamily\nendsuite\n');
const badTrigger = file('trig.def', 'suite p\n  family a\n    task t\n      trigger nosuch == complete\n  endfamily\nendsuite\n');
const badSyntax = file('bad.def', 'suite p\n  family a\n    task t\n     bogus\nendsuite\n');
const zReplace = file('zr.def', 'suite z\n  family f\n    task t5\n  endfamily\nendsuite\n');

/** Ages grow with time and user zombies carry the task's (random) password: blank both out. */
const zombieTable = (s: string) =>
  s
    .split('\n')
    .map((line) => {
      const m = /^(\/\S*\s+\S+\s+)(\d+\s+)(\S+)(\s+)/.exec(line);
      if (!m) return line;
      const password = m[3] === 'wrongpw' ? m[3] : 'P'.repeat(m[3]!.length);
      return `${m[1]}${'A'.padEnd(m[2]!.length)}${password}${m[4]}${line.slice(m[0].length)}`;
    })
    .join('\n');
/**
 * What differs between the two server processes: their start, request rates and, from 5.17, their
 * own resources (pid, memory, threads). 5.9 writes "Request's per", later releases "Request/s per".
 * "Get full definition" counts this harness's own --get_state reads too, and those are repeated
 * until a server has settled, as many times on one server as it takes.
 */
const stats = (s: string) =>
  s
    .replace(/^(\s+Up since\s+).*$/m, '$1T')
    .replace(/^(\s+Get full definition\s+)\d+$/m, '$1G')
    .replace(/^(\s+Request(?:'s|\/s) per 1,5,15,30,60 min\s+).*$/m, '$1R')
    .replace(/^(\s+(?:pid|virtual_memory_used|resident_memory_used|n_threads|arena_memory|tracked_memory|freed_memory)\s+).*$/gm, '$1N');

const child = (task: string, extra: Record<string, string> = {}) => ({ ECF_NAME: task, ECF_PASS: 'wrongpw', ECF_RID: '4242', ECF_TRYNO: '1', ...extra });

const rows: Row[] = [
  { args: ['--restart'] },
  // ---- client handles
  { args: ['--ch_suites'] },
  { args: [`--load=${handles}`] },
  { args: ['--ch_register=true', 'h1'] },
  { args: ['--ch_register=false', 'h1', 'h2', 'nosuch'] },
  { args: ['--ch_register'] },
  { args: ['--ch_suites'] },
  { args: ['--ch_add=1', 'h2'] },
  { args: ['--ch_rem=1', 'h1'] },
  { args: ['--ch_auto_add=2', 'true'] },
  { args: ['--ch_register=1', 'true', 'h2'] },
  { args: ['--ch_register=2', 'maybe', 'h1'] },
  { args: ['--ch_suites'] },
  { args: ['--ch_drop=3'] },
  { args: ['--ch_drop=99'] },
  { args: ['--ch_add=99', 'h1'] },
  { args: ['--ch_rem=99', 'h1'] },
  { args: ['--ch_auto_add=99', 'false'] },
  { args: ['--ch_drop=0'] },
  { args: ['--ch_drop=x'] },
  { args: ['--ch_add=1'] },
  { args: ['--ch_add=x', 'h1'] },
  { args: ['--ch_add=0', 'h1'] },
  { args: ['--ch_rem=x', 'h1'] },
  { args: ['--ch_auto_add=1'] },
  { args: ['--ch_auto_add=x', 'true'] },
  { args: ['--ch_auto_add=0', 'true'] },
  { args: ['--ch_auto_add=4', 'maybe'] },
  { args: ['--ch_register=maybe', 'h1'] },
  { args: ['--ch_drop_user=nobody'] },
  { args: ['--ch_suites'] },
  { args: ['--ch_drop_user'] },
  { args: ['--ch_drop_user'] },
  { args: ['--ch_suites'] },
  // ---- plug
  { args: [`--load=${plugged}`] },
  { args: ['--plug', '/p/a', '/p/b'] },
  { args: ['--plug', '/p/a/x', '/p/b'] },
  { args: ['--plug=/p/c', '/p/b/y'] },
  { args: ['--plug=/p/b', '/p'] },
  { args: ['--plug=/nosuch', '/p'] },
  { args: ['--plug=/p/a', '/nosuch'] },
  { args: ['--plug=/p/a', 'nohost:99/p'] , normalize: (s) => s.replace(/ {2}.*$/m, '  …') },
  { args: ['--plug=/p/a'], normalize: head(2) },
  { args: ['--plug', '/a', '/b', '/c'], normalize: head(2) },
  // ---- replace
  { args: [`--replace=/p/a`, replacement] },
  { args: [`--replace=/p/new`, replacement] },
  { args: [`--replace=/p/new`, replacement, 'false'] },
  { args: [`--replace=/p/zz`, replacement] },
  { args: [`--replace=/q/a`, other, 'false'] },
  { args: [`--replace=/q/a`, other, 'false', 'force'] },
  { args: [`--replace=/p/a`, path.join(dir, 'missing.def')], normalize: version },
  { args: [`--replace=/p/a`, badTrigger] },
  { args: [`--replace=/p/a`, badSyntax], normalize: version },
  { args: ['--replace=/p/a'] },
  // ---- archive / restore
  { args: ['--archive', '/p/b'] },
  { args: ['--restore', '/p/b'] },
  { args: ['--archive=/p/new', '/nosuch'] },
  { args: ['--restore=/p/new'] },
  { args: ['--restore=/nosuch'] },
  { args: ['--archive=x'] },
  { args: ['--restore=p'] },
  // ---- zombies: wrong passwords on submitted tasks, and user zombies
  { args: [`--load=${zombies}`] },
  { args: ['--begin=z'], settled: (state) => [1, 2, 3, 4, 5].every((n) => new RegExp(`task t${n} # .*state:submitted`).test(state)) },
  { args: ['--zombie_get'] },
  { args: ['--label=l', 'from a zombie'], env: child('/z/f/t1') },
  { args: ['--meter=m', '3'], env: child('/z/f/t2') },
  { args: ['--event=e'], env: child('/z/f/t3', { ECF_RID: '' }) },
  { args: ['--zombie_get'], normalize: zombieTable },
  { args: ['--delete', 'force', 'yes', '/z/f/t4'] },
  { args: [`--replace=/z/f/t5`, zReplace, 'parent', 'force'] },
  { args: ['--zombie_get'], normalize: zombieTable },
  { args: ['--zombie_fob', '/z/f/t1'] },
  { args: ['--zombie_fail=/z/f/t2'] },
  { args: ['--zombie_adopt', '/z/f/t3'] },
  { args: ['--zombie_get'], normalize: zombieTable },
  { args: ['--zombie_block', '/z/f/t1', '/z/f/t2'] },
  { args: ['--zombie_kill=/z/f/t3'] },
  { args: ['--zombie_get'], normalize: zombieTable },
  { args: ['--label=l', 'again'], env: child('/z/f/t1') },
  { args: ['--zombie_remove', '/z/f/t1', '/z/f/t4'] },
  { args: ['--zombie_get'], normalize: zombieTable },
  { args: ['--zombie_fob=/nosuch'] },
  { args: ['--zombie_fob=x'] },
  { args: ['--zombie_fob', '/z/f/t1', '/z/f/t2', 'pid'] },
  { args: ['--zombie_fob', 'pid', '/z/f/t1'] },
  { args: ['--zombie_fob', 'pid', 'pass', '/z/f/t1'] },
  { args: ['--zombie_fob', 'a', 'b', 'c', '/z/f/t1'] },
  { args: ['--zombie_get'], normalize: zombieTable },
  // ---- statistics and load
  { args: ['--stats_server'], normalize: stats },
  { args: ['--server_load'] },
  { args: [`--server_load=${path.join(dir, 'nosuch.log')}`] },
  { args: [`--server_load=${plugged}`] },
  { args: ['--stats_reset'] },
  { args: ['--stats_server'], normalize: stats },
];

describeParity('plug, replace, archive, client handles, zombies, stats_server and server_load match ecflow_client', rows, {
  cleanup: dir,
  more: (servers) => {

  it('offers the same through the library', async () => {
    const { b } = servers();
    const client = b.client();
    const handle = await client.chRegister(false, ['h1', 'h2']);
    await client.chAdd(handle, ['p']);
    await client.chRemove(handle, ['h2']);
    await client.chAutoAdd(handle, true);
    const { handles } = await client.chSuites();
    assert.deepEqual(handles.find((h) => h.handle === handle)?.suites, ['h1', 'p']);
    assert.equal(await client.chDrop(handle), 0);
    await assert.rejects(client.chDrop(handle), /does not exist/);

    const [zombie] = (await client.zombieGet()).filter((z) => z.pathToTask === '/z/f/t3');
    assert.ok(zombie, 'the zombie of /z/f/t3 is still there');
    await client.zombieFob(zombie);
    assert.equal((await client.zombieGet()).find((z) => z.pathToTask === '/z/f/t3')?.userAction, 0);
    await client.zombieRemove('/z/f/t3');

    await client.plug('/q/a/t', '/p/a');
    await client.replace('/p/a', 'suite p\n  family a\n    task only\n    task x2\n  endfamily\nendsuite\n');
    await client.archive('/p/a');
    await client.restore(['/p/a']);
    const stats = await client.statsServer();
    assert.equal(stats.status, 2);
    assert.ok(stats.chCmd >= 6 && stats.plug >= 1 && stats.replace >= 1 && stats.nodeArchive >= 1);
    assert.equal(await client.serverLoad(), stats.ECF_LOG);
  });
  },
});
