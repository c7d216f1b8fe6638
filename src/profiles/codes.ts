// Coded values shared by profiles, vacancies and training offers: ESCO URIs, ISO codes, CEFR, ISCED, ISIC.
// TypeBox schemas (validated by the HTTP shell) plus the checks a schema cannot express (real calendar dates,
// duplicates), which throw 400 errors carrying the field path.
import { Type, type Static } from '@sinclair/typebox';
import { CEFR_LEVELS, EVIDENCE_LEVELS, SECTORS } from '../shared/vocabulary.js';
import { invalid } from '../kernel/errors.js';
import '../shared/formats.js'; // registers country-code and country-code-or-unknown with TypeBox

/** ESCO version recorded with coded URIs when the taxonomy service does not say which one is loaded. */
export const DEFAULT_TAXONOMY_VERSION = '1.1.1';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const ESCO_SKILL_PATTERN = `^http://data\\.europa\\.eu/esco/skill/${UUID}$`;
export const ESCO_OCCUPATION_PATTERN = `^http://data\\.europa\\.eu/esco/occupation/${UUID}$`;

export const SkillUri = Type.String({ pattern: ESCO_SKILL_PATTERN, maxLength: 100, description: 'ESCO skill URI' });
export const OccupationUri = Type.String({
  pattern: ESCO_OCCUPATION_PATTERN,
  maxLength: 100,
  description: 'ESCO occupation URI',
});
/** ISO 3166-1 alpha-2, current codes only (src/shared/countries.ts). */
export const Country = Type.String({
  pattern: '^[A-Z]{2}$',
  format: 'country-code',
  description: 'ISO 3166-1 alpha-2 country code in force (withdrawn codes such as DD, CS, YD are refused)',
});
/** A country, or ZZ while it is not known yet (a profile created before the person says where they are from). */
export const CountryOrUnknown = Type.String({
  pattern: '^[A-Z]{2}$',
  format: 'country-code-or-unknown',
  description: 'ISO 3166-1 alpha-2 country code in force, or ZZ when not known yet',
});
/** Region within a country (NUTS-2 or ISO 3166-2 code); empty = whole country. */
export const Region = Type.String({ pattern: '^[A-Z0-9-]{0,12}$', description: 'NUTS or ISO 3166-2 region code' });
/** ISO 639-1. */
export const Lang = Type.String({ pattern: '^[a-z]{2}$', description: 'ISO 639-1 language code' });
/**
 * BCP-47 language tag as a person uses it to choose a language: language, optional script, optional region
 * (`fr`, `ar-EG`, `zh-Hant-TW`). Case-insensitive here; checkContactLanguage canonicalizes and checks the language.
 */
export const LanguageTag = Type.String({
  pattern: '^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?$',
  maxLength: 16,
  description: 'BCP-47 language tag (language[-Script][-REGION]), e.g. fr, ar-EG',
});

const knownLanguages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The canonical form of a well-formed tag (`EN-us` → `en-US`, `iw` → `he`); 400 when the language is unknown. */
export function canonicalLanguageTag(value: string, path: string): string {
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(value)[0]!;
  } catch {
    throw invalid('Not a BCP-47 language tag', path);
  }
  const language = tag.split('-')[0]!;
  if (!knownLanguages.of(language)) throw invalid(`Unknown language "${language}"`, path);
  return tag;
}
export const Cefr = Type.Union(
  CEFR_LEVELS.map((l) => Type.Literal(l)),
  { description: 'CEFR level; native ranks above C2' },
);
export const Evidence = Type.Union(EVIDENCE_LEVELS.map((l) => Type.Literal(l)));
export const IscedLevel = Type.Integer({ minimum: 0, maximum: 8, description: 'ISCED 2011 level 0–8' });
/** ISCED-F 2013 field code: broad (2 digits), narrow (3) or detailed (4). */
export const IscedField = Type.String({ pattern: '^[0-9]{2,4}$', description: 'ISCED-F 2013 field code' });
export const Sector = Type.Union(
  SECTORS.map((s) => Type.Literal(s)),
  { description: 'ISIC Rev.4 section A–U' },
);
/** Calendar date YYYY-MM-DD (checked for a real day by checkDate). */
export const DateString = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' });

/**
 * Free text of bounded size. Control characters other than newline/tab and unpaired surrogates are refused
 * (PostgreSQL cannot store NUL or a lone surrogate in JSONB).
 */
export function Text(maxLength: number, minLength = 0) {
  return Type.String({
    minLength,
    maxLength,
    // Surrogate pairs are spelled out so the pattern means the same with and without the regex 'u' flag.
    pattern:
      '^(?:[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$',
  });
}

export const Place = Type.Object({ country: Country, region: Region }, { additionalProperties: false });
export type PlaceInput = Static<typeof Place>;

export const LanguageRequirement = Type.Object({ lang: Lang, level: Cefr }, { additionalProperties: false });

/** True for a real calendar day in YYYY-MM-DD. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900;
}

export function checkDate(value: string | null | undefined, path: string): void {
  if (value !== null && value !== undefined && !isRealDate(value)) throw invalid('Not a calendar date', path);
}

/** Refuses a list holding the same key twice; path points at the second occurrence. */
export function checkUnique<T>(items: readonly T[], key: (item: T) => string, path: string, what: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) throw invalid(`Duplicate ${what}`, `${path}.${i}`);
    seen.add(k);
  });
}

/**
 * Limit and offset of a list query, checked again in the domain: the HTTP layer coerces query strings, and
 * "1e309" arrives as Infinity.
 */
export function pageOf(q: { limit?: number; offset?: number }, maxLimit = 500): { limit: number; offset: number } {
  const whole = (v: number | undefined, min: number, max: number, fallback: number, path: string) => {
    if (v === undefined) return fallback;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw invalid(`must be a whole number from ${min} to ${max}`, path);
    }
    return v;
  };
  return {
    limit: whole(q.limit, 1, maxLimit, 50, 'querystring.limit'),
    offset: whole(q.offset, 0, 1_000_000, 0, 'querystring.offset'),
  };
}
