// GET /matching/fairness: the analyst's fairness audit over HTTP (aggregates only, small groups suppressed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../identity/index.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { FIXTURE, writeEscoFixture } from '../taxonomy/testing.js';
import { readEscoSnapshot, importEscoSnapshot } from '../taxonomy/index.js';

describe(`fairness audit route (${testStoreKind()})`, () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  let vacancyId = '';
  const inject = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.7')]);
    await importEscoSnapshot(t.store.db, snapshot, { activate: true, source: 'test fixture' });
    const service = await t.organisation('Employment service');
    const employer = await t.organisation('Works', 'employer');
    const government = await t.organisation('Ministry', 'government');
    for (const [key, role, org] of [
      ['advisor', 'advisor', service],
      ['employer', 'employer', employer],
      ['analyst', 'analyst', government],
    ] as const) {
      h[key] = await t.headersFor(await t.user(role as AuthUser['role'], org));
    }
    // Twelve women who hold the vacancy's essential skill, twelve men who do not: the top 12 are the women.
    for (let i = 0; i < 24; i++) {
      const woman = i < 12;
      const r = await inject('POST', '/profiles', 'advisor', {
        displayName: `Person ${i}`,
        profilingConsent: true,
        originCountry: woman ? 'MA' : 'SN',
        currentCountry: 'ES',
        currentRegion: 'ES51',
        sex: woman ? 'female' : 'male',
        skills: woman ? [{ uri: FIXTURE.weld, evidence: 'assessed', source: 'assessment' }] : [],
        workAuthorization: {
          permits: [{ country: 'ES', type: 'work-general', validUntil: '2035-01-01', sectors: [] }],
        },
        seeking: true,
      });
      expect(r.statusCode, r.body).toBe(201);
      const c = await inject('POST', `/migrants/${r.json().id}/consents`, 'advisor', {
        purpose: 'matching_with_employers',
      });
      expect(c.statusCode, c.body).toBe(201);
    }
    const v = await inject('POST', '/vacancies', 'employer', {
      title: 'Welder',
      occupationUri: FIXTURE.welder,
      sector: 'C',
      languages: [],
      location: { country: 'ES', region: 'ES51' },
      posts: 1,
      contractType: 'permanent',
      employerSponsorsPermit: false,
      employerPaysRecruitmentFees: true,
    });
    expect(v.statusCode, v.body).toBe(201);
    vacancyId = v.json().id;
  }, 180_000);
  afterAll(async () => t?.close());

  it('gives an analyst shortlist rates per group and flags the group below four fifths', async () => {
    const r = await inject('GET', `/matching/fairness?top=12&vacancy=${vacancyId}`, 'analyst');
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json();
    expect(report).toMatchObject({ vacancies: 1, pool: 24, shortlisted: 12, top: 12, minCell: 10, threshold: 0.8 });
    expect(report.sex).toEqual([
      { group: 'female', pool: 12, shortlisted: 12, rate: 1, ratio: 1, adverse: false, suppressed: false },
      { group: 'male', pool: 12, shortlisted: 0, rate: 0, ratio: 0, adverse: true, suppressed: false },
    ]);
    expect(report.nationalityGroup.map((g: { group: string }) => g.group)).toEqual(['MA', 'SN']);
    // Every open vacancy when none is named.
    expect((await inject('GET', '/matching/fairness?top=12', 'analyst')).json().vacancies).toBe(1);
  });

  it('suppresses groups smaller than the minimum cell, which cannot go below 10', async () => {
    const r = await inject('GET', `/matching/fairness?top=5&vacancy=${vacancyId}`, 'analyst');
    // 5 women shortlisted: fewer than 10, so that cell is not published.
    expect(r.json().sex[0]).toMatchObject({ group: 'female', pool: null, shortlisted: null, suppressed: true });
    const small = await inject('GET', '/matching/fairness?minCell=3', 'analyst');
    expect(small.statusCode).toBe(400);
    expect(small.json().error.path).toBe('querystring.minCell');
  });

  it('is for analysts and platform admins only', async () => {
    expect((await inject('GET', '/matching/fairness', 'employer')).statusCode).toBe(403);
    expect((await inject('GET', '/matching/fairness', 'advisor')).statusCode).toBe(403);
    const unknown = await inject('GET', '/matching/fairness?vacancy=00000000-0000-4000-8000-000000000000', 'analyst');
    expect(unknown.statusCode).toBe(404);
  });
});
