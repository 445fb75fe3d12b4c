/**
 * Traditional DES-based Unix `crypt(3)`, as ecFlow uses it to hash user passwords
 * (`ACore/src/PasswdFile.cpp`: `crypt(password, user)`).
 *
 * Algorithm (Morris & Thompson, "Password Security: A Case History", 1979; DES per FIPS 46-3):
 *  1. The key is the first 8 bytes of the password, each shifted left one bit (so only the low 7
 *     bits of each byte count and the DES parity bit is 0).
 *  2. The 2-character salt, decoded from the alphabet `./0-9A-Za-z` into 12 bits, perturbs the
 *     E-box: where salt bit i is set, bits i and i + 24 of the 48-bit E output are swapped.
 *  3. An all-zero 64-bit block is encrypted 25 times in a row with that key and modified E-box.
 *  4. The result is the salt followed by the 64-bit block (plus 2 zero bits) written as 11
 *     characters of 6 bits each, most significant bits first, in the same alphabet.
 *
 * @module
 */

/** The crypt(3) base-64 alphabet: value 0 is '.', 63 is 'z'. */
const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// ---------------------------------------------------------------------------------------------
// FIPS 46-3 tables. Bit positions are 1-based, bit 1 is the most significant bit.

/** Initial permutation (IP); the final permutation is its inverse. */
const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
  62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
  61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
] as const;

/** Permuted choice 1: 64-bit key → 56 bits (C then D). */
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
  10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
  14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
] as const;

/** Permuted choice 2: 56-bit C‖D → 48-bit round key. */
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
  23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
  44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
] as const;

/** Left rotations of C and D before each of the 16 rounds. */
const KEY_SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1] as const;

/** Permutation P applied to the S-box outputs. */
const P = [
  16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
  2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
] as const;

/** S-boxes S1..S8, each 4 rows × 16 columns (row = outer bits b1b6, column = b2b3b4b5). */
const S_BOXES = [
  [
    14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
    0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
    4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
    15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
  ],
  [
    15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
    3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
    0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
    13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
  ],
  [
    10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
    13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
    13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
    1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
  ],
  [
    7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
    13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
    10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
    3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
  ],
  [
    2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
    14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
    4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
    11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
  ],
  [
    12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
    10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
    9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
    4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
  ],
  [
    4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
    13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
    1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
    6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
  ],
  [
    13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
    1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
    7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
    2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
  ],
] as const;

// ---------------------------------------------------------------------------------------------
// Derived tables, built once at module load.

/**
 * SP[i][x]: S-box i applied to the 6-bit input x, its 4-bit output placed in nibble i of the
 * 32-bit word and then sent through P. XOR-ing the eight lookups gives f's output directly.
 * Built at the first hash, not at loading: most runs of the command line hash no password, and
 * the 16,000 steps would be a millisecond of each start.
 */
let spTables: readonly Int32Array[] | undefined;
function spBoxes(): readonly Int32Array[] {
  return (spTables ??= buildSpBoxes());
}
const buildSpBoxes = (): Int32Array[] => S_BOXES.map((box, i) => {
  const table = new Int32Array(64);
  for (let x = 0; x < 64; x++) {
    const row = ((x >> 4) & 2) | (x & 1);
    const col = (x >> 1) & 15;
    const nibble = (box[row * 16 + col] as number) << (28 - 4 * i);
    let out = 0;
    for (let k = 0; k < 32; k++) {
      if ((nibble >>> (32 - P[k]!)) & 1) out |= 1 << (31 - k);
    }
    table[x] = out;
  }
  return table;
});

/** Final permutation (IP⁻¹): FP[k] is the pre-output bit that becomes output bit k + 1. */
const FP: readonly number[] = (() => {
  const fp = new Array<number>(64);
  IP.forEach((from, to) => {
    fp[from - 1] = to + 1;
  });
  return fp;
})();

// ---------------------------------------------------------------------------------------------

/**
 * The 16 round keys for an 8-byte key, each split into two 24-bit halves
 * (`keys[2r]` = bits 1..24, `keys[2r + 1]` = bits 25..48 of round r's key).
 */
function keySchedule(key: Uint8Array): Int32Array {
  const bits = new Uint8Array(64);
  for (let i = 0; i < 64; i++) bits[i] = ((key[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
  const cd = PC1.map((b) => bits[b - 1]!);
  const keys = new Int32Array(32);
  for (let round = 0; round < 16; round++) {
    for (let s = 0; s < KEY_SHIFTS[round]!; s++) {
      // Rotate C (cd[0..27]) and D (cd[28..55]) left by one, independently.
      const c0 = cd[0]!;
      const d0 = cd[28]!;
      for (let i = 0; i < 27; i++) {
        cd[i] = cd[i + 1]!;
        cd[28 + i] = cd[29 + i]!;
      }
      cd[27] = c0;
      cd[55] = d0;
    }
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < 24; i++) {
      hi = (hi << 1) | cd[PC2[i]! - 1]!;
      lo = (lo << 1) | cd[PC2[i + 24]! - 1]!;
    }
    keys[2 * round] = hi;
    keys[2 * round + 1] = lo;
  }
  return keys;
}

/** Rotate a 32-bit word right. */
function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/**
 * DES round function f(R, K) with the salted E-box. `saltMask` has bit (23 - i) set for each set
 * salt bit i: those positions are swapped between the two 24-bit halves of E(R).
 */
function feistel(SP: readonly Int32Array[], r: number, k: Int32Array, round: number, saltMask: number): number {
  // E(R): six-bit group g (0..7) is R's bits 4g .. 4g+5 (1-based, wrapping), i.e. R rotated
  // right by 27 - 4g and masked. Assemble the 48 bits as two 24-bit halves.
  let left = 0;
  let right = 0;
  for (let g = 0; g < 4; g++) {
    left = (left << 6) | (rotr(r, (27 - 4 * g) & 31) & 0x3f);
    right = (right << 6) | (rotr(r, (27 - 4 * (g + 4)) & 31) & 0x3f);
  }
  const swap = (left ^ right) & saltMask;
  left ^= swap ^ k[2 * round]!;
  right ^= swap ^ k[2 * round + 1]!;
  return (
    SP[0]![(left >>> 18) & 0x3f]! ^
    SP[1]![(left >>> 12) & 0x3f]! ^
    SP[2]![(left >>> 6) & 0x3f]! ^
    SP[3]![left & 0x3f]! ^
    SP[4]![(right >>> 18) & 0x3f]! ^
    SP[5]![(right >>> 12) & 0x3f]! ^
    SP[6]![(right >>> 6) & 0x3f]! ^
    SP[7]![right & 0x3f]!
  );
}


/** The 11 hash characters for an 8-byte key and the two salt values (0..63 each). */
function desHash(key: Uint8Array, salt0: number, salt1: number): string {
  const keys = keySchedule(key);
  const sp = spBoxes();

  // Salt bit i (bit 0 = low bit of the first character) selects E-box bits i and i + 24.
  const saltBits = salt0 | (salt1 << 6);
  let saltMask = 0;
  for (let i = 0; i < 12; i++) if ((saltBits >> i) & 1) saltMask |= 0x800000 >>> i;

  // IP of the all-zero block is zero. Between the 25 encryptions FP and IP cancel out, and
  // DES's final L/R swap is undone by starting the next encryption with the halves exchanged.
  let l = 0;
  let r = 0;
  for (let iteration = 0; iteration < 25; iteration++) {
    for (let round = 0; round < 16; round++) {
      const next = l ^ feistel(sp, r, keys, round, saltMask);
      l = r;
      r = next;
    }
    const t = l;
    l = r;
    r = t;
  }

  // Pre-output block is L‖R (already swapped); apply FP and encode 64 + 2 zero bits as 11 chars.
  const out = new Uint8Array(66);
  for (let k = 0; k < 64; k++) {
    const bit = FP[k]!;
    out[k] = bit <= 32 ? (l >>> (32 - bit)) & 1 : (r >>> (64 - bit)) & 1;
  }
  let hash = '';
  for (let c = 0; c < 11; c++) {
    let v = 0;
    for (let b = 0; b < 6; b++) v = (v << 1) | out[6 * c + b]!;
    hash += ALPHABET[v];
  }
  return hash;
}

/** Bytes of a C string: UTF-8, up to (not including) the first NUL. */
function cString(text: string | Uint8Array): Uint8Array {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

/** libxcrypt's `check_badsalt_chars`: only printable ASCII other than space and `! * : ; \`. */
function hasBadSettingChars(setting: Uint8Array): boolean {
  for (const b of setting) {
    if (b <= 0x20 || b >= 0x7f || b === 0x21 || b === 0x2a || b === 0x3a || b === 0x3b || b === 0x5c) return true;
  }
  return false;
}

/** libxcrypt's `CRYPT_MAX_PASSPHRASE_SIZE`: longer passphrases are refused (ERANGE). */
const MAX_PASSPHRASE_BYTES = 512;

/** Options of {@link desCrypt}. */
export interface DesCryptOptions {
  /**
   * Hash like libxcrypt built with bigcrypt (Debian, Ubuntu): when the salt is longer than 13
   * characters and the password longer than 8 bytes, hash every 8-byte segment of the password
   * (at most 16) and append each segment's 11 characters, the salt of segment n being the first
   * two hash characters of segment n - 1. glibc's own crypt and libxcrypt builds without
   * bigcrypt (e.g. Fedora/RHEL) always give the 13-character traditional result. It matters to
   * ecFlow because ecFlow passes the whole user name as the salt.
   * @default false
   */
  bigcrypt?: boolean;
}

/**
 * Traditional DES-based `crypt(3)`, bit-for-bit compatible with glibc / libxcrypt for a salt
 * whose first two characters come from `./0-9A-Za-z`.
 *
 * - The password is taken as its UTF-8 bytes (what a C program receives), cut at the first NUL
 *   byte; only the first 8 bytes and the low 7 bits of each byte count, so `"é"` (C3 A9) hashes
 *   like the bytes 43 29 (`"C)"`).
 * - Only the first two characters of `salt` are used (ecFlow passes the whole user name), unless
 *   {@link DesCryptOptions.bigcrypt} applies.
 *
 * Invalid input gives libxcrypt's failure token, `"*0"` (`"*1"` when the salt starts with `"*0"`,
 * so the token never equals the setting), exactly as `crypt()` does on Linux systems that use
 * libxcrypt (Debian, Ubuntu, Fedora, RHEL 8+); historic glibc returned NULL with EINVAL instead.
 * The token can never equal a real hash. Invalid means: the first two salt characters are
 * missing or not in `./0-9A-Za-z`; any salt character (up to a NUL) is a space, a control or
 * non-ASCII character, or one of `! * : ; \`; or the password has 512 bytes or more. Settings
 * that libxcrypt hands to other algorithms (`$id$...`, `_` for BSDi extended DES) are not
 * supported and also give the token.
 *
 * @returns the two salt characters followed by 11 hash characters (13 in all), or the failure
 *   token; with `bigcrypt`, 11 more characters per further 8-byte password segment.
 * @example desCrypt('secret1', 'root') // 'roRzr3yP740GU'
 */
export function desCrypt(password: string | Uint8Array, salt: string, options: DesCryptOptions = {}): string {
  const phrase = cString(password);
  const setting = cString(salt);
  const salt0 = setting[0] === undefined ? -1 : ALPHABET.indexOf(String.fromCharCode(setting[0]));
  const salt1 = setting[1] === undefined ? -1 : ALPHABET.indexOf(String.fromCharCode(setting[1]));
  if (phrase.length >= MAX_PASSPHRASE_BYTES || hasBadSettingChars(setting) || salt0 < 0 || salt1 < 0) {
    return setting[0] === 0x2a && setting[1] === 0x30 ? '*1' : '*0';
  }

  const bigcrypt = options.bigcrypt === true && setting.length > 13 && phrase.length > 8;
  const segments = bigcrypt ? Math.min(16, Math.ceil(phrase.length / 8)) : 1;
  let result = String.fromCharCode(setting[0]!, setting[1]!);
  let s0 = salt0;
  let s1 = salt1;
  for (let seg = 0; seg < segments; seg++) {
    const key = new Uint8Array(8);
    const chunk = phrase.subarray(8 * seg, 8 * seg + 8);
    for (let i = 0; i < chunk.length; i++) key[i] = (chunk[i]! << 1) & 0xff;
    const hash = desHash(key, s0, s1);
    result += hash;
    s0 = ALPHABET.indexOf(hash[0]!);
    s1 = ALPHABET.indexOf(hash[1]!);
  }
  return result;
}
