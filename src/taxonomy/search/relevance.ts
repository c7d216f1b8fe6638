// An occupation's essential skills in order of relevance, for people confirming skills one by one (the skills
// step of the interview): the skills that say most about this kind of work first, the ones every job needs last.
import type { EscoSnapshot, ReuseLevel, SkillType } from '../model.js';
import { analyze } from '../text.js';

export interface RankedSkill {
  uri: string;
  reuseLevel: ReuseLevel;
  skillType: SkillType;
  /** Occupations for which the skill is essential (the fewer, the more specific). */
  occupations: number;
  /** Higher = more telling of this occupation. */
  relevance: number;
}

interface RelationIndex {
  /** Occupation → its essential skills. */
  essentialOf: Map<string, Set<string>>;
  /** Skill → the occupations it is essential for. */
  holders: Map<string, string[]>;
  /** Skill → its label words rare enough to name a kind of work. */
  telling: Map<string, Set<string>>;
}

/** A word in more skill labels than this ("operate", "food", "metal") names no particular job. */
const TELLING_MAX_SKILLS = 50;

const indexes = new WeakMap<EscoSnapshot, RelationIndex>();

function indexOf(snapshot: EscoSnapshot): RelationIndex {
  let index = indexes.get(snapshot);
  if (index) return index;
  index = { essentialOf: new Map(), holders: new Map(), telling: new Map() };
  for (const r of snapshot.occupationSkills) {
    if (r.relation !== 'essential') continue;
    if (!snapshot.occupations.has(r.occupationUri) || !snapshot.skills.has(r.skillUri)) continue;
    let skills = index.essentialOf.get(r.occupationUri);
    if (!skills) index.essentialOf.set(r.occupationUri, (skills = new Set()));
    skills.add(r.skillUri);
    let holders = index.holders.get(r.skillUri);
    if (!holders) index.holders.set(r.skillUri, (holders = []));
    holders.push(r.occupationUri);
  }
  const words = new Map<string, Set<string>>();
  const wordSkills = new Map<string, number>();
  for (const skill of snapshot.skills.values()) {
    const w = labelWords(skill.labels);
    words.set(skill.uri, w);
    for (const x of w) wordSkills.set(x, (wordSkills.get(x) ?? 0) + 1);
  }
  for (const [uri, w] of words)
    index.telling.set(uri, new Set([...w].filter((x) => (wordSkills.get(x) ?? 0) <= TELLING_MAX_SKILLS)));
  indexes.set(snapshot, index);
  return index;
}

/** Stemmed English words of a concept's preferred and alternative labels. */
function labelWords(labels: Record<string, { preferred: string; alt: string[] }>): Set<string> {
  const en = labels.en;
  return new Set(en ? analyze([en.preferred, ...en.alt].join(' \n '), 'en') : []);
}

/**
 * Ranks the essential skills of an occupation by the sum of three signals, each 0..1:
 * - specific: few occupations need it (ln 3 / ln(2 + occupations));
 * - in this kind of work: the occupations that also need it share many of this occupation's other essential skills
 *   (mean share; 1 when no other occupation needs it);
 * - named in the job: its label shares a word with the occupation's labels that few skill labels use
 *   ("operate forklift" for a forklift operator, "welding techniques" for a welder; not "operate").
 * Ties go to the more specific skill, then by URI. Empty for an unknown occupation.
 */
export function essentialSkillsByRelevance(snapshot: EscoSnapshot, occupationUri: string): RankedSkill[] {
  const occupation = snapshot.occupations.get(occupationUri);
  if (!occupation) return [];
  const index = indexOf(snapshot);
  const mine = index.essentialOf.get(occupationUri) ?? new Set<string>();
  const jobWords = labelWords(occupation.labels);
  return [...mine]
    .map((uri) => {
      const skill = snapshot.skills.get(uri)!;
      const holders = index.holders.get(uri) ?? [occupationUri];
      const others = holders.filter((o) => o !== occupationUri);
      let shared = 0;
      for (const o of others) {
        let n = 0;
        for (const s of index.essentialOf.get(o)!) if (s !== uri && mine.has(s)) n++;
        shared += mine.size > 1 ? n / (mine.size - 1) : 0;
      }
      const fit = others.length ? shared / others.length : 1;
      const specific = Math.log(3) / Math.log(2 + holders.length);
      const named = [...(index.telling.get(uri) ?? [])].some((w) => jobWords.has(w)) ? 1 : 0;
      return {
        uri,
        reuseLevel: skill.reuseLevel,
        skillType: skill.skillType,
        occupations: holders.length,
        relevance: Math.round((specific + fit + named) * 1000) / 1000,
      };
    })
    .sort((a, b) => b.relevance - a.relevance || a.occupations - b.occupations || (a.uri < b.uri ? -1 : 1));
}
