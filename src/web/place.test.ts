import { describe, expect, it } from 'vitest';
import { regionPrefixes, regionProblem, regionsInUse } from './place.js';

describe('region codes', () => {
  it('takes NUTS and ISO 3166-2 codes of the country', () => {
    expect(regionProblem('ES', 'ES51', true)).toBeNull();
    expect(regionProblem('ES', 'es-ct', true)).toBeNull();
    expect(regionProblem('ES', 'ES5', true)).toBeNull();
    expect(regionProblem('GR', 'EL30', true)).toBeNull(); // NUTS writes Greece EL
    expect(regionProblem('GR', 'GR-I', true)).toBeNull();
  });

  it('names what is wrong', () => {
    expect(regionProblem('ES', '', true)).toBe('required');
    expect(regionProblem('ES', '  ', false)).toBeNull();
    expect(regionProblem('ES', 'Barcelona', true)).toBe('format');
    expect(regionProblem('ES', 'ES 51', true)).toBe('format');
    expect(regionProblem('ES', 'FR10', true)).toBe('otherCountry');
    // With no country yet, only the form is checked.
    expect(regionProblem('', 'FR10', true)).toBeNull();
    expect(regionProblem('ZZ', 'FR10', true)).toBeNull();
  });

  it('lists the prefixes a country’s codes start with', () => {
    expect(regionPrefixes('ES')).toEqual(['ES']);
    expect(regionPrefixes('GB')).toEqual(['GB', 'UK']);
    expect(regionPrefixes('')).toEqual([]);
  });

  it('offers the region codes open vacancies use in the country, most used first', () => {
    const at = (country: string, region: string) => ({ country, region });
    expect(
      regionsInUse([at('ES', 'ES30'), at('ES', 'ES51'), at('ES', 'ES51'), at('FR', 'FR10'), at('ES', '')], 'ES'),
    ).toEqual(['ES51', 'ES30']);
  });
});
