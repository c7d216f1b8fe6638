// Authorization matrix over every registered route (see src/server/authz-matrix.ts and docs/SECURITY.md).
// A new route gets its rows automatically; one with path params or a body must declare an `example`.
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../kernel/auth.js';
import { runAuthzMatrix } from '../testing/authz-matrix.js';
import { defineRoute } from '../kernel/route.js';
import { allRoutes } from './routes.js';
import { createTestApp, type TestApp } from '../testing/app.js';

// Forgets the record rule: another organisation's advisor gets 200 where the example expects denial.
const leaky = defineRoute({
  method: 'GET',
  url: '/organisations/:organisationId/leak',
  summary: 'leaky',
  schema: { params: Type.Object({ organisationId: Type.String() }) },
  access: { roles: ['advisor'] },
  example: async (w) => ({ params: { organisationId: w.orgA.id }, otherOrganisation: 'denied' }),
  handler: async () => ({}),
});
const noExample = defineRoute({
  method: 'POST',
  url: '/no-example',
  summary: 'no example',
  schema: { body: Type.Object({ x: Type.String() }) },
  access: { roles: ['advisor'] },
  handler: async () => ({}),
});

describe('authorization matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The two deliberately broken routes ride along in the same app (one store), and are excluded below.
    // An https public URL: the instance then has a did:web DID document, so its public route has something to serve.
    t = await createTestApp({
      routes: [...allRoutes, leaky, noExample],
      config: { publicUrl: 'https://corridor.test' },
    });
  }, 120_000);
  afterAll(() => t.close());

  it('every declared route answers every caller as its access declaration says', async () => {
    const routes = t.app.corridor.routes.filter((r) => r !== leaky && r !== noExample);
    const { rows, failures } = await runAuthzMatrix(t, routes);
    expect(failures).toEqual([]);
    expect(rows).toBe(routes.length * (1 + 2 * ROLES.length));
    expect(routes.length).toBeGreaterThan(15);
  }, 600_000);

  it('catches a route that leaks another organisation’s records or forgets its example', async () => {
    const { failures } = await runAuthzMatrix(t, [leaky, noExample]);
    expect(failures).toEqual([
      expect.stringMatching(
        /^GET \/organisations\/:organisationId\/leak as other-org advisor: expected denied, got 200/,
      ),
      'POST /no-example: has params or a body but no example for the matrix',
    ]);
  }, 120_000);
});
