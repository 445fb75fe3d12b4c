import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httplibReason } from '../../packages/ecflow-ts/src/transport/http.js';

// The words ecflow_client 5.17 (cpp-httplib 0.11.2, httplib::detail::status_message) prints after
// "HttpClient::handle_server_response: Error: "; ours come from Node's table where the two agree,
// so a Node release that rewords one shows here.
describe('HTTP status reasons as cpp-httplib words them', () => {
  it('agrees with httplib::detail::status_message, including where Node words it otherwise', () => {
    const httplib: Record<number, string> = {
      101: 'Switching Protocol', 200: 'OK', 300: 'Multiple Choice', 306: 'unused', 400: 'Bad Request', 401: 'Unauthorized',
      403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 418: "I'm a teapot", 429: 'Too Many Requests',
      500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 509: 'Internal Server Error',
      511: 'Network Authentication Required', 599: 'Internal Server Error',
    };
    for (const [code, words] of Object.entries(httplib)) assert.equal(httplibReason(Number(code)), words, code);
  });
});
