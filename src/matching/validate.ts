// Input checks for the engine's projections: a bad record is refused whole, with the path of the bad field,
// before anything is written to the index.
import {
  CEFR_LEVELS,
  EVIDENCE_LEVELS,
  SECTORS,
  type EligibilityRule,
  type LanguageLevel,
  type MatchCandidate,
  type MatchVacancy,
} from './model.js';
import { MatchInputError, dayNumber } from './scoring.js';

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0) throw new MatchInputError(path, 'expected a non-empty string');
  return v;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new MatchInputError(path, 'expected an array');
  return v;
}

function bool(v: unknown, path: string): void {
  if (typeof v !== 'boolean') throw new MatchInputError(path, 'expected true or false');
}

function isco(v: unknown, path: string): void {
  if (typeof v !== 'string' || !/^\d{4}$/.test(v))
    throw new MatchInputError(path, 'expected a 4-digit ISCO-08 unit code');
}

function country(v: unknown, path: string): void {
  if (typeof v !== 'string' || !/^[A-Z]{2}$/.test(v))
    throw new MatchInputError(path, 'expected an ISO 3166 alpha-2 code');
}

function sector(v: unknown, path: string): void {
  if (typeof v !== 'string' || !SECTORS.includes(v)) throw new MatchInputError(path, 'expected an ISIC section A–U');
}

function isced(v: unknown, path: string): void {
  if (v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 8)
    throw new MatchInputError(path, 'expected an ISCED level 0–8 or null');
}

function date(v: unknown, path: string): void {
  if (v === null) return;
  if (typeof v !== 'string') throw new MatchInputError(path, 'expected a date YYYY-MM-DD or null');
  dayNumber(v, path);
}

function languages(v: unknown, path: string): void {
  arr(v, path).forEach((l, i) => {
    const x = l as LanguageLevel;
    if (typeof x?.lang !== 'string' || !/^[a-z]{2,3}$/.test(x.lang))
      throw new MatchInputError(`${path}/${i}/lang`, 'expected an ISO 639 language code');
    if (!CEFR_LEVELS.includes(x.level))
      throw new MatchInputError(`${path}/${i}/level`, 'expected a CEFR level A1–C2 or native');
  });
}

function place(v: unknown, path: string): void {
  const p = v as { country?: unknown; region?: unknown };
  if (!p || typeof p !== 'object') throw new MatchInputError(path, 'expected {country, region}');
  country(p.country, `${path}/country`);
  str(p.region, `${path}/region`);
  if (p.region === '*' || String(p.region).includes('|'))
    throw new MatchInputError(`${path}/region`, "may not be '*' or contain '|'");
}

export function validateCandidate(c: MatchCandidate): void {
  if (!c || typeof c !== 'object') throw new MatchInputError('/', 'expected a candidate object');
  str(c.id, '/id');
  str(c.organisationId, '/organisationId');
  arr(c.skills, '/skills').forEach((s, i) => {
    const x = s as MatchCandidate['skills'][number];
    str(x?.uri, `/skills/${i}/uri`);
    if (!EVIDENCE_LEVELS.includes(x.evidence))
      throw new MatchInputError(`/skills/${i}/evidence`, `expected one of ${EVIDENCE_LEVELS.join(', ')}`);
  });
  arr(c.experience, '/experience').forEach((e, i) => {
    const x = e as MatchCandidate['experience'][number];
    str(x?.occupationUri, `/experience/${i}/occupationUri`);
    isco(x.isco, `/experience/${i}/isco`);
  });
  languages(c.languages, '/languages');
  isced(c.iscedLevel, '/iscedLevel');
  arr(c.permits, '/permits').forEach((p, i) => {
    const x = p as MatchCandidate['permits'][number];
    if (!x || typeof x !== 'object') throw new MatchInputError(`/permits/${i}`, 'expected a permit');
    country(x.country, `/permits/${i}/country`);
    str(x.type, `/permits/${i}/type`);
    date(x.validUntil, `/permits/${i}/validUntil`);
    arr(x.sectors, `/permits/${i}/sectors`).forEach((s, j) => sector(s, `/permits/${i}/sectors/${j}`));
  });
  place(c.location, '/location');
  if (!c.relocation || typeof c.relocation !== 'object')
    throw new MatchInputError('/relocation', 'expected {willing, countries}');
  bool(c.relocation.willing, '/relocation/willing');
  arr(c.relocation.countries, '/relocation/countries').forEach((x, i) => country(x, `/relocation/countries/${i}`));
  bool(c.seeking, '/seeking');
  date(c.availableFrom, '/availableFrom');
  if (!c.consent || typeof c.consent !== 'object')
    throw new MatchInputError('/consent', 'expected {matching, shareWithEmployers}');
  bool(c.consent.matching, '/consent/matching');
  bool(c.consent.shareWithEmployers, '/consent/shareWithEmployers');
}

export function validateVacancy(v: MatchVacancy): void {
  if (!v || typeof v !== 'object') throw new MatchInputError('/', 'expected a vacancy object');
  str(v.id, '/id');
  str(v.employerOrganisationId, '/employerOrganisationId');
  str(v.occupationUri, '/occupationUri');
  isco(v.isco, '/isco');
  sector(v.sector, '/sector');
  arr(v.essentialSkills, '/essentialSkills').forEach((s, i) => str(s, `/essentialSkills/${i}`));
  arr(v.optionalSkills, '/optionalSkills').forEach((s, i) => str(s, `/optionalSkills/${i}`));
  isced(v.minIsced, '/minIsced');
  languages(v.languages, '/languages');
  place(v.location, '/location');
  date(v.startDate, '/startDate');
  bool(v.open, '/open');
}

export function validateRule(r: EligibilityRule, path = ''): void {
  if (!r || typeof r !== 'object') throw new MatchInputError(path || '/', 'expected a rule object');
  str(r.id, `${path}/id`);
  country(r.country, `${path}/country`);
  str(r.permitType, `${path}/permitType`);
  const sectors = arr(r.sectors, `${path}/sectors`);
  if (sectors.length === 0)
    throw new MatchInputError(`${path}/sectors`, "expected at least one ISIC section, or ['*']");
  sectors.forEach((s, i) => {
    if (s !== '*') sector(s, `${path}/sectors/${i}`);
  });
  arr(r.iscoPrefixes, `${path}/iscoPrefixes`).forEach((p, i) => {
    if (typeof p !== 'string' || !/^\d{1,4}$/.test(p))
      throw new MatchInputError(`${path}/iscoPrefixes/${i}`, 'expected 1–4 ISCO-08 digits');
  });
  str(r.description, `${path}/description`);
  bool(r.example, `${path}/example`);
}
