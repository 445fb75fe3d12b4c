import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { desCrypt } from '../../packages/ecflow-ts/src/client/crypt.ts';

const SALT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Is perl (the oracle: its crypt() is the system's libcrypt) available? */
const hasPerl = spawnSync('perl', ['-e', '1']).status === 0;

/**
 * Hash many (password, salt) pairs with the system crypt(3) in one perl process: one
 * `password TAB salt` line in, one result line out (`<undef>` when crypt returned NULL).
 * Passwords are sent as UTF-8 bytes and perl hashes the bytes, as a C caller would.
 */
function perlCrypt(pairs: readonly (readonly [string, string])[]): string[] {
  const script = `
    binmode STDIN; binmode STDOUT;
    while (my $line = <STDIN>) {
      chomp $line;
      my ($pw, $salt) = split /\\t/, $line, 2;
      my $r = crypt($pw, $salt);
      print defined $r ? $r : '<undef>', "\\n";
    }`;
  const input = pairs.map(([pw, salt]) => `${pw}\t${salt}\n`).join('');
  const res = spawnSync('perl', ['-e', script], { input: Buffer.from(input, 'utf8'), maxBuffer: 1 << 26 });
  assert.equal(res.status, 0, res.stderr?.toString());
  const lines = res.stdout.toString('utf8').split('\n');
  lines.pop();
  assert.equal(lines.length, pairs.length);
  return lines;
}

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const printablePassword = fc.string({ unit: printable, maxLength: 12 });
const saltChar = fc.constantFrom(...SALT_ALPHABET);
const validSalt = fc
  .tuple(saltChar, saltChar, fc.string({ unit: printable.filter((c) => !' !*:;\\'.includes(c)), maxLength: 3 }))
  .map(([a, b, rest]) => a + b + rest);
/** Any Unicode text without the characters the line protocol uses (TAB, LF, CR, NUL). */
const unicodePassword = fc
  .string({ unit: 'grapheme', maxLength: 10 })
  .filter((s) => !/[\t\n\r\0]/.test(s));

describe('desCrypt', () => {
  it('matches known glibc vectors', () => {
    assert.equal(desCrypt('secret1', 'root'), 'roRzr3yP740GU');
    assert.equal(desCrypt('fredpw', 'fred'), 'frrkVfqP8mTwo');
    assert.equal(desCrypt('secret1', 'ro'), 'roRzr3yP740GU');
    assert.equal(desCrypt('', 'ab'), 'abmF1QH4PEr.E');
    assert.equal(desCrypt('abcdefgh', 'ab'), 'abYH7TYgEKz2Q');
    assert.equal(desCrypt('..', '..'), '..sNoJOH91ERI');
  });

  it('uses only the first 8 bytes of the password', () => {
    assert.equal(desCrypt('abcdefghijk', 'ab'), desCrypt('abcdefgh', 'ab'));
    assert.notEqual(desCrypt('abcdefg', 'ab'), desCrypt('abcdefgh', 'ab'));
  });

  it('hashes UTF-8 bytes, 7 bits each, and stops at NUL', () => {
    assert.equal(desCrypt('é', 'ab'), 'abclsH8ttXiZ6');
    assert.equal(desCrypt('é', 'ab'), desCrypt(new Uint8Array([0xc3, 0xa9]), 'ab'));
    // Only the low 7 bits count: 0xc3 ≡ 0x43 ('C'), 0xa9 ≡ 0x29 (')').
    assert.equal(desCrypt('é', 'ab'), desCrypt('C)', 'ab'));
    assert.equal(desCrypt('abc\0def', 'ab'), desCrypt('abc', 'ab'));
  });

  it('returns the libxcrypt failure token for invalid input', () => {
    for (const salt of ['', 'a', 'a!', '!a', 'a b', '$1', '_x', 'aé', '*1', 'ab ', 'ab:', 'ab\\', 'ab\t', 'abé']) {
      assert.equal(desCrypt('pw', salt), '*0', `salt ${JSON.stringify(salt)}`);
    }
    assert.equal(desCrypt('pw', '*0'), '*1');
    assert.equal(desCrypt('pw', 'a\0b'), '*0');
    assert.equal(desCrypt('pw', 'ab\0 '), desCrypt('pw', 'ab'));
    assert.equal(desCrypt('a'.repeat(511), 'ab'), desCrypt('aaaaaaaa', 'ab'));
    assert.equal(desCrypt('a'.repeat(512), 'ab'), '*0');
  });

  it('uses only the first two salt characters unless bigcrypt applies', () => {
    assert.equal(desCrypt('abcdefghi', 'abcdefghijklmn'), 'abYH7TYgEKz2Q');
    assert.equal(desCrypt('abcdefghi', 'abcdefghijklm', { bigcrypt: true }), 'abYH7TYgEKz2Q');
    assert.equal(desCrypt('abcdefgh', 'abcdefghijklmn', { bigcrypt: true }), 'abYH7TYgEKz2Q');
    assert.equal(desCrypt('abcdefghi', 'abcdefghijklmn', { bigcrypt: true }), 'abYH7TYgEKz2QhHYmE08CrMg');
    // At most 16 segments: 2 + 16 × 11 characters.
    assert.equal(desCrypt('x'.repeat(200), 'abcdefghijklmnopq', { bigcrypt: true }).length, 178);
  });

  it('takes well under a millisecond per call', () => {
    const start = performance.now();
    for (let i = 0; i < 200; i++) desCrypt(`password${i}`, 'ab');
    assert.ok((performance.now() - start) / 200 < 1);
  });

  describe('agrees with the system crypt(3) via perl', { skip: hasPerl ? false : 'perl not found' }, () => {
    // Does the system's libxcrypt include bigcrypt (Debian, Ubuntu)? Then long salts use it.
    const bigcrypt = hasPerl && (perlCrypt([['abcdefghi', 'abcdefghijklmn']])[0]?.length ?? 0) > 13;
    const compare = (pairs: [string, string][]): boolean => {
      const expected = perlCrypt(pairs);
      pairs.forEach(([pw, salt], i) => {
        const actual = desCrypt(pw, salt, { bigcrypt });
        assert.equal(actual, expected[i], `crypt(${JSON.stringify(pw)}, ${JSON.stringify(salt)})`);
      });
      return true;
    };

    it('for random printable passwords and valid salts', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(printablePassword, validSalt), { minLength: 1, maxLength: 200 }), compare),
        { numRuns: 25 },
      );
    });

    it('for random Unicode passwords', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(unicodePassword, validSalt), { minLength: 1, maxLength: 200 }), compare),
        { numRuns: 10 },
      );
    });

    it('for long passwords and long salts (user names)', () => {
      const longPassword = fc.string({ unit: printable, maxLength: 140 });
      const longSalt = fc.tuple(validSalt, fc.string({ unit: saltChar, maxLength: 20 })).map(([a, b]) => a + b);
      fc.assert(
        fc.property(fc.array(fc.tuple(longPassword, longSalt), { minLength: 1, maxLength: 100 }), compare),
        { numRuns: 10 },
      );
    });

    it('for arbitrary printable salts, valid or not', () => {
      const anySalt = fc.string({ unit: printable, maxLength: 3 });
      fc.assert(
        fc.property(fc.array(fc.tuple(printablePassword, anySalt), { minLength: 1, maxLength: 200 }), compare),
        { numRuns: 10 },
      );
    });
  });
});
