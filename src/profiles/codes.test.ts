import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { isRealDate, pageOf, Text } from './codes.js';

const text = Text(200);
// The control characters are the point of this pattern.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('coded values', () => {
  it('free text accepts every well-formed string without control characters, in any script', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        fc.pre(!CONTROL.test(s) && s.length <= 200);
        expect(Value.Check(text, s)).toBe(true);
      }),
    );
    expect(Value.Check(text, 'مرحبا 😀 Ñandú\tline\nnext')).toBe(true);
  });

  it('free text refuses NUL, other control characters and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const bad = CONTROL.test(s) || LONE_SURROGATE.test(s);
        expect(Value.Check(text, s)).toBe(!bad && s.length <= 200);
      }),
    );
  });

  it('a calendar date is real exactly when Date round-trips it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const parsed = new Date(`${s}T00:00:00Z`);
          const roundTrips = !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === s;
          expect(isRealDate(s)).toBe(roundTrips);
        },
      ),
    );
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2027-02-29')).toBe(false);
  });

  it('list paging accepts whole numbers in range only', () => {
    expect(pageOf({})).toEqual({ limit: 50, offset: 0 });
    for (const offset of [Infinity, -1, 0.5, NaN, 1_000_001]) {
      expect(() => pageOf({ offset })).toThrow();
    }
    expect(() => pageOf({ limit: 0 })).toThrow();
  });
});
