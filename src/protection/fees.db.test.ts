// The fee log over HTTP on both stores: bad input refused at the field with nothing written; the person's indicator
// with the shipped example rates, computed by hand; vacancies and recruiters linked to worker-paid costs flagged to
// advisors and listed for labour inspectors (counts only); the SDG 10.7.1 statistics by corridor, under consent,
// with small cells protected by the labour-market disclosure control.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { giveConsent } from '../identity/index.js';
import type { AuthUser } from '../kernel/auth.js';
import { seedProfile } from '../profiles/testing.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { seedVacancy } from '../vacancies/testing.js';
import { dayOf } from './store.js';
import { sampleFee } from './testing.js';

const future = () => dayOf(new Date(Date.now() + 3 * 86_400_000));

describe(`fee log and fair recruitment (${testStoreKind()})`, () => {
  let t: TestApp;
  let orgA: string;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};
  let person = '';

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await t.organisation();
    const orgB = await t.organisation();
    const employerOrg = await t.organisation(undefined, 'employer');
    const gov = await t.organisation(undefined, 'government');
    const make = async (key: string, role: AuthUser['role'], org: string) => {
      u[key] = await t.user(role, org);
      h[key] = await t.headersFor(u[key]!);
    };
    await make('advisorA', 'advisor', orgA);
    await make('migrantA', 'migrant', orgA);
    await make('advisorB', 'advisor', orgB);
    await make('employer', 'employer', employerOrg);
    await make('analyst', 'analyst', gov);
    await make('inspector', 'labour_inspector', gov);
    person = (await seedProfile(t.app.corridor.kernel, { user: u.advisorA! }, { userId: u.migrantA!.id })).id;
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });
  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.store.db)).rows[0]!.n;
  const trail = async () =>
    (
      await sql<{ n: number }>`select (select count(*) from audit_log where entity like 'protection%')
        + (select count(*) from change_log where entity like 'protection%') as n`.execute(t.store.db)
    ).rows[0]!.n;

  it('refuses bad input at the field and writes nothing', async () => {
    const before = {
      fees: await count('protection_fee'),
      earnings: await count('protection_earnings'),
      trail: await trail(),
    };
    const cases: [string, unknown, string, string?][] = [
      ['fees', sampleFee({ amount: -10 }), 'body.amount'],
      ['fees', sampleFee({ currency: 'XYZ' }), 'body.currency', 'unknown_currency'],
      ['fees', sampleFee({ currency: 'eur' }), 'body.currency'],
      ['fees', sampleFee({ paidOn: future() }), 'body.paidOn', 'future_date'],
      ['fees', sampleFee({ paidOn: '2025-02-30' }), 'body.paidOn'],
      ['fees', sampleFee({ loanInterest: 50 }), 'body.loanInterest'],
      ['fees', sampleFee({ loan: true, loanInterest: -1 }), 'body.loanInterest'],
      ['fees', sampleFee({ category: 'bribe' }), 'body.category'],
      ['earnings', { month: '2025-05', amount: 0, currency: 'EUR', country: 'ES' }, 'body.amount', 'zero_earnings'],
      ['earnings', { month: '2025-05', amount: -1, currency: 'EUR', country: 'ES' }, 'body.amount'],
      [
        'earnings',
        { month: '2025-05', amount: 900, currency: 'ABC', country: 'ES' },
        'body.currency',
        'unknown_currency',
      ],
      [
        'earnings',
        { month: `${new Date().getUTCFullYear() + 1}-01`, amount: 900, currency: 'EUR', country: 'ES' },
        'body.month',
        'future_date',
      ],
    ];
    for (const [what, body, path, code] of cases) {
      const r = await inject(what === 'fees' ? 'POST' : 'PUT', `/protection/cases/${person}/${what}`, 'advisorA', body);
      expect(r.statusCode, `${JSON.stringify(body)} → ${r.body}`).toBe(400);
      expect(r.json().error.path, JSON.stringify(body)).toBe(path);
      if (code) expect(r.json().error.code).toBe(code);
      expect(r.json().error.message.length).toBeGreaterThan(5);
    }
    // A screening refused half-way (its second answer repeats the first) opens no case and raises no referral.
    const screening = await inject('POST', `/protection/cases/${person}/screenings`, 'advisorA', {
      screenedOn: '2025-06-01',
      answers: [
        { question: 'controlled-by-others', answer: 'yes', factor: 'risk' },
        { question: 'controlled-by-others', answer: 'no', factor: 'neither' },
      ],
    });
    expect(screening.json().error.path).toBe('body.answers.1.question');
    expect(await count('protection_case')).toBe(0);
    expect(await count('protection_referral')).toBe(0);
    expect({
      fees: await count('protection_fee'),
      earnings: await count('protection_earnings'),
      trail: await trail(),
    }).toEqual(before);
  });

  it('computes the person’s indicator with the dated example rates, the person recording it themself', async () => {
    // 1,000 MAD on 1 Feb 2025 at 10/USD = 100 USD; 95 EUR on 1 Mar 2025 at 0.95 = 100 USD; loan interest 19 EUR = 20 USD.
    // Earnings 1,140 EUR for April 2025 at 0.95 = 1,200 USD. 220 / 1,200 = 0.18333… months; costs 209 EUR.
    const a = await inject(
      'POST',
      `/protection/cases/${person}/fees`,
      'migrantA',
      sampleFee({ amount: 1000, currency: 'MAD', paidOn: '2025-02-01' }),
    );
    expect(a.statusCode, a.body).toBe(201);
    await inject(
      'POST',
      `/protection/cases/${person}/fees`,
      'migrantA',
      sampleFee({ category: 'transport', amount: 95, paidOn: '2025-03-01', loan: true, loanInterest: 19 }),
    );
    const before = (await inject('GET', `/protection/cases/${person}/fees`, 'migrantA')).json();
    expect(before.indicator).toBeNull();
    expect(before.indicatorMissing.code).toBe('no_earnings');
    const e = await inject('PUT', `/protection/cases/${person}/earnings`, 'migrantA', {
      month: '2025-04',
      amount: 1140,
      currency: 'EUR',
      country: 'ES',
    });
    expect(e.statusCode, e.body).toBe(200);
    const log = (await inject('GET', `/protection/cases/${person}/fees`, 'advisorA')).json();
    expect(log.fees).toHaveLength(2);
    expect(log.indicator.months).toBeCloseTo(220 / 1200, 10);
    expect(log.indicator.costs).toBeCloseTo(209, 8);
    expect(log.indicator.currency).toBe('EUR');

    // A currency without a rate: the indicator says which, and nothing is guessed.
    const ngn = await inject(
      'POST',
      `/protection/cases/${person}/fees`,
      'advisorA',
      sampleFee({ amount: 50000, currency: 'NGN', paidOn: '2025-01-10' }),
    );
    const missing = (await inject('GET', `/protection/cases/${person}/fees`, 'migrantA')).json();
    expect(missing.indicator).toBeNull();
    expect(missing.indicatorMissing).toMatchObject({ code: 'no_rate' });
    expect(missing.indicatorMissing.message).toContain('NGN');
    expect((await inject('DELETE', `/protection/fees/${ngn.json().id}`, 'migrantA')).statusCode).toBe(204);
    expect((await inject('GET', `/protection/cases/${person}/fees`, 'migrantA')).json().indicator.months).toBeCloseTo(
      220 / 1200,
      10,
    );

    for (const [who, status] of [
      ['advisorB', 404],
      ['employer', 403],
      ['inspector', 403],
      ['analyst', 403],
    ] as const) {
      expect((await inject('GET', `/protection/cases/${person}/fees`, who)).statusCode, who).toBe(status);
    }
  });

  it('flags vacancies and recruiters linked to costs workers paid, for advisors and labour inspectors', async () => {
    const declared = await seedVacancy(t.app.corridor.kernel, { user: u.employer! }, { title: 'Greenhouse picker' });
    const clean = await seedVacancy(t.app.corridor.kernel, { user: u.employer! }, { title: 'Cook, no fees' });
    const recruiter = (
      await inject('POST', '/protection/recruiters', 'advisorA', {
        name: 'Atlas Recrutement',
        licenceNumber: 'MA-123',
        country: 'MA',
        licenceStatus: 'licensed',
        certification: 'IRIS',
        complaints: [{ date: '2025-01-20', summary: 'Charged workers for the visa' }],
      })
    ).json();
    await inject(
      'POST',
      `/protection/cases/${person}/fees`,
      'advisorA',
      sampleFee({ vacancyId: declared.id, recruiterId: recruiter.id, paidOn: '2025-01-05' }),
    );
    // A cost of zero linked to a vacancy is no sign of anything.
    await inject(
      'POST',
      `/protection/cases/${person}/fees`,
      'advisorA',
      sampleFee({ amount: 0, vacancyId: clean.id, paidOn: '2025-01-05' }),
    );

    const flags = (await inject('GET', '/protection/fair-recruitment/flags', 'inspector')).json();
    expect(flags.vacancies).toEqual([
      expect.objectContaining({ id: declared.id, title: 'Greenhouse picker', employerPaysDeclared: true, workers: 1 }),
    ]);
    expect(flags.recruiters).toEqual([
      expect.objectContaining({ id: recruiter.id, licenceNumber: 'MA-123', workers: 1 }),
    ]);
    expect(JSON.stringify(flags)).not.toContain(person);
    expect((await inject('GET', '/protection/fair-recruitment/flags', 'advisorB')).statusCode).toBe(200);
    expect((await inject('GET', '/protection/fair-recruitment/flags', 'employer')).statusCode).toBe(403);
    const register = (await inject('GET', '/protection/recruiters', 'inspector')).json().items;
    expect(register[0]).toMatchObject({
      name: 'Atlas Recrutement',
      certification: 'IRIS',
      workersPaying: 1,
      complaints: [{ summary: 'Charged workers for the visa' }],
    });
    // Read-only: an inspector writes nothing.
    expect(
      (
        await inject('POST', '/protection/recruiters', 'inspector', {
          name: 'X',
          country: 'MA',
          licenceStatus: 'unknown',
        })
      ).statusCode,
    ).toBe(403);
    expect((await inject('POST', `/protection/cases/${person}/fees`, 'inspector', sampleFee())).statusCode).toBe(403);
  });

  it('gives analysts mean, median and 80th percentile by corridor, counting consenting workers only, small cells hidden', async () => {
    const kernel = t.app.corridor.kernel;
    const worker = async (origin: string, fee: number, consent: boolean) => {
      const p = await seedProfile(
        kernel,
        { user: u.advisorA! },
        { originCountry: origin, displayName: `${origin} ${fee}` },
      );
      await inject(
        'POST',
        `/protection/cases/${p.id}/fees`,
        'advisorA',
        sampleFee({ amount: fee, paidOn: '2025-02-10' }),
      );
      await inject('PUT', `/protection/cases/${p.id}/earnings`, 'advisorA', {
        month: '2025-03',
        amount: 1000,
        currency: 'EUR',
        country: 'ES',
      });
      if (consent) {
        await giveConsent(
          { db: t.store.db, user: u.advisorA! },
          { migrantId: p.id, organisationId: orgA, purpose: 'anonymised_statistics' },
        );
      }
    };
    // MA-ES: 12 consenting workers paying 0, 100, …, 1,100 EUR on 1,000 EUR of earnings (same-year rate): 0, 0.1, …, 1.1
    // months. Mean 0.55; median (h = 5.5) 0.5 + 0.5 × 0.1 = 0.55; 80th percentile (h = 8.8) 0.8 + 0.8 × 0.1 = 0.88.
    for (let i = 0; i < 12; i++) await worker('MA', i * 100, true);
    await worker('MA', 5000, false); // not consenting: left out, or the mean would jump
    for (let i = 0; i < 10; i++) await worker('PH', 500, true);
    await worker('SN', 300, true);

    // Through the labour-market disclosure control (k = 5): counts carry the cell's fixed noise, statistics ±5 %.
    const r = await inject('GET', '/labour-market/recruitment-costs?by=corridor&scope=platform', 'analyst');
    expect(r.statusCode, r.body).toBe(200);
    type Cell = {
      dimension: string;
      group: string;
      label: string;
      workers: { value: number | null; status: string };
      mean: number | null;
      median: number | null;
      p80: number | null;
    };
    const cells = r.json().cells as Cell[];
    const near = (published: number | null, truth: number) => {
      expect(published).not.toBeNull();
      expect(Math.abs(published! - truth)).toBeLessThanOrEqual(truth * 0.05 + 0.005);
    };
    const ma = cells.find((c) => c.group === 'MA-ES')!;
    expect(ma.label).toBe('Morocco → Spain');
    expect(ma.workers.status).toBe('shown');
    expect(Math.abs(ma.workers.value! - 12)).toBeLessThanOrEqual(7);
    near(ma.mean, 0.55);
    near(ma.median, 0.55);
    near(ma.p80, 0.88);
    // SN-ES (1 worker) is hidden; PH-ES (10) goes too, or SN-ES would follow from the total.
    expect(cells.find((c) => c.group === 'SN-ES')).toMatchObject({
      workers: { value: null, status: 'suppressed' },
      mean: null,
    });
    expect(cells.find((c) => c.group === 'PH-ES')).toMatchObject({ workers: { status: 'suppressed' }, mean: null });
    // The same question gives the same answer (fixed noise): repeating it reveals nothing more.
    const again = await inject('GET', '/labour-market/recruitment-costs?by=corridor&scope=platform', 'analyst');
    expect(again.json().cells).toEqual(cells);
    // The non-consenting worker who paid 5,000 is in no cell: with them, MA-ES's mean would be ≈ 0.89.
    expect(ma.mean!).toBeLessThan(0.6);
    const bySex = (await inject('GET', '/labour-market/recruitment-costs?by=sex&scope=platform', 'analyst')).json();
    const female = bySex.cells.find((c: Cell) => c.group === 'female') as Cell;
    expect(female.workers.status).toBe('shown');
    expect(Math.abs(female.workers.value! - 23)).toBeLessThanOrEqual(7);
    // The CSV carries the same protected figures.
    const csv = await inject(
      'GET',
      '/labour-market/recruitment-costs/export?by=corridor&scope=platform&format=csv',
      'analyst',
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`Corridor: Morocco → Spain,${ma.workers.value},${ma.mean},${ma.median},${ma.p80}`);
    expect(csv.body).toMatch(/Corridor: Senegal → Spain,,,,/);
    // Open data: the same cells, platform level, anonymous.
    const open = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/recruitment-costs?by=corridor' });
    expect(open.statusCode).toBe(200);
    expect(open.json().cells).toEqual(cells);
    const bad = await inject('GET', '/labour-market/recruitment-costs?by=corridor,religion', 'analyst');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.path).toBe('querystring.by');
    expect((await inject('GET', '/labour-market/recruitment-costs', 'migrantA')).statusCode).toBe(403);
    expect((await inject('GET', '/labour-market/recruitment-costs', 'inspector')).statusCode).toBe(403);
  });
});
