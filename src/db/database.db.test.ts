import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKind } from './testing.js';
import type { Store } from './database.js';

describe(`store (${testStoreKind()})`, () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(async () => store?.close());

  it('opens the store of the kind the test project asks for', () => {
    expect(store.kind).toBe(testStoreKind());
  });

  it('records applied migrations in its own table', async () => {
    const rows = await sql<{ n: number }>`select count(*)::int as n from corridor_migration`.execute(store.db);
    expect(rows.rows[0]?.n).toBeGreaterThanOrEqual(0);
  });

  it('rolls back a failed transaction completely', async () => {
    await sql`create table probe (id int primary key)`.execute(store.db);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await sql`insert into probe values (1)`.execute(trx);
        await sql`insert into probe values (1)`.execute(trx);
      }),
    ).rejects.toThrow();
    const rows = await sql<{ n: number }>`select count(*)::int as n from probe`.execute(store.db);
    expect(rows.rows[0]?.n).toBe(0);
  });

  it.runIf(testStoreKind() === 'postgres')(
    'on PostgreSQL, sends a statement it keeps sending as a named prepared statement, parsed once per connection',
    async () => {
      await store.db.connection().execute(async (c) => {
        const prepared = async () =>
          (
            await sql<{
              n: number;
            }>`select count(*)::int as n from pg_prepared_statements where statement like ${'%from "organisation" where "name" = $1%'}`.execute(
              c,
            )
          ).rows[0]!.n;
        expect(await prepared()).toBe(0);
        for (let i = 0; i < 5; i++) {
          const rows = await c.selectFrom('organisation').select('id').where('name', '=', `nope-${i}`).execute();
          expect(rows).toEqual([]);
        }
        expect(await prepared()).toBe(1);
      });
    },
  );
});
