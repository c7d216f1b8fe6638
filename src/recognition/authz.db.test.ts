// Recognition's rows of the authorization matrix (the full matrix runs every route; this one is quick to rerun), and
// which roles reach documents at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { ROLES } from '../kernel/auth.js';
import { runAuthzMatrix } from '../testing/authz-matrix.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { recognitionRoutes } from './routes.js';

describe(`recognition access (${testStoreKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('every recognition route answers every role of both organisations as declared', async () => {
    const { rows, failures } = await runAuthzMatrix(t, recognitionRoutes);
    expect(failures).toEqual([]);
    expect(rows).toBe(recognitionRoutes.length * (1 + 2 * ROLES.length));
  }, 600_000);

  it('never opens a person’s documents or cases to employers, training providers, analysts or inspectors', () => {
    const personal = recognitionRoutes.filter((r) => r.url !== '/recognition/frameworks');
    for (const r of personal) {
      const roles = r.access.roles as string[];
      for (const role of ['employer', 'training_provider', 'analyst', 'labour_inspector'])
        expect(roles, `${r.method} ${r.url}`).not.toContain(role);
    }
  });
});
