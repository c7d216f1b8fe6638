import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { migrateToLatest } from '../migrations.js';
import { createTestStore } from '../db/testing.js';

describe('identity migrations', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000);
  afterAll(() => store.close());

  it('applies a later identity migration on a data folder where higher-numbered ones already ran', async () => {
    // Simulate a database migrated before 0130 existed, while 0200+ (taxonomy, profiles, …) had run.
    await sql`drop table password_reset`.execute(store.db);
    await sql`delete from corridor_migration where name = '0130_identity_password_reset'`.execute(store.db);
    expect(await migrateToLatest(store.db)).toEqual(['0130_identity_password_reset']);
    const rows = await sql<{ n: number }>`select count(*)::int as n from password_reset`.execute(store.db);
    expect(rows.rows[0]?.n).toBe(0);
  });
});
