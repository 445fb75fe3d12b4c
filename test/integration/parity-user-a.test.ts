/**
 * Parity of --alter, --query, --file, --edit_script, --edit_history, --check, --job_gen,
 * --checkJobGenOnly, --free-dep and --order: each row runs through the real ecflow_client
 * (server A) and ours (server B); outputs, exit codes and the resulting states must agree.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import { describeParity, head, type Row } from '../helpers/parity.js';
import { TEST_VERSION } from '../helpers/ecflow-server.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * `--alter` reads what ecflow_client 5.17.0 reads whatever the server, so its messages list 5.17's
 * kinds and flags; older clients list fewer (5.9.2's change list also names free_password). The
 * lists are compared on 5.17.0; what each release accepts is test/integration/alter-releases.test.ts.
 */
const kinds = (s: string) => (TEST_VERSION === '5.17.0' ? s : s.replace(/must be one of \[[^\]]*\]/, 'must be one of [ … ]'));
const alterList = (lines: number) => (s: string) => head(lines)(kinds(s));

const { dir, write } = scratchDir('ecflow-ts-user-a-');

write('include/head.h', '# head of %ECF_NAME%\n');
write('include/tail.h', '# tail\n');
const script = '%include <head.h>\n%comment\na comment block\n%end\n%manual\nThe manual of %TASK%\n%end\necho "task %ECF_NAME% sv=%SV% fv=%FV%"\n%include <tail.h>\n';
for (const t of ['f/t1', 'f/t2', 'g/t4', 'h/t5', 'k/t6', 'k/t7']) write(`files/${t}.ecf`, script);
write('files/f/t3.ecf', 'echo %NOSUCHVAR%\n');
write('out/t1.out', 'output line 1\noutput line 2\noutput line 3\n');
const userScript = write(
  'user.ecf',
  '%comment - ecf user variables\nSV = from the file\n  FV=fam from the file  \nSV = ignored, the first wins\n%end\n%include <head.h>\necho "user %SV% %FV%"\n',
);
const plainScript = write('plain.ecf', '%include <head.h>\necho plain\n');
const suiteFile = write(
  'suite.def',
  `suite su
  edit ECF_FILES '${dir}/files'
  edit ECF_INCLUDE '${dir}/include'
  edit ECF_JOB_CMD 'true'
  edit SV 'suite var'
  limit lim 10
  limit lim2 5
  family f
    edit FV 'fam'
    inlimit lim
    task t1
      edit ECF_JOBOUT '${dir}/out/t1.out'
      event e1
      event 2 e2
      meter m1 0 100 50
      label l1 "hello"
      time 10:00
      today 11:00
      date 1.2.2030
      day monday
      cron 23:00
      late -s +00:15 -c 02:00
      zombie ecf:fail::
      queue q1 a b c
    task t2
      trigger t1 == complete
      complete t1:e1
    task t3
      defstatus suspended
  endfamily
  family g
    repeat integer I 0 3
    task t4
      trigger ../f/t1 == complete
  endfamily
  family h
    repeat date D 20240101 20240105
    task t5
      trigger ../f/t1 == complete
  endfamily
  family k
    task t6
      trigger ../f/t1 == complete
      time 23:59
    task t7
      trigger ../f/t1 == complete
    task t8
      trigger ../f/t1 == complete
  endfamily
endsuite
`,
);

const rows: Row[] = [
  { args: [`--load=${suiteFile}`] },
  { args: ['--restart'] },
  { args: ['--begin=su'] },

  // ---- query
  { args: ['--query', 'state', '/su/f/t1'] },
  { args: ['--query', 'state', '/'] },
  { args: ['--query', 'dstate', '/su/f/t3'] },
  { args: ['--query', 'dstate', '/'] },
  { args: ['--query', 'state'] },
  { args: ['--query', 'state', 'su'] },
  { args: ['--query', 'state', '/su', 'extra'] },
  { args: ['--query', 'state', '/nosuch'] },
  { args: ['--query', 'event', '/su/f/t1:e1'] },
  { args: ['--query', 'event', '/su/f/t1:2'] },
  { args: ['--query', 'event', '/su/f/t1:nosuch'] },
  { args: ['--query', 'event', '/su/f/t1'], normalize: head(2) },
  { args: ['--query', 'event'] },
  { args: ['--query', 'meter', '/su/f/t1:m1'] },
  { args: ['--query', 'meter', '/su/f/t1:nosuch'] },
  { args: ['--query', 'label', '/su/f/t1:l1'] },
  { args: ['--query', 'label', '/su/f/t1:nosuch'] },
  { args: ['--query', 'label', 'x:y'] },
  { args: ['--query', 'variable', '/su/f/t1:SV'] },
  { args: ['--query', 'variable', '/su/f/t1:ECF_NAME'] },
  { args: ['--query', 'variable', '/su/g:I'] },
  { args: ['--query', 'variable', '/su/f/t1:NOPE'] },
  { args: ['--query', 'limit', '/su:lim'] },
  { args: ['--query', 'limit_max', '/su:lim'] },
  { args: ['--query', 'limit', '/su:nolim'] },
  { args: ['--query', 'trigger', '/su/f/t2', 't1 == complete'] },
  { args: ['--query', 'trigger', '/su/f/t2', 't1 == queued'] },
  { args: ['--query', 'trigger', '/su/f/t2', 'nosuch == queued'] },
  { args: ['--query', 'trigger', '/su/f/t2', '1=='] },
  { args: ['--query', 'trigger', '/su/f/t2', 't1 == complete and'] },
  { args: ['--query', 'trigger', '/su/f/t2'], normalize: head(2) },
  { args: ['--query', 'repeat', '/su/g'] },
  { args: ['--query', 'repeat', '/su/g', 'next'] },
  { args: ['--query', 'repeat', '/su/h', 'prev'] },
  { args: ['--query', 'repeat', '/su/h', 'next'] },
  { args: ['--query', 'repeat', '/su/g', 'sideways'] },
  { args: ['--query', 'repeat', '/su/g', 'next', 'x'] },
  { args: ['--query', 'repeat', '/su/f'] },
  { args: ['--query', 'bogus', '/su'] },
  { args: ['--query=state', '/su/f/t1'], env: { ECF_NAME: '/su/f/t1' } },
  { args: ['--query', 'event', '/su/f/t1:nosuch'], env: { ECF_NAME: '/su/f/t1' } },
  { args: ['--query', 'label', '/su/f/t1:nosuch'], env: { ECF_NAME: '/su/f/t1' } },
  { args: ['--query', 'state', '/su'], env: { ECF_NAME: 'relative' } },

  // ---- file
  { args: ['--file', '/su/f/t1'] },
  { args: ['--file=/su/f/t1', 'script', '3'] },
  { args: ['--file', '/su/f/t1', 'script', '-5'] },
  { args: ['--file', '/su/f/t1', 'script', '2', 'ignored'] },
  { args: ['--file', '/su/f/t1', 'manual'] },
  { args: ['--file', '/su/f/t1', 'job'] },
  { args: ['--file', '/su/f/t1', 'jobout'] },
  { args: ['--file', '/su/f/t1', 'jobout', '2'] },
  { args: ['--file', '/su/f/t1', 'kill'] },
  { args: ['--file', '/su/f/t1', 'stat'] },
  { args: ['--file', '/su/f/t1', 'bogus'] },
  { args: ['--file', '/su/f/t1', 'script', 'x'] },
  { args: ['--file', '/nosuch'] },
  { args: ['--file', '/su/f'] },
  { args: ['--file', '/su/f', 'manual'] },
  { args: ['--file', '/su/f/t3', 'job'] },

  // ---- edit_script
  { args: ['--edit_script', '/su/f/t1', 'edit'] },
  { args: ['--edit_script=/su/f/t2', 'pre_process'] },
  { args: ['--edit_script', '/su/f/t1', 'pre_process_file', userScript] },
  { args: ['--edit_script', '/su/f/t1', 'pre_process_file', path.join(dir, 'missing.ecf')] },
  { args: ['--edit_script', '/su/f/t1', 'edit', plainScript], normalize: head(2) },
  { args: ['--edit_script', '/su/f/t1', 'bogus'], normalize: head(2) },
  { args: ['--edit_script', '/su/f/t1'], normalize: head(2) },
  { args: ['--edit_script', '/nosuch', 'edit'] },
  { args: ['--edit_script', '/su/f', 'edit'] },
  { args: ['--edit_script', '/su/f/t3', 'pre_process'] },
  { args: ['--edit_script', '/su/k/t6', 'submit', userScript] },
  { args: ['--edit_script', '/su/k/t7', 'submit_file', userScript] },
  { args: ['--edit_script', '/su/k/t8', 'submit_file', plainScript, 'create_alias', 'no_run'] },
  { args: ['--edit_script', '/su/k/t8', 'submit_file', plainScript, 'create_alias'] },
  { args: ['--file', '/su/k/t6', 'job'] },
  { args: ['--file', '/su/k/t7', 'job'] },

  // ---- alter: argument errors
  { args: ['--alter', 'change', 'variable', 'SV', 'x'] },
  { args: ['--alter', '/su'] },
  { args: ['--alter', 'change', '/su'] },
  { args: ['--alter', 'bogus', 'x', '/su'] },
  { args: ['--alter', 'add', 'bogus', 'x', '/su'], normalize: alterList(2) },
  { args: ['--alter', 'add', 'time', '/su'] },
  { args: ['--alter', 'add', 'time', '25:00', '/su/f/t3'] },
  { args: ['--alter', 'add', 'time', '1000', '/su/f/t3'] },
  { args: ['--alter', 'add', 'today', '10:00', '20:00', '/su/f/t3'] },
  { args: ['--alter', 'add', 'date', '32.1.2024', '/su/f/t3'] },
  { args: ['--alter', 'add', 'date', '1.2', '/su/f/t3'] },
  { args: ['--alter', 'add', 'day', 'funday', '/su/f/t3'] },
  { args: ['--alter', 'add', 'zombie', 'bad', '/su/f/t3'] },
  { args: ['--alter', 'add', 'zombie', 'ecf:bogus::', '/su/f/t3'] },
  { args: ['--alter', 'add', 'late', 'bad', '/su/f/t3'] },
  { args: ['--alter', 'add', 'late', '-s', '/su/f/t3'] },
  { args: ['--alter', 'add', 'variable', 'V', '/su/f/t3'] },
  { args: ['--alter', 'add', 'variable', '.x', 'y', '/su/f/t3'] },
  { args: ['--alter', 'add', 'label', '.l', 'y', '/su/f/t3'] },
  { args: ['--alter', 'add', 'label', 'l', '/su/f/t3'] },
  { args: ['--alter', 'add', 'limit', 'L', 'x', '/su'] },
  { args: ['--alter', 'add', 'limit', 'L', '/su'] },
  { args: ['--alter', 'add', 'limit', '.L', '5', '/su'] },
  // 5.17's message (the inlimit value parser of 5.16); 5.13.8's client takes /su:lim for a path here
  ...(TEST_VERSION === '5.17.0' ? [{ args: ['--alter', 'add', 'inlimit', '/su:lim', 'x', '/su/f/t3'] }] : []),
  { args: ['--alter', 'add', 'inlimit', '.lim', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'bogus', '/su'], normalize: alterList(2) },
  { args: ['--alter', 'delete', 'variable', '.x', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'time', '25:00', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'date', '1.x', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'day', 'x', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'cron', 'bad', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'event', '.e', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'meter', '.m', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'label', '.l', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'queue', '.q', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'generic', '.g', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'limit', '.L', '/su'] },
  { args: ['--alter', 'delete', 'inlimit', '/su:.L', '/su'] },
  { args: ['--alter', 'delete', 'zombie', 'bad', '/su'] },
  { args: ['--alter', 'delete', 'zombie', '/su'] },
  { args: ['--alter', 'delete', 'limit_path', '/su'] },
  { args: ['--alter', 'delete', 'limit_path', 'lim', '/su'] },
  { args: ['--alter', 'change', 'bogus', 'x', '/su'], normalize: alterList(2) },
  { args: ['--alter', 'change', 'free_password', 'x', '/su'], normalize: alterList(2) },
  { args: ['--alter', 'change', 'variable', 'SV', 'a', 'b', '/su'] },
  { args: ['--alter', 'change', 'clock_type', '/su'] },
  { args: ['--alter', 'change', 'clock_date', '/su'] },
  { args: ['--alter', 'change', 'clock_gain', '/su'] },
  { args: ['--alter', 'change', 'clock_sync', 'x', '/su'] },
  { args: ['--alter', 'change', 'event', 'e1', 'set', 'x', '/su/f/t1'] },
  { args: ['--alter', 'change', 'meter', 'm1', '/su/f/t1'] },
  { args: ['--alter', 'change', 'label', 'l1', 'a', 'b', '/su/f/t1'] },
  { args: ['--alter', 'change', 'late', '/su/f/t1'] },
  { args: ['--alter', 'change', 'trigger', '/su/f/t2'] },
  { args: ['--alter', 'change', 'complete', '/su/f/t2'] },
  { args: ['--alter', 'change', 'repeat', '/su/g'] },
  { args: ['--alter', 'change', 'limit_max', 'lim', '/su'] },
  { args: ['--alter', 'change', 'limit_value', 'lim', '/su'] },
  { args: ['--alter', 'change', 'time', '10:00', '/su/f/t1'] },
  { args: ['--alter', 'change', 'today', '1', '/su/f/t1'] },
  { args: ['--alter', 'change', 'defstatus', '/su'] },
  { args: ['--alter', 'set_flag', 'bogus', '/su'], normalize: alterList(2) },
  { args: ['--alter', 'sort', 'bogus', '/su'], normalize: head(2) },
  { args: ['--alter', 'sort', 'event', 'x', '/su'], normalize: head(2) },

  // ---- alter: add
  { args: ['--alter', 'add', 'variable', 'NEWVAR', 'nv', '/su/f', '/su/g'] },
  { args: ['--alter', 'add', 'variable', 'PATHVAR', '/a/b', '/su/f/t3'] },
  { args: ['--alter', 'add', 'variable', 'SRVVAR', 'server value', '/'] },
  { args: ['--alter', 'add', 'variable', 'ECF_PORT', '1', '/'] },
  { args: ['--alter', 'add', 'time', '+00:30', '/su/f/t3'] },
  { args: ['--alter', 'add', 'time', '10:00 20:00 01:00', '/su/f/t3'] },
  { args: ['--alter', 'add', 'today', '12:00', '/su/f/t3'] },
  { args: ['--alter', 'add', 'date', '1.2.2025', '/su/f/t3'] },
  { args: ['--alter', 'add', 'date', '*.3.*', '/su/f/t3'] },
  { args: ['--alter', 'add', 'day', 'friday', '/su/f/t3'] },
  { args: ['--alter', 'add', 'zombie', 'user:fob::', '/su/f/t3'] },
  { args: ['--alter', 'add', 'late', '-s +00:10 -a 20:00', '/su/f/t3'] },
  { args: ['--alter', 'add', 'limit', 'lim3', '7', '/su/f'] },
  { args: ['--alter', 'add', 'inlimit', '/su:lim2', '2', '/su/f/t3'] },
  { args: ['--alter', 'add', 'inlimit', 'lim3', '/su/f/t3'] },
  { args: ['--alter', 'add', 'label', 'newlab', 'a value', '/su/f/t3'] },
  { args: ['--alter', 'add', 'label', 'pathlab', '/x/y', '/su/f/t3'] },
  { args: ['--alter', 'add', 'label', 'l1', 'dup', '/su/f/t1'] },
  { args: ['--alter', 'add', 'time', '10:00', '/nosuch'] },

  // ---- alter: change
  { args: ['--alter', 'change', 'variable', 'NEWVAR', 'changed', '/su/f'] },
  { args: ['--alter', 'change', 'variable', 'NEWVAR', '/su/g'] },
  { args: ['--alter', 'change', 'variable', 'SV', '/a/b', '/su'] },
  { args: ['--alter', 'change', 'variable', 'NOPE', 'x', '/su'] },
  { args: ['--alter', 'change', 'variable', 'SRVVAR', 'changed', '/'] },
  { args: ['--alter', 'change', 'event', 'e1', 'set', '/su/f/t1'] },
  { args: ['--alter', 'change', 'event', '2', '/su/f/t1'] },
  { args: ['--alter', 'change', 'event', 'e1', 'bad', '/su/f/t1'] },
  { args: ['--alter', 'change', 'meter', 'm1', '77', '/su/f/t1'] },
  { args: ['--alter', 'change', 'meter', 'm1', 'x', '/su/f/t1'] },
  { args: ['--alter', 'change', 'meter', 'nosuch', '5', '/su/f/t1'] },
  { args: ['--alter', 'change', 'label', 'l1', 'altered label', '/su/f/t1'] },
  { args: ['--alter', 'change', 'label', 'l1', 'two\\nlines', '/su/f/t1'] },
  { args: ['--alter', 'change', 'label', 'newlab', '/su/f/t3'] },
  { args: ['--alter', 'change', 'label', 'l1', '/su/f/t1', '/su/f/t2'] },
  { args: ['--alter', 'change', 'late', '-c +03:00', '/su/f/t1'] },
  { args: ['--alter', 'change', 'trigger', 't1 == aborted', '/su/f/t2'] },
  { args: ['--alter', 'change', 'trigger', '/su/f/t1 == complete', '/su/f/t2'] },
  { args: ['--alter', 'change', 'trigger', '1==', '/su/f/t2'] },
  { args: ['--alter', 'change', 'complete', 't1 == complete', '/su/f/t2'] },
  { args: ['--alter', 'change', 'repeat', '2', '/su/g'] },
  { args: ['--alter', 'change', 'repeat', '20240103', '/su/h'] },
  { args: ['--alter', 'change', 'repeat', '99', '/su/g'] },
  { args: ['--alter', 'change', 'limit_max', 'lim', '20', '/su'] },
  { args: ['--alter', 'change', 'limit_value', 'lim', '1', '/su'] },
  { args: ['--alter', 'change', 'limit_value', 'lim', 'x', '/su'] },
  { args: ['--alter', 'change', 'time', '10:00', '11:30', '/su/f/t1'] },
  { args: ['--alter', 'change', 'today', '11:00', '12:30', '/su/f/t1'] },
  { args: ['--alter', 'change', 'today', '09:00', '12:30', '/su/f/t1'] },
  { args: ['--alter', 'change', 'defstatus', 'complete', '/su/f/t3'] },
  { args: ['--alter', 'change', 'defstatus', 'bad', '/su'] },
  { args: ['--alter', 'change', 'clock_type', 'real', '/su'] },
  { args: ['--alter', 'change', 'clock_type', 'bad', '/su'] },
  { args: ['--alter', 'change', 'clock_date', '2.2.2024', '/su'] },
  { args: ['--alter', 'change', 'clock_date', '40.1.2020', '/su'] },
  { args: ['--alter', 'change', 'clock_gain', '3600', '/su'] },
  { args: ['--alter', 'change', 'clock_gain', 'x', '/su'] },
  { args: ['--alter', 'change', 'clock_type', 'hybrid', '/su'] },
  { args: ['--alter', 'change', 'clock_sync', '/su'] },

  // ---- alter: flags and sort
  { args: ['--alter', 'set_flag', 'late', '/su/f/t1', '/su/f/t2'] },
  { args: ['--alter', 'set_flag', 'message', 'extra', '/su/f/t1'] },
  { args: ['--alter', 'clear_flag', 'late', '/su/f/t1'] },
  { args: ['--alter', 'set_flag', 'message', '/'] },
  { args: ['--alter', 'clear_flag', 'message', '/'] },
  { args: ['--alter', 'sort', 'event', '/su/f/t1'] },
  { args: ['--alter', 'sort', 'all', '/su', 'recursive'] },
  { args: ['--alter', 'sort', 'variable', 'recursive', 'extra', '/su'] },

  // ---- alter: delete
  { args: ['--alter', 'delete', 'label', 'newlab', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'variable', 'NEWVAR', '/su/f'] },
  { args: ['--alter', 'delete', 'variable', '/su/g'] },
  { args: ['--alter', 'delete', 'variable', 'SRVVAR', '/'] },
  { args: ['--alter', 'delete', 'time', '10:00 20:00 01:00', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'time', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'today', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'date', '1.2.2025', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'day', 'friday', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'cron', '23:00', '/su/f/t1'] },
  { args: ['--alter', 'delete', 'event', 'nosuch', '/su/f/t1'] },
  { args: ['--alter', 'delete', 'event', '2', '/su/f/t1'] },
  { args: ['--alter', 'delete', 'meter', 'm1', '/su/f/t1'] },
  { args: ['--alter', 'delete', 'queue', 'q1', '/su/f/t1'] },
  { args: ['--alter', 'delete', 'generic', '/su/f/t1'] },
  { args: ['--alter', 'delete', 'trigger', '/su/f/t2'] },
  { args: ['--alter', 'delete', 'complete', '/su/f/t2'] },
  { args: ['--alter', 'delete', 'late', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'zombie', 'user', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'inlimit', '/su:lim2', '/su/f/t3'] },
  { args: ['--alter', 'delete', 'limit_path', 'lim', 'relative', '/su'] },
  { args: ['--alter', 'delete', 'limit_path', 'lim', '/su/f/t1', '/su'] },
  { args: ['--alter', 'delete', 'limit', 'lim3', '/su/f'] },
  { args: ['--alter', 'delete', 'repeat', '/su/h'] },

  // ---- free-dep, order
  { args: ['--free-dep', '/su/f/t2'] },
  { args: ['--free-dep', 'all', 'time', '/su/f/t1', '/su/k/t6'] },
  { args: ['--free-dep', 'date', 'time', 'trigger', '/su/f/t1'] },
  { args: ['--free-dep', 'bogus', '/su/f/t2'], normalize: head(2) },
  { args: ['--free-dep', 'trigger'], normalize: head(2) },
  { args: ['--free-dep', '/nosuch', '/su/f/t2'] },
  { args: ['--order', '/su/f/t3', 'top'] },
  { args: ['--order=/su/f/t3', 'down'] },
  { args: ['--order', '/su/g', 'bottom'] },
  { args: ['--order', '/su/f', 'alpha'] },
  { args: ['--order', '/su/f/t3'] },
  { args: ['--order', '/su/f/t3', 'sideways'] },
  { args: ['--order', '/nosuch', 'top'] },

  // ---- check, edit_history, job generation
  { args: ['--check=_all_'] },
  { args: ['--check', '/'] },
  { args: ['--check', '/su/f/t2'] },
  { args: ['--check', '/su/f/t1', '/nosuch'] },
  { args: ['--check=foo'] },
  { args: ['--alter', 'change', 'trigger', 'nosuch == complete', '/su/f/t2'] },
  { args: ['--check', '/su'] },
  { args: ['--check', '_all_'] },
  { args: ['--edit_history', '/su/f/t1'] },
  { args: ['--edit_history', '/su/f/t1', '/su'] },
  { args: ['--edit_history', '/'] },
  { args: ['--edit_history', 'foo'] },
  { args: ['--edit_history=clear'] },
  { args: ['--edit_history', '/su/f/t1'] },
  { args: ['--checkJobGenOnly=/su/f/t3'] },
  { args: ['--checkJobGenOnly=/su/g'] },
  { args: ['--checkJobGenOnly=/nosuch'] },
  { args: ['--checkJobGenOnly'] },
  { args: ['--job_gen=/nosuch'] },
  { args: ['--job_gen=/su/g'] },
  { args: ['--job_gen'] },
  { args: ['--requeue', '/su/k'] },
  { args: ['--query', 'state', '/su/k/t7'] },
];

describeParity('ecflow-client matches ecflow_client for alter, query, file, edit_script and friends', rows, {
  cleanup: dir,
  more: (servers) => {

  it('answers the library calls as the server does', async () => {
    const { a, b } = servers();
    const client = b.client();
    assert.equal(await client.query('state', '/su/f/t2'), (await a.real(['--query', 'state', '/su/f/t2'])).stdout.trimEnd());
    assert.equal(await client.query('variable', '/su/f/t1', 'FV'), 'fam');
    assert.equal(`${await client.getFile('/su/f/t1', 'jobout', 2)}\n`, (await a.real(['--file', '/su/f/t1', 'jobout', '2'])).stdout);
    await client.alter('/su/f/t1', { op: 'add', attr: 'label', name: 'lib', value: 'from the library' });
    assert.equal(await client.query('label', '/su/f/t1', 'lib'), 'from the library');
    await assert.rejects(client.alter('/su/f/t1', { op: 'add', attr: 'time', name: '25:00' }), { code: 'ECFLOW_ARGUMENT' });
    await assert.rejects(client.alter('/su/f/t1', { op: 'change', attr: 'meter', name: 'nosuch', value: '1' }), { code: 'ECFLOW_SERVER' });
    await client.sortAttributes('/su', 'all', true);
    assert.match(await client.editScriptEdit('/su/f/t1'), /echo "task %ECF_NAME%/);
    assert.match(await client.editScriptPreprocessFile('/su/f/t1', ['%include <head.h>', 'echo x']), /# head of \/su\/f\/t1\necho x/);
    assert.match((await client.editHistory('/su/f/t1')).join('\n'), /--alter add label lib/);
    await client.clearEditHistory();
    assert.deepEqual(await client.editHistory('/su/f/t1'), []);
    assert.equal(typeof (await client.check()), 'string');
    await client.freeDep('/su/f/t2', { trigger: true });
    await client.order('/su/f/t3', 'bottom');
    await client.jobGen('/su/g');
    await assert.rejects(client.checkJobGenOnly('/nosuch'), { code: 'ECFLOW_SERVER' });
  });
  },
});
