// After an erasure: rewrite the touched tables so no old row version keeps the erased values. PostgreSQL and PGlite
// keep a deleted or updated row's bytes in the table file until a vacuum reuses the space, and PGlite runs no
// autovacuum at all. VACUUM FULL writes a fresh file holding only live rows (and rebuilds the indexes); on the
// embedded store the WAL that still holds the old rows is then switched away, checkpointed and removed.
import { sql } from 'kysely';
import type { Store } from './database.js';

const TABLE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Compacts the tables (names checked: identifiers only); returns the tables that could not be compacted. */
export async function compactTables(store: Store, tables: readonly string[]): Promise<string[]> {
  const failed: string[] = [];
  for (const table of [...new Set(tables)].sort()) {
    if (!TABLE.test(table)) throw new Error(`not a table name: ${table}`);
    try {
      await sql`VACUUM FULL ${sql.table(table)}`.execute(store.db);
    } catch {
      failed.push(table);
    }
  }
  if (store.kind === 'pglite') {
    // One process, one session: CHECKPOINT runs here, so the setting applies. Removed, not recycled: a recycled
    // segment keeps its old bytes until overwritten.
    await sql`SET wal_recycle = off`.execute(store.db);
    for (let i = 0; i < 2; i++) {
      await sql`SELECT pg_switch_wal()`.execute(store.db);
      await sql`CHECKPOINT`.execute(store.db);
    }
  }
  return failed;
}
