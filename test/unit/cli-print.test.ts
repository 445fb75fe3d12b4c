/** The CLI's time formats, as ecFlow writes them (ACore/src/TimeStamp.cpp, boost's to_simple_string). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { simpleDuration, timeStamp } from '../../packages/ecflow-ts/src/cli/print.js';

it('timeStamp: hours, minutes and seconds padded, day and month not (TimeStamp::now)', () => {
  assert.equal(timeStamp(new Date(2027, 0, 5, 9, 3, 7)), '[09:03:07 5.1.2027] ');
  assert.equal(timeStamp(new Date(2026, 11, 31, 23, 59, 0)), '[23:59:00 31.12.2026] ');
});

it('simpleDuration: HH:MM:SS, with microseconds when not whole', () => {
  assert.equal(simpleDuration(0), '00:00:00');
  assert.equal(simpleDuration(3_723_000), '01:02:03');
});
