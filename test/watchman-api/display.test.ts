/**
 * The pure rules behind what the API and the views show (no I/O): abort reasons in both of
 * ecFlow's spellings of a line break, which variables are secret, which flags are alarms.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abortReasonLines, abortReasonText, oneLine, REASON_SEPARATOR } from '../../packages/ecflow-watchman/src/abort-reason.js';

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
