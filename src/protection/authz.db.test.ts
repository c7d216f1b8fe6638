// Protection's rows of the authorization matrix (the full matrix runs every route; this one is quick to rerun), and
// the labour-inspector role: reads the fair-recruitment register and flags, and nothing about any person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { ROLES } from '../kernel/auth.js';
import { runAuthzMatrix } from '../testing/authz-matrix.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { protectionRoutes } from './routes.js';

describe(`protection access (${testStoreKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('every protection route answers every role of both organisations as declared', async () => {
    const { rows, failures } = await runAuthzMatrix(t, protectionRoutes);
    expect(failures).toEqual([]);
    expect(rows).toBe(protectionRoutes.length * (1 + 2 * ROLES.length));
  }, 600_000);

  it('gives the labour inspector the register and the flags only', () => {
    const open = protectionRoutes
      .filter((r) => r.access.roles !== 'public' && (r.access.roles as string[]).includes('labour_inspector'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(open).toEqual([
      'GET /protection/exchange-rates',
      'GET /protection/fair-recruitment/flags',
      'GET /protection/guides',
      'GET /protection/guides/:ruleId',
      'GET /protection/recruiters',
    ]);
  });
});
