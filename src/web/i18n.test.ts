import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { directionOf, languageName, LANGUAGES, MESSAGES, pickLanguage, uiLanguageOf } from './i18n.js';
import type { Messages } from './locales/types.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Plain keys, and plural keys grouped by base with the categories present. */
function shape(lang: string) {
  const plain = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  for (const key of leaves(MESSAGES[lang as keyof typeof MESSAGES]).keys()) {
    const m = PLURAL.exec(key);
    if (!m) plain.add(key);
    else {
      const base = key.slice(0, -m[0].length);
      if (!plurals.has(base)) plurals.set(base, new Set());
      plurals.get(base)!.add(m[1]!);
    }
  }
  return { plain, plurals };
}

const variables = (s: string) => [...s.matchAll(/\{\{(\w+)(?:, *\w+)?\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const en = shape('en');

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the English keys', (lang) => {
    const other = shape(lang);
    expect([...other.plain].sort()).toEqual([...en.plain].sort());
    expect([...other.plurals.keys()].sort()).toEqual([...en.plurals.keys()].sort());
  });

  it.each(LANGUAGES)('%s has every plural form its language needs, and no other', (lang) => {
    const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();
    for (const [base, forms] of shape(lang).plurals) {
      expect([...forms].sort(), `${lang}: ${base}`).toEqual(needed);
    }
  });

  it.each(LANGUAGES)('%s has no empty string and no untranslated English sentence', (lang) => {
    const enLeaves = leaves(MESSAGES.en);
    for (const [key, value] of leaves(MESSAGES[lang])) {
      expect(value.trim(), key).not.toBe('');
      // Same text as English is only fine for names (languages, "Corridor", codes like "Analyste"/"Analyst" differ anyway).
      if (lang !== 'en' && !key.startsWith('languages.') && value.length > 12) {
        expect(value, `${lang}: ${key} looks untranslated`).not.toBe(enLeaves.get(key));
      }
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s uses the same {{variables}} as English', (lang) => {
    const enLeaves = leaves(MESSAGES.en);
    const other = leaves(MESSAGES[lang]);
    for (const [key, value] of other) {
      const m = PLURAL.exec(key);
      const enKey = m ? `${key.slice(0, -m[0].length)}_other` : key;
      const expected = variables(enLeaves.get(enKey) ?? '').filter((v) => v !== 'count');
      // Plural forms may spell the number out ("مهارتان"), so {{count}} itself is optional.
      expect(
        variables(value).filter((v) => v !== 'count'),
        `${lang}: ${key}`,
      ).toEqual(expected);
    }
  });

  it('picks the right Arabic plural form through i18next', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'ar', resources: { ar: { translation: MESSAGES.ar } } });
    expect(i.t('explorer.skillCount', { count: 2 })).toBe('مهارتان');
    expect(i.t('explorer.skillCount', { count: 5 })).toBe('5 مهارات');
    expect(i.t('explorer.skillCount', { count: 11 })).toBe('11 مهارة');
  });

  it('names every skill band and ESCO skill type the API returns, in every language', () => {
    for (const lang of LANGUAGES) {
      const l = leaves(MESSAGES[lang]);
      for (const band of ['low', 'medium', 'high', 'basic', 'independent', 'proficient']) {
        expect(l.get(`levels.bands.${band}`), `${lang} ${band}`).toBeTruthy();
      }
      for (const k of ['knowledge', 'skillCompetence']) expect(l.get(`explorer.types.${k}`)).toBeTruthy();
      for (const k of ['transversal', 'crossSector', 'sectorSpecific', 'occupationSpecific']) {
        expect(l.get(`explorer.reuse.${k}`)).toBeTruthy();
      }
    }
  });
});

describe('language choice', () => {
  it('prefers the saved choice, then the browser, then English', () => {
    expect(pickLanguage('ar', ['fr-FR'])).toBe('ar');
    expect(pickLanguage(null, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage('xx', ['ES-mx'])).toBe('es');
    expect(pickLanguage(null, ['de'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });

  it('maps a stored contact language to an interface language only when Corridor speaks it', () => {
    expect(uiLanguageOf('ar-EG')).toBe('ar');
    expect(uiLanguageOf('fr')).toBe('fr');
    expect(uiLanguageOf('wo')).toBeNull();
    expect(uiLanguageOf(null)).toBeNull();
  });

  it('names contact languages in the interface language, and falls back to the code', () => {
    expect(languageName('fr', 'es')).toBe('francés');
    expect(languageName('not a tag!', 'en')).toBe('not a tag!');
  });

  it('writes Arabic right to left', () => {
    expect(directionOf('ar')).toBe('rtl');
    for (const l of ['en', 'es', 'fr']) expect(directionOf(l)).toBe('ltr');
  });

  it('formats counts with Intl through i18next (grouping, plural form)', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'en', resources: { en: { translation: MESSAGES.en }, fr: { translation: MESSAGES.fr } } });
    expect(i.t('explorer.occupationCount', { count: 1234 })).toBe('1,234 occupations');
    expect(i.t('explorer.occupationCount', { count: 1 })).toBe('1 occupation');
    expect(i.t('explorer.occupationCount', { count: 1234, lng: 'fr' })).toBe(
      `${new Intl.NumberFormat('fr').format(1234)} métiers`,
    );
  });
});
