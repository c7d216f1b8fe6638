import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKind } from '../db/testing.js';
import type { Store } from '../db/database.js';
import { seedOrganisation, seedUser } from '../profiles/testing.js';
import { getVacancies } from './batch.js';
import { SYSTEM, type Kernel } from '../kernel/command.js';
import { testKernel } from '../kernel/testing.js';
import { deleteVacancy } from './commands.js';
import { seedVacancy } from './testing.js';
import { getVacancy } from './store.js';

describe(`vacancy batch reads (${testStoreKind()})`, () => {
  let store: Store;
  let kernel: Kernel;
  const ids: string[] = [];

  beforeAll(async () => {
    store = await createTestStore();
    kernel = await testKernel(store.db);
    const org = await seedOrganisation(store.db, 'employer');
    const otherOrg = await seedOrganisation(store.db, 'employer');
    const employer = await seedUser(store.db, org, 'employer');
    for (const [i, o] of [org, otherOrg, org].entries())
      ids.push(
        (
          await seedVacancy(kernel, o === org ? { user: employer } : { organisationId: o }, {
            title: `Batch vacancy ${i}`,
            status: i === 2 ? 'closed' : 'open',
          })
        ).id,
      );
  }, 120_000);
  afterAll(async () => store?.close());

  it('reads several vacancies in one call, each exactly as getVacancy reads it', async () => {
    const got = await getVacancies(store.db, [ids[2]!, ids[0]!, ids[1]!, ids[0]!]);
    expect([...got.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(got.get(id)).toEqual(await getVacancy(store.db, id));
    expect(got.get(ids[1]!)?.title).toBe('Batch vacancy 1');
    expect(got.get(ids[2]!)?.status).toBe('closed');
  });

  it('leaves out unknown, malformed and deleted ids instead of failing', async () => {
    expect((await getVacancies(store.db, [])).size).toBe(0);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const got = await getVacancies(store.db, [ids[1]!, unknown, 'x'.repeat(500)]);
    expect([...got.keys()]).toEqual([ids[1]]);
    expect(await kernel.execute(deleteVacancy, SYSTEM, { vacancyId: ids[2]! })).toBeNull();
    const afterDelete = await getVacancies(store.db, ids);
    expect([...afterDelete.keys()].sort()).toEqual([ids[0], ids[1]].sort());
  });
});
