// Bad input never breaks the server: every registered route with a body or query gets random JSON from an
// allowed caller and must answer < 500, and any 4xx in the uniform error shape. Runs over all capabilities' routes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../identity/index.js';
import { ROLES, type AuthUser, type Role } from '../kernel/auth.js';
import { API_PREFIX } from './app.js';
import { Type } from '@sinclair/typebox';
import { defineRoute, urlParams, type MatrixWorld } from '../kernel/route.js';
import { allRoutes } from './routes.js';
import { createTestApp, type TestApp } from '../testing/app.js';

const RUNS_PER_ROUTE = 12;

// A route with a bug the fuzz must find (an unexpected field type reaching a handler that trusts it), proving the
// test can fail. It rides along with the real routes and is reported separately.
const canary = defineRoute({
  method: 'POST',
  url: '/fuzz-canary',
  summary: 'canary',
  schema: { body: Type.Object({ name: Type.Unknown() }) },
  access: { roles: ['advisor'] },
  example: async () => ({ body: { name: 'x' } }),
  handler: async (ctx) => ({ upper: (ctx.body.name as string).toUpperCase() }),
});

describe('random input', () => {
  let t: TestApp;
  let world: MatrixWorld;
  beforeAll(async () => {
    t = await createTestApp({ routes: [...allRoutes, canary] });
    const org = async (label: string) => {
      const id = await t.organisation(`Fuzz ${label}`);
      const users = {} as Record<Role, AuthUser>;
      for (const role of ROLES) {
        users[role] = await createUser(t.store.db, {
          organisationId: id,
          role,
          name: role,
          email: `fuzz.${label}.${role}@example.org`,
        });
      }
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
  afterAll(() => t.close());

  it('answers every route with random bodies and queries without a 5xx', async () => {
    const problems: string[] = [];
    const routes = t.app.corridor.routes.filter((r) => r.schema.body || r.schema.querystring);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      if (route.access.roles !== 'public' && !route.example && urlParams(route.url).length) continue; // the matrix reports it
      const role = route.access.roles === 'public' ? 'advisor' : (route.access.roles as Role[])[0]!;
      const caller = world.orgA.users[role];
      const example = route.example ? await route.example(world, caller) : {};
      let url = API_PREFIX + route.url;
      for (const p of urlParams(route.url)) url = url.replace(`:${p}`, encodeURIComponent(example.params?.[p] ?? 'x'));
      const headers = await t.headersFor(caller);
      // Half the bodies are wholly random; half are the valid example with one field replaced, which reaches
      // deeper than the top-level type check.
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
                  `${route.method} ${route.url}: ${res.statusCode} for ${JSON.stringify(body).slice(0, 120)}`,
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
          { numRuns: RUNS_PER_ROUTE, seed: 20261121 },
        )
        .catch(() => undefined); // collected in problems, so every route is tried before failing
    }
    expect(problems.filter((p) => !p.includes('/fuzz-canary'))).toEqual([]);
    expect(problems.some((p) => p.startsWith('POST /fuzz-canary: 500'))).toBe(true);
  }, 600_000);
});
