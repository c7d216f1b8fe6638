// Issue 11, finding 2: one person cannot stall the server with CVs. Rendering runs in worker threads with a
// per-person limit and a bounded queue, so /health keeps answering while several full-size CVs render.
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../src/db/testing.js';
import type { AuthUser } from '../../src/kernel/auth.js';
import { sampleProfile, URI } from '../../src/profiles/testing.js';
import { createTestApp, type TestApp } from '../../src/testing/app.js';

const words = 'welding pipes in shipyards, reading plans, checking seams, training apprentices; ';
const long = (n: number) => words.repeat(Math.ceil(n / words.length)).slice(0, n);

/** The largest profile the schema accepts: 50 experiences × 2,000 characters, 30 education, 30 qualifications. */
const fullSize = () =>
  sampleProfile({
    experience: Array.from({ length: 50 }, (_, i) => ({
      occupationUri: URI.cook,
      title: `Job ${i} ${long(250)}`,
      country: 'MA',
      months: 12,
      formal: i % 2 === 0,
      description: long(2000),
    })),
    education: Array.from({ length: 30 }, (_, i) => ({
      iscedLevel: 3,
      title: `Course ${i} ${long(250)}`,
      institution: long(250),
      completed: true,
    })),
    qualifications: Array.from({ length: 30 }, (_, i) => ({ title: `Certificate ${i} ${long(250)}`, eqfLevel: 3 })),
  });

describe(`CV rendering off the event loop (${testStoreKind()})`, () => {
  let t: TestApp;
  const advisors: { user: AuthUser; h: Record<string, string> }[] = [];
  let profileId = '';

  beforeAll(async () => {
    t = await createTestApp();
    const org = await t.organisation();
    for (let i = 0; i < 3; i++) {
      const user = await t.user('advisor', org);
      advisors.push({ user, h: await t.headersFor(user) });
    }
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profiles',
      headers: advisors[0]!.h,
      payload: fullSize(),
    });
    expect(made.statusCode, made.body).toBe(201);
    profileId = made.json().id;
  }, 120_000);
  afterAll(async () => t?.close());

  const cv = (who: number, lang = 'en') =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/profiles/${profileId}/cv.pdf?lang=${lang}`,
      headers: advisors[who]!.h,
    });

  it('keeps /health answering while six full-size CVs render, and renders them in worker threads', async () => {
    const renders = [0, 0, 1, 1, 2, 2].map((who, i) => cv(who, ['en', 'es', 'fr', 'ar', 'en', 'es'][i]));
    let done = false;
    void Promise.all(renders).finally(() => (done = true));
    const health: number[] = [];
    // Sample /health while the renders are running.
    while (!done) {
      const start = performance.now();
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      health.push(performance.now() - start);
      expect(r.statusCode).toBe(200);
      await new Promise((res) => setTimeout(res, 20));
    }
    const answers = await Promise.all(renders);
    for (const a of answers) {
      expect(a.statusCode, a.body.slice(0, 200)).toBe(200);
      expect(a.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const pool = t.app.corridor.services.get('cvRender');
    expect(pool.renderedOn.size).toBeGreaterThan(0);
    expect([...pool.renderedOn]).not.toContain(threadId);
    // On the main thread one render held the loop for seconds; now /health is answered many times meanwhile, and
    // (generously, on a shared 2-core machine) never waits a second. docs/BENCHMARKS.md has the measured figures.
    expect(health.length).toBeGreaterThan(5);
    expect(Math.max(...health)).toBeLessThan(1000);
  });

  it('limits one person to two CVs at a time (429 with a reason), others unaffected', async () => {
    const three = await Promise.all([cv(0), cv(0), cv(0), cv(1)]);
    const codes = three.map((r) => r.statusCode);
    expect(codes.slice(0, 3).sort()).toEqual([200, 200, 429]);
    expect(codes[3]).toBe(200);
    const refused = three.find((r) => r.statusCode === 429)!;
    expect(refused.json().error.code).toBe('cv_busy');
  });
});
