import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../identity/model.js';
import { createTestApp, type TestApp } from '../server/testing.js';
import { fuzzMalformedJson, fuzzWriteRoute } from '../profiles/fuzz-testing.js';
import { URI } from '../profiles/testing.js';
import { sampleTrainingOffer } from './routes.js';
import { listTrainingOffersForPlanning } from './store.js';

describe(`training-offer routes (${testStoreKind()})`, () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const provider = await t.organisation(undefined, 'training_provider');
    const other = await t.organisation(undefined, 'ngo');
    const make = async (key: string, role: AuthUser['role'], org: string) => {
      h[key] = await t.headersFor(await t.user(role, org));
    };
    await make('provider', 'org_admin', provider);
    await make('otherAdvisor', 'advisor', other);
    await make('migrant', 'migrant', other);
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from training_offer`.execute(t.store.db)).rows[0]!.n;

  it('lets a provider manage its offers and everyone browse them', async () => {
    const created = await inject('POST', '/training-offers', 'provider', sampleTrainingOffer());
    expect(created.statusCode, created.body).toBe(201);
    const o = created.json();
    expect(o.cost).toBe(0);
    expect((await inject('GET', `/training-offers/${o.id}`, 'migrant')).statusCode).toBe(200);
    const bySkill = await inject('GET', `/training-offers?skill=${encodeURIComponent(URI.skillC)}`, 'migrant');
    expect(bySkill.json().items.map((x: { id: string }) => x.id)).toContain(o.id);
    const otherSkill = await inject('GET', `/training-offers?skill=${encodeURIComponent(URI.skillB)}`, 'migrant');
    expect(otherSkill.json().items.map((x: { id: string }) => x.id)).not.toContain(o.id);
    expect(
      (await inject('PUT', `/training-offers/${o.id}`, 'otherAdvisor', sampleTrainingOffer({ version: 1 }))).statusCode,
    ).toBe(404);
    expect(
      (await inject('PUT', `/training-offers/${o.id}`, 'migrant', sampleTrainingOffer({ version: 1 }))).statusCode,
    ).toBe(403);
    const online = await inject(
      'PUT',
      `/training-offers/${o.id}`,
      'provider',
      sampleTrainingOffer({ version: 1, mode: 'online', location: null }),
    );
    expect(online.statusCode, online.body).toBe(200);
    expect(online.json().location).toBeNull();
    const planning = await listTrainingOffersForPlanning(t.store.db, { skills: [URI.skillA] });
    expect(planning.find((p) => p.id === o.id)).toMatchObject({ durationHours: 40, cost: 0, currency: 'EUR' });
    expect((await inject('DELETE', `/training-offers/${o.id}`, 'provider')).statusCode).toBe(204);
  });

  it('needs a place unless online', async () => {
    const res = await inject('POST', '/training-offers', 'provider', sampleTrainingOffer({ location: null }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.path).toBe('body.location');
  });

  it('refuses hostile input with a field path, never 5xx, writing nothing', async () => {
    const before = await count();
    const r = await fuzzWriteRoute({
      app: t.app,
      method: 'POST',
      url: '/api/v1/training-offers',
      headers: h.provider!,
      validBody: sampleTrainingOffer(),
      fingerprint: async () => String(await count()),
      runs: 120,
    });
    expect(await count()).toBe(before + r.accepted);
    await fuzzMalformedJson({
      app: t.app,
      method: 'POST',
      url: '/api/v1/training-offers',
      headers: h.provider!,
      validBody: sampleTrainingOffer(),
      fingerprint: async () => String(await count()),
      runs: 40,
    });
    const o = (await inject('POST', '/training-offers', 'provider', sampleTrainingOffer())).json();
    const fingerprint = async () => {
      const row = await t.store.db
        .selectFrom('training_offer')
        .select(['version', 'title'])
        .where('id', '=', o.id)
        .executeTakeFirstOrThrow();
      return `${row.version}:${row.title}:${await count()}`;
    };
    await fuzzWriteRoute({
      app: t.app,
      method: 'PUT',
      url: `/api/v1/training-offers/${o.id}`,
      headers: h.provider!,
      validBody: async () => {
        const row = await t.store.db
          .selectFrom('training_offer')
          .select('version')
          .where('id', '=', o.id)
          .executeTakeFirstOrThrow();
        return sampleTrainingOffer({ version: row.version });
      },
      fingerprint,
      runs: 80,
    });
  });

  it('answers hostile record ids and out-of-range numbers with 4xx on every route that takes one', async () => {
    const record = (await inject('POST', '/training-offers', 'provider', sampleTrainingOffer())).json();
    for (const version of [2 ** 31, 2 ** 40, 2 ** 53 + 2]) {
      const res = await inject('PUT', `/training-offers/${record.id}`, 'provider', sampleTrainingOffer({ version }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.path).toBe('body.version');
    }
    for (const id of [
      "1' OR '1'='1",
      '%00',
      'x'.repeat(3000),
      '😀',
      '../profiles',
      '00000000-0000-4000-8000-000000000000',
    ]) {
      const url = `/training-offers/${encodeURIComponent(id)}`;
      for (const [method, payload] of [
        ['GET', undefined],
        ['PUT', sampleTrainingOffer({ version: 1 })],
        ['DELETE', undefined],
      ] as const) {
        const res = await inject(method, url, 'provider', payload);
        expect(res.statusCode, `${method} ${id.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${method} ${id.slice(0, 20)}`).toBeLessThan(500);
      }
    }
  });
});
