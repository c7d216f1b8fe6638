import { describe, expect, it } from 'vitest';
import { camel, evidenceKey, formatScore, labelOf } from './matching.js';
import { cvLanguage } from './screens/ProfileMatches.js';

describe('matching helpers', () => {
  it('turns API codes into locale keys', () => {
    expect(camel('one-below')).toBe('oneBelow');
    expect(camel('isco-unit')).toBe('iscoUnit');
    expect(camel('meets')).toBe('meets');
    expect(evidenceKey('advisor-checked')).toBe('profile.evidence.advisorChecked');
    expect(evidenceKey('something-new')).toBe('profile.evidence.selfDeclared');
  });

  it('formats a score as a percentage in the interface language', () => {
    expect(formatScore(0.456, 'en')).toBe('46%');
    expect(formatScore(0.456, 'fr')).toBe('46\u00a0%'); // no-break space
  });

  it('labels a URI from the answer, else by its UUID', () => {
    const uri = 'http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000001';
    expect(labelOf({ [uri]: 'use welding equipment' }, uri)).toBe('use welding equipment');
    expect(labelOf({}, uri)).toBe('aaaaaaaa-0000-0000-0000-000000000001');
  });

  it('prints the CV in the reader’s language (the interface), not the person’s mother tongue', () => {
    expect(cvLanguage('en')).toBe('en');
    expect(cvLanguage('ar')).toBe('ar');
    expect(cvLanguage('de')).toBe('en');
  });
});
