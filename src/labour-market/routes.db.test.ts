import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { testStoreKind } from '../db/testing.js';
import type { AuthUser } from '../kernel/auth.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { FIXTURE, writeEscoFixture } from '../taxonomy/testing.js';
import { readEscoSnapshot, importEscoSnapshot, type EscoSnapshot } from '../taxonomy/index.js';
import { instanceCipher } from '../kernel/person-keys.js';
import { STATUS_CATEGORIES } from './statistics.js';
import { allJobSeekers, allVacancies, jobSeekersById, readSettings } from './store.js';

const person = (name: string, occupationUri: string, overrides: Record<string, unknown> = {}) => ({
  displayName: name,
  originCountry: 'MA',
  currentCountry: 'ES',
  currentRegion: 'ES51',
  sex: 'female',
  birthYear: 1990,
  education: [{ iscedLevel: 3, title: 'Bachillerato', completed: true }],
  experience: [{ occupationUri, country: 'MA', months: 36, formal: true }],
  skills: [
    { uri: occupationUri === FIXTURE.welder ? FIXTURE.weld : FIXTURE.care, evidence: 'assessed', source: 'assessment' },
  ],
  workAuthorization: {
    migrationStatus: 'asylum seeker',
    permits: [{ country: 'ES', type: 'international-protection', validUntil: '2030-01-01', sectors: [] }],
  },
  seeking: true,
  ...overrides,
});

describe(`labour-market routes (${testStoreKind()})`, () => {
  let t: TestApp;
  let snapshot: EscoSnapshot;
  const h: Record<string, Record<string, string>> = {};
  const users: Record<string, AuthUser> = {};
  const welders: string[] = [];
  const consents: Record<string, string> = {};

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string | null, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who ? h[who] : {},
      ...(payload ? { payload: payload as object } : {}),
    });
  const model = async () => t.app.corridor.services.get('labourMarket').model(snapshot);

  async function addPerson(who: string, body: Record<string, unknown>, consent = true): Promise<string> {
    const r = await inject('POST', '/profiles', who, { profilingConsent: true, ...body });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    if (consent) {
      const c = await inject('POST', `/migrants/${id}/consents`, who, { purpose: 'anonymised_statistics' });
      expect(c.statusCode, c.body).toBe(201);
      consents[id] = c.json().id;
    }
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    snapshot = readEscoSnapshot([writeEscoFixture({}, '0.0.8')]).snapshot;
    await importEscoSnapshot(t.store.db, snapshot, { activate: true, source: 'test fixture' });
    snapshot = (await t.app.corridor.services.get('taxonomy').current(t.store.db)).snapshot;
    const serviceA = await t.organisation('Servicio A');
    const serviceB = await t.organisation('Service B');
    const employerOrg = await t.organisation('Metal Works SL', 'employer');
    const make = async (key: string, role: AuthUser['role'], org: string) => {
      users[key] = await t.user(role, org);
      h[key] = await t.headersFor(users[key]);
    };
    await make('advisorA', 'advisor', serviceA);
    await make('analystA', 'analyst', serviceA);
    await make('advisorB', 'advisor', serviceB);
    await make('analystB', 'analyst', serviceB);
    await make('employer', 'employer', employerOrg);
    await make('migrant', 'migrant', serviceA);
    await make('admin', 'platform_admin', serviceA);
    for (let i = 0; i < 12; i++) {
      welders.push(
        await addPerson('advisorA', person(`Welder ${i}`, FIXTURE.welder, { sex: i % 2 ? 'male' : 'female' }), i < 10),
      );
    }
    for (let i = 0; i < 3; i++) await addPerson('advisorB', person(`Nurse ${i}`, FIXTURE.nurse));
    for (let i = 0; i < 6; i++) {
      const r = await inject('POST', '/vacancies', 'employer', {
        title: `Welder ${i}`,
        occupationUri: FIXTURE.welder,
        sector: 'C',
        languages: [],
        location: { country: 'ES', region: 'ES51' },
        posts: 1,
        contractType: 'permanent',
        employerSponsorsPermit: true,
        employerPaysRecruitmentFees: true,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it('reads the tables in pages of the profile table: any page size gives the same counted records', async () => {
    const { salt } = await readSettings(t.store.db);
    const ids = async (pageSize: number) => {
      const people: string[] = [];
      let pages = 0;
      for await (const page of allJobSeekers(t.store.db, { salt, cipher: instanceCipher(t.config) }, pageSize)) {
        pages++;
        people.push(...page.map((p) => p.id));
      }
      const vacancies: string[] = [];
      for await (const page of allVacancies(t.store.db, salt, pageSize)) vacancies.push(...page.map((v) => v.id));
      return { people, vacancies, pages };
    };
    const whole = await ids(20_000);
    expect(whole.people).toHaveLength(13);
    expect(whole.pages).toBe(1);
    // Pages of 1 and 2 profiles: some pages hold only people without the consent, and the walk goes on past them.
    for (const size of [1, 2, 5]) {
      const paged = await ids(size);
      expect(paged.people).toEqual(whole.people);
      expect(paged.vacancies).toEqual(whole.vacancies);
      expect(paged.pages).toBeGreaterThan(1);
    }
    expect(whole.people).not.toContain(welders[10]);
  });

  it('counts exactly the people whose anonymised-statistics consent is in force, following every write', async () => {
    let m = await model();
    expect(m.people.live).toBe(13); // 10 welders + 3 nurses; two welders gave no consent
    expect(m.people.has(welders[10]!)).toBe(false);
    expect(m.vacancies.live).toBe(6);
    // Withdrawing the consent takes the person out; giving it brings them in.
    const w = await inject(
      'POST',
      `/migrants/${welders[0]}/consents/${consents[welders[0]!]}/withdraw`,
      'advisorA',
      {},
    );
    expect(w.statusCode, w.body).toBe(200);
    m = await model();
    expect(m.people.has(welders[0]!)).toBe(false);
    const g = await inject('POST', `/migrants/${welders[11]}/consents`, 'advisorA', {
      purpose: 'anonymised_statistics',
    });
    expect(g.statusCode).toBe(201);
    m = await model();
    expect(m.people.has(welders[11]!)).toBe(true);
    expect(m.people.live).toBe(13);
    // A profile change moves the person between cells.
    const p = (await inject('GET', `/profiles/${welders[1]}`, 'advisorA')).json();
    const moved = await inject('PUT', `/profiles/${welders[1]}`, 'advisorA', {
      ...person('Welder 1', FIXTURE.welder, { currentRegion: 'ES30' }),
      version: p.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    m = await model();
    const slot = m.people.slots.get(welders[1]!)!;
    expect(m.regions.values[m.people.region[slot]!]).toBe('ES:ES30');
    // Counted from permits, never from the encrypted migration-status text.
    expect(STATUS_CATEGORIES[m.people.status[slot]!]).toBe('international-protection');
  });

  it('answers a protected table: own organisation for analysts and advisors, platform across organisations', async () => {
    const own = await inject('GET', '/labour-market/figures?measure=supply&rows=isco4&cols=sex&lang=en', 'analystA');
    expect(own.statusCode, own.body).toBe(200);
    const a = own.json();
    expect(a.scope).toBe('organisation');
    expect(a.rows.values.map((v: { code: string }) => v.code)).toEqual(['7212']);
    expect(a.rows.values[0].label).toBe('7212 Welders and flamecutters');
    expect(a.attribution).toMatch(/ESCO classification of the European Commission/);
    expect(a.disclosure.k).toBe(5);
    const welderTotal = a.rowTotals[0];
    expect(welderTotal.status).toBe('shown');
    expect(welderTotal.value).toBeGreaterThanOrEqual(5);
    // Five women and five men at most: small cells are never published as numbers.
    for (const cell of a.cells[0]) expect(cell.status === 'suppressed' || cell.value >= 5).toBe(true);

    const platform = (
      await inject('GET', '/labour-market/figures?measure=supply&rows=isco4&scope=platform', 'analystB')
    ).json();
    expect(platform.scope).toBe('platform');
    const nurses = platform.rows.values.findIndex((v: { code: string }) => v.code === '3221');
    expect(platform.rowTotals[nurses]).toEqual({ value: null, status: 'suppressed' });
    // Organisation B sees only its own three nurses (suppressed), never A's welders.
    const b = (await inject('GET', '/labour-market/figures?measure=supply&rows=isco4', 'analystB')).json();
    expect(b.rows.values.map((v: { code: string }) => v.code)).toEqual(['3221']);
    // The same question twice gives the same answer.
    const again = (
      await inject('GET', '/labour-market/figures?measure=supply&rows=isco4&scope=platform', 'analystB')
    ).json();
    expect(again).toEqual(platform);
    // Demand, drill-down by a filter.
    const demand = await inject(
      'GET',
      '/labour-market/figures?measure=demand&rows=isco2&filter.isco1=7&scope=platform',
      'advisorA',
    );
    expect(demand.statusCode, demand.body).toBe(200);
    expect(demand.json().rows.values[0].code).toBe('72');
  });

  it('refuses bad questions with a clear 4xx naming the parameter', async () => {
    const cases: [string, number, string][] = [
      ['/labour-market/figures?measure=supply&rows=salary', 400, 'querystring.rows'],
      ['/labour-market/figures?measure=supply&rows=sex&filter.nationality=MA', 400, 'querystring.filter.nationality'],
      ['/labour-market/figures?measure=demand&rows=sex', 400, 'querystring.rows'],
      ['/labour-market/figures?measure=supply&rows=sex&filter.sex=woman', 400, 'querystring.filter.sex'],
      ['/labour-market/figures?measure=supply&rows=sex&cols=sex', 400, 'querystring.cols'],
      ['/labour-market/figures?measure=supply&rows=sex&filter.citizenship=yu', 400, 'querystring.filter.citizenship'],
      ['/labour-market/figures?measure=demand&rows=isco1&cols=citizenship', 400, 'querystring.cols'],
    ];
    for (const [url, status, path] of cases) {
      const r = await inject('GET', url, 'analystA');
      expect(r.statusCode, `${url}: ${r.body}`).toBe(status);
      expect(r.json().error.path, url).toBe(path);
    }
    expect(
      (await inject('GET', '/open-data/figures?measure=supply&rows=sex&scope=organisation', null)).statusCode,
    ).toBe(400);
    expect((await inject('GET', '/labour-market/figures?measure=supply&rows=sex', 'migrant')).statusCode).toBe(403);
    expect((await inject('GET', '/labour-market/figures?measure=supply&rows=sex', null)).statusCode).toBe(401);
  });

  it('sets k only from 3 up, for platform administrators', async () => {
    const low = await inject('PUT', '/labour-market/settings', 'admin', { k: 2 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error).toMatchObject({ path: 'body.k' });
    expect(low.json().error.message).toMatch(/from 3/);
    expect((await inject('PUT', '/labour-market/settings', 'analystA', { k: 7 })).statusCode).toBe(403);
    const ok = await inject('PUT', '/labour-market/settings', 'admin', { k: 7 });
    expect(ok.statusCode, ok.body).toBe(200);
    const a = (
      await inject('GET', '/labour-market/figures?measure=supply&rows=isco4&scope=platform', 'analystA')
    ).json();
    expect(a.disclosure.k).toBe(7);
    expect((await inject('PUT', '/labour-market/settings', 'admin', { k: 5 })).statusCode).toBe(200);
  });

  it('imports a shortage list all or nothing, with line errors', async () => {
    const count = async () =>
      Number(
        (
          await t.store.db
            .selectFrom('lm_shortage_occupation')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await inject('POST', '/labour-market/imports', 'analystA', {
      kind: 'shortage-list',
      source: 'SEPE 2026-Q1',
      csv: 'country,region,isco,title,period\nES,ES51,7212,Soldadores,2026-Q1\nES,,9999,Unknown,2026-Q1\nESP,,3221,Nurses,2026\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_lines');
    expect(bad.json().error.path).toBe('body.csv');
    expect(bad.json().error.message).toMatch(/line 3: isco "9999" is not an ISCO-08 group/);
    expect(bad.json().error.message).toMatch(/line 4: country "ESP" is not an ISO 3166-1 alpha-2 code/);
    const missing = await inject('POST', '/labour-market/imports', 'analystA', {
      kind: 'shortage-list',
      source: 'SEPE 2026-Q1',
      csv: 'country,title,period\nES,Soldadores,2026\n',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe(
      'line 1: missing column isco (a shortage-list file needs country, isco, period)',
    );
    expect(await count()).toBe(before);
    expect(
      Number(
        (
          await t.store.db
            .selectFrom('lm_import')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);

    const ok = await inject('POST', '/labour-market/imports', 'analystA', {
      kind: 'shortage-list',
      source: 'SEPE 2026-Q1',
      csv: 'country,region,isco,title,period\nES,ES51,7212,Soldadores,2026-Q1\n',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().rows).toBe(1);
    const s = (
      await inject('GET', '/labour-market/shortages?level=isco4&filter.country=ES&scope=platform', 'analystA')
    ).json();
    const welding = s.rows.find((r: { code: string }) => r.code === '7212');
    expect(welding.officialList).toBe(true);

    const lfs = await inject('POST', '/labour-market/imports', 'analystA', {
      kind: 'labour-force-survey',
      source: 'INE EPA 2026T1',
      csv: 'country,indicator,period,sex,value,unit\nES,unemployment-rate,2026-Q1,female,12.4,percent\nES,unemployment-rate,2026-Q1,male,9.8,percent\n',
    });
    expect(lfs.statusCode, lfs.body).toBe(201);
    const outside = (await inject('GET', '/open-data/outside-figures?country=ES', null)).json();
    expect(outside.items.map((i: { value: number }) => i.value)).toEqual([12.4, 9.8]);
  });

  it('publishes open data anonymously, with downloads and the corridor brief through the same protection', async () => {
    const open = await inject('GET', '/open-data/figures?measure=supply&rows=isco4&lang=fr', null);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json().scope).toBe('platform');
    const staff = (
      await inject('GET', '/labour-market/figures?measure=supply&rows=isco4&scope=platform&lang=fr', 'analystA')
    ).json();
    expect(open.json()).toEqual(staff);

    const csv = await inject('GET', '/open-data/figures/export?measure=supply&rows=isco4&format=csv', null);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('ISCO-08 unit group,code,Total');
    const nurseLine = lines.find((l) => l.includes('3221'))!;
    expect(nurseLine).toMatch(/,3221,$/); // suppressed: empty, never the count
    expect(csv.body).toContain('n.p.');

    const xlsx = await inject(
      'GET',
      '/labour-market/figures/export?measure=supply&rows=sex&format=xlsx&scope=platform',
      'analystA',
    );
    expect(xlsx.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    expect(Object.keys(files)).toContain('xl/worksheets/sheet1.xml');
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain('Women');

    const view = await inject('GET', '/labour-market/corridors?origin=MA&destination=ES&scope=platform', 'analystA');
    expect(view.statusCode, view.body).toBe(200);
    const v = view.json();
    expect(v.pool.total.status).toBe('shown');
    expect(v.occupations.map((o: { isco: string }) => o.isco)).toContain('7212');
    const pdf = await inject(
      'GET',
      '/labour-market/corridors/brief.pdf?origin=MA&destination=ES&scope=platform&lang=ar',
      'analystA',
    );
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const placements = await inject(
      'GET',
      '/labour-market/placements?level=isco1&from=2026-01-01&to=2027-01-01',
      'analystA',
    );
    // Placements come from protection's recorded outcomes: available, and none recorded here.
    expect(placements.json()).toMatchObject({ available: true, rows: [] });
  });

  it('reads citizenship from profiles: dual citizens under their country of residence, none as stateless', async () => {
    const ids = [
      await addPerson('advisorB', person('Citizen SN', FIXTURE.nurse, { citizenships: ['SN'] })),
      await addPerson('advisorB', person('Dual SN ES', FIXTURE.nurse, { citizenships: ['SN', 'ES'] })),
      await addPerson('advisorB', person('Stateless', FIXTURE.nurse, { citizenships: [] })),
    ];
    const r = await inject('GET', '/labour-market/figures?measure=supply&rows=citizenship&lang=es', 'analystB');
    expect(r.statusCode, r.body).toBe(200);
    const rows = r.json().rows.values as { code: string; label: string }[];
    expect(rows.map((v) => v.code).sort()).toEqual(['ES', 'SN', 'stateless', 'unknown']);
    expect(rows.find((v) => v.code === 'stateless')!.label).toBe('Apátrida');
    // One person each: never published as a number.
    for (const cell of r.json().rowTotals) expect(cell.status === 'suppressed' || cell.value >= 5).toBe(true);
    const m = await model();
    const column = m.people.dim('citizenship');
    const code = (id: string) => m.countries.values[column[m.people.slots.get(id)!]!];
    expect(ids.map(code)).toEqual(['SN', 'ES', 'stateless']);
  });

  it('counts the ICLS category sealed under the person’s key as it counted it in clear or from plain permits', async () => {
    const keys = { salt: (await readSettings(t.store.db)).salt, cipher: instanceCipher(t.config) };
    const id = await addPerson('advisorB', person('Protected nurse', FIXTURE.nurse));
    const status = async () => (await jobSeekersById(t.store.db, keys, [id])).map((p) => p.status);
    const set = (values: Record<string, unknown>) =>
      t.store.db.updateTable('profile').set(values).where('id', '=', id).execute();
    // As written now: no clear category, only the sealed one, which the model opens.
    const row = await t.store.db
      .selectFrom('profile')
      .select(['status_category', 'status_category_enc'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status_category).toBeNull();
    expect(row.status_category_enc).not.toBeNull();
    expect(await status()).toEqual(['international-protection']);
    const m = await model();
    expect(STATUS_CATEGORIES[m.people.status[m.people.slots.get(id)!]!]).toBe('international-protection');
    // As rows written before the seal are: the category in clear, or none and the permits in clear.
    await set({ status_category: 'international-protection', status_category_enc: null });
    expect(await status()).toEqual(['international-protection']);
    const plain = [{ country: 'ES', type: 'international-protection', validUntil: '2030-01-01', sectors: [] }];
    await set({ status_category: null, permits: JSON.stringify(plain) });
    expect(await status()).toEqual(['international-protection']);
    // Without the person's key the sealed category opens to nothing: counted from what is left in clear.
    await set({ status_category_enc: row.status_category_enc, permits: '[]' });
    const key = await t.store.db
      .deleteFrom('person_key')
      .where('subject_id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(await status()).toEqual(['no-permit-recorded']);
    await t.store.db.insertInto('person_key').values(key).execute();
    expect(await status()).toEqual(['international-protection']);
  });
});
