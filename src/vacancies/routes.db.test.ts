import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { expectHostileIdsRefused, fuzzVersionedWrites } from '../testing/versioned.js';
import type { AuthUser } from '../kernel/auth.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { readEscoSnapshot, importEscoSnapshot } from '../taxonomy/index.js';
import { FIXTURE, writeEscoFixture } from '../taxonomy/testing.js';
import { sampleVacancy } from './testing.js';
import { listVacanciesForMatching } from './store.js';

describe(`vacancy routes (${testStoreKind()})`, () => {
  let t: TestApp;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const employerA = await t.organisation(undefined, 'employer');
    const employerB = await t.organisation(undefined, 'employer');
    const pes = await t.organisation();
    const make = async (key: string, role: AuthUser['role'], org: string) => {
      u[key] = await t.user(role, org);
      h[key] = await t.headersFor(u[key]!);
    };
    await make('employerA', 'employer', employerA);
    await make('adminA', 'org_admin', employerA);
    await make('employerB', 'employer', employerB);
    await make('advisor', 'advisor', pes);
    await make('migrant', 'migrant', pes);
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from vacancy`.execute(t.store.db)).rows[0]!.n;

  it('lets an employer manage its own vacancies; others browse only open ones', async () => {
    const created = await inject('POST', '/vacancies', 'employerA', sampleVacancy());
    expect(created.statusCode, created.body).toBe(201);
    const v = created.json();
    expect(v.wage).toEqual({ amount: 1650, currency: 'EUR', period: 'month' });
    expect(v.taxonomyVersion).toBe('1.1.1');

    expect((await inject('GET', `/vacancies/${v.id}`, 'adminA')).statusCode).toBe(200);
    expect((await inject('GET', `/vacancies/${v.id}`, 'advisor')).statusCode).toBe(200);
    expect((await inject('GET', `/vacancies/${v.id}`, 'employerB')).statusCode).toBe(404);
    expect((await inject('PUT', `/vacancies/${v.id}`, 'employerB', sampleVacancy({ version: 1 }))).statusCode).toBe(
      404,
    );
    expect((await inject('PUT', `/vacancies/${v.id}`, 'advisor', sampleVacancy({ version: 1 }))).statusCode).toBe(403);

    const closed = await inject(
      'PUT',
      `/vacancies/${v.id}`,
      'employerA',
      sampleVacancy({ version: 1, status: 'closed' }),
    );
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().version).toBe(2);
    expect((await inject('GET', `/vacancies/${v.id}`, 'advisor')).statusCode).toBe(404);
    expect((await inject('GET', '/vacancies', 'migrant')).json().items.map((x: { id: string }) => x.id)).not.toContain(
      v.id,
    );
    expect((await inject('GET', '/vacancies', 'employerA')).json().items.map((x: { id: string }) => x.id)).toContain(
      v.id,
    );
    const stale = await inject('PUT', `/vacancies/${v.id}`, 'employerA', sampleVacancy({ version: 1 }));
    expect(stale.statusCode).toBe(409);

    const [m] = await listVacanciesForMatching(t.store.db, { ids: [v.id] });
    expect(m).toMatchObject({ employerOrganisationId: u.employerA!.organisationId, open: false, minIsced: 2 });

    expect((await inject('DELETE', `/vacancies/${v.id}`, 'employerA')).statusCode).toBe(204);
    expect((await inject('GET', `/vacancies/${v.id}`, 'employerA')).statusCode).toBe(404);
  });

  it('refuses inconsistent vacancies with a field path', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [sampleVacancy({ optionalSkills: [(sampleVacancy().essentialSkills as string[])[0]] }), 'body.optionalSkills.0'],
      [sampleVacancy({ startDate: '2027-13-01' }), 'body.startDate'],
      [sampleVacancy({ posts: 0 }), 'body.posts'],
      [sampleVacancy({ wage: { amount: -1, currency: 'EUR', period: 'month' } }), 'body.wage'],
      [sampleVacancy({ sector: 'Z' }), 'body.sector'],
      // Matching needs the region; withdrawn country codes (East Germany) would never meet a current permit.
      [sampleVacancy({ location: { country: 'ES', region: '' } }), 'body.location.region'],
      [sampleVacancy({ location: { country: 'DD', region: 'DE30' } }), 'body.location.country'],
    ];
    for (const [body, path] of cases) {
      const res = await inject('POST', '/vacancies', 'employerA', body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.path).toContain(path);
    }
    const noRegion = await inject(
      'POST',
      '/vacancies',
      'employerA',
      sampleVacancy({ location: { country: 'ES', region: '' } }),
    );
    expect(noRegion.json().error.message).toMatch(/needs the region/);
    const withdrawn = await inject(
      'POST',
      '/vacancies',
      'employerA',
      sampleVacancy({ location: { country: 'DD', region: 'DE30' } }),
    );
    expect(withdrawn.json().error.message).toBe(
      'body.location.country is not a current ISO 3166-1 alpha-2 country code (withdrawn codes such as DD, CS or YD are refused)',
    );
    expect(await count()).toBe(before);
  });

  it('makes a retried publish safe: a client-made id and an Idempotency-Key give one vacancy, one answer', async () => {
    const before = await count();
    const id = '1d9f6c1e-0b6a-4c55-9a1f-6c0f3f6b2a01';
    const post = (body: Record<string, unknown>, key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/vacancies',
        headers: { ...h.employerA, 'idempotency-key': key },
        payload: body,
      });
    const body = sampleVacancy({ id, title: 'Retried publish' });
    const [first, second] = await Promise.all([post(body, 'publish-0001'), post(body, 'publish-0001')]);
    expect([first.statusCode, second.statusCode], second.body).toEqual([201, 201]);
    expect(second.json()).toEqual(first.json());
    expect(first.json().id).toBe(id);
    const replay = await post(body, 'publish-0001');
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(await count()).toBe(before + 1);

    const reused = await post(sampleVacancy({ title: 'Another vacancy' }), 'publish-0001');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error).toMatchObject({ code: 'idempotency_key_reused', path: 'headers.idempotency-key' });
    // The same client id without the key is a second create of an existing record: refused, not duplicated.
    const again = await inject('POST', '/vacancies', 'employerA', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.path).toBe('body.id');
    expect(await count()).toBe(before + 1);
  });

  const routes = () => ({
    app: t.app,
    db: t.store.db,
    table: 'vacancy' as const,
    url: '/api/v1/vacancies',
    headers: h.employerA!,
    sample: (version?: number) => sampleVacancy(version === undefined ? {} : { version }),
  });

  it('refuses hostile input to POST and PUT with a field path, never 5xx, writing nothing', async () => {
    await fuzzVersionedWrites(routes());
  });

  it('answers hostile record ids and out-of-range numbers with 4xx on every route that takes one', async () => {
    await expectHostileIdsRefused(routes());
  });

  // Last: loads a (fixture) taxonomy into this store.
  it('pre-fills skills and ISCO from the loaded ESCO version and refuses codes it does not hold', async () => {
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.1')]);
    await importEscoSnapshot(t.store.db, snapshot, { activate: true, source: 'test fixture' });
    const body = sampleVacancy({ occupationUri: FIXTURE.welder });
    delete body.essentialSkills;
    delete body.optionalSkills;
    const res = await inject('POST', '/vacancies', 'employerA', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      isco: '7212',
      essentialSkills: [FIXTURE.weld],
      optionalSkills: [FIXTURE.metal],
      skillsFromEsco: true,
      taxonomyVersion: '0.0.1',
    });
    const unknown = await inject('POST', '/vacancies', 'employerA', sampleVacancy());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.path).toBe('body.occupationUri');
  });
});
