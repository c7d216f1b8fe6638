// The taxonomy as the server holds it: one object built from the active snapshot that answers search, occupation
// coding, skill extraction (delegating to the engines in search/, occupations/, skills/) and concept details.
// Engines are built on first use: the full ESCO takes seconds per engine, and most processes need only some.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ConceptLabels, EscoSnapshot, Occupation, Skill } from './model.js';
import { loadEscoSnapshot } from './store/load.js';
import { buildSearchIndex, type ConceptType, type SearchHit, type SearchOptions } from './search/index.js';
import {
  buildOccupationCoder,
  type ExplainingOccupationCoder,
  type MatchedLabel,
  type OccupationCoder,
  type OccupationResult,
} from './occupations/coder.js';
import { buildSkillExtractor, type ExtractedSkill, type SkillExtractor } from './skills/extract.js';

export type { ConceptType, SearchHit, SearchOptions };

export interface ConceptRef {
  uri: string;
  label: string;
}

export interface OccupationDetail {
  uri: string;
  code: string;
  isco: string;
  label: string;
  altLabels: string[];
  description: string;
  /** Language the labels are in (the requested one, or English when the concept has no label in it). */
  lang: string;
  essentialSkills: ConceptRef[];
  optionalSkills: ConceptRef[];
}

export interface SkillDetail {
  uri: string;
  label: string;
  altLabels: string[];
  description: string;
  lang: string;
  skillType: string;
  reuseLevel: string;
  collections: string[];
  /** Broader skills / skill groups. */
  broader: ConceptRef[];
  /** Related skills (ESCO skill–skill relations), with the relation type. */
  relatedSkills: (ConceptRef & { relation: string })[];
  /** Occupations for which the skill is essential / optional (first 100 by label; counts give the totals). */
  essentialFor: ConceptRef[];
  optionalFor: ConceptRef[];
  essentialForCount: number;
  optionalForCount: number;
}

/** Why a title was coded to an occupation, for the person confirming the code. */
export interface OccupationEvidence {
  /** The ESCO label the title matched best. */
  titleLabel?: MatchedLabel;
  /** Title ↔ that label, 0..1 (IDF-weighted cosine of their words). */
  title: number;
  /** Description ↔ the occupation's ESCO description and skills, relative to the best-fitting occupation, 0..1. */
  description: number;
}

export type ClassifiedOccupation = OccupationResult & {
  /** How likely the ISCO unit group is right (the backoff when the occupation is uncertain); with `explain`. */
  iscoConfidence?: number;
  evidence?: OccupationEvidence;
};

const round2 = (x: number) => Math.round(Math.min(1, x) * 100) / 100;

export interface TaxonomyService {
  readonly version: string;
  readonly languages: readonly string[];
  readonly snapshot: EscoSnapshot;
  search(query: string, options?: SearchOptions): SearchHit[];
  /** With `explain`, each result says why (when the coder can explain itself). */
  classifyOccupation(
    query: { title: string; description?: string },
    options?: { lang?: string; top?: number; explain?: boolean },
  ): ClassifiedOccupation[];
  extractSkills(text: string, options?: { lang?: string; top?: number }): ExtractedSkill[];
  /** By full URI or by the UUID at its end; null when this version has no such occupation. */
  occupation(id: string, lang?: string): OccupationDetail | null;
  skill(id: string, lang?: string): SkillDetail | null;
}

/** Engines are replaceable (tests, benchmarks); the defaults are the search, occupations and skills modules. */
export interface SearchEngine {
  search(query: string, options?: SearchOptions): SearchHit[];
}

export interface TaxonomyEngines {
  search?: (snapshot: EscoSnapshot) => SearchEngine;
  classify?: (snapshot: EscoSnapshot) => OccupationCoder;
  extract?: (snapshot: EscoSnapshot) => SkillExtractor;
}

const OCCUPATION_PREFIX = 'http://data.europa.eu/esco/occupation/';
const SKILL_PREFIX = 'http://data.europa.eu/esco/skill/';
const LIST_LIMIT = 100;

function labelsIn(labels: Record<string, ConceptLabels>, lang: string): { l: ConceptLabels; lang: string } {
  const own = labels[lang];
  if (own?.preferred) return { l: own, lang };
  const en = labels.en;
  if (en?.preferred) return { l: en, lang: 'en' };
  const [first, any] = Object.entries(labels)[0] ?? ['en', { preferred: '', alt: [], hidden: [] }];
  return { l: any, lang: first };
}

export function preferredLabel(labels: Record<string, ConceptLabels>, lang: string): string {
  return labelsIn(labels, lang).l.preferred;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

export function buildTaxonomyService(snapshot: EscoSnapshot, engines: TaxonomyEngines = {}): TaxonomyService {
  const searchEngine = lazy(() => (engines.search ?? buildSearchIndex)(snapshot));
  const coder = lazy(() => (engines.classify ?? buildOccupationCoder)(snapshot));
  const extractor = lazy(() => (engines.extract ?? buildSkillExtractor)(snapshot));

  // Relations indexed both ways once, for detail lookups.
  const skillsOf = new Map<string, { essential: string[]; optional: string[] }>();
  const occupationsOf = new Map<string, { essential: string[]; optional: string[] }>();
  const push = (map: typeof skillsOf, key: string, relation: 'essential' | 'optional', value: string) => {
    let e = map.get(key);
    if (!e) map.set(key, (e = { essential: [], optional: [] }));
    e[relation].push(value);
  };
  for (const r of snapshot.occupationSkills) {
    push(skillsOf, r.occupationUri, r.relation, r.skillUri);
    push(occupationsOf, r.skillUri, r.relation, r.occupationUri);
  }
  const related = new Map<string, { uri: string; relation: string }[]>();
  for (const r of snapshot.skillSkills) {
    const list = related.get(r.fromUri) ?? [];
    list.push({ uri: r.toUri, relation: r.relation });
    related.set(r.fromUri, list);
  }

  const refs = (uris: string[], lang: string, limit = Infinity): ConceptRef[] =>
    uris
      .map((uri) => {
        const c = snapshot.skills.get(uri) ?? snapshot.occupations.get(uri) ?? snapshot.skillGroups.get(uri);
        return c ? { uri, label: preferredLabel(c.labels, lang) } : null;
      })
      .filter((r): r is ConceptRef => r !== null)
      .sort((a, b) => a.label.localeCompare(b.label, lang))
      .slice(0, limit);

  const resolve = <T>(map: Map<string, T>, prefix: string, id: string): T | null => {
    const uri = id.startsWith('http') ? id : `${prefix}${id}`;
    return map.get(uri) ?? null;
  };

  return {
    version: snapshot.version,
    languages: snapshot.languages,
    snapshot,
    search: (query, options) => searchEngine().search(query, options),
    classifyOccupation: (query, options = {}) => {
      const c = coder();
      if (!options.explain || !('explain' in c)) return c.classify(query, options);
      return (c as ExplainingOccupationCoder).explain(query, options).map((r) => ({
        uri: r.uri,
        code: r.code,
        isco: r.isco,
        label: r.label,
        score: r.score,
        confidence: r.confidence,
        iscoConfidence: r.iscoConfidence,
        evidence: {
          ...(r.matched ? { titleLabel: { text: r.matched.text, kind: r.matched.kind, lang: r.matched.lang } } : {}),
          title: round2(r.matched?.similarity ?? 0),
          description: round2(r.desc),
        },
      }));
    },
    extractSkills: (text, options) => extractor().extract(text, options),
    occupation(id, lang = 'en') {
      const o: Occupation | null = resolve(snapshot.occupations, OCCUPATION_PREFIX, id);
      if (!o) return null;
      const { l, lang: shown } = labelsIn(o.labels, lang);
      const rel = skillsOf.get(o.uri) ?? { essential: [], optional: [] };
      return {
        uri: o.uri,
        code: o.code,
        isco: o.isco,
        label: l.preferred,
        altLabels: l.alt,
        description: l.description ?? '',
        lang: shown,
        essentialSkills: refs(rel.essential, lang),
        optionalSkills: refs(rel.optional, lang),
      };
    },
    skill(id, lang = 'en') {
      const s: Skill | null = resolve(snapshot.skills, SKILL_PREFIX, id);
      if (!s) return null;
      const { l, lang: shown } = labelsIn(s.labels, lang);
      const occ = occupationsOf.get(s.uri) ?? { essential: [], optional: [] };
      const rel = related.get(s.uri) ?? [];
      const relLabel = new Map(
        refs(
          rel.map((r) => r.uri),
          lang,
        ).map((r) => [r.uri, r.label]),
      );
      return {
        uri: s.uri,
        label: l.preferred,
        altLabels: l.alt,
        description: l.description ?? '',
        lang: shown,
        skillType: s.skillType,
        reuseLevel: s.reuseLevel,
        collections: s.collections,
        broader: refs(s.broader, lang),
        relatedSkills: rel
          .filter((r) => relLabel.has(r.uri))
          .map((r) => ({ uri: r.uri, label: relLabel.get(r.uri)!, relation: r.relation })),
        essentialFor: refs(occ.essential, lang, LIST_LIMIT),
        optionalFor: refs(occ.optional, lang, LIST_LIMIT),
        essentialForCount: occ.essential.length,
        optionalForCount: occ.optional.length,
      };
    },
  };
}

/**
 * What the server holds: the service for the active version, loaded from the database on first use (or by the
 * `serve` start-up task) and swapped when a platform admin activates another version.
 */
export interface TaxonomyRuntime {
  current(db: Kysely<Database>): Promise<TaxonomyService>;
  /** Reloads the active version from the database (after an activation). */
  reload(db: Kysely<Database>): Promise<TaxonomyService>;
  /** Serves a snapshot already in memory (e.g. the one first start just imported) without reading it back. */
  use(snapshot: EscoSnapshot): TaxonomyService;
  /** The loaded service, if any, without touching the database. */
  peek(): TaxonomyService | null;
  /**
   * A given version (e.g. the one an older profile was coded under): the active service when it is that version,
   * else loaded from the database and kept (the last two such versions).
   */
  version(db: Kysely<Database>, version: string): Promise<TaxonomyService>;
}

export function createTaxonomyRuntime(engines: TaxonomyEngines = {}): TaxonomyRuntime {
  let service: TaxonomyService | null = null;
  let pending: Promise<TaxonomyService> | null = null;
  const others = new Map<string, Promise<TaxonomyService>>();
  const load = (db: Kysely<Database>) => {
    // One load at a time; a failed load (nothing imported yet) is not remembered.
    pending ??= loadEscoSnapshot(db)
      .then((snapshot) => (service = buildTaxonomyService(snapshot, engines)))
      .finally(() => (pending = null));
    return pending;
  };
  return {
    current: async (db) => service ?? load(db),
    reload: async (db) => {
      if (pending) await pending.catch(() => undefined);
      return load(db);
    },
    use: (snapshot) => (service = buildTaxonomyService(snapshot, engines)),
    peek: () => service,
    async version(db, version) {
      const active = service ?? (await load(db).catch(() => null));
      if (active?.version === version) return active;
      let older = others.get(version);
      if (!older) {
        older = loadEscoSnapshot(db, version).then((snapshot) => buildTaxonomyService(snapshot, engines));
        others.set(version, older);
        older.catch(() => others.delete(version));
        while (others.size > 2) others.delete(others.keys().next().value!);
      }
      return older;
    },
  };
}
