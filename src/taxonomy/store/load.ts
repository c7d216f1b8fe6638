// Reads one stored taxonomy version back into an EscoSnapshot, so the server rebuilds its in-memory engines on
// start without re-reading the CSV download.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type {
  ConceptLabels,
  EscoSnapshot,
  IscoGroup,
  Occupation,
  RelationType,
  ReuseLevel,
  Skill,
  SkillCollection,
  SkillGroup,
  SkillType,
} from '../model.js';
import { notFound, unavailable } from '../../kernel/errors.js';
import { activeVersion } from './versions.js';

/** The given version, or the active one; fails when it is not imported (or nothing is). */
export async function loadEscoSnapshot(db: Kysely<Database>, version?: string): Promise<EscoSnapshot> {
  const v = version ?? (await activeVersion(db));
  if (!v) throw unavailable('no taxonomy version is imported yet', 'taxonomy_not_loaded');
  const info = await db
    .selectFrom('taxonomy_version')
    .select(['version', 'languages', 'status'])
    .where('version', '=', v)
    .executeTakeFirst();
  if (!info || info.status !== 'ready') throw notFound(`taxonomy version ${v} is not imported`, 'version');

  const [occ, skl, isco, grp, labels, os, ss, broader] = await Promise.all([
    db.selectFrom('taxonomy_occupation').selectAll().where('version', '=', v).orderBy('uri').execute(),
    db.selectFrom('taxonomy_skill').selectAll().where('version', '=', v).orderBy('uri').execute(),
    db.selectFrom('taxonomy_isco_group').selectAll().where('version', '=', v).orderBy('uri').execute(),
    db.selectFrom('taxonomy_skill_group').selectAll().where('version', '=', v).orderBy('uri').execute(),
    db.selectFrom('taxonomy_label').selectAll().where('version', '=', v).execute(),
    db
      .selectFrom('taxonomy_occupation_skill')
      .select(['occupation_uri', 'skill_uri', 'relation'])
      .where('version', '=', v)
      .orderBy('occupation_uri')
      .orderBy('skill_uri')
      .execute(),
    db
      .selectFrom('taxonomy_skill_skill')
      .select(['from_uri', 'to_uri', 'relation'])
      .where('version', '=', v)
      .orderBy('from_uri')
      .orderBy('to_uri')
      .execute(),
    db
      .selectFrom('taxonomy_broader')
      .select(['uri', 'broader_uri'])
      .where('version', '=', v)
      .orderBy('uri')
      .orderBy('position')
      .execute(),
  ]);

  const labelsByUri = new Map<string, Record<string, ConceptLabels>>();
  for (const l of labels) {
    let byLang = labelsByUri.get(l.uri);
    if (!byLang) labelsByUri.set(l.uri, (byLang = {}));
    const entry: ConceptLabels = { preferred: l.preferred, alt: l.alt, hidden: l.hidden };
    if (l.description !== null) entry.description = l.description;
    byLang[l.lang] = entry;
  }
  const labelsOf = (uri: string) => labelsByUri.get(uri) ?? {};

  const occupations = new Map<string, Occupation>();
  for (const r of occ) {
    occupations.set(r.uri, { uri: r.uri, code: r.code, isco: r.isco, labels: labelsOf(r.uri), broader: [] });
  }
  const skills = new Map<string, Skill>();
  for (const r of skl) {
    skills.set(r.uri, {
      uri: r.uri,
      skillType: r.skill_type as SkillType,
      reuseLevel: r.reuse_level as ReuseLevel,
      labels: labelsOf(r.uri),
      broader: [],
      collections: r.collections as SkillCollection[],
    });
  }
  const iscoGroups = new Map<string, IscoGroup>();
  for (const r of isco) iscoGroups.set(r.uri, { uri: r.uri, code: r.code, labels: labelsOf(r.uri) });
  const skillGroups = new Map<string, SkillGroup>();
  for (const r of grp) skillGroups.set(r.uri, { uri: r.uri, code: r.code, labels: labelsOf(r.uri), broader: [] });

  for (const b of broader) {
    const concept = occupations.get(b.uri) ?? skills.get(b.uri) ?? skillGroups.get(b.uri);
    concept?.broader.push(b.broader_uri);
  }

  return {
    version: v,
    languages: info.languages,
    occupations,
    skills,
    iscoGroups,
    skillGroups,
    occupationSkills: os.map((r) => ({
      occupationUri: r.occupation_uri,
      skillUri: r.skill_uri,
      relation: r.relation as RelationType,
    })),
    skillSkills: ss.map((r) => ({ fromUri: r.from_uri, toUri: r.to_uri, relation: r.relation as RelationType })),
  };
}
