/**
 * The pure rules behind what the API and the views show (no I/O): abort reasons in both of
 * ecFlow's spellings of a line break, which variables are secret, which flags are alarms.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abortReasonLines, abortReasonText, oneLine, REASON_SEPARATOR } from '../../packages/ecflow-watchman/src/abort-reason.js';
import { FLAG_WRITE_ORDER } from '../../packages/ecflow-ts/src/index.js';
import { isSecret, REDACTED, served } from '../../packages/ecflow-watchman/src/api/secrets.js';
import { FLAG_LEVELS } from '../../packages/ecflow-watchman/src/dashboard/colours.js';
import { STYLE } from '../../packages/ecflow-watchman/src/dashboard/style.js';

describe('abort reasons', () => {
  // what a 5.17 server writes for a task without a script (Submittable::write_state)
  const written = '   Script for /s/t cannot be found:   ECF_SCRIPT(/h/s/t.ecf) does not exist:\\n   Variable ECF_FETCH not defined:\\n';
  const lines = ['Script for /s/t cannot be found:   ECF_SCRIPT(/h/s/t.ecf) does not exist:', 'Variable ECF_FETCH not defined:'];

  it('a \\n pair (text prints) and a real newline (mementos) are both line breaks', () => {
    assert.deepEqual(abortReasonLines(written), lines);
    assert.deepEqual(abortReasonLines(written.replaceAll('\\n', '\n')), lines);
    assert.deepEqual(abortReasonLines('a\r\nb'), ['a', 'b']);
    assert.equal(abortReasonText(written), lines.join('\n'));
  });
  it('one line: the lines joined by a visible mark', () => {
    assert.equal(oneLine(written), lines.join(REASON_SEPARATOR).replace('found:   ECF', 'found: ECF'));
    assert.equal(oneLine('trapped at line 3'), 'trapped at line 3');
    assert.equal(oneLine(''), '');
  });
});

describe('secret variables', () => {
  it("ECF_PASS, and a name with a secret's word", () => {
    for (const n of ['ECF_PASS', 'DB_PASSWORD', 'api_token', 'MY_SECRET_KEY', 'SMTP_PASSWD', 'AWS_CREDENTIALS', 'PASS']) assert.ok(isSecret(n), n);
  });
  it("not ecFlow's password file names, nor words that only contain one", () => {
    for (const n of ['ECF_PASSWD', 'ECF_CUSTOM_PASSWD', 'PASSENGER', 'BYPASS', 'TOKENS_USED', 'ECF_JOB_CMD', 'PWD', 'ECF_TRYNO']) assert.ok(!isSecret(n), n);
  });
  it('served: the value replaced, the name kept', () => {
    assert.deepEqual(served('ECF_PASS', 'aB3dE6gH'), { name: 'ECF_PASS', value: REDACTED });
    assert.deepEqual(served('ECF_TRYNO', '1'), { name: 'ECF_TRYNO', value: '1' });
  });
});

describe('flag colours', () => {
  it('only what asks for a person is red: late, zombie, killed, failures; message and the other facts are grey', () => {
    for (const f of ['late', 'zombie', 'killed', 'ecfcmd_failed', 'no_script', 'log_error', 'checkpt_error', 'remote_error'] as const) assert.equal(FLAG_LEVELS[f], 'alarm', f);
    for (const f of ['message', 'by_rule', 'task_waiting', 'archived', 'restored', 'no_reque', 'user_edit'] as const) assert.equal(FLAG_LEVELS[f], 'info', f);
    assert.equal(FLAG_LEVELS.threshold, 'warning');
    assert.deepEqual(Object.keys(FLAG_LEVELS).sort(), [...FLAG_WRITE_ORDER].sort(), 'every ecFlow flag has a level');
    assert.match(STYLE, /\.fl-message\{color:#5f6b76\}/);
    assert.match(STYLE, /\.fl-late\{color:#c83737\}/);
  });
});
