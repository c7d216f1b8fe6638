// Held-out ESCO labels: occupation labels taken out of the coder (and out of any model trained on ESCO) and coded
// as titles, so that what was learned from ESCO is measured on ESCO text it never saw. The bench and the training
// script draw the same sets from here: a model trained on a label that the bench then holds out would leak.
import type { EscoSnapshot } from '../model.js';
import { analyze, labelForms } from '../text.js';
import type { CoderData } from './coder.js';
import type { CodedExample } from './evaluate.js';

/** A repeatable pseudo-random sequence in [0, 1) (the sets must not change between runs). */
export function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** Each occupation's essential skills (URIs), in the release's order. */
export function essentialSkills(snapshot: EscoSnapshot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of snapshot.occupationSkills)
    if (r.relation === 'essential') out.set(r.occupationUri, [...(out.get(r.occupationUri) ?? []), r.skillUri]);
  return out;
}

/** The coder's data without the labels of `lang` that `drop(occupation, label text, label stems)` names. */
export function withoutLabels(
  data: CoderData,
  lang: string,
  drop: (occ: number, text: string, terms: string[]) => boolean,
): CoderData {
  const L = data.labels[lang];
  if (!L) return data;
  const keep = L.terms.map((terms, k) => !drop(L.occ[k]!, L.text[k]!, terms));
  const pick = <T>(xs: T[]) => xs.filter((_, k) => keep[k]);
  const labels = { terms: pick(L.terms), text: pick(L.text), occ: pick(L.occ), kind: pick(L.kind) };
  return { ...data, labels: { ...data.labels, [lang]: labels } };
}

export interface HeldOutSet {
  lang: string;
  examples: CodedExample[];
  /** The coder's data with the held-out labels (and, for label sets, their words in the own profile) removed. */
  heldOut: CoderData;
  /** The held-out label texts as ESCO writes them, per occupation URI. */
  labels: { uri: string; text: string }[];
}

/**
 * An ESCO-derived sanity set: ~20 % of the occupations with two or more English alternative/hidden labels
 * (seeded), one of those labels as the title (removed from the coder's label index), and as description the
 * descriptions of up to 4 of the occupation's essential skills plus half the words of its own description,
 * shuffled. Profiles still hold alt labels and skill labels, so this set is easier than real ads.
 */
export function sanitySet(snapshot: EscoSnapshot, data: CoderData): HeldOutSet {
  const rnd = seeded(7);
  const skillsOf = essentialSkills(snapshot);
  const examples: CodedExample[] = [];
  const labels: HeldOutSet['labels'] = [];
  const held = new Set<string>();
  data.occupations.forEach((o, i) => {
    const l = snapshot.occupations.get(o.uri)?.labels.en;
    if (!l) return;
    const pool = [...l.alt, ...l.hidden];
    if (pool.length < 2 || rnd() > 0.2) return;
    const title = pool[Math.floor(rnd() * pool.length)]!;
    const skills = [...(skillsOf.get(o.uri) ?? [])].sort(() => rnd() - 0.5).slice(0, 4);
    const sentences = skills.map((u) => snapshot.skills.get(u)?.labels.en?.description ?? '').filter(Boolean);
    const words = (l.description ?? '')
      .split(/\s+/)
      .filter(() => rnd() < 0.5)
      .sort(() => rnd() - 0.5);
    const description = [...sentences, words.join(' ')].sort(() => rnd() - 0.5).join(' ');
    examples.push({ id: String(i), title, description, escoUri: o.uri, escoCode: o.code, isco: o.isco, label: '' });
    labels.push({ uri: o.uri, text: title });
    held.add(`${i}|${analyze(title, 'en').join(' ')}`);
  });
  const heldOut = withoutLabels(data, 'en', (occ, _, terms) => held.has(`${occ}|${terms.join(' ')}`));
  return { lang: 'en', examples, heldOut, labels };
}

/**
 * Held-out labels per language: ~20 % of the occupations with an alternative label in that language (seeded)
 * lose one of them from the coder's index, and its text (the first gendered form) is coded as a title. Each title
 * also gets a description in its language: a label (preferred or alternative, seeded) of each of up to 4 of the
 * occupation's essential skills. The words of the title and of those skills are taken out of that occupation's
 * own profile too (held out, so title and description must be matched through the remaining labels, other
 * occupations and the unit group, as an ad's wording must).
 */
export function heldOutLabels(snapshot: EscoSnapshot, data: CoderData, lang: string): HeldOutSet {
  const rnd = seeded(11);
  const pickRnd = seeded(5);
  const L = data.labels[lang];
  if (!L) return { lang, examples: [], heldOut: data, labels: [] };
  // Labels as the coder indexed them (an alternative label that only repeats another one's words, such as the
  // gendered forms ESCO es/fr list beside "soldador/soldadora", is not indexed and cannot be held out).
  const indexed = new Set(L.text.map((t, d) => `${L.occ[d]!}|${t}`));
  const essential = essentialSkills(snapshot);
  const held = new Set<string>();
  // The held-out label's forms as terms: ESCO es/fr also list each gendered form as its own alternative label
  // ("soldadora de tuberías" beside "soldador/soldadora de tuberías"), which would otherwise stay in the index.
  const heldTerms = new Set<string>();
  const examples: CodedExample[] = [];
  const labels: HeldOutSet['labels'] = [];
  const heldWords = new Map<number, string[]>();
  for (const [i, o] of data.occupations.entries()) {
    // Two draws for every occupation, so the sample depends on the ESCO release only, not on how the coder
    // analyses labels.
    const [take, which] = [rnd(), rnd()];
    const alts = (snapshot.occupations.get(o.uri)?.labels[lang]?.alt ?? []).filter((t) => indexed.has(`${i}|${t}`));
    if (take > 0.2 || !alts.length) continue;
    const text = alts[Math.floor(which * alts.length)]!;
    held.add(`${i}|${text}`);
    for (const form of labelForms(text)) heldTerms.add(`${i}|${analyze(form, lang).join(' ')}`);
    labels.push({ uri: o.uri, text });
    const skills = [...(essential.get(o.uri) ?? [])].sort(() => pickRnd() - 0.5).slice(0, 4);
    const skillLabels = skills.flatMap((u) => {
      const l = snapshot.skills.get(u)?.labels[lang];
      return l ? [[l.preferred, ...l.alt]] : [];
    });
    const description = skillLabels.map((pool) => `${pool[Math.floor(pickRnd() * pool.length)]!}.`).join(' ');
    const title = labelForms(text)[0]!;
    // The title's words leave the profile as well: en profiles hold each alternative label once, es/fr twice.
    const titleWords = analyze(text, lang);
    heldWords.set(i, [
      ...analyze(skillLabels.flat().join(' . '), lang),
      ...titleWords,
      ...(lang === 'en' ? [] : titleWords),
    ]);
    examples.push({ id: String(i), title, description, escoUri: o.uri, escoCode: o.code, isco: o.isco, label: '' });
  }
  const heldOut = withoutLabels(
    data,
    lang,
    (occ, text, terms) => held.has(`${occ}|${text}`) || heldTerms.has(`${occ}|${terms.join(' ')}`),
  );
  // Those words leave the occupation's own profile (one occurrence each).
  const without = (profile: string[], words: string[]) => {
    const out = [...profile];
    for (const w of words) {
      const j = out.indexOf(w);
      if (j >= 0) out.splice(j, 1);
    }
    return out;
  };
  if (lang === 'en') {
    heldOut.profiles = heldOut.profiles.map((p, i) => without(p, heldWords.get(i) ?? []));
  } else if (heldOut.localProfiles?.[lang]) {
    const local = heldOut.localProfiles[lang];
    heldOut.localProfiles = {
      ...heldOut.localProfiles,
      [lang]: {
        ...local,
        profiles: local.profiles.map((p, i) =>
          heldWords.has(i) ? without(p.split(' '), heldWords.get(i)!).join(' ') : p,
        ),
      },
    };
  }
  return { lang, examples, heldOut, labels };
}

/** Languages the bench holds labels out in. */
export const HELD_OUT_LANGS = ['en', 'es', 'fr'] as const;

/**
 * Every label any bench set holds out, as `uri|lang|text`: what a model trained on ESCO must not see, so that the
 * bench's held-out figures stay free of leakage. A label whose form repeats a held-out label's form (a gendered
 * form listed on its own) must be left out too: `heldOutForm` tells.
 */
export function benchHeldOutLabels(snapshot: EscoSnapshot, data: CoderData): Set<string> {
  const out = new Set<string>();
  for (const { uri, text } of sanitySet(snapshot, data).labels) out.add(`${uri}|en|${text}`);
  for (const lang of HELD_OUT_LANGS)
    for (const { uri, text } of heldOutLabels(snapshot, data, lang).labels) out.add(`${uri}|${lang}|${text}`);
  return out;
}

/**
 * A test for labels that repeat a held-out label: true when one of the label's forms (labelForms), analysed by
 * `words`, equals a form of a label in `exclude` (entries `uri|lang|text`) of the same occupation and language.
 */
export function heldOutForm(
  exclude: ReadonlySet<string>,
  words: (form: string, lang: string) => string[],
): (uri: string, lang: string, text: string) => boolean {
  const forms = new Set<string>();
  for (const key of exclude) {
    const [uri, lang, ...rest] = key.split('|');
    for (const form of labelForms(rest.join('|'))) forms.add(`${uri}|${lang}|${words(form, lang!).join(' ')}`);
  }
  return (uri, lang, text) =>
    exclude.has(`${uri}|${lang}|${text}`) ||
    labelForms(text).some((form) => forms.has(`${uri}|${lang}|${words(form, lang).join(' ')}`));
}
