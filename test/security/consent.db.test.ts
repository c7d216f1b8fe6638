// Issue 11, findings 3, 4 and 5: consent binds. The profiling consent gates profile writes and matching; an
// employer's shortlist explanation shows nothing from a scope the person did not share; personal reads (a profile,
// the caseload, the advisor's shortlist) are audited with ids only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../src/db/testing.js';
import type { AuthUser } from '../../src/kernel/auth.js';
import { FIXTURE, writeEscoFixture } from '../../src/taxonomy/esco/fixture.js';
import { readEscoSnapshot } from '../../src/taxonomy/esco/reader.js';
import { importEscoSnapshot } from '../../src/taxonomy/store/import.js';
import { createTestApp, type TestApp } from '../../src/testing/app.js';

const welder = (name: string, extra: Record<string, unknown> = {}) => ({
  displayName: name,
  originCountry: 'MA',
  currentCountry: 'ES',
  currentRegion: 'ES51',
  languages: [{ lang: 'es', speaking: 'B2', listening: 'B2' }],
  education: [{ iscedLevel: 3, title: 'Bachillerato', completed: true }],
  experience: [{ occupationUri: FIXTURE.welder, country: 'FR', months: 60, formal: true }],
  // No "use welding equipment": the vacancy's essential skill is missing, so missingEssential is not empty.
  skills: [{ uri: FIXTURE.metal, evidence: 'assessed', source: 'assessment' }],
  workAuthorization: {
    permits: [{ country: 'ES', type: 'international-protection', validUntil: '2030-01-01', sectors: [] }],
  },
  seeking: true,
  ...extra,
});

describe(`consent binds (${testStoreKind()})`, () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const u: Record<string, AuthUser> = {};
  let vacancyId = '';
  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.7')]);
    await importEscoSnapshot(t.store.db, snapshot, { activate: true, source: 'test fixture' });
    const service = await t.organisation('Service');
    const employerOrg = await t.organisation('Employer', 'employer');
    for (const [key, role, org] of [
      ['advisor', 'advisor', service],
      ['employer', 'employer', employerOrg],
      ['migrant', 'migrant', service],
    ] as const) {
      u[key] = await t.user(role, org);
      h[key] = await t.headersFor(u[key]!);
    }
    const v = await inject('POST', '/vacancies', 'employer', {
      title: 'Welder',
      occupationUri: FIXTURE.welder,
      sector: 'C',
      languages: [{ lang: 'es', level: 'B1' }],
      location: { country: 'ES', region: 'ES51' },
      posts: 1,
      contractType: 'permanent',
      employerSponsorsPermit: false,
      employerPaysRecruitmentFees: true,
    });
    expect(v.statusCode, v.body).toBe(201);
    vacancyId = v.json().id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('lets a person build their own profile and see jobs for them, while staff still need their consent', async () => {
    const own = { id: await t.app.corridor.services.get('migrants').ensureMigrantForUser(t.store.db, u.migrant!) };
    const read = await inject('GET', `/profiles/${own.id}`, 'migrant');
    expect(read.statusCode, read.body).toBe(200);
    const put = await inject('PUT', `/profiles/${own.id}`, 'migrant', {
      ...welder('Self-made', { skills: [{ uri: FIXTURE.metal, evidence: 'self-declared', source: 'self-declared' }] }),
      version: read.json().version,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await inject('GET', `/profiles/${own.id}/matches`, 'migrant')).statusCode).toBe(200);
    // The advisor of the same organisation, acting on the person's data, needs the person's consent.
    const byAdvisor = await inject('GET', `/profiles/${own.id}/matches`, 'advisor');
    expect(byAdvisor.statusCode).toBe(409);
    expect(byAdvisor.json().error.code).toBe('consent_required');
  });

  it('refuses to create a profile without the profiling consent, and records it when given', async () => {
    const before = await t.store.db.selectFrom('profile').select('id').execute();
    const refused = await inject('POST', '/profiles', 'advisor', welder('No Consent'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'consent_required', path: 'body.profilingConsent' });
    expect(await t.store.db.selectFrom('profile').select('id').execute()).toEqual(before);

    const made = await inject('POST', '/profiles', 'advisor', welder('With Consent', { profilingConsent: true }));
    expect(made.statusCode, made.body).toBe(201);
    const consents = (await inject('GET', `/migrants/${made.json().id}/consents`, 'advisor')).json().consents;
    expect(consents.map((c: { purpose: string }) => c.purpose)).toEqual(['profiling']);
  });

  it('after the profiling consent is withdrawn, refuses profile writes and matching with a reason', async () => {
    const made = await inject('POST', '/profiles', 'advisor', welder('Withdrawing', { profilingConsent: true }));
    const id = made.json().id;
    const [consent] = (await inject('GET', `/migrants/${id}/consents`, 'advisor')).json().consents;
    expect((await inject('GET', `/profiles/${id}/matches`, 'advisor')).statusCode).toBe(200);
    const w = await inject('POST', `/migrants/${id}/consents/${consent.id}/withdraw`, 'advisor');
    expect(w.statusCode, w.body).toBe(200);

    const put = await inject('PUT', `/profiles/${id}`, 'advisor', {
      ...welder('Changed'),
      version: made.json().version,
    });
    expect(put.statusCode).toBe(409);
    expect(put.json().error.code).toBe('consent_withdrawn');
    const matches = await inject('GET', `/profiles/${id}/matches`, 'advisor');
    expect(matches.statusCode).toBe(409);
    expect(matches.json().error.code).toBe('consent_withdrawn');
    // Still readable by the advisor (and exportable, erasable): withdrawal is not erasure.
    expect((await inject('GET', `/profiles/${id}`, 'advisor')).json().displayName).toBe('Withdrawing');
  });

  it('cuts the employer shortlist explanation to the shared scopes (only availability shared)', async () => {
    const made = await inject('POST', '/profiles', 'advisor', welder('Scoped', { profilingConsent: true }));
    const id = made.json().id;
    const c = await inject('POST', `/migrants/${id}/consents`, 'advisor', {
      purpose: 'matching_with_employers',
      fieldScopes: ['availability'],
    });
    expect(c.statusCode, c.body).toBe(201);
    const res = await inject('GET', `/vacancies/${vacancyId}/candidates`, 'employer');
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((i: { candidate: { id: string } }) => i.candidate.id === id);
    expect(item).toBeDefined();
    expect(item.candidate.fields).toEqual(['availability']);
    expect(item.explanation.eligibility.location).toBe('');
    expect(item.explanation.eligibility.permitType).toBe('');
    expect(item.explanation.missingEssential).toEqual([]);
    expect(item.explanation.withheld).toEqual(expect.arrayContaining(['skills', 'location', 'workAuthorization']));
    // No label for a skill the explanation does not show.
    expect(Object.keys(res.json().labels)).not.toContain(FIXTURE.weld);
    expect(res.body).not.toContain('international-protection');
    expect(res.body).not.toContain('same-region');
  });

  it('audits every personal read: a profile, the caseload (one entry, ids only), the advisor shortlist, one’s own', async () => {
    const made = await inject('POST', '/profiles', 'advisor', welder('Audited Person', { profilingConsent: true }));
    const id = made.json().id;
    const since = (await t.store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst())!.m;
    expect((await inject('GET', `/profiles/${id}`, 'advisor')).statusCode).toBe(200);
    expect((await inject('GET', '/profiles?name=Audited', 'advisor')).statusCode).toBe(200);
    const list = await inject('GET', `/vacancies/${vacancyId}/candidates`, 'advisor');
    expect(list.statusCode).toBe(200);
    const shown = list.json().items.map((i: { candidate: { id: string } }) => i.candidate.id);
    expect(shown.length).toBeGreaterThan(0);
    const own = (await inject('GET', '/profiles/me', 'migrant')).json().id;
    expect(own).toEqual(expect.any(String));
    const entries = await t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', Number(since))
      .where('action', '=', 'read')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.reason)).toEqual(['profile-read', 'caseload-list', 'advisor-shortlist', 'own-profile']);
    expect(entries[0]!.entity_id).toBe(id);
    expect(entries[1]!.subject_ids).toEqual([id]);
    expect(entries[2]!.subject_ids).toEqual(shown);
    expect(entries[3]).toMatchObject({ entity_id: own, actor_user_id: u.migrant!.id });
    // Ids and codes only: the name searched for and the person's name are nowhere in the log.
    expect(JSON.stringify(entries)).not.toMatch(/Audited/);
  });
});
