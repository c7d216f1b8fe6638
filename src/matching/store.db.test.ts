import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import { createVacancy, deleteVacancy } from '../vacancies/store.js';
import { createProfile, eraseProfile } from '../profiles/store.js';
import { giveConsent } from '../identity/consent.js';
import { URI, sampleProfile, seedOrganisation, seedUser, testCipher } from '../profiles/testing.js';
import { sampleVacancy } from '../vacancies/routes.js';
import type { EscoSnapshot } from '../taxonomy/model.js';
import { EXAMPLE_RULES } from './rules.js';
import { MatchingService, deleteRule, listRules, putRule } from './store.js';
import { recordingStatements } from './testing.js';

// The profile/vacancy stores check URIs against an imported taxonomy only when one is imported; the matching
// service needs skills and the cook occupation's ISCO unit, which a two-occupation snapshot provides.
const snapshot: EscoSnapshot = {
  version: 'test',
  languages: ['en'],
  occupations: new Map([
    [
      URI.cook,
      {
        uri: URI.cook,
        code: '5120.1',
        isco: '5120',
        labels: { en: { preferred: 'cook', alt: [], hidden: [] } },
        broader: [],
      },
    ],
  ]),
  skills: new Map(),
  iscoGroups: new Map(),
  skillGroups: new Map(),
  occupationSkills: [],
  skillSkills: [],
};

describe(`matching store (${testStoreKind()})`, () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(async () => store?.close());

  it('seeds the example rules, marked as example data', async () => {
    const rules = await listRules(store.db);
    expect(rules.map((r) => r.id).sort()).toEqual(EXAMPLE_RULES.map((r) => r.id).sort());
    expect(rules.every((r) => r.example)).toBe(true);
  });

  it('lets admins add, replace and delete rules, refusing bad ones whole', async () => {
    const rule = { ...EXAMPLE_RULES[0]!, id: 'es-test', sectors: ['I'], example: false };
    await putRule(store.db, rule);
    await putRule(store.db, { ...rule, description: 'replaced' });
    expect((await listRules(store.db)).find((r) => r.id === 'es-test')).toMatchObject({
      description: 'replaced',
      sectors: ['I'],
    });
    await expect(putRule(store.db, { ...rule, id: 'bad', sectors: ['ZZ'] })).rejects.toThrow('/sectors/0');
    expect((await listRules(store.db)).some((r) => r.id === 'bad')).toBe(false);
    expect(await deleteRule(store.db, 'es-test')).toBe(true);
    expect(await deleteRule(store.db, 'es-test')).toBe(false);
  });

  it('builds the index from stored profiles and vacancies, and follows writes', async () => {
    const org = await seedOrganisation(store.db, 'ngo');
    const employerOrg = await seedOrganisation(store.db, 'employer');
    const advisor = await seedUser(store.db, org, 'advisor');
    const employer = await seedUser(store.db, employerOrg, 'employer');
    const profile = await createProfile(
      { db: store.db, user: advisor, cipher: testCipher },
      org,
      sampleProfile({
        currentRegion: 'ES51',
        availableFrom: null,
        workAuthorization: { permits: [{ country: 'ES', type: 'work-general', validUntil: null, sectors: [] }] },
      }),
    );
    const vacancy = await createVacancy(
      { db: store.db, user: employer },
      employerOrg,
      sampleVacancy({ startDate: null }),
    );

    const { service, report } = await MatchingService.open(store.db, snapshot);
    expect(report).toMatchObject({ candidates: 1, vacancies: 1, skipped: [] });
    // No consent to be matched yet: a hard filter.
    expect(service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' })).toEqual([]);

    await giveConsent(
      { db: store.db, user: advisor },
      { migrantId: profile.id, organisationId: org, purpose: 'matching_with_employers' },
    );
    await service.profileWritten(profile.id);
    const [r] = service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' });
    expect(r?.candidateId).toBe(profile.id);
    expect(r?.explanation?.eligibility).toMatchObject({ ruleId: 'es-work-general', example: true });
    expect(r?.explanation?.experience.level).toBe('occupation');

    // Rules are data: removing the rule that made the person eligible removes the match.
    await deleteRule(store.db, 'es-work-general');
    await service.reloadRules();
    expect(service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' })).toEqual([]);
    await putRule(
      store.db,
      EXAMPLE_RULES.find((x) => x.id === 'es-work-general')!,
    );
    await service.reloadRules();
    expect(service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' })).toHaveLength(1);

    // Another node's write is picked up by sync(); a deleted vacancy by dropDeleted().
    const other = await MatchingService.open(store.db, snapshot);
    await store.db
      .updateTable('vacancy')
      .set({ status: 'closed', updated_at: new Date() })
      .where('id', '=', vacancy.id)
      .execute();
    expect((await other.service.sync()).vacancies).toBe(1);
    expect(other.service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' })).toEqual([]);
    // Deleted through the vacancies store: its deletion record reaches the other node's next sync().
    const third = await MatchingService.open(store.db, snapshot);
    expect(third.service.index.hasVacancy(vacancy.id)).toBe(true);
    expect(await deleteVacancy(store.db, vacancy.id)).toBe(true);
    await other.service.sync();
    expect(other.service.index.hasVacancy(vacancy.id)).toBe(false);
    // Deleted outside it (plain SQL): only dropDeleted()'s full scan sees it.
    await store.db.deleteFrom('vacancy_deletion').execute();
    await third.service.sync();
    expect(third.service.index.hasVacancy(vacancy.id)).toBe(true);
    expect(await third.service.dropDeleted()).toBe(1);
    expect(third.service.index.hasVacancy(vacancy.id)).toBe(false);
  });

  it('sync re-reads changed profiles and vacancies in batches, missing none beyond the first batch', async () => {
    const org = await seedOrganisation(store.db, 'ngo');
    const employerOrg = await seedOrganisation(store.db, 'employer');
    const advisor = await seedUser(store.db, org, 'advisor');
    const employer = await seedUser(store.db, employerOrg, 'employer');
    const person = (i: number) =>
      createProfile(
        { db: store.db, user: advisor, cipher: testCipher },
        org,
        sampleProfile({
          displayName: `Batch ${i}`,
          currentRegion: 'ES51',
          availableFrom: null,
          workAuthorization: { permits: [{ country: 'ES', type: 'work-general', validUntil: null, sectors: [] }] },
        }),
      );
    const loaded = [(await person(0)).id, (await person(1)).id];
    // Another node's index, re-reading 2 ids per query, so 5 new profiles take 3 queries.
    const { db, statements } = recordingStatements(store.db);
    const { service } = await MatchingService.open(db, snapshot, { batchSize: 2 });
    expect(loaded.every((id) => service.index.hasCandidate(id))).toBe(true);

    const added: string[] = [];
    for (let i = 2; i < 7; i++) added.push((await person(i)).id);
    const vacancies: string[] = [];
    for (let i = 0; i < 3; i++)
      vacancies.push(
        (await createVacancy({ db: store.db, user: employer }, employerOrg, sampleVacancy({ startDate: null }))).id,
      );
    expect(await eraseProfile(store.db, loaded[0]!)).toEqual({ erased: 1 });

    statements.length = 0;
    const synced = await service.sync();
    // Every change seen, whichever batch it fell in; the erased person is gone, the untouched one stays.
    expect(added.filter((id) => !service.index.hasCandidate(id))).toEqual([]);
    expect(vacancies.filter((id) => !service.index.hasVacancy(id))).toEqual([]);
    expect(service.index.hasCandidate(loaded[0]!)).toBe(false);
    expect(service.index.hasCandidate(loaded[1]!)).toBe(true);
    // The window includes rows written up to 2 s before the last load, so it may hold more than these.
    expect(synced.profiles).toBeGreaterThanOrEqual(added.length + 1);
    expect(synced.vacancies).toBeGreaterThanOrEqual(vacancies.length);
    const reads = (table: string) => statements.filter((q) => q.startsWith(`select`) && q.includes(table)).length;
    expect(reads('from "profile" as "p"')).toBe(Math.ceil(synced.profiles / 2));
    expect(reads('from "vacancy" where "id" in')).toBe(Math.ceil(synced.vacancies / 2));

    // The single-record calls still work and are one read each.
    statements.length = 0;
    await service.profileWritten(added[0]!);
    await service.vacancyWritten(vacancies[0]!);
    expect(statements).toHaveLength(2);
  });
});
