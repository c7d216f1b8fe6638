// The authorization matrix runner: every route × (anonymous, every role in the records' organisation, every role
// in another organisation) → expected status, derived from the route's access declaration. Used by
// authz-matrix.db.test.ts over every registered route.
import { createUser } from '../identity/index.js';
import { ROLES, type AuthUser, type Role } from '../kernel/auth.js';
import { API_PREFIX } from '../server/app.js';
import { urlParams, type AnyRoute, type MatrixWorld, type RouteExample } from '../kernel/route.js';
import type { TestApp } from './app.js';

export type Expectation = 'ok' | 401 | 403 | 'denied';
interface Caller {
  label: string;
  user: AuthUser | null;
  sameOrg: boolean;
}

export function expectedStatus(route: AnyRoute, caller: Caller, example: RouteExample): Expectation {
  if (route.access.roles === 'public') return 'ok';
  if (!caller.user) return 401;
  if (!(route.access.roles as Role[]).includes(caller.user.role)) return 403;
  // Platform admins administer every tenant by design.
  if (caller.sameOrg || caller.user.role === 'platform_admin') return 'ok';
  const other = example.otherOrganisation ?? (route.access.rule ? 'denied' : 'allowed');
  return other === 'denied' ? 'denied' : 'ok';
}

function matches(want: Expectation, status: number): boolean {
  if (want === 'ok') return status >= 200 && status < 300;
  // Records of another organisation answer 404 (never reveal they exist); 403 would also deny.
  if (want === 'denied') return status === 404 || status === 403;
  return status === want;
}

let seq = 0;
/** Two organisations with one user of every role each (the fixture route examples are built against). */
export async function buildWorld(t: TestApp): Promise<MatrixWorld> {
  const org = async (label: string) => {
    const n = ++seq;
    const id = await t.organisation(`Matrix ${label} ${n} ${Date.now().toString(36)}`);
    const users = {} as Record<Role, AuthUser>;
    for (const role of ROLES) {
      users[role] = await createUser(t.store.db, {
        organisationId: id,
        role,
        name: `${label} ${role}`,
        email: `${label}.${role}.${n}.${Date.now().toString(36)}@matrix.example.org`.toLowerCase(),
      });
    }
    // As on invitation acceptance: a migrant account comes with its migrant record.
    await t.app.corridor.services.get('migrants').ensureMigrantForUser(t.store.db, users.migrant);
    return { id, users };
  };
  const orgA = await org('A');
  const orgB = await org('B');
  return {
    db: t.store.db,
    kernel: t.app.corridor.kernel,
    cipher: t.app.corridor.cipher,
    services: t.app.corridor.services,
    orgA,
    orgB,
  };
}

/** The request path of a route with its path params filled in (encoded), under the API prefix. */
export function exampleUrl(route: AnyRoute, params: Record<string, string>): string {
  let url = API_PREFIX + route.url;
  for (const p of urlParams(route.url)) url = url.replace(`:${p}`, encodeURIComponent(params[p] ?? ''));
  return url;
}

export interface MatrixResult {
  rows: number;
  failures: string[];
}

export async function runAuthzMatrix(t: TestApp, routes: readonly AnyRoute[]): Promise<MatrixResult> {
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
      let example: RouteExample;
      try {
        example = route.example ? await route.example(world, caller.user) : {};
      } catch (err) {
        failures.push(`${name} as ${caller.label}: example failed: ${(err as Error).message}`);
        continue;
      }
      const url = exampleUrl(route, example.params ?? {});
      const headers = caller.user ? await t.headersFor(caller.user) : {};
      const res = await t.app.inject({
        method: route.method,
        url,
        query: example.querystring,
        headers,
        ...(example.body !== undefined ? { payload: example.body as object } : {}),
      });
      rows++;
      const want = expectedStatus(route, caller, example);
      if (!matches(want, res.statusCode)) {
        failures.push(`${name} as ${caller.label}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
  }
  return { rows, failures };
}
