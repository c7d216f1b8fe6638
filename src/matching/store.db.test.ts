import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { createTestStore, testStoreKind } from '../db/testing.js';
import { deleteVacancy } from '../vacancies/index.js';
import { seedVacancy } from '../vacancies/testing.js';
import { eraseProfile, profilesCapability } from '../profiles/index.js';
import { recordConsent } from '../identity/index.js';
import { ChangeFeed } from '../kernel/changes.js';
import { SYSTEM } from '../kernel/command.js';
import { testKernel } from '../kernel/testing.js';
import { URI, profileWrites, sampleProfile, seedOrganisation, seedUser, testCipher } from '../profiles/testing.js';
import { deleteEligibilityRule, putEligibilityRule } from './commands.js';
import { MatchingEngine } from './engine.js';
import type { EscoSnapshot } from '../taxonomy/index.js';
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

  it('builds the index from stored profiles and vacancies, and follows the change log on every instance', async () => {
    const kernel = await testKernel(store.db, { cipher: testCipher, capabilities: [profilesCapability] });
    const org = await seedOrganisation(store.db, 'ngo');
    const employerOrg = await seedOrganisation(store.db, 'employer');
    const advisor = await seedUser(store.db, org, 'advisor');
    const employer = await seedUser(store.db, employerOrg, 'employer');
    const { createProfile } = profileWrites(kernel);
    const profile = await createProfile(
      { user: advisor },
      org,
      sampleProfile({
        currentRegion: 'ES51',
        availableFrom: null,
        workAuthorization: { permits: [{ country: 'ES', type: 'work-general', validUntil: null, sectors: [] }] },
      }),
    );
    const vacancy = await seedVacancy(kernel, { user: employer }, { startDate: null });

    // This instance's engine (woken by its own writes) and another instance's (its own feed: it polls).
    const here = new MatchingEngine(store.db, kernel.feed, testCipher, { pollMs: 60_000 });
    const there = new MatchingEngine(store.db, new ChangeFeed(), testCipher, { pollMs: 50 });
    try {
      const { service } = await here.index(snapshot);
      expect(service.index.hasCandidate(profile.id)).toBe(true);
      // No consent to be matched yet: a hard filter.
      expect(service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' })).toEqual([]);
      await there.index(snapshot);

      await kernel.execute(
        recordConsent,
        { user: advisor },
        { migrantId: profile.id, purpose: 'matching_with_employers' },
      );
      const [r] = (await here.index(snapshot)).service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' });
      expect(r?.candidateId).toBe(profile.id);
      expect(r?.explanation?.eligibility).toMatchObject({ ruleId: 'es-work-general', example: true });
      expect(r?.explanation?.experience.level).toBe('occupation');

      // Rules are data: removing the rule that made the person eligible removes the match, on every instance.
      await kernel.execute(deleteEligibilityRule, SYSTEM, { id: 'es-work-general' });
      expect((await here.index(snapshot)).service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' })).toEqual([]);
      await kernel.execute(
        putEligibilityRule,
        SYSTEM,
        EXAMPLE_RULES.find((x) => x.id === 'es-work-general')!,
      );
      expect((await here.index(snapshot)).service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' })).toHaveLength(
        1,
      );
      await eventually(async () =>
        expect(
          (await there.index(snapshot)).service.index.topCandidates(vacancy.id, { asOf: '2026-06-01' }),
        ).toHaveLength(1),
      );

      // A vacancy deleted through the command leaves the other instance's index without a full scan.
      await kernel.execute(deleteVacancy, { user: employer }, { vacancyId: vacancy.id });
      await eventually(async () =>
        expect((await there.index(snapshot)).service.index.hasVacancy(vacancy.id)).toBe(false),
      );
      expect((await here.index(snapshot)).service.index.hasVacancy(vacancy.id)).toBe(false);
    } finally {
      await here.close();
      await there.close();
    }
  });

  it('re-reads changed profiles and vacancies in batches, missing none beyond the first batch', async () => {
    const kernel = await testKernel(store.db, { cipher: testCipher });
    const org = await seedOrganisation(store.db, 'ngo');
    const employerOrg = await seedOrganisation(store.db, 'employer');
    const advisor = await seedUser(store.db, org, 'advisor');
    const employer = await seedUser(store.db, employerOrg, 'employer');
    const { createProfile } = profileWrites(kernel);
    const person = (i: number) =>
      createProfile(
        { user: advisor },
        org,
        sampleProfile({
          displayName: `Batch ${i}`,
          currentRegion: 'ES51',
          availableFrom: null,
          workAuthorization: { permits: [{ country: 'ES', type: 'work-general', validUntil: null, sectors: [] }] },
        }),
      );
    const loaded = [(await person(0)).id, (await person(1)).id];
    // An index re-reading 2 ids per query, so 5 new profiles take 3 queries.
    const { db, statements } = recordingStatements(store.db);
    const { service } = await MatchingService.open(db, snapshot, { cipher: testCipher, batchSize: 2 });
    expect(loaded.every((id) => service.index.hasCandidate(id))).toBe(true);

    const added: string[] = [];
    for (let i = 2; i < 7; i++) added.push((await person(i)).id);
    const vacancies: string[] = [];
    for (let i = 0; i < 3; i++) vacancies.push((await seedVacancy(kernel, { user: employer }, { startDate: null })).id);
    expect(await eraseProfile(store.db, loaded[0]!, false)).toEqual({ erased: 1, remainderId: null });

    statements.length = 0;
    await service.profilesWritten([...added, loaded[0]!]);
    await service.vacanciesWritten(vacancies);
    // Every change seen, whichever batch it fell in; the erased person is gone, the untouched one stays.
    expect(added.filter((id) => !service.index.hasCandidate(id))).toEqual([]);
    expect(vacancies.filter((id) => !service.index.hasVacancy(id))).toEqual([]);
    expect(service.index.hasCandidate(loaded[0]!)).toBe(false);
    expect(service.index.hasCandidate(loaded[1]!)).toBe(true);
    const reads = (table: string) => statements.filter((q) => q.startsWith(`select`) && q.includes(table)).length;
    expect(reads('from "profile" as "p"')).toBe(Math.ceil((added.length + 1) / 2));
    expect(reads('from "vacancy" where "id" in')).toBe(Math.ceil(vacancies.length / 2));

    // The single-record calls still work and are one read each.
    statements.length = 0;
    await service.profileWritten(added[0]!);
    await service.vacancyWritten(vacancies[0]!);
    expect(statements).toHaveLength(2);
  });
});

/** Retries an assertion until it holds or 2 s pass (another instance polls the change log). */
async function eventually(check: () => Promise<void>, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
