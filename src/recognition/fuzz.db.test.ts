// Recognition's routes under random input (the server-wide fuzz does the same over every route; this one is quick to
// rerun): random bodies and the route's example with one field replaced, as an allowed caller → never a 5xx, and
// every 4xx has the error shape.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { createUser } from '../identity/index.js';
import { ROLES, type AuthUser, type Role } from '../kernel/auth.js';
import { urlParams, type MatrixWorld } from '../kernel/route.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { recognitionRoutes } from './routes.js';

// The server's API prefix (a capability does not import the server shell).
const API_PREFIX = '/api/v1';

describe(`recognition input fuzz (${testStoreKind()})`, () => {
  let t: TestApp;
  let world: MatrixWorld;
  beforeAll(async () => {
    t = await createTestApp();
    const org = async (label: string) => {
      const id = await t.organisation(`Fuzz ${label}`);
      const users = {} as Record<Role, AuthUser>;
      for (const role of ROLES)
        users[role] = await createUser(t.store.db, {
          organisationId: id,
          role,
          name: role,
          email: `rfuzz.${label}.${role}@example.org`,
        });
      await t.app.corridor.services.get('migrants').ensureMigrantForUser(t.store.db, users.migrant);
      return { id, users };
    };
    world = {
      db: t.store.db,
      kernel: t.app.corridor.kernel,
      cipher: t.app.corridor.cipher,
      services: t.app.corridor.services,
      orgA: await org('a'),
      orgB: await org('b'),
    };
  }, 120_000);
  afterAll(() => t?.close());

  it('answers every recognition route with random bodies and queries without a 5xx', async () => {
    const problems: string[] = [];
    const routes = recognitionRoutes.filter((r) => r.schema.body || r.schema.querystring);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const role = (route.access.roles as Role[])[0]!;
      const caller = world.orgA.users[role];
      const example = route.example ? await route.example(world, caller) : {};
      let url = API_PREFIX + route.url;
      for (const p of urlParams(route.url)) url = url.replace(`:${p}`, encodeURIComponent(example.params?.[p] ?? 'x'));
      const headers = await t.headersFor(caller);
      const base =
        example.body && typeof example.body === 'object' && !Array.isArray(example.body)
          ? (example.body as Record<string, unknown>)
          : null;
      const mutated = base
        ? fc
            .tuple(fc.constantFrom(...Object.keys(base), 'unexpected'), fc.jsonValue({ maxDepth: 2 }))
            .map(([k, v]) => ({ ...base, [k]: v }) as fc.JsonValue)
        : fc.jsonValue({ maxDepth: 3 });
      await fc
        .assert(
          fc.asyncProperty(
            fc.oneof(fc.jsonValue({ maxDepth: 3 }), mutated),
            fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
            async (body, query) => {
              const res = await t.app.inject({
                method: route.method,
                url,
                query: route.schema.querystring ? query : undefined,
                headers: { ...headers, 'content-type': 'application/json' },
                ...(route.schema.body ? { payload: JSON.stringify(body) } : {}),
              });
              if (res.statusCode >= 500) {
                problems.push(
                  `${route.method} ${route.url}: ${res.statusCode} for ${JSON.stringify(body).slice(0, 160)}`,
                );
                return false;
              }
              if (res.statusCode >= 400) {
                const err = res.json().error;
                if (typeof err?.code !== 'string' || typeof err?.message !== 'string') {
                  problems.push(`${route.method} ${route.url}: malformed error ${res.body.slice(0, 120)}`);
                  return false;
                }
              }
              return true;
            },
          ),
          { numRuns: 25, seed: 20261205 },
        )
        .catch(() => undefined);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
