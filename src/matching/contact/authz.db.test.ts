// The authorization matrix over the contact-request routes and the person's-account route alone (the full matrix
// covers them too; this one runs in seconds when they change): every role of both organisations, and anonymous.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../kernel/auth.js';
import { runAuthzMatrix } from '../../testing/authz-matrix.js';
import { createTestApp, type TestApp } from '../../testing/app.js';

describe('contact routes: authorization matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t.close());

  it('answers every caller as the access declarations say', async () => {
    const routes = t.app.corridor.routes.filter(
      (r) => r.url.startsWith('/contact-requests') || r.url === '/profiles/:profileId/invitation',
    );
    expect(routes).toHaveLength(7);
    const { rows, failures } = await runAuthzMatrix(t, routes);
    expect(failures).toEqual([]);
    expect(rows).toBe(routes.length * (1 + 2 * ROLES.length));
  }, 600_000);
});
