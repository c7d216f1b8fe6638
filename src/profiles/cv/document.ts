// What the printable CV says, as a list of blocks in reading order, built from the stored profile in one language.
// Deliberately left out whatever the request: migration status, permits and their document numbers, sex, birth
// year, origin country (a CV travels to employers; the consented candidate view never shows these either).
import { EVIDENCE_LEVELS, type CefrLevel } from '../../shared/vocabulary.js';
import { referenceData } from '../../taxonomy/domain.js';
import type { Profile } from '../model.js';
import { CV_WORDS, directionOf, type CvLang } from './labels.js';

export type CvBlockKind = 'name' | 'heading' | 'item' | 'detail' | 'footer';
export interface CvBlock {
  kind: CvBlockKind;
  text: string;
}

export interface CvDocument {
  lang: CvLang;
  dir: 'ltr' | 'rtl';
  /** Document title (PDF metadata). */
  title: string;
  blocks: CvBlock[];
}

/** Labels of coded concepts in the CV's language; null when the taxonomy does not know the URI. */
export interface CvLabels {
  occupation(uri: string): string | null;
  skill(uri: string): string | null;
}

export interface CvOptions {
  /** Contact the person chose to show; omitted when null. */
  email?: string | null;
  generatedAt: Date;
  /** Provenance of assessed skills (recognition's RPL), printed under them. */
  assessed?: readonly { skillUri: string; assessorName: string; assessedOn: string; method: string }[];
}

const SEP = ' · ';

/**
 * First-strong isolate (U+2068 … U+2069) around text whose direction is its own (names, titles the person typed,
 * ESCO labels that may fall back to English): a Latin name keeps its order inside an Arabic line and vice versa.
 */
const iso = (text: string) => `\u2068${text}\u2069`;

/** Quotation marks of each language (CLDR); Arabic opens with ” on the right of a right-to-left line. */
const QUOTES: Record<CvLang, [string, string]> = {
  en: ['“', '”'],
  es: ['«', '»'],
  fr: ['«\u202F', '\u202F»'],
  ar: ['”', '“'],
};

function capitalise(text: string, lang: CvLang): string {
  return text ? text.charAt(0).toLocaleUpperCase(lang) + text.slice(1) : text;
}

/** Intl helpers for one language; unknown codes fall back to the code itself. */
function formatters(lang: CvLang) {
  const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const languages = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'unit' });
  const years = new Intl.NumberFormat(lang, { style: 'unit', unit: 'year', unitDisplay: 'long' });
  const months = new Intl.NumberFormat(lang, { style: 'unit', unit: 'month', unitDisplay: 'long' });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(lang, { useGrouping: false });
  return {
    country: (code: string) => {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
    language: (code: string) => {
      try {
        return capitalise(languages.of(code) ?? code, lang);
      } catch {
        return code;
      }
    },
    // Arabic joins "و" (and) to the next word; before a label in Latin script (ESCO's English fallback) that reads
    // as one word, so a space goes between them.
    list: (items: string[]) =>
      lang === 'ar' ? list.format(items).replace(/و(\u2068)(?!\p{Script=Arabic})/gu, 'و $1') : list.format(items),
    duration: (total: number) => {
      const y = Math.floor(total / 12);
      const m = total % 12;
      const parts: string[] = [];
      if (y) parts.push(years.format(y));
      if (m || !y) parts.push(months.format(m));
      return list.format(parts);
    },
    date: (d: Date) => date.format(d),
    /** ISO calendar date YYYY-MM-DD, read as a UTC day. */
    day: (iso: string) => date.format(new Date(`${iso}T00:00:00Z`)),
    number: (n: number) => number.format(n),
  };
}

export function buildCv(profile: Profile, lang: CvLang, labels: CvLabels, options: CvOptions): CvDocument {
  const w = CV_WORDS[lang];
  const f = formatters(lang);
  const ref = referenceData(lang);
  const cefrName = new Map(ref.cefr.map((l) => [l.code, l.name]));
  const iscedName = new Map(ref.isced.map((l) => [l.code, l.name]));
  const eqfName = new Map(ref.eqf.map((l) => [l.code, l.name]));
  const blocks: CvBlock[] = [];
  const add = (kind: CvBlockKind, text: string) => blocks.push({ kind, text });
  const parts = (...xs: (string | null | undefined | false)[]) => xs.filter((x): x is string => !!x).join(SEP);

  add('name', iso(profile.displayName));
  add('detail', w.title);

  const place = f.country(profile.currentCountry) + (profile.currentRegion ? ` (${profile.currentRegion})` : '');
  add('heading', w.contact);
  if (options.email) add('detail', `${w.email}: ${iso(options.email)}`);
  add('detail', `${w.location}: ${place}`);

  if (profile.languages.length) {
    add('heading', w.languages);
    for (const l of profile.languages) {
      add('item', f.language(l.lang));
      if (l.native) {
        add('detail', w.nativeLanguage);
        continue;
      }
      const level = (name: string, v: CefrLevel | null) =>
        v ? `${name}: ${v === 'native' ? w.nativeLanguage : `${v} – ${cefrName.get(v) ?? v}`}` : null;
      for (const line of [
        level(w.listening, l.listening as CefrLevel | null),
        level(w.reading, l.reading as CefrLevel | null),
        level(w.speaking, l.speaking as CefrLevel | null),
        level(w.writing, l.writing as CefrLevel | null),
      ]) {
        if (line) add('detail', line);
      }
    }
  }

  if (profile.education.length) {
    add('heading', w.education);
    for (const e of profile.education) {
      add('item', iso(e.title));
      const level = `${w.isced} ${f.number(e.iscedLevel)} – ${iscedName.get(String(e.iscedLevel)) ?? ''}`;
      add(
        'detail',
        parts(
          level,
          e.institution && iso(e.institution),
          e.country && f.country(e.country),
          e.yearCompleted !== null && f.number(e.yearCompleted),
          e.completed ? w.completed : w.notCompleted,
        ),
      );
    }
  }

  if (profile.qualifications.length) {
    add('heading', w.qualifications);
    for (const q of profile.qualifications) {
      add('item', iso(q.title));
      const detail = parts(
        q.awardingBody && iso(q.awardingBody),
        q.country && f.country(q.country),
        q.year !== null && f.number(q.year),
        q.eqfLevel !== null && eqfName.get(String(q.eqfLevel)),
      );
      if (detail) add('detail', detail);
    }
  }

  if (profile.experience.length) {
    add('heading', w.experience);
    for (const x of profile.experience) {
      const label = labels.occupation(x.occupationUri);
      // ESCO labels are lower case; as the heading of an entry they start with a capital.
      add('item', iso(capitalise(label ?? x.title ?? x.occupationUri, lang)));
      // The person's own words for the job, when they add something to the ESCO label.
      if (label && x.title && x.title.toLocaleLowerCase(lang) !== label.toLocaleLowerCase(lang)) {
        add('detail', `${QUOTES[lang][0]}${iso(x.title)}${QUOTES[lang][1]}`);
      }
      add('detail', parts(f.country(x.country), f.duration(x.months), x.formal ? w.formal : w.informal));
      if (x.description) add('detail', iso(x.description));
    }
  }

  if (profile.skills.length) {
    add('heading', w.skills);
    for (const evidence of EVIDENCE_LEVELS) {
      const names = profile.skills
        .filter((s) => s.evidence === evidence)
        .map((s) => labels.skill(s.uri) ?? s.uri)
        .sort((a, b) => a.localeCompare(b, lang));
      if (!names.length) continue;
      add('item', w.evidence[evidence]);
      add('detail', f.list(names.map(iso)));
      if (evidence !== 'assessed') continue;
      // Who assessed which skill, when and how: one line per assessor, day and method.
      const groups = new Map<string, string[]>();
      for (const p of options.assessed ?? []) {
        if (!profile.skills.some((s) => s.uri === p.skillUri && s.evidence === 'assessed')) continue;
        const head = parts(
          w.assessedBy.replace('{name}', iso(p.assessorName)).replace('{date}', f.day(p.assessedOn)),
          w.methods[p.method] ?? p.method,
        );
        groups.set(head, [...(groups.get(head) ?? []), iso(labels.skill(p.skillUri) ?? p.skillUri)]);
      }
      for (const [head, skills] of groups) add('detail', `${head}: ${f.list(skills)}`);
    }
  }

  const prefs = profile.preferences;
  add('heading', w.preferences);
  add('detail', profile.seeking ? w.seeking : w.notSeeking);
  if (profile.availableFrom) add('detail', `${w.availableFrom}: ${f.day(profile.availableFrom)}`);
  if (prefs.occupations.length) {
    const names = prefs.occupations.map((uri) => iso(labels.occupation(uri) ?? uri));
    add('detail', `${w.preferredOccupations}: ${f.list(names)}`);
  }
  if (prefs.regions.length) {
    const names = prefs.regions.map((r) => f.country(r.country) + (r.region ? ` (${r.region})` : ''));
    add('detail', `${w.preferredRegions}: ${f.list(names)}`);
  }
  if (prefs.willingToRelocate) {
    const where = prefs.relocationCountries.length
      ? f.list(prefs.relocationCountries.map((c) => f.country(c)))
      : w.relocationAnywhere;
    add('detail', `${w.willingToRelocate}: ${where}`);
  } else {
    add('detail', w.notWillingToRelocate);
  }

  add('footer', `${w.generatedOn}: ${f.date(options.generatedAt)}`);
  add('footer', w.escoAttribution);

  return { lang, dir: directionOf(lang), title: `${w.title} – ${profile.displayName}`, blocks };
}
