// Two server instances on one PostgreSQL database: what one writes, the other's matching index follows within a
// second, through the change log alone (no request on B refreshes anything; B only polls).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../kernel/auth.js';
import { createSession } from '../identity/index.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../kernel/session-cookie.js';
import { createSecondInstance, createTestApp, type TestApp } from '../testing/app.js';
import { FIXTURE, writeEscoFixture } from '../taxonomy/testing.js';
import { readEscoSnapshot, importEscoSnapshot } from '../taxonomy/index.js';

const onPostgres = testStoreKind() === 'postgres';

/** Retries until the check holds; fails after `ms`. Returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

describe.runIf(onPostgres)('two server instances on one PostgreSQL', () => {
  let a: TestApp;
  let bStore: Store;
  let b: FastifyInstance;
  let closeB: () => Promise<void>;
  const h: Record<string, { a: Record<string, string>; b: Record<string, string> }> = {};
  let vacancyId = '';

  const headersOn = async (app: FastifyInstance, store: Store, user: AuthUser) => {
    const session = await createSession(store.db, user, 1);
    return {
      cookie: `${SESSION_COOKIE}=${session.token}`,
      [CSRF_HEADER]: app.corridor.csrfTokenFor(session.sessionId),
    };
  };
  const on = (app: FastifyInstance, who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: h[who]![app === b ? 'b' : 'a'],
      ...(payload ? { payload } : {}),
    });

  const candidatesOnB = async () => {
    const r = await on(b, 'employer', 'GET', `/vacancies/${vacancyId}/candidates`);
    return r.statusCode === 200 ? (r.json().items as { candidate: { id: string } }[]).map((i) => i.candidate.id) : [];
  };

  beforeAll(async () => {
    a = await createTestApp();
    ({ app: b, store: bStore, close: closeB } = await createSecondInstance(a));
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.9')]);
    await importEscoSnapshot(a.store.db, snapshot, { activate: true, source: 'test fixture' });
    const service = await a.organisation('Service');
    const employerOrg = await a.organisation('Employer', 'employer');
    for (const [key, role, org] of [
      ['advisor', 'advisor', service],
      ['employer', 'employer', employerOrg],
    ] as const) {
      const user = await a.user(role, org);
      h[key] = { a: await a.headersFor(user), b: await headersOn(b, bStore, user) };
    }
    const v = await on(a.app, 'employer', 'POST', '/vacancies', {
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
    // B builds its index now, before the writes below.
    expect((await on(b, 'employer', 'GET', `/vacancies/${vacancyId}/candidates`)).statusCode).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await closeB?.();
    await a?.close();
  });

  it('ranks on B a profile written on A, hides it on B when consent is withdrawn on A, and drops a vacancy deleted on A — each within 1 s', async () => {
    const p = await on(a.app, 'advisor', 'POST', '/profiles', {
      displayName: 'Youssef',
      profilingConsent: true,
      originCountry: 'MA',
      currentCountry: 'ES',
      currentRegion: 'ES51',
      experience: [{ occupationUri: FIXTURE.welder, country: 'FR', months: 60, formal: true }],
      skills: [{ uri: FIXTURE.weld, evidence: 'assessed', source: 'assessment' }],
      workAuthorization: { permits: [{ country: 'ES', type: 'work-general', validUntil: '2030-01-01', sectors: [] }] },
    });
    expect(p.statusCode, p.body).toBe(201);
    const profileId = p.json().id as string;
    const c = await on(a.app, 'advisor', 'POST', `/migrants/${profileId}/consents`, {
      purpose: 'matching_with_employers',
    });
    expect(c.statusCode, c.body).toBe(201);
    await within(1000, async () => (await candidatesOnB()).includes(profileId));

    const w = await on(a.app, 'advisor', 'POST', `/migrants/${profileId}/consents/${c.json().id}/withdraw`);
    expect(w.statusCode, w.body).toBe(200);
    await within(1000, async () => !(await candidatesOnB()).includes(profileId));

    // The matches route also skips a vacancy it cannot read any more; ask B's index itself.
    const inBIndex = async () => {
      const snapshot = (await b.corridor.services.get('taxonomy').current(bStore.db)).snapshot;
      return (await b.corridor.services.get('matching').index(snapshot)).service.index.hasVacancy(vacancyId);
    };
    expect(await inBIndex()).toBe(true);
    expect((await on(a.app, 'employer', 'DELETE', `/vacancies/${vacancyId}`)).statusCode).toBe(204);
    await within(1000, async () => !(await inBIndex()));
  });
});
