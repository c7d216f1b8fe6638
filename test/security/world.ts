// A server on a store the security tests can look inside: on PGlite a data folder on disk (so a test can grep its
// files and restart), on PostgreSQL a fresh database. Users are made through the directory, as createTestApp does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../../src/db/database.js';
import { createTestStore, testStoreKind } from '../../src/db/testing.js';
import { migrateToLatest } from '../../src/migrations.js';
import { createSession } from '../../src/identity/auth.js';
import { createOrganisation, createUser } from '../../src/identity/directory.js';
import type { AuthUser, Role } from '../../src/kernel/auth.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/kernel/session-cookie.js';
import { testConfig, type Config } from '../../src/shared/config.js';
import { buildServer } from '../../src/server/app.js';

export interface SecurityWorld {
  app: FastifyInstance;
  store: Store & { url?: string };
  config: Config;
  /** The PGlite data folder (null on PostgreSQL). */
  dataDir: string | null;
  /** Every log line the server wrote. */
  logs: string[];
  organisation(): Promise<string>;
  user(role: Role, organisationId: string, name?: string): Promise<AuthUser>;
  headersFor(user: AuthUser): Promise<Record<string, string>>;
  /** Closes the server and the store and opens them again on the same data (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let n = 0;

export async function securityWorld(overrides: Partial<Config> = {}): Promise<SecurityWorld> {
  const dataDir = testStoreKind() === 'pglite' ? mkdtempSync(join(tmpdir(), 'corridor-sec-')) : null;
  const open = async () => {
    if (!dataDir) return createTestStore();
    const s = await openStore({ dataDir });
    await migrateToLatest(s.db);
    return s;
  };
  const config = testConfig({ logLevel: 'info', ...overrides });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  let store = await open();
  let app = await buildServer({ store, config, logStream });
  await app.ready();
  const world: SecurityWorld = {
    get app() {
      return app;
    },
    get store() {
      return store;
    },
    config,
    dataDir,
    logs,
    organisation: async () =>
      (await createOrganisation(store.db, { name: `Sec org ${++n} ${Date.now()}`, type: 'ngo', licenceNumber: null }))
        .id,
    user: (role, organisationId, name) =>
      createUser(store.db, {
        organisationId,
        role,
        name: name ?? `${role} ${++n}`,
        email: `${role}.${++n}.${Date.now().toString(36)}@example.org`,
      }),
    headersFor: async (user) => {
      const session = await createSession(store.db, user, 1);
      return {
        cookie: `${SESSION_COOKIE}=${session.token}`,
        [CSRF_HEADER]: app.corridor.csrfTokenFor(session.sessionId),
      };
    },
    restart: async () => {
      if (!dataDir) return; // PostgreSQL: the database outlives the server anyway
      await app.close();
      await store.close();
      store = await open();
      app = await buildServer({ store, config, logStream });
      await app.ready();
    },
    close: async () => {
      await app.close();
      await store.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}

/** The session cookie a response set, as a request header. */
export function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const first = (Array.isArray(raw) ? raw : [String(raw)]).find((c) => String(c).startsWith(SESSION_COOKIE))!;
  return String(first).split(';')[0]!;
}
