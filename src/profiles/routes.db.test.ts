import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { giveConsent } from '../identity/index.js';
import type { AuthUser } from '../kernel/auth.js';
import { findPersonCipher } from '../kernel/person-keys.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { fuzzMalformedJson, fuzzWriteRoute, INJECTIONS } from '../testing/fuzz.js';
import { sampleProfile, URI } from './testing.js';
import { readEscoSnapshot, importEscoSnapshot } from '../taxonomy/index.js';
import { FIXTURE, writeEscoFixture } from '../taxonomy/testing.js';

describe(`profile routes (${testStoreKind()})`, () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let employerOrg: string;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await t.organisation();
    orgB = await t.organisation();
    employerOrg = await t.organisation(undefined, 'employer');
    const make = async (key: string, role: AuthUser['role'], org: string) => {
      u[key] = await t.user(role, org);
      h[key] = await t.headersFor(u[key]!);
    };
    await make('advisorA', 'advisor', orgA);
    await make('adminA', 'org_admin', orgA);
    await make('migrantA', 'migrant', orgA);
    await make('migrantA2', 'migrant', orgA);
    await make('advisorB', 'advisor', orgB);
    await make('analystA', 'analyst', orgA);
    await make('employer', 'employer', employerOrg);
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });

  const profileCount = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from profile`.execute(t.store.db)).rows[0]!.n;

  it('lets an advisor create, list and read in their caseload; other organisations see nothing', async () => {
    const created = await inject('POST', '/profiles', 'advisorA', sampleProfile({ userId: u.migrantA!.id }));
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    expect(p.organisationId).toBe(orgA);
    expect(p.workAuthorization.migrationStatus).toBeUndefined();
    expect(p.workAuthorization.permits[0].documentNumber).toBeUndefined();

    expect((await inject('GET', `/profiles/${p.id}`, 'advisorA')).statusCode).toBe(200);
    expect((await inject('GET', `/profiles/${p.id}`, 'adminA')).statusCode).toBe(200);
    expect((await inject('GET', `/profiles/${p.id}`, 'advisorB')).statusCode).toBe(404);
    expect((await inject('GET', `/profiles/${p.id}`, 'analystA')).statusCode).toBe(403);
    expect((await inject('GET', `/profiles/${p.id}`, 'migrantA2')).statusCode).toBe(404);
    expect((await inject('GET', `/profiles/${p.id}`, 'migrantA')).statusCode).toBe(200);
    expect((await inject('GET', '/profiles/me', 'migrantA')).json().id).toBe(p.id);

    const listA = (await inject('GET', '/profiles', 'advisorA')).json().items as { id: string }[];
    expect(listA.map((x) => x.id)).toContain(p.id);
    const listB = (await inject('GET', '/profiles', 'advisorB')).json().items as { id: string }[];
    expect(listB.map((x) => x.id)).not.toContain(p.id);
  });

  it('audits sensitive reads and returns decrypted values only then', async () => {
    const p = (await inject('POST', '/profiles', 'advisorA', sampleProfile())).json();
    const res = await inject('GET', `/profiles/${p.id}?include=sensitive&reason=permit%20check`, 'advisorA');
    expect(res.statusCode).toBe(200);
    expect(res.json().workAuthorization.migrationStatus).toBe('temporary protection');
    expect(res.json().workAuthorization.permits[0].documentNumber).toBe('Y1234567Z');
    const entries = await t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'profile')
      .where('entity_id', '=', p.id)
      .where('action', '=', 'read')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor_user_id).toBe(u.advisorA!.id);
    // A reason code; the reader's own words only encrypted under the person's key (shredded on erasure).
    expect(entries[0]!.reason).toBe('sensitive-read');
    expect(entries[0]!.note_enc).not.toContain('permit');
    const mine = await findPersonCipher(t.store.db, t.app.corridor.cipher, p.id);
    expect(mine!.decrypt(entries[0]!.note_enc!, `audit.note:${p.id}`)).toBe('permit check');
    expect(entries[0]!.fields).toContain('workAuthorization.migrationStatus');
  });

  it('replaces with optimistic versions and keeps a migrant from vouching for their own skills', async () => {
    const p = (await inject('POST', '/profiles', 'advisorA', sampleProfile({ userId: u.migrantA2!.id }))).json();
    const ok = await inject('PUT', `/profiles/${p.id}`, 'advisorA', {
      ...sampleProfile({ userId: u.migrantA2!.id }),
      displayName: 'Renamed',
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await inject('PUT', `/profiles/${p.id}`, 'advisorA', { ...sampleProfile(), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.path).toBe('body.version');

    const body = sampleProfile({ userId: u.migrantA2!.id, version: 2 });
    (body.skills as { evidence: string }[]).push({
      uri: URI.skillC,
      evidence: 'certified',
      source: 'certificate',
    } as never);
    const vouch = await inject('PUT', `/profiles/${p.id}`, 'migrantA2', body);
    expect(vouch.statusCode).toBe(400);
    expect(vouch.json().error.path).toBe('body.skills.2.evidence');
    (body.skills as { evidence: string }[])[2]!.evidence = 'self-declared';
    const own = await inject('PUT', `/profiles/${p.id}`, 'migrantA2', body);
    expect(own.statusCode, own.body).toBe(200);
    // A replace that omits userId keeps the linked account.
    const noUser: Record<string, unknown> = { ...body, version: 3 };
    delete noUser.userId;
    const kept = await inject('PUT', `/profiles/${p.id}`, 'advisorA', noUser);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().userId).toBe(u.migrantA2!.id);
  });

  it('shows employers a candidate only under consent, cut to the consented fields', async () => {
    const p = (await inject('POST', '/profiles', 'advisorA', sampleProfile())).json();
    const view = () => inject('GET', `/profiles/${p.id}/candidate-view`, 'employer');
    expect((await view()).statusCode).toBe(404);
    expect((await inject('GET', `/profiles/${p.id}/candidate-view`, 'advisorA')).statusCode).toBe(403);

    const actor = { db: t.store.db, user: u.advisorA! };
    const general = await giveConsent(actor, {
      migrantId: p.id,
      organisationId: orgA,
      purpose: 'matching_with_employers',
    });
    const res = await view();
    expect(res.statusCode, res.body).toBe(200);
    const text = res.body;
    expect(res.json().fields).toEqual([
      'skills',
      'experience',
      'languages',
      'education',
      'qualifications',
      'availability',
    ]);
    // Experience keeps the country it was gained in (the migrant consented to show experience), nothing else of origin.
    for (const word of [
      'Amina',
      'female',
      '1994',
      'originCountry',
      'temporary protection',
      'Y1234567Z',
      'cuisinière',
    ]) {
      expect(text).not.toContain(word);
    }
    // A consent naming this employer and the name field adds the name; withdrawing the general one keeps that.
    await giveConsent(actor, {
      migrantId: p.id,
      organisationId: orgA,
      purpose: 'share_with_organisation',
      targetOrganisationId: employerOrg,
      fieldScopes: ['displayName', 'skills', 'sex', 'birthYear'],
    });
    const { withdrawConsent } = await import('../identity/index.js');
    await withdrawConsent(actor, p.id, general.id);
    const named = (await view()).json();
    expect(named.fields).toEqual(['displayName', 'skills']);
    expect(named.displayName).toBe('Amina K.');
    expect(JSON.stringify(named)).not.toContain('female');
  });

  it('refuses hostile input to POST /profiles with a field path, never 5xx, writing nothing', async () => {
    const before = await profileCount();
    const result = await fuzzWriteRoute({
      app: t.app,
      method: 'POST',
      url: '/api/v1/profiles',
      headers: h.advisorA!,
      // userId present so that the fuzzer mutates it too.
      validBody: sampleProfile({ userId: null }),
      fingerprint: async () => String(await profileCount()),
      runs: 150,
    });
    expect(result.refused).toBeGreaterThan(100);
    expect(await profileCount()).toBe(before + result.accepted);
    await fuzzMalformedJson({
      app: t.app,
      method: 'POST',
      url: '/api/v1/profiles',
      headers: h.advisorA!,
      validBody: sampleProfile(),
      fingerprint: async () => String(await profileCount()),
    });
  });

  it('refuses hostile input to PUT /profiles/:id with a field path, never 5xx, changing nothing', async () => {
    const p = (await inject('POST', '/profiles', 'advisorA', sampleProfile())).json();
    const fingerprint = async () => {
      const row = await t.store.db
        .selectFrom('profile')
        .select([
          'version',
          sql<string>`md5(display_name || coalesce(display_name_enc, '') || skills::text || permits::text)`.as('h'),
        ])
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      return `${row.version}:${row.h}:${await profileCount()}`;
    };
    const currentBody = async () => {
      const row = await t.store.db
        .selectFrom('profile')
        .select('version')
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      return { ...sampleProfile(), version: row.version };
    };
    await fuzzWriteRoute({
      app: t.app,
      method: 'PUT',
      url: `/api/v1/profiles/${p.id}`,
      headers: h.advisorA!,
      validBody: currentBody,
      fingerprint,
      runs: 120,
    });
    await fuzzMalformedJson({
      app: t.app,
      method: 'PUT',
      url: `/api/v1/profiles/${p.id}`,
      headers: h.advisorA!,
      validBody: await currentBody(),
      fingerprint,
      runs: 40,
    });
    // Control characters in an id never reach the database (PostgreSQL refuses NUL in text).
    for (const userId of ['\u0000', 'a\u0000b', "x' OR '1'='1"]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/profiles/${p.id}`,
        headers: h.advisorA!,
        payload: { ...(await currentBody()), userId },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.path).toBe('body.userId');
    }
    // Numbers beyond the database's integer range are refused, not passed on.
    for (const version of [2 ** 31, 2 ** 40, 2 ** 53 + 2]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/profiles/${p.id}`,
        headers: h.advisorA!,
        payload: { ...(await currentBody()), version },
      });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
    }
    // Hostile ids in the path are 4xx too.
    for (const id of ["1' OR '1'='1", '%00', 'x'.repeat(5000), '😀']) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/profiles/${encodeURIComponent(id)}`,
        headers: h.advisorA!,
        payload: await currentBody(),
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it('answers hostile list queries with 4xx or a (scoped) list, never 5xx', async () => {
    const lists: [string, string[]][] = [
      ['/profiles', ['limit', 'offset', 'name', 'seeking']],
      ['/vacancies', ['status', 'country', 'occupationUri', 'limit', 'offset']],
      ['/training-offers', ['skill', 'mode', 'language', 'country', 'mine', 'limit', 'offset']],
    ];
    const encode = (v: string) => {
      try {
        return encodeURIComponent(v);
      } catch {
        return null; // a lone surrogate cannot be put in a URL at all
      }
    };
    const values = [...INJECTIONS, '-1', '1e309', '99999999999999999999', '', 'true', '[]', '{}', 'x'.repeat(5000)]
      .map(encode)
      .filter((v): v is string => v !== null)
      .concat(['%ZZ', '%', '%00', 'a&a=b', '%C0%AF']); // raw, malformed percent-encoding included
    for (const [url, params] of lists) {
      for (const param of params) {
        for (const value of values) {
          const res = await t.app.inject({
            method: 'GET',
            url: `/api/v1${url}?${param}=${value}`,
            headers: h.advisorA,
          });
          expect(res.statusCode, `${url}?${param}=${value.slice(0, 30)}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode === 400) expect(res.json().error.path).toMatch(/^query/);
        }
      }
    }
  });

  it('stores the contact language and interview step: set, read back, validated, kept when omitted, versioned', async () => {
    const migrant = await t.user('migrant', orgA);
    const mh = await t.headersFor(migrant);
    const created = await inject(
      'POST',
      '/profiles',
      'advisorA',
      sampleProfile({ userId: migrant.id, contactLanguage: 'AR-eg', interviewStep: 1 }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    // Canonical BCP-47 form.
    expect(p.contactLanguage).toBe('ar-EG');
    expect(p.interviewStep).toBe(1);

    const moved = await inject('PUT', `/profiles/${p.id}`, 'advisorA', {
      ...sampleProfile({ userId: migrant.id }),
      contactLanguage: 'fr',
      interviewStep: 3,
      version: 1,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const read = (await inject('GET', `/profiles/${p.id}`, 'advisorA')).json();
    expect([read.contactLanguage, read.interviewStep, read.version]).toEqual(['fr', 3, 2]);
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/profiles/me', headers: mh });
    expect([own.json().contactLanguage, own.json().interviewStep]).toEqual(['fr', 3]);
    const card = ((await inject('GET', '/profiles', 'advisorA')).json().items as { id: string }[]).find(
      (x) => x.id === p.id,
    );
    expect(card).toMatchObject({ contactLanguage: 'fr' });

    // Omitted keeps (clients that do not know the fields), null clears.
    const kept = await inject('PUT', `/profiles/${p.id}`, 'advisorA', { ...sampleProfile(), version: 2 });
    expect(kept.statusCode, kept.body).toBe(200);
    expect([kept.json().contactLanguage, kept.json().interviewStep]).toEqual(['fr', 3]);

    // The migrant sets their own language.
    const mine = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/profiles/${p.id}`,
      headers: mh,
      payload: {
        ...sampleProfile({ skills: [] }),
        contactLanguage: 'es',
        interviewStep: null,
        version: 3,
      },
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect([mine.json().contactLanguage, mine.json().interviewStep]).toEqual(['es', null]);

    for (const [field, value, path] of [
      ['contactLanguage', 'english', 'body.contactLanguage'],
      ['contactLanguage', 'fr_FR', 'body.contactLanguage'],
      ['contactLanguage', 'qq', 'body.contactLanguage'],
      ['contactLanguage', 7, 'body.contactLanguage'],
      ['interviewStep', 8, 'body.interviewStep'],
      ['interviewStep', -1, 'body.interviewStep'],
      ['interviewStep', 2.5, 'body.interviewStep'],
    ] as const) {
      const bad = await inject('PUT', `/profiles/${p.id}`, 'advisorA', {
        ...sampleProfile(),
        [field]: value,
        version: 4,
      });
      expect(bad.statusCode, `${field}=${value}: ${bad.body}`).toBe(400);
      expect(bad.json().error.path).toBe(path);
      const badCreate = await inject('POST', '/profiles', 'advisorA', sampleProfile({ [field]: value }));
      expect(badCreate.statusCode).toBe(400);
      expect(badCreate.json().error.path).toBe(path);
    }

    // A stale version changes nothing.
    const stale = await inject('PUT', `/profiles/${p.id}`, 'advisorA', {
      ...sampleProfile(),
      contactLanguage: 'en',
      interviewStep: 7,
      version: 3,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.path).toBe('body.version');
    const after = (await inject('GET', `/profiles/${p.id}`, 'advisorA')).json();
    expect([after.contactLanguage, after.interviewStep, after.version]).toEqual(['es', null, 4]);

    // Employers never see it, whatever the consent (no purpose or scope covers contact details).
    await giveConsent(
      { db: t.store.db, user: u.advisorA! },
      {
        migrantId: p.id,
        organisationId: orgA,
        purpose: 'share_with_organisation',
        targetOrganisationId: employerOrg,
        fieldScopes: ['displayName', 'languages', 'location', 'contactLanguage'],
      },
    );
    const view = await inject('GET', `/profiles/${p.id}/candidate-view`, 'employer');
    expect(view.statusCode, view.body).toBe(200);
    expect(view.body).not.toMatch(/contactLanguage|interviewStep/);

    // Part of the migrant's data export; gone after erasure.
    const exported = (await inject('GET', `/migrants/${p.id}/export`, 'advisorA')).json().sections.profile;
    expect([exported.contactLanguage, exported.interviewStep]).toEqual(['es', null]);
    await inject('POST', `/migrants/${p.id}/erasure`, 'adminA', { confirm: true, reason: 'asked' });
    const row = await t.store.db.selectFrom('profile').selectAll().where('id', '=', p.id).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('records citizenships (several, none = stateless, or not recorded), kept when omitted; withdrawn codes refused', async () => {
    const created = await inject('POST', '/profiles', 'advisorA', sampleProfile({ citizenships: ['SN', 'FR'] }));
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    expect(p.citizenships).toEqual(['SN', 'FR']);
    const kept = await inject('PUT', `/profiles/${p.id}`, 'advisorA', { ...sampleProfile(), version: 1 });
    expect(kept.json().citizenships).toEqual(['SN', 'FR']);
    const stateless = await inject('PUT', `/profiles/${p.id}`, 'advisorA', {
      ...sampleProfile(),
      citizenships: [],
      version: 2,
    });
    expect(stateless.json().citizenships).toEqual([]);
    const cleared = await inject('PUT', `/profiles/${p.id}`, 'advisorA', {
      ...sampleProfile(),
      citizenships: null,
      version: 3,
    });
    expect(cleared.json().citizenships).toBeNull();
    expect((await inject('POST', '/profiles', 'advisorA', sampleProfile())).json().citizenships).toBeNull();

    const before = await profileCount();
    for (const [value, path, reason] of [
      [['YU'], 'body.citizenships.0', /not a current ISO 3166-1/],
      [['SN', 'DD'], 'body.citizenships.1', /not a current ISO 3166-1/],
      [['ZZ'], 'body.citizenships.0', /not a current ISO 3166-1/],
      [['SN', 'SN'], 'body.citizenships', /./],
      ['SN', 'body.citizenships', /./],
    ] as const) {
      const bad = await inject('POST', '/profiles', 'advisorA', sampleProfile({ citizenships: value as never }));
      expect(bad.statusCode, `${JSON.stringify(value)}: ${bad.body}`).toBe(400);
      expect(bad.json().error.path).toBe(path);
      expect(bad.json().error.message).toMatch(reason);
    }
    expect(await profileCount()).toBe(before);
  });

  it('takes part in data export and erasure through the data-rights routes', async () => {
    const migrant = await t.user('migrant', orgA);
    const p = (await inject('POST', '/profiles', 'advisorA', sampleProfile({ userId: migrant.id }))).json();
    const exported = await inject('GET', `/migrants/${p.id}/export`, 'advisorA');
    expect(exported.statusCode, exported.body).toBe(200);
    const section = exported.json().sections.profile;
    expect(section.workAuthorization.migrationStatus).toBe('temporary protection');
    expect(section.workAuthorization.permits[0].documentNumber).toBe('Y1234567Z');

    const erased = await inject('POST', `/migrants/${p.id}/erasure`, 'adminA', {
      confirm: true,
      reason: 'asked in person',
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json().erased.profile).toBe(1);
    expect((await inject('GET', `/profiles/${p.id}`, 'advisorA')).statusCode).toBe(404);
    // No anonymised_statistics consent: nothing is kept (test/security/erasure.db.test.ts covers the remainder).
    const row = await t.store.db.selectFrom('profile').selectAll().where('id', '=', p.id).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  // Last: it loads a (fixture) taxonomy into this store, after which only fixture codes pass the existence checks.
  it('suggests ESCO codes for free text without storing anything, and survives hostile text', async () => {
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.1')]);
    await importEscoSnapshot(t.store.db, snapshot, { activate: true, source: 'test fixture' });
    const before = await profileCount();
    const occ = await inject('POST', '/profiles/code-suggestions', 'migrantA', { kind: 'occupation', text: 'welder' });
    expect(occ.statusCode, occ.body).toBe(200);
    expect(occ.json().needsConfirmation).toBe(true);
    expect(occ.json().taxonomyVersion).toBe('0.0.1');
    expect(occ.json().suggestions[0]).toMatchObject({ uri: FIXTURE.welder, isco: '7212' });
    const skills = await inject('POST', '/profiles/code-suggestions', 'advisorA', {
      kind: 'skills',
      text: 'I can use welding equipment and I work in teams.',
    });
    expect(skills.statusCode, skills.body).toBe(200);
    expect(skills.json().suggestions.map((x: { uri: string }) => x.uri)).toContain(FIXTURE.weld);
    // Without a language, the text is read in its own (told from its words), not in the reader's.
    expect(skills.json()).toMatchObject({ lang: 'en', langDetected: true });
    const spanish = await inject('POST', '/profiles/code-suggestions', 'advisorA', {
      kind: 'skills',
      text: 'Hago las camas y limpio las habitaciones del hotel.',
      labelLang: 'en',
    });
    expect(spanish.json()).toMatchObject({ lang: 'es', langDetected: true });
    const forced = await inject('POST', '/profiles/code-suggestions', 'advisorA', {
      kind: 'skills',
      text: 'Hago las camas y limpio las habitaciones del hotel.',
      lang: 'en',
    });
    expect(forced.json()).toMatchObject({ lang: 'en', langDetected: false });
    // Labels in the reader's language.
    const inSpanish = await inject('POST', '/profiles/code-suggestions', 'advisorA', {
      kind: 'occupation',
      text: 'welder',
      labelLang: 'es',
    });
    expect(inSpanish.json().suggestions[0]).toMatchObject({ uri: FIXTURE.welder, label: 'soldador/soldadora' });
    // A code refused by the loaded taxonomy names its field.
    const unknown = await inject('POST', '/profiles', 'advisorA', sampleProfile());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.path).toBe('body.experience.0.occupationUri');
    await fuzzWriteRoute({
      app: t.app,
      method: 'POST',
      url: '/api/v1/profiles/code-suggestions',
      headers: h.advisorA!,
      validBody: {
        kind: 'skills',
        text: 'I can use welding equipment',
        description: 'in a workshop',
        lang: 'en',
        top: 5,
      },
      fingerprint: async () => String(await profileCount()),
      runs: 80,
    });
    expect(await profileCount()).toBe(before);
  });
});
