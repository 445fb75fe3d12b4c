import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ProtocolError } from '../../packages/ecflow-ts/src/errors.js';
import { encodeFrame, FrameDecoder, parseHeader } from '../../packages/ecflow-ts/src/transport/frame.js';

describe('frame', () => {
  it('writes the length as 8 space-padded lower-case hex digits of UTF-8 bytes', () => {
    assert.equal(encodeFrame('x'.repeat(238)).subarray(0, 8).toString(), '      ee');
    assert.equal(encodeFrame('é').subarray(0, 8).toString(), '       2');
    assert.equal(encodeFrame('a'.repeat(0x1100)).subarray(0, 8).toString(), '    1100');
  });

  it('reads headers the way istringstream >> hex does', () => {
    assert.equal(parseHeader(Buffer.from('00000135')), 0x135);
    assert.equal(parseHeader(Buffer.from('135     ')), 0x135);
    assert.equal(parseHeader(Buffer.from('     1AB')), 0x1ab);
    assert.equal(parseHeader(Buffer.from('  12zzzz')), 0x12);
  });

  it('rejects a header without hex digits with a ProtocolError naming it', () => {
    assert.throws(() => parseHeader(Buffer.from('zzzzzzzz')), (e: unknown) => e instanceof ProtocolError && /zzzzzzzz/.test(e.message));
    assert.throws(() => parseHeader(Buffer.from('        ')), ProtocolError);
  });

  it('rejects a length past the bound before reading the body', () => {
    const decoder = new FrameDecoder(1024);
    assert.throws(() => decoder.push(Buffer.from('ffffffff')), (e: unknown) => e instanceof ProtocolError && /4294967295/.test(e.message));
  });

  it('decodes the same body however the bytes are split', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.nat(), { maxLength: 10 }), (body, cuts) => {
        const frame = encodeFrame(body);
        const points = [...new Set(cuts.map((c) => c % (frame.length + 1)))].sort((a, b) => a - b);
        const decoder = new FrameDecoder();
        let result: string | undefined;
        let last = 0;
        for (const p of [...points, frame.length]) {
          const out = decoder.push(frame.subarray(last, p));
          last = p;
          if (out !== undefined) result = out;
        }
        assert.equal(result, body);
      }),
    );
  });

  it('decodes a body delivered one byte at a time, at every offset', () => {
    const body = JSON.stringify({ a: 'é'.repeat(50), b: [1, 2, 3] });
    const frame = encodeFrame(body);
    for (let cut = 0; cut <= frame.length; cut++) {
      const decoder = new FrameDecoder();
      const first = decoder.push(frame.subarray(0, cut));
      const second = decoder.push(frame.subarray(cut));
      assert.equal(first ?? second, body, `cut at ${cut}`);
    }
  });

  it('never throws anything but ProtocolError on garbage, and never returns early', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const decoder = new FrameDecoder(1 << 20);
        try {
          const out = decoder.push(Buffer.from(bytes));
          if (out !== undefined) {
            const size = parseHeader(Buffer.from(bytes.subarray(0, 8)));
            assert.ok(bytes.length >= 8 + size);
          }
        } catch (e) {
          assert.ok(e instanceof ProtocolError, String(e));
        }
      }),
    );
  });
});
