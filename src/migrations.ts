// The schema of the whole product: every capability's migrations, in the order they apply. A composition root like
// src/server/routes.ts: the shells, tests and benches import it; plumbing (src/db, src/kernel) never does.
import type { Kysely } from 'kysely';
import { runMigrations, type NamedMigration } from './db/migrate.js';

export async function allMigrations(): Promise<NamedMigration[]> {
  const lists: NamedMigration[][] = [
    (await import('./kernel/migrations.js')).migrations,
    (await import('./identity/migrations.js')).migrations,
    (await import('./taxonomy/migrations.js')).migrations,
    (await import('./profiles/migrations.js')).migrations,
    (await import('./vacancies/migrations.js')).migrations,
    (await import('./training/migrations.js')).migrations,
    (await import('./matching/migrations.js')).migrations,
    (await import('./protection/migrations.js')).migrations,
    (await import('./recognition/migrations.js')).migrations,
    (await import('./labour-market/migrations.js')).migrations,
  ];
  return lists.flat();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return runMigrations(db, await allMigrations());
}
