/** What a config that parseConfig refuses is refused for: each issue as `path: message`. */
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../../packages/ecflow-watchman/src/index.js';

export function issuesOf(text: string): string[] {
  try {
    parseConfig(text, 'c.yaml');
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.fail('expected a ConfigError');
}
