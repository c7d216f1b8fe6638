import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyring, decryptField, encryptField, fieldCipher, needsReencryption } from './crypto.js';

const secret = 'a-test-secret-of-sufficient-length-0123456789';
const older = 'an-older-secret-of-sufficient-length-987654321';

describe('field encryption', () => {
  const kr = createKeyring(secret);

  it('round-trips text, including non-Latin scripts, and never repeats a ciphertext', () => {
    for (const value of ['refugee status pending', 'وثيقة رقم ١٢٣', '', 'x'.repeat(10_000)]) {
      const a = encryptField(kr, value, 'ctx');
      expect(a).not.toContain(value || '\u0000');
      expect(decryptField(kr, a, 'ctx')).toBe(value);
      expect(encryptField(kr, value, 'ctx')).not.toBe(a);
    }
  });

  it('detects tampering with the body, tag, iv or key id', () => {
    const c = encryptField(kr, 'passport AB123456');
    const parts = c.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const i of [2, 3, 4]) {
      const t = [...parts];
      t[i] = flip(t[i]!);
      expect(() => decryptField(kr, t.join('.'))).toThrow(/Cannot decrypt/);
    }
    expect(() => decryptField(kr, ['enc1', 'deadbeef', ...parts.slice(2)].join('.'))).toThrow(/unknown key/);
    expect(() => decryptField(kr, 'plain text')).toThrow(/not an encrypted field/);
  });

  it('binds the ciphertext to its context (a value copied to another row fails)', () => {
    const c = encryptField(kr, 'vulnerable', 'profile.status:1');
    expect(() => decryptField(kr, c, 'profile.status:2')).toThrow(/integrity/);
  });

  it('rotates keys: old ciphertexts decrypt with the previous key listed, new ones use the current key', () => {
    const old = createKeyring(older);
    const legacy = encryptField(old, 'written before rotation');
    const rotated = createKeyring(secret, [older]);
    expect(decryptField(rotated, legacy)).toBe('written before rotation');
    expect(needsReencryption(rotated, legacy)).toBe(true);
    expect(needsReencryption(rotated, encryptField(rotated, 'new'))).toBe(false);
    expect(() => decryptField(createKeyring(secret), legacy)).toThrow(/unknown key/);
  });

  it('round-trips any text and rejects any single-character change (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ maxLength: 40 }),
        fc.nat(),
        (text, context, at) => {
          const c = encryptField(kr, text, context);
          expect(decryptField(kr, c, context)).toBe(text);
          const i = at % c.length;
          const swapped = c[i] === 'A' ? 'B' : 'A';
          const tampered = c.slice(0, i) + swapped + c.slice(i + 1);
          expect(() => decryptField(kr, tampered, context)).toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('offers a JSON cipher for structured answers', () => {
    const c = fieldCipher(kr);
    const answers = { q1: 'yes', q2: ['debt', 'no contract'] };
    expect(c.decryptJson(c.encryptJson(answers, 'v'), 'v')).toEqual(answers);
  });
});
