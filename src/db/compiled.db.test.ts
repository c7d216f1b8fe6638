import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledQuery } from './compiled.js';
import type { Store } from './database.js';
import { createTestStore, testStoreKind } from './testing.js';

describe(`queries compiled once (${testStoreKind()})`, () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  }, 120_000);
  afterAll(async () => store?.close());

  it('binds each call’s arguments (a value, an array, one used twice) and keeps the query’s constants', async () => {
    const probe = compiledQuery((db, word: string, list: readonly string[]) =>
      db.selectNoFrom([
        sql<string>`${word}::text`.as('word'),
        sql<number>`cardinality(${list}::text[])`.as('n'),
        sql<boolean>`${word}::text = any(${list}::text[])`.as('listed'),
        sql<string>`${'fixed'}::text`.as('constant'),
      ]),
    );
    expect(await probe(store.db, 'a', ['a', 'b'])).toEqual([{ word: 'a', n: 2, listed: true, constant: 'fixed' }]);
    expect(await probe(store.db, 'z', ['x', 'y', 'q'])).toEqual([
      { word: 'z', n: 3, listed: false, constant: 'fixed' },
    ]);
  });

  it('runs in the transaction it is given', async () => {
    const count = compiledQuery((db, x: string) =>
      db.selectNoFrom(sql<number>`(select count(*)::int from pg_temp.compiled_probe where x = ${x})`.as('n')),
    );
    await store.db.transaction().execute(async (trx) => {
      await sql`create temp table compiled_probe (x text) on commit drop`.execute(trx);
      await sql`insert into compiled_probe values ('seen'), ('seen')`.execute(trx);
      expect((await count(trx, 'seen'))[0]!.n).toBe(2);
      expect((await count(trx, 'other'))[0]!.n).toBe(0);
    });
  });

  it('refuses a query one of whose arguments never reaches the SQL', async () => {
    const careless = compiledQuery((db, _unused: string) => db.selectNoFrom(sql<number>`1`.as('one')));
    await expect(careless(store.db, 'x')).rejects.toThrow(/never reach the SQL/);
  });
});
