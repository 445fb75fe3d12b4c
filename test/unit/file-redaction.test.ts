/**
 * The watchman's redaction of a task's files (api/files.ts): the job password is replaced in
 * every shape a job file or its output holds it, and nothing else is touched.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../packages/ecflow-watchman/src/api/files.js';

describe('redactSecrets', () => {
  it('every ECF_PASS= value, bare, quoted, traced or listed', () => {
    const text = [
      'export ECF_PORT=3141 ECF_NAME=/s/t ECF_PASS=Xy12abCD ECF_TRYNO=1',
      "ECF_PASS='Xy12abCD'",
      'ECF_PASS="Xy12abCD";echo',
      '+ export ECF_PASS=Xy12abCD',
      'ECF_PASS = Xy12abCD',
    ].join('\n');
    assert.equal(
      redactSecrets(text, []),
      ['export ECF_PORT=3141 ECF_NAME=/s/t ECF_PASS=<redacted> ECF_TRYNO=1', 'ECF_PASS=<redacted>', 'ECF_PASS=<redacted>;echo', '+ export ECF_PASS=<redacted>', 'ECF_PASS = <redacted>'].join('\n'),
    );
  });

  it('the password the mirror knows, wherever it is written', () => {
    assert.equal(redactSecrets('ecflow_client --init 42 # pass Xy12abCD\n', ['Xy12abCD']), 'ecflow_client --init 42 # pass <redacted>\n');
  });

  it("leaves a script's unsubstituted %ECF_PASS% and other names alone", () => {
    assert.equal(redactSecrets('export ECF_PASS=%ECF_PASS% ECF_TRYNO=%ECF_TRYNO%\n', []), 'export ECF_PASS=%ECF_PASS% ECF_TRYNO=%ECF_TRYNO%\n');
    assert.equal(redactSecrets('MY_ECF_PASSWORD=1 ECF_PASSWD=/etc/p\n', []), 'MY_ECF_PASSWORD=1 ECF_PASSWD=/etc/p\n');
    assert.equal(redactSecrets('', ['']), '');
  });
});
