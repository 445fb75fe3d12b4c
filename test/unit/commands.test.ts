/**
 * The command table (src/commands/index.ts) is the one place a command is registered: the
 * command line's options are derived from it, and the Client's methods are held to it here, so
 * that neither can drift from the command modules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_OPTIONS } from '../../packages/ecflow-ts/src/cli/client-options.js';
import { OPTION_HELP } from '../../packages/ecflow-ts/src/cli/help/descriptions.js';
import { OPTIONS } from '../../packages/ecflow-ts/src/cli/table.js';
import { Client } from '../../packages/ecflow-ts/src/client/client.js';
import { COMMANDS, REGISTRY } from '../../packages/ecflow-ts/src/commands/index.js';

/** Client members that send no command of their own: the session, its settings and the mirror. */
const SESSION = new Set([
  'host', 'port', 'ssl', 'protocol', 'close', 'enableHttp', 'enableHttps', 'setHostPort', 'setUser', 'setConnectionAttempts', 'setRetryPeriod', 'enableSsl', 'disableSsl',
  'setChildPath', 'setChildPassword', 'setChildPid', 'setChildTryNo', 'setChildTimeout', 'setZombieChildTimeout',
  'setChildInitAddVars', 'setChildCompleteDelVars', 'childPath', 'invoke', 'request', 'knownServerVersion', 'version',
  'syncLocal', 'mirror', 'getDefs', 'newsLocal', 'inSync', 'reset', 'autoSync', 'setAutoSync', 'changedNodePaths',
  'syncPoint', 'nodeViews', 'watch', 'chHandle', 'localMirror', 'bytesReceived',
]);

describe('the command table', () => {
  it('registers every option of every command module once, and nothing else', () => {
    const registered = REGISTRY.map((r) => r.option.name);
    assert.equal(new Set(registered).size, registered.length, 'an option is registered twice');
    const declared = COMMANDS.flatMap((m) => Object.keys(m.options));
    assert.deepEqual([...declared].sort(), [...registered].sort());
    for (const { module, option } of REGISTRY) assert.ok(Object.hasOwn(module.options, option.name), `${option.name} is not ${module.cls}'s`);
  });

  it('is the command line: its options, then ClientOptions', () => {
    assert.deepEqual(
      OPTIONS.map((o) => o.name),
      [...REGISTRY.map((r) => r.option.name), ...Object.keys(CLIENT_OPTIONS)],
    );
    // Every module reads its command (--add and --remove only modify InitCmd's and CompleteCmd's).
    for (const m of COMMANDS) assert.ok(Object.values(m.options).some((o) => 'run' in o), `${m.cls} has no argv reader`);
    assert.ok(OPTIONS.every((o) => o.description !== ''), 'every option has help');
    assert.deepEqual(OPTION_HELP.map((h) => h.name), OPTIONS.map((o) => o.name));
  });

  it('names each module after its C++ class', () => {
    for (const m of COMMANDS) assert.match(m.cls, /^[A-Z][A-Za-z]*Cmd$/);
    assert.equal(new Set(COMMANDS.map((m) => m.cls)).size, COMMANDS.length);
  });

  it('holds the Client: each command method exists, and each Client method is a command or the session', () => {
    const members = new Set(Object.getOwnPropertyNames(Client.prototype).filter((n) => n !== 'constructor'));
    const owners = new Map<string, string>();
    for (const m of COMMANDS) {
      for (const method of m.client) {
        assert.ok(members.has(method), `${m.cls} names Client.${method}, which does not exist`);
        assert.equal(owners.get(method), undefined, `Client.${method} is claimed by ${owners.get(method)} and ${m.cls}`);
        owners.set(method, m.cls);
      }
    }
    const unclaimed = [...members].filter((n) => !owners.has(n) && !SESSION.has(n));
    assert.deepEqual(unclaimed, [], 'Client methods that no command module claims (add them to its `client` list)');
  });
});
