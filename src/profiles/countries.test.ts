import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { Country, CountryOrUnknown } from './codes.js';
import { parseInput } from '../kernel/validate.js';
import { Type } from '@sinclair/typebox';
import { COUNTRY_CODES, isCurrentCountry, WITHDRAWN_COUNTRY_CODES } from '../shared/countries.js';

describe('the country list', () => {
  it('holds the 249 current ISO 3166-1 codes and Kosovo, once each, none withdrawn', () => {
    expect(COUNTRY_CODES).toHaveLength(250);
    expect(new Set(COUNTRY_CODES).size).toBe(250);
    for (const code of Object.keys(WITHDRAWN_COUNTRY_CODES)) expect(isCurrentCountry(code)).toBe(false);
    for (const replacements of Object.values(WITHDRAWN_COUNTRY_CODES))
      for (const code of replacements) expect(isCurrentCountry(code)).toBe(true);
  });

  it('gives every country a name of its own in each interface language (no two share a name)', () => {
    for (const lang of ['en', 'es', 'fr', 'ar']) {
      const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
      const named = COUNTRY_CODES.map((c) => names.of(c));
      expect(named.filter((n) => !n)).toEqual([]);
      expect(new Set(named).size).toBe(COUNTRY_CODES.length);
    }
  });
});

describe('country validation', () => {
  it('refuses withdrawn codes with a message naming the field', () => {
    for (const code of ['DD', 'CS', 'YD', 'SU', 'ZR']) expect(Value.Check(Country, code)).toBe(false);
    for (const code of ['DE', 'RS', 'YE', 'XK', 'ES']) expect(Value.Check(Country, code)).toBe(true);
    const schema = Type.Object({ location: Type.Object({ country: Country }) });
    expect(() => parseInput(schema, { location: { country: 'DD' } })).toThrow(
      expect.objectContaining({
        path: 'location.country',
        message: expect.stringMatching(/^location\.country is not a current ISO 3166-1 alpha-2 country code/),
      }),
    );
  });

  it('lets a profile say "not known yet" (ZZ) where it may, nowhere else', () => {
    expect(Value.Check(CountryOrUnknown, 'ZZ')).toBe(true);
    expect(Value.Check(CountryOrUnknown, 'DD')).toBe(false);
    expect(Value.Check(Country, 'ZZ')).toBe(false);
  });
});
