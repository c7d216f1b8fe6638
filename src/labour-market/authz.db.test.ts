// Labour-market's rows of the authorization matrix (the full matrix runs every route; this one is quick to rerun),
// and the one-way dependency on protection: labour-market reads protection's records through services only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { ROLES } from '../kernel/auth.js';
import { runAuthzMatrix } from '../testing/authz-matrix.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { writeEscoFixture } from '../taxonomy/testing.js';
import { readEscoSnapshot, importEscoSnapshot } from '../taxonomy/index.js';
import { labourMarketRoutes } from './routes.js';

describe(`labour-market access (${testStoreKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const snapshot = readEscoSnapshot([writeEscoFixture({}, '0.0.8')]).snapshot;
    await importEscoSnapshot(t.store.db, snapshot, { activate: true, source: 'test fixture' });
  }, 120_000);
  afterAll(() => t?.close());

  it('every labour-market and open-data route answers every role of both organisations as declared', async () => {
    const { rows, failures } = await runAuthzMatrix(t, labourMarketRoutes);
    expect(failures).toEqual([]);
    expect(rows).toBe(labourMarketRoutes.length * (1 + 2 * ROLES.length));
  }, 600_000);

  it('gives screening counts to analysts only, and no figure to migrants or labour inspectors', () => {
    const screenings = labourMarketRoutes.find((r) => r.url === '/labour-market/screenings')!;
    expect(screenings.access.roles).toEqual(['analyst']);
    for (const r of labourMarketRoutes) {
      if (r.access.roles === 'public') continue;
      expect(r.access.roles, r.url).not.toContain('migrant');
      expect(r.access.roles, r.url).not.toContain('labour_inspector');
    }
  });

  it('never imports protection: its records arrive through services (protection imports our interfaces)', () => {
    const dir = import.meta.dirname;
    const wrong = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from\s+['"]\.\.\/protection\//.test(readFileSync(join(dir, f), 'utf8')));
    expect(wrong).toEqual([]);
  });
});
