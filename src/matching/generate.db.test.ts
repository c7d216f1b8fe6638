import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import type { EscoSnapshot } from '../taxonomy/index.js';
import { testKernel } from '../kernel/testing.js';
import { profilesCapability } from '../profiles/index.js';
import { generateIntoStore } from './cli.js';
import { PopulationGenerator } from './generate.js';
import { MatchingService } from './store.js';
import { syntheticSnapshot } from './testing.js';

describe(`synthetic population through the stores (${testStoreKind()})`, () => {
  let store: Store;
  let snapshot: EscoSnapshot;
  beforeAll(async () => {
    store = await createTestStore();
    // A small ESCO-shaped taxonomy keeps the test fast; the stores only check URI shapes when none is imported.
    snapshot = syntheticSnapshot({ occupations: 30, skills: 200 });
  });
  afterAll(async () => store?.close());

  it('writes valid profiles and vacancies that the matching service loads whole', async () => {
    const kernel = await testKernel(store.db, { capabilities: [profilesCapability] });
    const written = await generateIntoStore(kernel, snapshot, { profiles: 25, vacancies: 10, seed: 5 });
    expect(written).toMatchObject({ profiles: 25, vacancies: 10 });
    const { service, report } = await MatchingService.open(store.db, snapshot, { cipher: kernel.deps.cipher });
    expect(report.skipped).toEqual([]);
    expect(report.candidates).toBe(25);
    expect(report.vacancies).toBe(10);
    // Same skills and permits as the in-memory generator produced; nothing else travels into the engine.
    const gen = new PopulationGenerator(snapshot, { seed: 5 });
    const stored = service.index.candidateIds().map((id) => service.index.getCandidate(id)!);
    const skillSets = new Set(
      stored.map((c) =>
        c.skills
          .map((s) => `${s.uri}:${s.evidence}`)
          .sort()
          .join(),
      ),
    );
    for (let i = 0; i < 25; i++) {
      const c = gen.profile(i).candidate;
      expect(
        skillSets.has(
          c.skills
            .map((s) => `${s.uri}:${s.evidence}`)
            .sort()
            .join(),
        ),
      ).toBe(true);
    }
    expect(Object.keys(stored[0]!).sort()).not.toContain('sex');
  });
});
