// Storage: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL is set.
// Both speak the same SQL through Kysely; one migration set serves both.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { DomainError } from '../kernel/errors.js';
import type { Database } from './schema.js';
import { preparingPool } from './prepared.js';

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
  const prepare = process.env.CORRIDOR_PG_PREPARE !== 'off';
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: prepare ? preparingPool(pool) : pool }) });
  await sql`select 1`.execute(db);
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPglite(dataDir: string | undefined): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  const dir = !dataDir || dataDir === 'memory://' ? undefined : dataDir;
  if (dir) mkdirSync(dir, { recursive: true });
  const unlock = dir ? lockDataDir(dir) : () => {};
  let pglite;
  try {
    pglite = dir ? new PGlite(`${dir}/pgdata`) : new PGlite();
    await pglite.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}

/** A process that holds a lock: alive, and a Node process (a recycled pid of another program is no holder). */
function holds(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux): trust the signal check
  }
}

/**
 * The embedded database belongs to one process: a second one on the same folder (`corridor demo` while the server
 * runs) would neither see the first one's writes nor keep its own. A lock file names the holder; a live holder is
 * refused with a message, a dead one's lock (a crash) is taken over. Returns the release.
 */
function lockDataDir(dir: string): () => void {
  const path = join(dir, 'corridor.lock');
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: number;
    try {
      holder = Number(readFileSync(path, 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    if (holder === process.pid) return () => {}; // this process opened it already; that opening releases it
    if (Number.isInteger(holder) && holder > 0 && holds(holder)) {
      throw new DomainError(
        'conflict',
        'store_in_use',
        `the embedded store in ${dir} is open in another Corridor process (pid ${holder}, such as the server ` +
          'started by `npm start`); it serves one process at a time. Stop that process first, or use PostgreSQL ' +
          '(DATABASE_URL) for several processes.',
      );
    }
    try {
      unlinkSync(path); // its process is gone
    } catch {
      // Someone else removed it first.
    }
  }
  throw new DomainError('conflict', 'store_in_use', `could not lock the embedded store in ${dir}`);
}
