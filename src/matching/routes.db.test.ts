import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../kernel/auth.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { FIXTURE, writeEscoFixture } from '../taxonomy/testing.js';
import { readEscoSnapshot, importEscoSnapshot } from '../taxonomy/index.js';
import { getVacancy } from '../vacancies/index.js';

// The fixture taxonomy: welder (ISCO 7212; essential "use welding equipment", optional "metal joining
// technologies") and nurse assistant (3221; essential "provide basic patient care", optional "work in teams").
const welderProfile = (name: string, overrides: Record<string, unknown> = {}) => ({
  displayName: name,
  profilingConsent: true,
  originCountry: 'MA',
  currentCountry: 'ES',
  currentRegion: 'ES51',
  sex: 'male',
  birthYear: 1988,
  languages: [{ lang: 'es', speaking: 'B2', listening: 'B2' }],
  education: [{ iscedLevel: 3, title: 'Bachillerato', completed: true }],
  experience: [{ occupationUri: FIXTURE.welder, country: 'FR', months: 60, formal: true }],
  skills: [{ uri: FIXTURE.weld, evidence: 'assessed', source: 'assessment' }],
  workAuthorization: {
    migrationStatus: 'temporary protection',
    permits: [
      { country: 'ES', type: 'work-general', validUntil: '2030-01-01', sectors: [], documentNumber: 'Y7654321Z' },
    ],
  },
  seeking: true,
  ...overrides,
});

/** What a consent naming no fields shows an employer (written out: the test checks the product's constant). */
const DEFAULT_FIELDS = ['skills', 'experience', 'languages', 'education', 'qualifications', 'availability'];

describe(`matching routes (${testStoreKind()})`, () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const users: Record<string, AuthUser> = {};
  let serviceOrg = '';
  let vacancyId = '';
  const ids: Record<string, string> = {};

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });
  /** An open welding vacancy of the employer in ES51 (overrides change any field); answers its id. */
  const postVacancy = async (title: string, overrides: Record<string, unknown> = {}) => {
    const r = await inject('POST', '/vacancies', 'employer', {
      title,
      occupationUri: FIXTURE.welder,
      sector: 'C',
      languages: [{ lang: 'es', level: 'B1' }],
      location: { country: 'ES', region: 'ES51' },
      posts: 1,
      contractType: 'permanent',
      employerSponsorsPermit: false,
      employerPaysRecruitmentFees: true,
      ...overrides,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const { snapshot } = readEscoSnapshot([writeEscoFixture({}, '0.0.7')]);
    await importEscoSnapshot(t.store.db, snapshot, { activate: true, source: 'test fixture' });
    serviceOrg = await t.organisation('Servicio de Empleo Norte');
    const otherService = await t.organisation('Another service');
    const employerOrg = await t.organisation('Metal Works SL', 'employer');
    const otherEmployer = await t.organisation('Other employer', 'employer');
    const make = async (key: string, role: AuthUser['role'], org: string) => {
      users[key] = await t.user(role, org);
      h[key] = await t.headersFor(users[key]);
    };
    await make('advisor', 'advisor', serviceOrg);
    await make('otherAdvisor', 'advisor', otherService);
    await make('employer', 'employer', employerOrg);
    await make('otherEmployer', 'employer', otherEmployer);
    await make('migrant', 'migrant', serviceOrg);
    await make('admin', 'org_admin', serviceOrg);

    const create = async (key: string, body: Record<string, unknown>, who = 'advisor') => {
      const r = await inject('POST', '/profiles', who, body);
      expect(r.statusCode, r.body).toBe(201);
      ids[key] = r.json().id;
    };
    await create('consenting', welderProfile('Youssef Amrani', { userId: users.migrant!.id }));
    await create('refusing', welderProfile('Karim Refus'));
    await create('elsewhere', welderProfile('Lina Otherorg'), 'otherAdvisor');
    for (const [key, who] of [
      ['consenting', 'advisor'],
      ['elsewhere', 'otherAdvisor'],
    ] as const) {
      const c = await inject('POST', `/migrants/${ids[key]}/consents`, who, { purpose: 'matching_with_employers' });
      expect(c.statusCode, c.body).toBe(201);
    }
    vacancyId = await postVacancy('Welder, shipyard', { posts: 2 });
    const offer = (title: string, skills: string[], durationHours: number, cost: number) =>
      inject('POST', '/training-offers', 'advisor', {
        title,
        skills,
        durationHours,
        cost,
        currency: 'EUR',
        mode: 'online',
        language: 'es',
      });
    expect((await offer('Patient care, long', [FIXTURE.care], 80, 0)).statusCode).toBe(201);
    expect((await offer('Patient care, short', [FIXTURE.care], 40, 0)).statusCode).toBe(201);
    expect((await offer('Patient care and teamwork', [FIXTURE.care, FIXTURE.teamwork], 60, 200)).statusCode).toBe(201);
    expect((await offer('Metal joining', [FIXTURE.metal], 20, 50)).statusCode).toBe(201);
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows the employer consenting candidates only, cut to the consented fields, explained in the asked language', async () => {
    const r = await inject('GET', `/vacancies/${vacancyId}/candidates?lang=es`, 'employer');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    const got = body.items.map((i: { candidate: { id: string } }) => i.candidate.id).sort();
    // Both consenting people (of any organisation) and never the one who did not consent.
    expect(got).toEqual([ids.consenting, ids.elsewhere].sort());
    const item = body.items.find((i: { candidate: { id: string } }) => i.candidate.id === ids.consenting);
    expect(item.rank).toBeGreaterThanOrEqual(1);
    expect(item.score).toBeGreaterThan(0);
    expect(item.candidate.fields).toEqual(DEFAULT_FIELDS);
    expect(item.candidate.displayName).toBeUndefined();
    expect(item.organisation).toMatchObject({ id: serviceOrg, name: 'Servicio de Empleo Norte' });
    // Default consent: no work-authorisation details, so neither the permit type nor the rule (they can reveal
    // the migration status); the person is still known to be eligible for the vacancy's country and sector.
    expect(item.explanation.eligibility).toMatchObject({ ruleId: '', permitType: '', country: 'ES', sector: 'C' });
    expect(item.explanation.matched).toEqual([{ uri: FIXTURE.weld, evidence: 'assessed', essential: true }]);
    expect(item.explanation.withheld).toEqual(['workAuthorization', 'location']);
    expect(item.text).toEqual([]);
    expect(r.body).not.toContain('work-general');
    expect(body.labels[FIXTURE.weld]).toBe('use welding equipment'); // no Spanish label in the fixture: English
    expect(body.labels[FIXTURE.welder]).toBe('soldador/soldadora');
    for (const secret of ['Youssef', 'Karim', 'Lina', 'temporary protection', 'Y7654321Z', '1988', '"MA"', 'male'])
      expect(r.body).not.toContain(secret);
    expect(item.candidate.workAuthorization).toBeUndefined();
    // The page is audited as one entry per holding organisation and set of fields shown, naming the people in page
    // order, in that organisation's log: here two people of two organisations, so two entries.
    const audited = await t.store.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'action', 'fields', 'organisation_id', 'actor_user_id', 'reason', 'subject_ids'])
      .where('request_id', '=', String(r.headers['x-request-id']))
      .orderBy('id')
      .execute();
    type Shown = { candidate: { id: string; fields: string[] }; organisation: { id: string } };
    const shown = body.items as Shown[];
    expect(new Set(shown.map((i) => i.organisation.id)).size).toBe(2);
    expect(audited).toEqual(
      shown.map((i) => ({
        entity: 'profile',
        entity_id: null,
        action: 'read',
        fields: i.candidate.fields,
        organisation_id: i.organisation.id,
        actor_user_id: users.employer!.id,
        reason: `candidate shortlist of vacancy ${vacancyId}`,
        subject_ids: [i.candidate.id],
      })),
    );
    // The holding organisation's admin finds the read by the person's id.
    const orgAudit = await inject('GET', `/audit?entityId=${ids.consenting}`, 'admin');
    expect(orgAudit.statusCode).toBe(200);
    expect(orgAudit.json().entries).toContainEqual(
      expect.objectContaining({ entityId: null, subjectIds: [ids.consenting], actorUserId: users.employer!.id }),
    );
  });

  it('pages, narrows field scopes, and drops a person the moment consent is withdrawn', async () => {
    const page1 = (await inject('GET', `/vacancies/${vacancyId}/candidates?limit=1`, 'employer')).json();
    expect(page1.items).toHaveLength(1);
    expect(page1.hasMore).toBe(true);
    const page2 = (await inject('GET', `/vacancies/${vacancyId}/candidates?limit=1&offset=1`, 'employer')).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0].rank).toBe(2);
    expect(page2.hasMore).toBe(false);
    expect(page2.items[0].candidate.id).not.toBe(page1.items[0].candidate.id);

    // A consent that includes work authorisation: the rule and permit are shown, and the text in the language.
    const withPermits = await inject('POST', `/migrants/${ids.elsewhere}/consents`, 'otherAdvisor', {
      purpose: 'matching_with_employers',
      fieldScopes: ['skills', 'languages', 'education', 'experience', 'workAuthorization', 'location'],
    });
    expect(withPermits.statusCode, withPermits.body).toBe(201);
    const shown = (await inject('GET', `/vacancies/${vacancyId}/candidates?lang=es`, 'employer')).json();
    const permitted = shown.items.find((i: { candidate: { id: string } }) => i.candidate.id === ids.elsewhere);
    expect(permitted.explanation.eligibility).toMatchObject({ ruleId: 'es-work-general', permitType: 'work-general' });
    expect(permitted.explanation.withheld).toEqual([]);
    expect(permitted.candidate.workAuthorization).toEqual([
      { country: 'ES', type: 'work-general', validUntil: '2030-01-01', sectors: [] },
    ]);
    expect(permitted.text.join('\n')).toContain(
      'Puede aceptar legalmente el empleo con: Permiso de trabajo (España). Sector del empleo: Industrias manufactureras. Regla aplicada: Permiso de trabajo (general): cualquier sector.',
    );
    expect(shown.body ?? JSON.stringify(shown)).not.toContain('Y7654321Z');

    // A consent limited to skills: languages, education and experience are withheld from the explanation too.
    const narrowed = await inject('POST', `/migrants/${ids.elsewhere}/consents`, 'otherAdvisor', {
      purpose: 'matching_with_employers',
      fieldScopes: ['skills', 'displayName'],
    });
    expect(narrowed.statusCode, narrowed.body).toBe(201);
    const after = (await inject('GET', `/vacancies/${vacancyId}/candidates`, 'employer')).json();
    const lina = after.items.find((i: { candidate: { id: string } }) => i.candidate.id === ids.elsewhere);
    expect(lina.candidate.displayName).toBe('Lina Otherorg');
    expect(lina.candidate.languages).toBeUndefined();
    expect(lina.explanation.withheld).toEqual([
      'languages',
      'education',
      'experience',
      'workAuthorization',
      'location',
    ]);
    expect(lina.explanation.languages).toEqual([]);
    expect(lina.text).toEqual([]);

    const consentId = narrowed.json().id;
    const w = await inject('POST', `/migrants/${ids.elsewhere}/consents/${consentId}/withdraw`, 'otherAdvisor');
    expect(w.statusCode, w.body).toBe(200);
    const gone = (await inject('GET', `/vacancies/${vacancyId}/candidates`, 'employer')).json();
    expect(gone.items.map((i: { candidate: { id: string } }) => i.candidate.id)).toEqual([ids.consenting]);
  });

  it('keeps the shortlist to the vacancy’s employer, and to an advisor’s own caseload', async () => {
    expect((await inject('GET', `/vacancies/${vacancyId}/candidates`, 'otherEmployer')).statusCode).toBe(404);
    expect((await inject('GET', `/vacancies/${vacancyId}/candidates`, 'migrant')).statusCode).toBe(403);
    const advisor = await inject('GET', `/vacancies/${vacancyId}/candidates`, 'advisor');
    expect(advisor.statusCode, advisor.body).toBe(200);
    const items = advisor.json().items;
    expect(items.map((i: { candidate: { id: string } }) => i.candidate.id)).toEqual([ids.consenting]);
    expect(items[0].candidate.displayName).toBe('Youssef Amrani');
    expect((await inject('GET', `/vacancies/${vacancyId}/candidates?lang=xx`, 'employer')).statusCode).toBe(400);
  });

  it('lists a person’s matching vacancies for their advisor and themself, consent or not', async () => {
    for (const who of ['advisor', 'migrant']) {
      const r = await inject('GET', `/profiles/${ids.consenting}/matches?lang=fr`, who);
      expect(r.statusCode, r.body).toBe(200);
      const [m] = r.json().items;
      expect(m.vacancy).toMatchObject({ id: vacancyId, title: 'Welder, shipyard' });
      expect(m.employer.name).toBe('Metal Works SL');
      expect(m.explanation.languages).toEqual([{ lang: 'es', required: 'B1', held: 'B2', fit: 'meets' }]);
      expect(m.text.join('\n')).toContain('Peut occuper légalement l’emploi avec : Permis de travail (Espagne).');
    }
    const refusing = (await inject('GET', `/profiles/${ids.refusing}/matches`, 'advisor')).json();
    expect(refusing.items.map((i: { vacancy: { id: string } }) => i.vacancy.id)).toContain(vacancyId);
    // The engine needs the region where a person lives; without it the answer says so instead of failing.
    const noRegion = await inject('POST', '/profiles', 'advisor', welderProfile('Sin Región', { currentRegion: '' }));
    const unmatchable = await inject('GET', `/profiles/${noRegion.json().id}/matches`, 'advisor');
    expect(unmatchable.statusCode, unmatchable.body).toBe(200);
    expect(unmatchable.json()).toMatchObject({ items: [], unmatchable: expect.stringContaining('/location/region') });
    expect((await inject('GET', `/profiles/${ids.consenting}/matches`, 'otherAdvisor')).statusCode).toBe(404);
    expect((await inject('GET', `/profiles/${ids.refusing}/matches`, 'migrant')).statusCode).toBe(404);
    expect((await inject('GET', `/profiles/${ids.consenting}/matches`, 'employer')).statusCode).toBe(403);
  });

  it('gives the skill gap for a vacancy or an occupation with training ranked by coverage, duration, cost', async () => {
    const forVacancy = await inject('GET', `/profiles/${ids.consenting}/gaps?vacancy=${vacancyId}`, 'advisor');
    expect(forVacancy.statusCode, forVacancy.body).toBe(200);
    const gv = forVacancy.json();
    expect(gv.target).toEqual({ kind: 'vacancy', id: vacancyId, label: 'Welder, shipyard' });
    expect(gv.missingEssential).toEqual([]);
    // "metal joining technologies" is optional for welders and related to the held welding skill.
    expect(gv.missingOptional).toEqual([FIXTURE.metal]);
    expect(gv.training.map((x: { offer: { title: string } }) => x.offer.title)).toEqual(['Metal joining']);

    const forNurse = await inject(
      'GET',
      `/profiles/${ids.consenting}/gaps?occupation=${encodeURIComponent(FIXTURE.nurse)}&lang=en`,
      'migrant',
    );
    expect(forNurse.statusCode, forNurse.body).toBe(200);
    const gn = forNurse.json();
    expect(gn.target).toEqual({ kind: 'occupation', id: FIXTURE.nurse, label: 'nurse assistant' });
    expect(gn.missingEssential).toEqual([FIXTURE.care]);
    expect(gn.labels[FIXTURE.care]).toBe('provide basic patient care');
    // Full coverage first (care + teamwork), then the same coverage in fewer hours.
    expect(gn.training.map((x: { offer: { title: string } }) => x.offer.title)).toEqual([
      'Patient care and teamwork',
      'Patient care, short',
      'Patient care, long',
    ]);
    expect(gn.training[0].coverage).toBe(1);
    expect(gn.training[0].provider.name).toBe('Servicio de Empleo Norte');
    expect(gn.plan.uncovered).toEqual([]);
    expect(gn.plan.offerIds).toHaveLength(1);

    expect((await inject('GET', `/profiles/${ids.consenting}/gaps`, 'advisor')).statusCode).toBe(400);
    expect(
      (
        await inject(
          'GET',
          `/profiles/${ids.consenting}/gaps?vacancy=${vacancyId}&occupation=${encodeURIComponent(FIXTURE.nurse)}`,
          'advisor',
        )
      ).statusCode,
    ).toBe(400);
    const unknown = 'http://data.europa.eu/esco/occupation/99999999-9999-9999-9999-999999999999';
    expect(
      (await inject('GET', `/profiles/${ids.consenting}/gaps?occupation=${encodeURIComponent(unknown)}`, 'advisor'))
        .statusCode,
    ).toBe(404);
    expect(
      (await inject('GET', `/profiles/${ids.consenting}/gaps?vacancy=${vacancyId}`, 'otherAdvisor')).statusCode,
    ).toBe(404);
  });

  it('scopes each candidate of one page to their own consents, and re-reads them on every request', async () => {
    type Item = {
      rank: number;
      score: number;
      candidate: { id: string; fields: string[]; displayName?: string; workAuthorization?: unknown };
      explanation: { withheld: string[] };
    };
    const employerOrg = users.employer!.organisationId;
    const consent = async (key: string, body: Record<string, unknown>) => {
      const c = await inject('POST', `/migrants/${ids[key]}/consents`, 'otherAdvisor', body);
      expect(c.statusCode, c.body).toBe(201);
      return c.json().id as string;
    };
    for (const [key, name] of [
      ['scoped', 'Ana Scoped'],
      ['shared', 'Bruno Shared'],
      ['sharedElsewhere', 'Chen Elsewhere'],
    ] as const) {
      const r = await inject('POST', '/profiles', 'otherAdvisor', welderProfile(name));
      expect(r.statusCode, r.body).toBe(201);
      ids[key] = r.json().id;
    }
    const scopedMatching = await consent('scoped', {
      purpose: 'matching_with_employers',
      fieldScopes: ['displayName', 'skills'],
    });
    await consent('shared', { purpose: 'matching_with_employers', fieldScopes: ['languages'] });
    const sharedWithUs = await consent('shared', {
      purpose: 'share_with_organisation',
      organisationId: employerOrg,
      fieldScopes: ['displayName', 'workAuthorization'],
    });
    await consent('sharedElsewhere', { purpose: 'matching_with_employers', fieldScopes: ['languages'] });
    await consent('sharedElsewhere', {
      purpose: 'share_with_organisation',
      organisationId: users.otherEmployer!.organisationId,
      fieldScopes: ['displayName', 'workAuthorization'],
    });

    const shortlist = async () => {
      const r = await inject('GET', `/vacancies/${vacancyId}/candidates?limit=50`, 'employer');
      expect(r.statusCode, r.body).toBe(200);
      const items = r.json().items as Item[];
      const byId = new Map(items.map((i) => [i.candidate.id, i]));
      const audited = await t.store.db
        .selectFrom('audit_log')
        .select(['subject_ids', 'fields'])
        .where('request_id', '=', String(r.headers['x-request-id']))
        .orderBy('id')
        .execute();
      // Every candidate shown is audited with the fields shown, nobody else; one entry per set of fields (all four
      // people are held by one organisation).
      const named = audited.flatMap((a) => (a.subject_ids ?? []).map((id) => ({ id, fields: a.fields })));
      expect(named).toEqual(
        expect.arrayContaining(items.map((i) => ({ id: i.candidate.id, fields: i.candidate.fields }))),
      );
      expect(named).toHaveLength(items.length);
      expect(audited).toHaveLength(new Set(items.map((i) => i.candidate.fields.join())).size);
      return { body: r.body, items, byId };
    };

    const first = await shortlist();
    expect([...first.byId.keys()].sort()).toEqual([ids.consenting, ids.scoped, ids.shared, ids.sharedElsewhere].sort());
    // Ranked order (score, then id) and consecutive ranks: nobody on the page was dropped or moved.
    const ranked = [...first.items].sort((a, b) => b.score - a.score || a.candidate.id.localeCompare(b.candidate.id));
    expect(first.items.map((i) => i.candidate.id)).toEqual(ranked.map((i) => i.candidate.id));
    expect(first.items.map((i) => i.rank)).toEqual(first.items.map((_, i) => i + 1));
    // Each person cut to their own consents, not a neighbour's on the same page.
    const scoped = first.byId.get(ids.scoped!)!;
    expect(scoped.candidate.fields).toEqual(['displayName', 'skills']);
    expect(scoped.candidate.displayName).toBe('Ana Scoped');
    expect(scoped.explanation.withheld).toEqual([
      'languages',
      'education',
      'experience',
      'workAuthorization',
      'location',
    ]);
    // The general consent and the one naming this employer add up.
    const shared = first.byId.get(ids.shared!)!;
    expect(shared.candidate.fields).toEqual(['displayName', 'languages', 'workAuthorization']);
    expect(shared.candidate.displayName).toBe('Bruno Shared');
    expect(shared.candidate.workAuthorization).toBeDefined();
    expect(shared.explanation.withheld).toEqual(['skills', 'education', 'experience', 'location']);
    // A consent naming another employer shows us nothing more.
    const elsewhere = first.byId.get(ids.sharedElsewhere!)!;
    expect(elsewhere.candidate.fields).toEqual(['languages']);
    expect(elsewhere.candidate.displayName).toBeUndefined();
    expect(elsewhere.candidate.workAuthorization).toBeUndefined();
    expect(first.body).not.toContain('Chen');
    expect(first.byId.get(ids.consenting!)!.candidate.fields).toEqual(DEFAULT_FIELDS);

    // Withdrawn between two requests: the next page no longer shows what it covered.
    const w = await inject('POST', `/migrants/${ids.shared}/consents/${sharedWithUs}/withdraw`, 'otherAdvisor');
    expect(w.statusCode, w.body).toBe(200);
    const second = await shortlist();
    expect(second.byId.get(ids.shared!)!.candidate.fields).toEqual(['languages']);
    expect(second.body).not.toContain('Bruno');
    expect(second.byId.get(ids.scoped!)!.candidate.fields).toEqual(['displayName', 'skills']);

    // A withdrawal the index has not seen (stamped before its last refresh): the page's own consent read drops
    // the person, so they are neither shown nor audited.
    await t.store.db
      .updateTable('consent')
      .set({ withdrawn_at: new Date(Date.now() - 3_600_000), withdrawn_by: users.otherAdvisor!.id })
      .where('id', '=', scopedMatching)
      .execute();
    const third = await shortlist();
    expect(third.byId.has(ids.scoped!)).toBe(false);
    expect(third.body).not.toContain('Ana Scoped');
    expect([...third.byId.keys()].sort()).toEqual([ids.consenting, ids.shared, ids.sharedElsewhere].sort());
  });

  it('lists a page of vacancy matches with each vacancy as read on its own, in rank order, page by page', async () => {
    const added = [
      await postVacancy('Welder, night shift', { languages: [{ lang: 'es', level: 'C1' }] }),
      await postVacancy('Welder, apprentice', { minIscedLevel: 5 }),
      await postVacancy('Welder, pipes', { posts: 3 }),
    ];
    const closed = await postVacancy('Welder, filled', { status: 'closed' });

    type Item = { rank: number; score: number; vacancy: { id: string } };
    const matches = async (query: string) => {
      const r = await inject('GET', `/profiles/${ids.consenting}/matches?${query}`, 'advisor');
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { hasMore: boolean; items: Item[] };
    };
    const all = await matches('limit=50');
    const listed = all.items.map((i) => i.vacancy.id);
    expect(listed).toEqual(expect.arrayContaining([vacancyId, ...added]));
    expect(listed).not.toContain(closed);
    expect(all.hasMore).toBe(false);
    expect(all.items.map((i) => i.rank)).toEqual(all.items.map((_, i) => i + 1));
    const byScore = [...all.items].sort((a, b) => b.score - a.score);
    expect(all.items.map((i) => i.score)).toEqual(byScore.map((i) => i.score));
    // Each vacancy as getVacancy reads it (the JSON the response carries), never another one's fields.
    for (const item of all.items)
      expect(item.vacancy).toEqual(JSON.parse(JSON.stringify(await getVacancy(t.store.db, item.vacancy.id))));

    // Two at a time: the same vacancies in the same order, ranks continuing from the offset.
    const paged: Item[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = await matches(`limit=2&offset=${offset}`);
      paged.push(...page.items);
      expect(page.hasMore).toBe(offset + 2 < all.items.length);
      if (!page.hasMore) break;
    }
    expect(paged).toEqual(all.items);
  });

  it('drops a deleted vacancy from the matches instead of failing the page', async () => {
    const withdrawn = await postVacancy('Welder, to be withdrawn');
    const listed = async () => {
      const m = await inject('GET', `/profiles/${ids.consenting}/matches?limit=50`, 'advisor');
      expect(m.statusCode, m.body).toBe(200);
      return m.json() as { items: { rank: number; vacancy: { id: string } }[] };
    };
    expect((await listed()).items.map((i) => i.vacancy.id)).toContain(withdrawn);
    const del = await inject('DELETE', `/vacancies/${withdrawn}`, 'employer');
    expect(del.statusCode, del.body).toBe(204);
    const after = await listed();
    expect(after.items.map((i) => i.vacancy.id)).not.toContain(withdrawn);
    expect(after.items.map((i) => i.vacancy.id)).toContain(vacancyId);
    expect(after.items.map((i) => i.rank)).toEqual(after.items.map((_, i) => i + 1));
  });

  it('answers concurrent requests each from an index that has seen every write made before it was sent', async () => {
    for (let round = 0; round < 3; round++) {
      const added = await postVacancy(`Welder, concurrent ${round}`);
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => inject('GET', `/profiles/${ids.consenting}/matches?limit=50`, 'advisor')),
      );
      for (const r of answers) {
        expect(r.statusCode, r.body).toBe(200);
        expect(r.json().items.map((i: { vacancy: { id: string } }) => i.vacancy.id)).toContain(added);
      }
    }
  });

  it('opens a candidate’s permits only for a card that shows them', async () => {
    type Item = {
      candidate: { id: string; fields: string[]; workAuthorization?: unknown };
      explanation: { withheld: string[]; eligibility: { permitType: string } };
    };
    const created = await inject('POST', '/profiles', 'advisor', welderProfile('Sofía Sealed'));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const c = await inject('POST', `/migrants/${id}/consents`, 'advisor', { purpose: 'matching_with_employers' });
    expect(c.statusCode, c.body).toBe(201);
    const shortlist = async (who: string) => {
      const r = await inject('GET', `/vacancies/${vacancyId}/candidates?limit=50`, who);
      return {
        status: r.statusCode,
        body: r.body,
        item: () => (r.json().items as Item[]).find((i) => i.candidate.id === id),
      };
    };
    // Listed first: the index has then read the person (permits included) and has nothing of theirs left to apply.
    // Waited for, since the index follows only ended transactions and another test's open one can hold it back.
    for (let waited = 0; ; waited += 100) {
      const listed = await shortlist('employer');
      expect(listed.status, listed.body).toBe(200);
      if (listed.item()) break;
      if (waited > 20_000) throw new Error('the consenting person never reached the shortlist');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Make the person's permits unreadable: a read that opens them fails from now on.
    const { permits_enc: sealed } = await t.store.db
      .selectFrom('profile')
      .select('permits_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(sealed).not.toBeNull();
    await t.store.db.updateTable('profile').set({ permits_enc: 'v1:unreadable' }).where('id', '=', id).execute();
    try {
      // The default consent does not share work authorisation: the card and the explanation do without the permits,
      // so the employer's shortlist answers without opening them.
      const employer = await shortlist('employer');
      expect(employer.status, employer.body).toBe(200);
      const item = employer.item()!;
      expect(item.candidate.fields).toEqual(DEFAULT_FIELDS);
      expect(item.candidate.workAuthorization).toBeUndefined();
      expect(item.explanation.withheld).toContain('workAuthorization');
      expect(item.explanation.eligibility.permitType).toBe('');
      // The advisor's view of their own caseload shows every field, permits included: it must open them, and
      // cannot (what shows the unreadable permits above were really never opened).
      expect((await shortlist('advisor')).status).toBe(500);
    } finally {
      await t.store.db.updateTable('profile').set({ permits_enc: sealed }).where('id', '=', id).execute();
    }
    const advisor = await shortlist('advisor');
    expect(advisor.status, advisor.body).toBe(200);
    expect(advisor.item()!.candidate.workAuthorization).toEqual([
      { country: 'ES', type: 'work-general', validUntil: '2030-01-01', sectors: [] },
    ]);
  });

  it('matches a person for staff only under the profiling consent, and as last written', async () => {
    const created = await inject('POST', '/profiles', 'advisor', welderProfile('Paula Profiling'));
    expect(created.statusCode, created.body).toBe(201);
    const profile = created.json();
    const matches = () => inject('GET', `/profiles/${profile.id}/matches?limit=50`, 'advisor');
    const first = await matches();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items.map((i: { vacancy: { id: string } }) => i.vacancy.id)).toContain(vacancyId);

    // A change to the person counts from the next request (here: no region, which the engine refuses).
    const moved = await inject('PUT', `/profiles/${profile.id}`, 'advisor', {
      ...welderProfile('Paula Profiling', { currentRegion: '' }),
      version: profile.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const refused = await matches();
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ items: [], unmatchable: expect.stringContaining('/location/region') });

    const listed = await inject('GET', `/migrants/${profile.id}/consents`, 'advisor');
    const profiling = (listed.json().consents as { id: string; purpose: string }[]).find(
      (x) => x.purpose === 'profiling',
    )!;
    const w = await inject('POST', `/migrants/${profile.id}/consents/${profiling.id}/withdraw`, 'advisor');
    expect(w.statusCode, w.body).toBe(200);
    const withdrawn = await matches();
    expect(withdrawn.statusCode, withdrawn.body).toBe(409);
    expect(withdrawn.json().error.code).toBe('consent_withdrawn');
    // Never recorded at all (the records gone): asked for, not assumed.
    await t.store.db.deleteFrom('consent').where('migrant_id', '=', profile.id).execute();
    const none = await matches();
    expect(none.statusCode, none.body).toBe(409);
    expect(none.json().error.code).toBe('consent_required');
  });
});
