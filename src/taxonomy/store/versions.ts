// Taxonomy versions: which are imported, which one is active, switching the active one.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../kernel/errors.js';

export interface TaxonomyVersionInfo {
  version: string;
  status: 'importing' | 'ready';
  active: boolean;
  languages: string[];
  occupations: number;
  skills: number;
  relations: number;
  source: string;
  importedAt: string;
  activatedAt: string | null;
}

const CONCEPT_TABLES = [
  'taxonomy_occupation',
  'taxonomy_skill',
  'taxonomy_isco_group',
  'taxonomy_skill_group',
  'taxonomy_label',
  'taxonomy_occupation_skill',
  'taxonomy_skill_skill',
  'taxonomy_broader',
] as const;

/** Removes a version and every row it owns (call inside a transaction). */
export async function deleteVersionRows(db: Kysely<Database>, version: string): Promise<void> {
  for (const table of CONCEPT_TABLES) {
    await db.deleteFrom(table).where('version', '=', version).execute();
  }
  await db.deleteFrom('taxonomy_version').where('version', '=', version).execute();
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Every committed version, newest import first. */
export async function listVersions(db: Kysely<Database>): Promise<TaxonomyVersionInfo[]> {
  const rows = await db.selectFrom('taxonomy_version').selectAll().orderBy('imported_at', 'desc').execute();
  return rows.map((r) => ({
    version: r.version,
    status: r.status,
    active: r.is_active,
    languages: r.languages,
    occupations: r.occupation_count,
    skills: r.skill_count,
    relations: r.relation_count,
    source: r.source,
    importedAt: iso(r.imported_at)!,
    activatedAt: iso(r.activated_at),
  }));
}

/** The active version's name, or null when nothing has been imported yet. */
export async function activeVersion(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('taxonomy_version')
    .select('version')
    .where('is_active', '=', true)
    .where('status', '=', 'ready')
    .executeTakeFirst();
  return row?.version ?? null;
}

/** Makes a ready version the active one (the one new profiles are coded under). */
export async function activateVersion(db: Kysely<Database>, version: string): Promise<void> {
  // Joins the caller's transaction when there is one (Kysely has no nested transactions).
  const run = (fn: (trx: Kysely<Database>) => Promise<void>) =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);
  await run(async (trx) => {
    const row = await trx
      .selectFrom('taxonomy_version')
      .select(['version', 'status'])
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row || row.status !== 'ready') {
      const known = (await trx.selectFrom('taxonomy_version').select('version').execute()).map((r) => r.version);
      throw notFound(
        `taxonomy version ${version} is not imported${known.length ? ` (imported: ${known.join(', ')})` : ''}`,
        'version',
      );
    }
    await trx.updateTable('taxonomy_version').set({ is_active: false }).where('is_active', '=', true).execute();
    await trx
      .updateTable('taxonomy_version')
      .set({ is_active: true, activated_at: new Date() })
      .where('version', '=', version)
      .execute();
  });
}
