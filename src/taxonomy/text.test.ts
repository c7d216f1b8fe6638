import { describe, expect, it } from 'vitest';
import {
  analyze,
  charNgrams,
  editDistance,
  fold,
  guessLanguage,
  isStopWord,
  labelForms,
  stem,
  tokenize,
} from './text.js';

describe('text layer', () => {
  it('folds case, accents, ligatures and Arabic letter variants', () => {
    expect(fold('Électricien')).toBe('electricien');
    expect(fold('AUXILIAR DE ENFERMERÍA')).toBe('auxiliar de enfermeria');
    expect(fold('Cœur')).toBe('coeur');
    expect(fold('أمين')).toBe(fold('امين'));
  });

  it('tokenises on punctuation but keeps c++ and c#', () => {
    expect(tokenize('Soldador/soldadora, C++ & C# (senior)')).toEqual(['soldador', 'soldadora', 'c++', 'c#', 'senior']);
  });

  it('stems so that inflections and unaccented typing meet', () => {
    expect(stem('welding', 'en')).toBe(stem('weld', 'en'));
    expect(stem('nurses', 'en')).toBe(stem('nursing', 'en'));
    expect(analyze('enfermería', 'es')).toEqual(analyze('enfermeria', 'es'));
    expect(analyze('infirmière', 'fr')).toEqual(analyze('infirmiere', 'fr'));
    expect(stem('2654', 'en')).toBe('2654');
  });

  it('keeps apart English words Porter2 would merge', () => {
    expect(stem('customer', 'en')).not.toBe(stem('customs', 'en'));
    expect(stem('engineer', 'en')).not.toBe(stem('engine', 'en'));
    expect(stem('engineering', 'en')).toBe(stem('engineers', 'en'));
    expect(stem('mechanic', 'en')).not.toBe(stem('mechanical', 'en'));
  });

  it('drops stop words per language', () => {
    expect(isStopWord('the', 'en')).toBe(true);
    expect(isStopWord('de', 'es')).toBe(true);
    expect(isStopWord('welder', 'en')).toBe(false);
    expect(analyze('auxiliar de enfermería', 'es')).toHaveLength(2);
    expect(analyze('the welder of pipes', 'en', { stopWords: false, stem: false })).toEqual([
      'the',
      'welder',
      'of',
      'pipes',
    ]);
  });

  it('makes boundary-marked character n-grams', () => {
    expect(charNgrams('weld')).toEqual(['^we', 'wel', 'eld', 'ld$']);
    expect(charNgrams('a')).toEqual(['^a$']);
  });

  it('computes a bounded Damerau–Levenshtein distance', () => {
    expect(editDistance('weldr', 'welder')).toBe(1);
    expect(editDistance('wledre', 'welder')).toBe(2);
    expect(editDistance('nurse', 'nurse')).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('splits gendered labels into whole forms', () => {
    expect(labelForms('soldador/soldadora')).toEqual(['soldador', 'soldadora']);
    // The shared part is written once, after the second form or before it.
    expect(labelForms('operario/operaria de máquina de fabricación de dulces')).toEqual([
      'operario de máquina de fabricación de dulces',
      'operaria de máquina de fabricación de dulces',
    ]);
    expect(labelForms('dentista equino/equina')).toEqual(['dentista equino', 'dentista equina']);
    expect(labelForms('cocinero de línea/cocinera de línea')).toEqual(['cocinero de línea', 'cocinera de línea']);
    expect(labelForms('/trabajadora de la producción de alimentos')).toEqual([
      'trabajadora de la producción de alimentos',
    ]);
    expect(labelForms('welder')).toEqual(['welder']);
  });

  it('guesses the language of a text from its stop words', () => {
    const langs = ['en', 'es', 'fr'];
    expect(guessLanguage('I clean the rooms and take care of the guests in the hotel.', langs)).toBe('en');
    expect(guessLanguage('Limpio las habitaciones y atiendo a los clientes del hotel.', langs)).toBe('es');
    expect(guessLanguage("Je nettoie les chambres et je m'occupe des clients de l'hôtel.", langs)).toBe('fr');
    // Nothing to go by: the fallback.
    expect(guessLanguage('Excel, SAP, SQL', langs)).toBe('en');
    expect(guessLanguage('Excel, SAP, SQL', langs, 'fr')).toBe('fr');
  });
});
