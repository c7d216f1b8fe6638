// What the statistics need from ESCO, resolved once per taxonomy version: the ISCO-08 unit group of each occupation,
// the top-level skill group and the collections (transversal, digital, green, …) of each skill, and labels.
import type { EscoSnapshot, SkillCollection } from '../taxonomy/domain.js';

/** Collections published as a dimension, in this order (bit i of a skill's mask). */
export const COLLECTIONS: readonly SkillCollection[] = ['transversal', 'digital', 'green', 'language', 'research'];

export interface StatisticsTaxonomy {
  version: string;
  /** Occupation URI → ISCO-08 unit group (4 digits). */
  iscoOf(occupationUri: string): string | null;
  /** Skill URI → top-level ESCO skill group URI ('' when the skill sits in no group). */
  skillGroupOf(skillUri: string): string;
  /** Skill URI → bit mask over COLLECTIONS. */
  collectionsOf(skillUri: string): number;
  /** ESCO occupations in an ISCO group (1–4 digits), by URI. */
  occupationsIn(isco: string): readonly string[];
  /** Essential skills of an occupation (ESCO relations). */
  essentialSkills(occupationUri: string): readonly string[];
  /** Label of an occupation, skill, skill group or ISCO group (by URI or ISCO code), in lang or English. */
  label(ref: string, lang: string): string | null;
  /** ISCO code → label. */
  iscoLabel(code: string, lang: string): string | null;
  hasIsco(code: string): boolean;
}

const built = new WeakMap<EscoSnapshot, StatisticsTaxonomy>();

/** The statistics' view of a snapshot, built once per snapshot. */
export function statisticsTaxonomy(snapshot: EscoSnapshot): StatisticsTaxonomy {
  let view = built.get(snapshot);
  if (!view) built.set(snapshot, (view = build(snapshot)));
  return view;
}

function build(snapshot: EscoSnapshot): StatisticsTaxonomy {
  const groupByUri = snapshot.skillGroups;
  // Top-level group of a skill: follow the first broader link through skills and groups to a group with no broader
  // group (ESCO pillars: S1–S8 skills, T1–T6 transversal, the ISCED-F broad fields for knowledge, L for languages).
  const topGroup = new Map<string, string>();
  const topOf = (uri: string, depth = 0): string => {
    const known = topGroup.get(uri);
    if (known !== undefined) return known;
    if (depth > 20) return '';
    const group = groupByUri.get(uri);
    const broader = group ? group.broader : (snapshot.skills.get(uri)?.broader ?? []);
    const next = broader.find((b) => groupByUri.has(b) || snapshot.skills.has(b));
    const top = next ? topOf(next, depth + 1) || (group ? uri : '') : group ? uri : '';
    topGroup.set(uri, top);
    return top;
  };
  const collections = new Map<string, number>();
  for (const s of snapshot.skills.values()) {
    let mask = 0;
    COLLECTIONS.forEach((c, i) => {
      if (s.collections.includes(c) || (c === 'digital' && s.collections.includes('digcomp'))) mask |= 1 << i;
    });
    if (s.reuseLevel === 'transversal') mask |= 1;
    collections.set(s.uri, mask);
  }
  const essential = new Map<string, string[]>();
  for (const r of snapshot.occupationSkills) {
    if (r.relation !== 'essential') continue;
    let list = essential.get(r.occupationUri);
    if (!list) essential.set(r.occupationUri, (list = []));
    list.push(r.skillUri);
  }
  const sortedOccupations = [...snapshot.occupations.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  const inGroup = new Map<string, string[]>();
  const iscoByCode = new Map([...snapshot.iscoGroups.values()].map((g) => [g.code, g]));
  const labelsOf = (ref: string) =>
    snapshot.occupations.get(ref)?.labels ?? snapshot.skills.get(ref)?.labels ?? groupByUri.get(ref)?.labels;
  const pick = (labels: Record<string, { preferred: string }> | undefined, lang: string) =>
    labels ? (labels[lang]?.preferred ?? labels.en?.preferred ?? null) : null;
  return {
    version: snapshot.version,
    iscoOf: (uri) => {
      const isco = snapshot.occupations.get(uri)?.isco;
      return isco && /^\d{4}$/.test(isco) ? isco : null;
    },
    skillGroupOf: (uri) => topOf(uri),
    collectionsOf: (uri) => collections.get(uri) ?? 0,
    essentialSkills: (uri) => essential.get(uri) ?? [],
    occupationsIn: (isco) => {
      let list = inGroup.get(isco);
      if (!list) inGroup.set(isco, (list = sortedOccupations.filter((o) => o.isco.startsWith(isco)).map((o) => o.uri)));
      return list;
    },
    label: (ref, lang) => pick(labelsOf(ref), lang),
    iscoLabel: (code, lang) => pick(iscoByCode.get(code)?.labels, lang),
    hasIsco: (code) => iscoByCode.has(code),
  };
}
