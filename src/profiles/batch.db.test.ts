import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKind } from '../db/testing.js';
import type { Store } from '../db/database.js';
import type { AuthUser } from '../kernel/auth.js';
import { getProfiles } from './batch.js';
import { eraseProfile, getProfile } from './store.js';
import { profileWrites, sampleProfile, seedOrganisation, seedUser, testCipher } from './testing.js';
import { testKernel } from '../kernel/testing.js';

describe(`profile batch reads (${testStoreKind()})`, () => {
  let store: Store;
  let advisor: AuthUser;
  const ids: string[] = [];

  beforeAll(async () => {
    store = await createTestStore();
    const org = await seedOrganisation(store.db);
    const otherOrg = await seedOrganisation(store.db);
    advisor = await seedUser(store.db, org, 'advisor');
    const ctx = { db: store.db, user: advisor, cipher: testCipher };
    const { createProfile } = profileWrites(await testKernel(store.db, { cipher: testCipher }));
    for (const [i, o] of [org, otherOrg, org].entries())
      ids.push((await createProfile(ctx, o, sampleProfile({ displayName: `Batch person ${i}` }))).id);
  }, 120_000);
  afterAll(async () => store?.close());

  it('reads several profiles in one call, each exactly as getProfile reads it', async () => {
    const got = await getProfiles(store.db, testCipher, [ids[2]!, ids[0]!, ids[1]!, ids[0]!]);
    expect([...got.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(got.get(id)).toEqual(await getProfile(store.db, testCipher, id));
    expect(got.get(ids[1]!)?.displayName).toBe('Batch person 1');
    // Sensitive values stay out unless asked for, as with getProfile.
    expect(got.get(ids[0]!)?.workAuthorization.migrationStatus).toBeUndefined();
    const sensitive = await getProfiles(store.db, testCipher, [ids[0]!], true);
    expect(sensitive.get(ids[0]!)).toEqual(await getProfile(store.db, testCipher, ids[0]!, true));
    expect(sensitive.get(ids[0]!)?.workAuthorization.migrationStatus).toBeTruthy();
  });

  it('leaves out unknown, malformed and erased ids instead of failing', async () => {
    expect((await getProfiles(store.db, testCipher, [])).size).toBe(0);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const got = await getProfiles(store.db, testCipher, [ids[1]!, unknown, 'x'.repeat(500)]);
    expect([...got.keys()]).toEqual([ids[1]]);
    await eraseProfile(store.db, ids[2]!, false);
    const afterErasure = await getProfiles(store.db, testCipher, ids);
    expect([...afterErasure.keys()].sort()).toEqual([ids[0], ids[1]].sort());
  });
});
