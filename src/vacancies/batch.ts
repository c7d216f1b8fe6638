// Batch reads of vacancies: one query for a page of vacancies (a person's matches) instead of one per vacancy.
// Rows are mapped by store.ts's toVacancy, so a vacancy read here is the same object getVacancy returns.
import { sql, type Kysely } from 'kysely';
import { compiledQuery } from '../db/compiled.js';
import type { Database } from '../db/schema.js';
import type { Vacancy } from './model.js';
import { toVacancy } from './store.js';

// Read for every page of matches (db/compiled.ts builds it once).
const vacanciesById = compiledQuery((db: Kysely<Database>, ids: readonly string[]) =>
  db
    .selectFrom('vacancy')
    .selectAll()
    .where(sql<boolean>`id = any(${ids}::text[])`),
);

/**
 * The vacancies with these ids, by id; ids with no vacancy are absent. Like getVacancy, it reads any vacancy by
 * id: who may see which vacancy is the caller's check (as it is for getVacancy).
 */
export async function getVacancies(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, Vacancy>> {
  // Same guard as findVacancyRow: an id that long is no vacancy id.
  const wanted = [...new Set(ids)].filter((id) => id.length <= 100);
  const out = new Map<string, Vacancy>();
  if (wanted.length === 0) return out;
  const rows = await vacanciesById(db, wanted);
  for (const row of rows) out.set(row.id, toVacancy(row));
  return out;
}
