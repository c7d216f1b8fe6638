import { describe, expect, it } from 'vitest';
import { englishTermsFor, isArabicScript, normaliseArabic } from './arabic.js';

describe('Arabic search terms', () => {
  it('folds the spellings people type: vowels, shadda, alef forms, ta marbuta, the article', () => {
    expect(normaliseArabic('اللَّحّام')).toEqual(['لحام']);
    expect(normaliseArabic('أستاذة')).toEqual(normaliseArabic('استاذه'));
    expect(normaliseArabic('والممرضة')).toEqual(['ممرضه']);
    expect(isArabicScript('soudeur')).toBe(false);
    expect(isArabicScript('طباخ 2')).toBe(true);
  });

  it('turns job titles and skills into English search terms, the longest phrase first', () => {
    expect(englishTermsFor('لحّام')[0]).toBe('welder');
    expect(englishTermsFor('الطباخ')[0]).toBe('cook');
    expect(englishTermsFor('عاملة نظافة')[0]).toBe('building cleaner');
    expect(englishTermsFor('سائق شاحنة')[0]).toBe('lorry driver');
    // "لحام لحوم" (a butcher in the Levant) is not a welder.
    expect(englishTermsFor('لحام لحوم')[0]).toBe('butcher');
    expect(englishTermsFor('ممرضة و إسعافات أولية')).toEqual(expect.arrayContaining(['nurse', 'first aid']));
  });

  it('completes the word being typed, and knows nothing it was not taught', () => {
    expect(englishTermsFor('ممرض')).toContain('nurse');
    expect(englishTermsFor('كهربا')).toContain('electrician');
    expect(englishTermsFor('طائرة ورقية')).toEqual([]);
    expect(englishTermsFor('ب')).toEqual([]);
  });
});
