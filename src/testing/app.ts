// Test helpers for route tests in any capability: an app on a fresh test store, users of any role, and
// ready-made headers (session cookie + CSRF token) so tests do not repeat the login dance.
import type { FastifyInstance } from 'fastify';
import { createTestStore } from '../db/testing.js';
import { openStore, type Store } from '../db/database.js';
import { testConfig, type Config } from '../shared/config.js';
import { createSession, createOrganisation, createUser, type OrganisationType } from '../identity/index.js';
import type { AuthUser, Role } from '../kernel/auth.js';
import { buildServer, type BuildServerOptions } from '../server/app.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../kernel/session-cookie.js';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  config: Config;
  /** Creates an organisation (default type: public employment service). */
  organisation(name?: string, type?: OrganisationType): Promise<string>;
  /** Creates a user (no password) of the role in the organisation. */
  user(role: Role, organisationId: string, name?: string): Promise<AuthUser>;
  /** Cookie + CSRF headers of a fresh session for the user, for app.inject({ headers }). */
  headersFor(user: AuthUser): Promise<Record<string, string>>;
  close(): Promise<void>;
}

let counter = 0;

export async function createTestApp(
  options: Partial<Omit<BuildServerOptions, 'store' | 'config'>> & { config?: Partial<Config> } = {},
): Promise<TestApp> {
  const store = await createTestStore();
  const config = testConfig(options.config);
  const app = await buildServer({ ...options, store, config });
  await app.ready();
  return {
    app,
    store,
    config,
    async organisation(name, type = 'public_employment_service') {
      const org = await createOrganisation(store.db, {
        name: name ?? `Org ${++counter}-${Date.now().toString(36)}`,
        type,
        licenceNumber: type === 'recruitment_agency' ? 'LIC-TEST' : null,
      });
      return org.id;
    },
    async user(role, organisationId, name) {
      const n = ++counter;
      return createUser(store.db, {
        organisationId,
        role,
        name: name ?? `${role} ${n}`,
        email: `${role}.${n}.${Date.now().toString(36)}@example.org`,
      });
    },
    async headersFor(user) {
      const session = await createSession(store.db, user, 1);
      return {
        cookie: `${SESSION_COOKIE}=${session.token}`,
        [CSRF_HEADER]: app.corridor.csrfTokenFor(session.sessionId),
      };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/**
 * Another server instance on the same PostgreSQL database as `t` (its own connection pool, change feed and
 * matching index), as a second node of a deployment would be. PostgreSQL only: the embedded store serves one process.
 */
export async function createSecondInstance(
  t: TestApp,
): Promise<{ app: FastifyInstance; store: Store; close(): Promise<void> }> {
  const url = (t.store as Store & { url?: string }).url;
  if (!url) throw new Error('a second instance needs a PostgreSQL test store');
  const store = await openStore({ databaseUrl: url, poolSize: 4 });
  const app = await buildServer({ store, config: t.config });
  await app.ready();
  return {
    app,
    store,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
