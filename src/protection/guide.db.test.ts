// The hiring guide on both stores: one source with matching's eligibility rules (what a permit allows is the rule
// itself), in the reader's language, admin-edited in versions with a review date, seed content marked as example.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../kernel/auth.js';
import { deleteEligibilityRule, putEligibilityRule } from '../matching/index.js';
import { createTestApp, type TestApp } from '../testing/app.js';

const text = (allows: string) => ({
  allows,
  steps: ['Step one'],
  documents: [],
  obligations: [],
  incentives: [],
  help: [],
});

describe(`hiring guide (${testStoreKind()})`, () => {
  let t: TestApp;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const employerOrg = await t.organisation(undefined, 'employer');
    const gov = await t.organisation(undefined, 'government');
    for (const [key, role, org] of [
      ['employer', 'employer', employerOrg],
      ['admin', 'platform_admin', gov],
      ['migrant', 'migrant', gov],
    ] as const) {
      u[key] = await t.user(role, org);
      h[key] = await t.headersFor(u[key]!);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = (method: 'GET' | 'PUT', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });

  it('lists every permit type of a country with its guide, in the language asked, marked as example data', async () => {
    const r = await inject('GET', '/protection/guides?country=ES&lang=es', 'employer');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as {
      ruleId: string;
      lang: string;
      example: boolean;
      text: { steps: string[] } | null;
    }[];
    expect(items.map((g) => g.ruleId).sort()).toEqual([
      'es-highly-qualified',
      'es-international-protection',
      'es-resident',
      'es-seasonal',
      'es-student',
      'es-work-general',
    ]);
    const general = items.find((g) => g.ruleId === 'es-work-general')!;
    expect(general).toMatchObject({ lang: 'es', example: true, sectors: ['*'], version: 1, changeOfEmployer: 'free' });
    expect(general.text!.steps[2]).toBe('Dé de alta a la persona en la Seguridad Social antes del primer día.');
    // A rule without a written guide still says what it allows (from the rule) and that no guide exists yet.
    expect(items.find((g) => g.ruleId === 'es-student')).toMatchObject({
      text: null,
      version: null,
      sectors: ['G', 'I', 'N'],
    });
    const ar = (await inject('GET', '/protection/guides/es-seasonal?lang=ar', 'migrant')).json();
    expect(ar).toMatchObject({ lang: 'ar', iscoPrefixes: ['6', '9'], hoursPerWeek: 40 });
    expect(ar.text.obligations).toContain('دفع تكاليف السفر');
  });

  it('is one source with the eligibility rules matching applies', async () => {
    const admin = { user: u.admin! };
    const kernel = t.app.corridor.kernel;
    await kernel.execute(putEligibilityRule, admin, {
      id: 'es-seasonal',
      country: 'ES',
      permitType: 'seasonal',
      sectors: ['A'],
      iscoPrefixes: ['6'],
      description: 'Seasonal permit: agriculture only',
      example: true,
    });
    const g = (await inject('GET', '/protection/guides/es-seasonal', 'employer')).json();
    expect(g).toMatchObject({
      sectors: ['A'],
      iscoPrefixes: ['6'],
      ruleDescription: 'Seasonal permit: agriculture only',
    });
    // A rule removed from matching is gone from the guide too.
    await kernel.execute(deleteEligibilityRule, admin, { id: 'es-student' });
    const list = (await inject('GET', '/protection/guides?country=ES', 'employer')).json().items as {
      ruleId: string;
    }[];
    expect(list.map((x) => x.ruleId)).not.toContain('es-student');
    expect((await inject('GET', '/protection/guides/es-student', 'employer')).statusCode).toBe(404);
  });

  it('is edited by platform admins in versions with a review date; a stale edit is refused', async () => {
    const edit = {
      baseVersion: 1,
      hoursPerWeek: null,
      changeOfEmployer: 'with-authorisation',
      durationMonths: 24,
      reviewBy: '2020-01-01',
      example: false,
      text: { en: text('Any employer, after authorisation') },
    };
    expect((await inject('PUT', '/protection/guides/es-work-general', 'employer', edit)).statusCode).toBe(403);
    const v2 = await inject('PUT', '/protection/guides/es-work-general', 'admin', edit);
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toEqual({ ruleId: 'es-work-general', version: 2 });
    const stale = await inject('PUT', '/protection/guides/es-work-general', 'admin', edit);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');

    // Version 2 has English only: a Spanish reader gets it in English, said so; it is past its review date.
    const g = (await inject('GET', '/protection/guides/es-work-general?lang=es', 'employer')).json();
    expect(g).toMatchObject({ version: 2, lang: 'en', reviewOverdue: true, durationMonths: 24, example: true });
    expect(g.text.allows).toBe('Any employer, after authorisation');
    // The seed rule itself is example data, so the guide stays marked as example even when its text is not.
    const versions = (await inject('GET', '/protection/guides/es-work-general/versions', 'admin')).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1].example).toBe(true);
    expect((await inject('GET', '/protection/guides/es-work-general/versions', 'employer')).statusCode).toBe(403);
    const unknown = await inject('PUT', '/protection/guides/xx-none', 'admin', { ...edit, baseVersion: 0 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.path).toBe('params.ruleId');
  });
});
