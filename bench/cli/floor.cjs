'use strict';
/**
 * Node's floor for a child command: the least a Node process can do for one ecFlow request:
 * connect to ECF_HOST:ECF_PORT, write one framed --ping, read the reply to its end. No argument
 * parsing, no environment rules, no reply decoding: what any Node client pays before its own code.
 */
const net = require('node:net');
const body = '{"21ClientToServerRequest":{"cmd_":{"polymorphic_id":2147483649,"polymorphic_name":"CtsCmd","ptr_wrapper":{"id":2147483649,"data":{"cereal_class_version":0,"value0":{"cereal_class_version":0,"value0":{"cereal_class_version":0,"cl_host_":"floor"},"user_":"floor"},"api_":8}}}}}';
const socket = net.connect(Number(process.env.ECF_PORT), process.env.ECF_HOST);
socket.on('connect', () => socket.write(`${body.length.toString(16).padStart(8, ' ')}${body}`));
let reply = '';
socket.on('data', (chunk) => {
  reply += chunk;
});
socket.on('end', () => {
  process.exitCode = reply.includes('StcCmd') ? 0 : 1;
});
