import { describe, expect, it } from 'vitest';
import { REFERENCE_LANGS, REFERENCE_LEVELS, iscedBand, referenceData } from './levels.js';

describe('reference levels', () => {
  it('bands ISCED levels as the field does: 1–2 low, 3–4 medium, 5–8 high, 0 none', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(iscedBand)).toEqual([
      null,
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'high',
      'high',
    ]);
    expect(() => iscedBand(9)).toThrow(RangeError);
    expect(() => iscedBand(2.5)).toThrow(RangeError);
  });

  it('names every level in en, es, fr and ar, each language distinct from English', () => {
    for (const level of REFERENCE_LEVELS) {
      for (const lang of REFERENCE_LANGS) {
        expect(level.names[lang].name.trim(), `${level.scheme} ${level.code} ${lang}`).not.toBe('');
        expect(level.names[lang].description.trim(), `${level.scheme} ${level.code} ${lang}`).not.toBe('');
      }
      expect(level.names.ar.name).toMatch(/[\u0600-\u06ff]/);
      expect(level.names.es.name).not.toBe(level.names.en.name);
    }
  });

  it('serves one language, falling back to English for others', () => {
    const fr = referenceData('fr');
    expect(fr.isced[6]).toEqual({
      code: '6',
      band: 'high',
      name: 'Niveau licence ou équivalent',
      description: 'Premier diplôme de l’enseignement supérieur.',
    });
    expect(fr.cefr.map((l) => l.band)).toEqual([
      'basic',
      'basic',
      'independent',
      'independent',
      'proficient',
      'proficient',
    ]);
    expect(referenceData('de').lang).toBe('en');
    expect(referenceData('de').eqf[0]!.name).toBe('EQF level 1');
  });
});
