// Test stores: a fresh in-memory PGlite, or a fresh throw-away database on the PostgreSQL service,
// chosen by CORRIDOR_TEST_STORE (set per Vitest project). Migrations are applied.
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from './database.js';
import { migrateToLatest } from '../migrations.js';

export function testStoreKind(): 'pglite' | 'postgres' {
  return process.env.CORRIDOR_TEST_STORE === 'postgres' ? 'postgres' : 'pglite';
}

/** A test store; on PostgreSQL `url` lets a test open a second connection pool (another server instance). */
export async function createTestStore(): Promise<Store & { url?: string }> {
  if (testStoreKind() === 'pglite') {
    const store = await openStore({ dataDir: 'memory://' });
    await migrateToLatest(store.db);
    return store;
  }
  const adminUrl = process.env.CORRIDOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `corridor_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), poolSize: 4 });
  await migrateToLatest(store.db);
  return {
    ...store,
    url: url.toString(),
    close: async () => {
      await store.close();
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
