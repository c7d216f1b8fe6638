// What records need from the loaded ESCO taxonomy: which version coded URIs refer to, whether a URI exists in it,
// an occupation's ISCO unit and its essential/optional skills (to pre-fill a vacancy). Reads the taxonomy's
// reference tables (global, read-only). When no taxonomy has been imported yet (fresh test stores), URIs are
// accepted on their pattern alone and recorded under the shipped version.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { activeVersion } from '../taxonomy/domain.js';
import { invalid } from '../kernel/errors.js';
import { DEFAULT_TAXONOMY_VERSION } from './codes.js';

type Db = Kysely<Database>;

export interface EscoContext {
  version: string;
  /** False when no taxonomy is loaded: existence checks are skipped. */
  loaded: boolean;
}

export async function escoContext(db: Db): Promise<EscoContext> {
  const version = await activeVersion(db);
  return version ? { version, loaded: true } : { version: DEFAULT_TAXONOMY_VERSION, loaded: false };
}

/**
 * Refuses URIs the active taxonomy does not hold; `refs` pairs each URI with its field path.
 * One query per kind, whatever the number of URIs.
 */
export async function checkUrisExist(
  db: Db,
  esco: EscoContext,
  refs: { uri: string; path: string; kind: 'skill' | 'occupation' }[],
): Promise<void> {
  if (!esco.loaded || refs.length === 0) return;
  for (const kind of ['occupation', 'skill'] as const) {
    const wanted = [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.uri))];
    if (!wanted.length) continue;
    const table = kind === 'skill' ? 'taxonomy_skill' : 'taxonomy_occupation';
    const found = await db
      .selectFrom(table)
      .select('uri')
      .where('version', '=', esco.version)
      .where('uri', 'in', wanted)
      .execute();
    const known = new Set(found.map((r) => r.uri));
    const missing = refs.find((r) => r.kind === kind && !known.has(r.uri));
    if (missing) throw invalid(`Not an ESCO ${kind} in taxonomy version ${esco.version}`, missing.path);
  }
}

export interface OccupationFacts {
  isco: string;
  essentialSkills: string[];
  optionalSkills: string[];
}

/** ISCO unit and skill relations of an occupation in the active version, or null when not loaded / unknown. */
export async function occupationFacts(db: Db, esco: EscoContext, uri: string): Promise<OccupationFacts | null> {
  if (!esco.loaded) return null;
  const occ = await db
    .selectFrom('taxonomy_occupation')
    .select('isco')
    .where('version', '=', esco.version)
    .where('uri', '=', uri)
    .executeTakeFirst();
  if (!occ) return null;
  const rels = await db
    .selectFrom('taxonomy_occupation_skill')
    .select(['skill_uri', 'relation'])
    .where('version', '=', esco.version)
    .where('occupation_uri', '=', uri)
    .orderBy('skill_uri')
    .execute();
  return {
    isco: occ.isco,
    essentialSkills: rels.filter((r) => r.relation === 'essential').map((r) => r.skill_uri),
    optionalSkills: rels.filter((r) => r.relation === 'optional').map((r) => r.skill_uri),
  };
}

export interface ExampleCodes {
  occupation: string;
  /** Three distinct skills. */
  skills: [string, string, string];
}

/**
 * Codes for example records (authz matrix, benchmarks): from the active taxonomy when one is loaded (so they
 * pass the existence checks), else real ESCO v1.1.1 URIs (cook and three of its essential skills).
 */
export async function exampleCodes(db: Db): Promise<ExampleCodes> {
  const fallback: ExampleCodes = {
    occupation: 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e',
    skills: [
      'http://data.europa.eu/esco/skill/0ff99f51-40d9-42f1-a1ec-377b2bb5e15f',
      'http://data.europa.eu/esco/skill/210827e3-3129-45a2-8683-70399f3f561f',
      'http://data.europa.eu/esco/skill/29b326ea-a9c8-4963-b35a-8541d0cdff77',
    ],
  };
  const esco = await escoContext(db);
  if (!esco.loaded) return fallback;
  const occ = await db
    .selectFrom('taxonomy_occupation')
    .select('uri')
    .where('version', '=', esco.version)
    .orderBy('uri')
    .executeTakeFirst();
  const skills = await db
    .selectFrom('taxonomy_skill')
    .select('uri')
    .where('version', '=', esco.version)
    .orderBy('uri')
    .limit(3)
    .execute();
  if (!occ || skills.length < 3) return fallback;
  return { occupation: occ.uri, skills: skills.map((s) => s.uri) as [string, string, string] };
}
