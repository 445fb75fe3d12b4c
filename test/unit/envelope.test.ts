import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { newsCmd, syncCmd } from '../../packages/ecflow-ts/src/commands/csync.js';
import { groupCmd } from '../../packages/ecflow-ts/src/commands/group.js';
import { serverVersionCmd } from '../../packages/ecflow-ts/src/commands/server-version.js';
import { ProtocolError } from '../../packages/ecflow-ts/src/errors.js';
import { decodeResponse, encodeRequest } from '../../packages/ecflow-ts/src/protocol/envelope.js';

const user = { clientHost: 'vm', user: 'root' };

// Requests and replies below are verbatim captures from ecflow_client 5.9.2 (ecflow-protocol.md, Appendix C).
describe('request envelope', () => {
  it('encodes CSyncCmd exactly as ecflow_client does (cap/0250)', () => {
    const body = encodeRequest(syncCmd({ handle: 0, stateChangeNo: 898, modifyChangeNo: 47 }), { user });
    assert.equal(
      body,
      '{"21ClientToServerRequest":{"cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"CSyncCmd","ptr_wrapper":{"id":2147483649,"data":{"cereal_class_version":0,"value0":{"cereal_class_version":0,"value0":{"cereal_class_version":0,"cl_host_":"vm"},"user_":"root"},"api_":1,"client_handle_":0,"client_state_change_no_":898,"client_modify_change_no_":47}}}}}',
    );
  });

  it('writes class versions and polymorphic names once per message (group of two, raw/group_backref)', () => {
    const body = encodeRequest(groupCmd([serverVersionCmd(), serverVersionCmd()]), { user });
    const expected =
      '{"cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"GroupCTSCmd","ptr_wrapper":{"id":2147483649,"data":{"cereal_class_version":0,"value0":{"cereal_class_version":0,"value0":{"cereal_class_version":0,"cl_host_":"vm"},"user_":"root"},"cmdVec_":[{"polymorphic_id":2147483650,"polymorphic_name":"ServerVersionCmd","ptr_wrapper":{"id":2147483650,"data":{"cereal_class_version":0,"value0":{"value0":{"cl_host_":"vm"},"user_":"root"}}}},{"polymorphic_id":2,"ptr_wrapper":{"id":2147483651,"data":{"value0":{"value0":{"cl_host_":"vm"},"user_":"root"}}}}],"cli_":true}}}}';
    assert.equal(body, `{"21ClientToServerRequest":${expected}}`);
  });

  it('sends the password hash and custom-user flag only when set', () => {
    const body = encodeRequest(newsCmd({ handle: 0, stateChangeNo: 1, modifyChangeNo: 2 }), {
      user: { clientHost: 'vm', user: 'fred', passwordHash: 'frrkVfqP8mTwo', customUser: true },
    });
    assert.match(body, /"user_":"fred","pswd_":"frrkVfqP8mTwo","cu_":true\}/);
  });
});

describe('response envelope', () => {
  it('resolves a shared-pointer back-reference to the first object (raw/group_backref)', () => {
    const reply = decodeResponse(
      '{"22ServerToClientResponse":{"stc_cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"GroupSTCCmd","ptr_wrapper":{"id":2147483649,"data":{"cereal_class_version":0,"value0":{"cereal_class_version":0},"cmdVec_":[{"polymorphic_id":2147483650,"polymorphic_name":"SStringCmd","ptr_wrapper":{"id":2147483650,"data":{"cereal_class_version":0,"value0":{},"str_":"5.9.2"}}},{"polymorphic_id":2,"ptr_wrapper":{"id":2}}]}}}}}',
    );
    assert.deepEqual(reply, { type: 'GroupSTCCmd', replies: [{ type: 'SStringCmd', str: '5.9.2' }, { type: 'SStringCmd', str: '5.9.2' }] });
  });

  it('decodes news and sync replies', () => {
    assert.deepEqual(
      decodeResponse('{"22ServerToClientResponse":{"stc_cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"SNewsCmd","ptr_wrapper":{"id":2147483649,"data":{"cereal_class_version":0,"value0":{"cereal_class_version":0},"news_":2}}}}}'),
      { type: 'SNewsCmd', news: 2 },
    );
    const sync = decodeResponse(
      '{"22ServerToClientResponse":{"stc_cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"SSyncCmd","ptr_wrapper":{"id":2147483649,"data":{"cereal_class_version":0,"value0":{"cereal_class_version":0},"full_defs_":false,"incremental_changes_":{"cereal_class_version":0,"server_state_change_no_":889,"server_modify_change_no_":46,"compound_mementos_":[{"ptr_wrapper":{"id":2147483650,"data":{"cereal_class_version":0,"absNodePath_":"/st/fam/tq","vec_":[{"polymorphic_id":2147483650,"polymorphic_name":"SuspendedMemento","ptr_wrapper":{"id":2147483651,"data":{"cereal_class_version":0,"value0":{"cereal_class_version":0},"suspended_":true}}},{"polymorphic_id":2147483651,"polymorphic_name":"FlagMemento","ptr_wrapper":{"id":2147483652,"data":{"cereal_class_version":0,"value0":{},"flag_":{"cereal_class_version":0,"flag_":256}}}}]}}}]},"server_defs_":"","value1":""}}}}}',
    );
    assert.equal(sync.type, 'SSyncCmd');
    if (sync.type !== 'SSyncCmd') return;
    assert.equal(sync.delta.serverStateChangeNo, 889);
    assert.deepEqual(sync.delta.compoundMementos, [
      {
        absNodePath_: '/st/fam/tq',
        vec_: [
          { $class: 'SuspendedMemento', value0: {}, suspended_: true },
          { $class: 'FlagMemento', value0: {}, flag_: { flag_: 256 } },
        ],
      },
    ]);
  });

  it('reports truncated JSON, unknown classes and wrong shapes as ProtocolError', () => {
    const bad = [
      '{"22ServerToClientResponse":{"stc_cmd_":{"polymorphic_id":2147483649',
      '{"22ServerToClientResponse":{"stc_cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"NoSuchCmd","ptr_wrapper":{"id":2147483649,"data":{}}}}}',
      '{"22ServerToClientResponse":{"stc_cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"SStringCmd","ptr_wrapper":{"id":2147483649,"data":{"str_":5}}}}}',
      '{"22ServerToClientResponse":{"stc_cmd_":{"polymorphic_id":7,"ptr_wrapper":{"id":2}}}}',
      '{"a":1,"b":2}',
      '[]',
      'null',
    ];
    for (const body of bad) assert.throws(() => decodeResponse(body), ProtocolError, body);
    assert.throws(() => decodeResponse(bad[1]!), /unknown reply class "NoSuchCmd"/);
    // Deep in a sync's mementos, the error names the place, members and indexes.
    const deep =
      '{"22ServerToClientResponse":{"stc_cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"SSyncCmd","ptr_wrapper":{"id":2147483649,"data":{"value0":{},"full_defs_":false,"incremental_changes_":{"server_state_change_no_":1,"server_modify_change_no_":1,"compound_mementos_":[{"ptr_wrapper":{"id":2147483650,"data":{"absNodePath_":"/s","vec_":[{"polymorphic_id":2147483650,"polymorphic_name":"SuspendedMemento","ptr_wrapper":{"id":2147483651,"data":{"value0":{},"suspended_":true}}},{"polymorphic_id":2,"ptr_wrapper":{"id":9}}]}}}]},"server_defs_":"","value1":""}}}}}';
    assert.throws(() => decodeResponse(deep), /: stc_cmd_\.incremental_changes_\.compound_mementos_\[0\]\.vec_\[1\]: back-reference to unknown pointer id 9: /);
  });

  it('never throws anything but ProtocolError for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        try {
          decodeResponse(text);
        } catch (e) {
          assert.ok(e instanceof ProtocolError, String(e));
        }
      }),
    );
  });
});
