// Storage: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL is set.
// Both speak the same SQL through Kysely; one migration set serves both.
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema.js';

export type StoreKind = 'pglite' | 'postgres';

export interface StoreOptions {
  /** postgres://… connection string; when absent the embedded store is used. */
  databaseUrl?: string;
  /** Folder of the embedded store; `undefined` or 'memory://' gives a throw-away in-memory store. */
  dataDir?: string;
  /** Max pool size for PostgreSQL. */
  poolSize?: number;
}

export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  close(): Promise<void>;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Store> {
  const pg = await import('pg');
  // Return BIGINT/NUMERIC as JS numbers where safe; Corridor's counts stay far below 2^53.
  pg.default.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.default.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server ends (restart, failover, an admin's terminate) emits 'error' on the pool;
  // unheard, it would crash the process. The pool drops that client and the next query opens a new one.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPglite(dataDir: string | undefined): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  const dir = !dataDir || dataDir === 'memory://' ? undefined : dataDir;
  if (dir) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
  }
  const pglite = dir ? new PGlite(`${dir}/pgdata`) : new PGlite();
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
