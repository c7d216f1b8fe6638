import { describe, expect, it } from 'vitest';
import { countries } from './countries.js';
import { languageName, permitTypeName, ruleName, sectorName } from './names.js';

describe('country lists', () => {
  it('offer each current country once, named in the interface language, and no withdrawn code', () => {
    for (const lang of ['en', 'es', 'fr', 'ar']) {
      const list = countries(lang);
      const codes = list.map((c) => c.code);
      for (const withdrawn of ['DD', 'CS', 'YD', 'SU', 'YU', 'ZR', 'TP', 'AN', 'ZZ', 'EU', 'UN'])
        expect(codes).not.toContain(withdrawn);
      expect(new Set(list.map((c) => c.name)).size).toBe(list.length);
      expect(list.filter((c) => c.name === c.code)).toEqual([]);
    }
    // Typing "Germany" can only mean DE now.
    expect(
      countries('en')
        .filter((c) => c.name === 'Germany')
        .map((c) => c.code),
    ).toEqual(['DE']);
    expect(
      countries('es')
        .filter((c) => c.name === 'Serbia')
        .map((c) => c.code),
    ).toEqual(['RS']);
  });
});

describe('words for codes', () => {
  it('names sectors, permit types and example rules in each language', () => {
    expect(sectorName('C', 'es')).toBe('Industrias manufactureras');
    expect(sectorName('I', 'ar')).toBe('أنشطة خدمات الإقامة والطعام');
    expect(permitTypeName('work-general', 'es')).toBe('Permiso de trabajo');
    expect(permitTypeName('international-protection', 'fr')).toBe(
      'Protection internationale (réfugié ou protection subsidiaire)',
    );
    expect(ruleName('es-work-general', 'Work permit (general): any sector', 'es')).toBe(
      'Permiso de trabajo (general): cualquier sector',
    );
    // A rule an admin wrote keeps its own description.
    expect(ruleName('it-custom', 'Permesso di lavoro', 'es')).toBe('Permesso di lavoro');
  });

  it('names languages the browser lacks, such as Fula, in all four languages', () => {
    expect(languageName('ff', 'en')).toBe('Fula (Pulaar, Fulfulde)');
    expect(languageName('ff', 'es')).toBe('fula (pulaar, fulfulde)');
    expect(languageName('ff', 'fr')).toBe('peul (pulaar, fulfulde)');
    expect(languageName('ff', 'ar')).toBe('الفولانية (البولار)');
    expect(languageName('es', 'fr')).toBe('espagnol');
  });
});
