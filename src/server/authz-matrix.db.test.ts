// Authorization matrix, generated from the registered route declarations: every route × (anonymous, every role
// in the records' organisation, every role in another organisation) → expected status. A new route gets its rows
// automatically; a route with path params or a body must declare an `example` so its rows can run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../identity/directory.js';
import { ROLES, type AuthUser, type Role } from '../identity/model.js';
import { API_PREFIX } from './app.js';
import { urlParams, type AnyRoute, type MatrixWorld, type RouteExample } from './route.js';
import { createTestApp, type TestApp } from './testing.js';

type Caller = { label: string; user: AuthUser | null; sameOrg: boolean };

function expected(route: AnyRoute, caller: Caller, example: RouteExample): 'ok' | 401 | 403 | 'denied' {
  if (route.access.roles === 'public') return 'ok';
  if (!caller.user) return 401;
  if (!(route.access.roles as Role[]).includes(caller.user.role)) return 403;
  // Platform admins administer every tenant by design.
  if (caller.sameOrg || caller.user.role === 'platform_admin') return 'ok';
  const other = example.otherOrganisation ?? (route.access.rule ? 'denied' : 'allowed');
  return other === 'denied' ? 'denied' : 'ok';
}

function matches(want: ReturnType<typeof expected>, status: number): boolean {
  if (want === 'ok') return status >= 200 && status < 300;
  // Records of another organisation answer 404 (never reveal they exist); 403 would also deny.
  if (want === 'denied') return status === 404 || status === 403;
  return status === want;
}

let seq = 0;
async function buildWorld(t: TestApp): Promise<MatrixWorld> {
  const org = async (label: string) => {
    const id = await t.organisation(`Matrix ${label} ${++seq}`);
    const users = {} as Record<Role, AuthUser>;
    for (const role of ROLES) {
      users[role] = await createUser(t.store.db, {
        organisationId: id,
        role,
        name: `${label} ${role}`,
        email: `${label}.${role}.${seq}@matrix.example.org`.toLowerCase(),
      });
    }
    // As on invitation acceptance: a migrant account comes with its migrant record.
    await t.app.corridor.services.get('migrants').ensureMigrantForUser(t.store.db, users.migrant);
    return { id, users };
  };
  const orgA = await org('A');
  const orgB = await org('B');
  return { db: t.store.db, cipher: t.app.corridor.cipher, services: t.app.corridor.services, orgA, orgB };
}

describe('authorization matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t.close());

  it('every declared route answers every caller as its access declaration says', async () => {
    const routes = t.app.corridor.routes;
    const failures: string[] = [];
    let rows = 0;
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      const needsExample = urlParams(route.url).length > 0 || route.schema.body !== undefined;
      if (needsExample && !route.example) {
        failures.push(`${name}: has params or a body but no example for the matrix`);
        continue;
      }
      // A fresh world per route, so one route's writes (erasure, logout) cannot change another's answers.
      const world = await buildWorld(t);
      // Denied callers first, the records' own organisation last (its writes may change the records).
      const callers: Caller[] = [
        { label: 'anonymous', user: null, sameOrg: false },
        ...ROLES.map((r) => ({ label: `other-org ${r}`, user: world.orgB.users[r], sameOrg: false })),
        ...ROLES.map((r) => ({ label: r, user: world.orgA.users[r], sameOrg: true })),
      ];
      for (const caller of callers) {
        const example: RouteExample = route.example ? await route.example(world, caller.user) : {};
        let url = API_PREFIX + route.url;
        for (const p of urlParams(route.url)) url = url.replace(`:${p}`, encodeURIComponent(example.params?.[p] ?? ''));
        const headers = caller.user ? await t.headersFor(caller.user) : {};
        const res = await t.app.inject({
          method: route.method,
          url,
          query: example.querystring,
          headers,
          ...(example.body !== undefined ? { payload: example.body as object } : {}),
        });
        rows++;
        const want = expected(route, caller, example);
        if (!matches(want, res.statusCode)) {
          failures.push(
            `${name} as ${caller.label}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(rows).toBe(routes.length * (1 + 2 * ROLES.length));
    // Sanity: the matrix saw the identity routes, not an empty list.
    expect(routes.length).toBeGreaterThan(15);
  }, 300_000);
});
