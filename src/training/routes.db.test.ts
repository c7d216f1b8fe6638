import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { expectHostileIdsRefused, fuzzVersionedWrites } from '../testing/versioned.js';
import type { AuthUser } from '../kernel/auth.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { URI } from '../profiles/testing.js';
import { sampleTrainingOffer } from './testing.js';
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
    await make('trainer', 'training_provider', provider);
    await make('otherAdvisor', 'advisor', other);
    await make('migrant', 'migrant', other);
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });

  it('writes through commands: one change entry per write, a retried create makes one offer', async () => {
    const changes = async (id: string) =>
      (
        await sql<{ op: string }>`select op from change_log where entity = 'training_offer' and entity_id = ${id}
          order by position`.execute(t.store.db)
      ).rows.map((r) => r.op);
    const id = randomUUID();
    const key = { 'idempotency-key': randomUUID() };
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/training-offers',
        headers: { ...h.trainer, ...key },
        payload: { ...sampleTrainingOffer(), id },
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().id).toBe(id);
    expect(await changes(id)).toEqual(['create']);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/training-offers',
      headers: { ...h.trainer, ...key },
      payload: { ...sampleTrainingOffer({ title: 'Another course' }), id },
    });
    expect(other.statusCode).toBe(409);
    // A refused edit (a skill twice) leaves no entry; a withdrawal leaves one.
    const bad = await inject('PUT', `/training-offers/${id}`, 'trainer', {
      ...sampleTrainingOffer({ version: 1 }),
      skills: [URI.skillA, URI.skillA],
    });
    expect(bad.statusCode).toBe(400);
    expect((await inject('DELETE', `/training-offers/${id}`, 'trainer')).statusCode).toBe(204);
    expect(await changes(id)).toEqual(['create', 'delete']);
  });

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

  it('lets training-provider staff publish, close and reopen their organisation’s offers', async () => {
    const created = await inject('POST', '/training-offers', 'trainer', sampleTrainingOffer());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const closed = await inject(
      'PUT',
      `/training-offers/${id}`,
      'trainer',
      sampleTrainingOffer({ version: 1, status: 'closed' }),
    );
    expect(closed.json()).toMatchObject({ status: 'closed', version: 2 });
    const mine = await inject('GET', '/training-offers?mine=true', 'trainer');
    expect(mine.json().items.map((x: { id: string }) => x.id)).toContain(id);
    const reopened = await inject('PUT', `/training-offers/${id}`, 'provider', sampleTrainingOffer({ version: 2 }));
    expect(reopened.json()).toMatchObject({ status: 'open', version: 3 });
    expect(
      (await inject('PUT', `/training-offers/${id}`, 'otherAdvisor', sampleTrainingOffer({ version: 3 }))).statusCode,
    ).toBe(404);
  });

  it('needs a place unless online', async () => {
    const res = await inject('POST', '/training-offers', 'provider', sampleTrainingOffer({ location: null }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.path).toBe('body.location');
  });

  const routes = () => ({
    app: t.app,
    db: t.store.db,
    table: 'training_offer' as const,
    url: '/api/v1/training-offers',
    headers: h.provider!,
    sample: (version?: number) => sampleTrainingOffer(version === undefined ? {} : { version }),
  });

  it('refuses hostile input with a field path, never 5xx, writing nothing', async () => {
    await fuzzVersionedWrites(routes());
  });

  it('answers hostile record ids and out-of-range numbers with 4xx on every route that takes one', async () => {
    await expectHostileIdsRefused(routes());
  });
});
