import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import { ChangeFeed, readChanges } from '../kernel/changes.js';
import { testKernel } from '../kernel/testing.js';
import { profilesCapability, getProfile, sealLegacyNames, sealLegacyProfiles } from '../profiles/index.js';
import { blindIndex } from '../kernel/person-keys.js';
import { buildModel, readSettings } from '../labour-market/index.js';
import type { EscoSnapshot } from '../taxonomy/index.js';
import { generateIntoStore } from './cli.js';
import { generateBulk, givesStatisticsConsent } from './generate-bulk.js';
import { MatchingService } from './store.js';
import { syntheticSnapshot } from './testing.js';

describe(`generate --bulk (${testStoreKind()})`, () => {
  let store: Store;
  let snapshot: EscoSnapshot;
  beforeAll(async () => {
    store = await createTestStore();
    snapshot = syntheticSnapshot({ occupations: 30, skills: 200 });
  });
  afterAll(async () => store?.close());

  it('writes the population the command path writes, with one audit entry and one reset change entry', async () => {
    const kernel = await testKernel(store.db, { capabilities: [profilesCapability] });
    const viaCommands = await generateIntoStore(kernel, snapshot, { profiles: 12, vacancies: 4, seed: 5 });
    const cursor = { tx: 0, position: 0 };
    const feed = new ChangeFeed();
    const bulk = await generateBulk(store.db, snapshot, { profiles: 12, vacancies: 4, seed: 5 }, feed);
    expect(bulk.consents).toBeGreaterThan(12);
    expect(feed.lastTx).toBeGreaterThan(0);

    // Person i reads back the same through the profile store, whichever path wrote it (names are opened: the
    // command path seals them, the bulk path leaves them for the start-up seal).
    const cipher = kernel.deps.cipher;
    const rows = async (org: string) =>
      store.db.selectFrom('profile').select(['id']).where('organisation_id', '=', org).execute();
    const byName = async (org: string) =>
      new Map(
        await Promise.all(
          (await rows(org)).map(async (r) => [(await getProfile(store.db, cipher, r.id)).displayName, r.id] as const),
        ),
      );
    const a = await byName(viaCommands.organisationId);
    const b = await byName(bulk.organisationId);
    const comparable = async (id: string) => {
      const p = await getProfile(store.db, cipher, id);
      const { id: _id, organisationId: _o, createdAt: _c, updatedAt: _u, ...rest } = p;
      return rest;
    };
    for (let i = 0; i < 12; i++) {
      expect(await comparable(b.get(`Synthetic person ${i}`)!)).toEqual(
        await comparable(a.get(`Synthetic person ${i}`)!),
      );
    }
    // `corridor serve` seals the bulk rows (names, permits) as the commands did: they still read back the same.
    expect(await sealLegacyNames(store.db, { cipher, index: blindIndex(kernel.deps.config) })).toBe(12);
    expect(await sealLegacyProfiles(store.db, cipher)).toBe(12);
    for (let i = 0; i < 12; i++) {
      expect(await comparable(b.get(`Synthetic person ${i}`)!)).toEqual(
        await comparable(a.get(`Synthetic person ${i}`)!),
      );
    }
    // The matching service loads every bulk row.
    const { report } = await MatchingService.open(store.db, snapshot, { cipher: kernel.deps.cipher });
    expect(report.skipped).toEqual([]);
    expect(report.candidates).toBe(24);

    // Followers learn of the load from one reset entry.
    const changes = [];
    for (let c = cursor, more = true; more;) {
      const batch = await readChanges(store.db, c, 1000);
      changes.push(...batch.entries);
      c = batch.cursor;
      more = batch.more;
    }
    const resets = changes.filter((e) => e.op === 'reset');
    expect(resets).toHaveLength(1);
    expect(resets[0]!.entity).toBe('bulk_load');
    const audits = await store.db.selectFrom('audit_log').select('reason').where('entity', '=', 'bulk_load').execute();
    expect(audits).toHaveLength(1);

    // The statistics count exactly those who gave the anonymised-statistics consent (on both paths).
    const { salt } = await readSettings(store.db);
    const model = await buildModel(store.db, snapshot, { salt, cipher });
    const consenting = Array.from({ length: 12 }, (_, i) => givesStatisticsConsent(5, i)).filter(Boolean).length;
    expect(model.people.live).toBe(2 * consenting);
    expect(model.vacancies.live).toBe(8);
  });
});
