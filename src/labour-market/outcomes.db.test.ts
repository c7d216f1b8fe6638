import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Store } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import { createOrganisation, createUser } from '../identity/index.js';
import { syntheticSnapshot } from '../matching/testing.js';
import { disclosurePolicy } from './disclosure.js';
import { placementFigures, type Placement } from './outcomes.js';
import { statisticsTaxonomy } from './taxonomy.js';

// Placements come from protection's outcome log once it exists; here a stand-in source answers the same interface.
describe(`placements by occupation (${testStoreKind()})`, () => {
  let store: Store;
  const placements: Placement[] = [];
  beforeAll(async () => {
    store = await createTestStore();
    const org = await createOrganisation(store.db, { name: `Service ${Date.now()}`, type: 'ngo' });
    const advisor = await createUser(store.db, {
      organisationId: org.id,
      role: 'advisor',
      name: 'A',
      email: `a${Date.now()}@x.org`,
    });
    const snapshot = syntheticSnapshot({ occupations: 12, skills: 60 });
    // Three occupations of three different ISCO unit groups.
    const units = [...snapshot.occupations.values()].filter(
      (o, i, all) => all.findIndex((x) => x.isco === o.isco) === i,
    );
    for (let i = 0; i < 40; i++) {
      const id = randomUUID();
      // People 0–31 consented to statistics; 32–39 did not and must not count.
      if (i < 32) {
        await store.db
          .insertInto('consent')
          .values({
            id: randomUUID(),
            organisation_id: org.id,
            migrant_id: id,
            purpose: 'anonymised_statistics',
            given_at: new Date(),
            recorded_by: advisor.id,
          })
          .execute();
      }
      // 20 placements in A, 10 in C, 2 counted (and 8 not counted) in B.
      const occ = i < 20 ? units[0]! : i < 30 ? units[2]! : units[1]!;
      placements.push({
        personId: id,
        organisationId: org.id,
        occupationUri: occ.uri,
        isco: null,
        registeredAt: new Date('2026-01-01T00:00:00Z'),
        placedAt: new Date(Date.UTC(2026, 2, 1 + (i % 20))),
      });
    }
    const view = statisticsTaxonomy(snapshot);
    result = await placementFigures(
      store.db,
      { placements: async () => placements },
      { from: new Date('2026-01-01'), to: new Date('2027-01-01') },
      'isco4',
      view,
      'salt',
      disclosurePolicy(),
    );
    unitA = view.iscoOf(units[0]!.uri)!;
    unitB = view.iscoOf(units[1]!.uri)!;
    unitC = view.iscoOf(units[2]!.uri)!;
  });
  let result: Awaited<ReturnType<typeof placementFigures>>;
  let unitA = '';
  let unitB = '';
  let unitC = '';
  afterAll(async () => store?.close());

  it('counts consenting people only, protected, with days to placement', () => {
    const a = result.rows.find((r) => r.code === unitA)!;
    expect(a.placements.status).toBe('shown');
    expect(Math.abs(a.placements.value! - 20)).toBeLessThanOrEqual(15);
    expect(a.medianDaysToPlacement).toBeGreaterThan(55);
    expect(a.medianDaysToPlacement).toBeLessThan(85);
    // Two consenting people in the other unit group: suppressed, and no duration either.
    const b = result.rows.find((r) => r.code === unitB)!;
    expect(b.placements).toEqual({ value: null, status: 'suppressed' });
    expect(b.medianDaysToPlacement).toBeNull();
    // The total is published, so C is suppressed too: total − A − C would give B.
    expect(result.rows.find((r) => r.code === unitC)!.placements.status).toBe('suppressed');
    expect(result.total.status).toBe('shown');
  });
});
