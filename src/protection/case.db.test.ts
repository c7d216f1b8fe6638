// Case management over HTTP on both stores: placements close vacancies and take people out of matching, follow-ups
// fall overdue onto the advisor's list, referrals and transfers respect consent, a supervisor sees the team.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { giveConsent } from '../identity/index.js';
import type { AuthUser } from '../kernel/auth.js';
import { seedProfile } from '../profiles/testing.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { listVacanciesForMatching } from '../vacancies/index.js';
import { seedVacancy } from '../vacancies/testing.js';
import { FIXTURE, writeEscoFixture } from '../taxonomy/testing.js';
import { readEscoSnapshot, importEscoSnapshot } from '../taxonomy/index.js';
import { dayOf } from './store.js';

const daysFromToday = (n: number) => dayOf(new Date(Date.now() + n * 86_400_000));
const COOK = 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e';

describe(`protection cases (${testStoreKind()})`, () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await t.organisation();
    orgB = await t.organisation();
    const employerOrg = await t.organisation(undefined, 'employer');
    const make = async (key: string, role: AuthUser['role'], org: string) => {
      u[key] = await t.user(role, org);
      h[key] = await t.headersFor(u[key]!);
    };
    await make('advisorA', 'advisor', orgA);
    await make('advisorA2', 'advisor', orgA);
    await make('supervisorA', 'advisor', orgA);
    await make('adminA', 'org_admin', orgA);
    await make('advisorB', 'advisor', orgB);
    await make('employer', 'employer', employerOrg);
    await make('analyst', 'analyst', orgA);
  }, 120_000);
  afterAll(async () => t?.close());

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });
  const kernel = () => t.app.corridor.kernel;
  const person = async (name = 'Amina K.') =>
    (await seedProfile(kernel(), { user: u.advisorA! }, { displayName: name })).id;
  const count = async (table: string, migrantId: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where migrant_id = ${migrantId}`.execute(t.store.db)
    ).rows[0]!.n;

  it('a placement fills a post, closes the vacancy with its last post and takes the person out of matching', async () => {
    const vacancy = await seedVacancy(kernel(), { user: u.employer! }, { posts: 2 });
    const [first, second, third] = [await person('First'), await person('Second'), await person('Third')];
    const employed = (vacancyId: string) => ({
      kind: 'employed',
      date: dayOf(new Date()),
      employment: {
        vacancyId,
        employerName: 'Hostal Mar Azul',
        occupationUri: COOK,
        sector: 'I',
        contractType: 'seasonal',
        wage: { amount: 1650, currency: 'EUR', period: 'month' },
      },
    });

    const one = await inject('POST', `/protection/cases/${first}/outcomes`, 'advisorA', employed(vacancy.id));
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json()).toMatchObject({
      kind: 'employed',
      vacancyClosed: false,
      employment: { employerName: 'Hostal Mar Azul' },
    });
    expect((await inject('GET', `/profiles/${first}`, 'advisorA')).json().seeking).toBe(false);
    expect((await inject('GET', `/vacancies/${vacancy.id}`, 'employer')).json()).toMatchObject({
      status: 'open',
      postsFilled: 1,
    });

    const two = await inject('POST', `/protection/cases/${second}/outcomes`, 'advisorA', employed(vacancy.id));
    expect(two.json().vacancyClosed).toBe(true);
    expect((await inject('GET', `/vacancies/${vacancy.id}`, 'employer')).json()).toMatchObject({
      status: 'closed',
      postsFilled: 2,
    });
    const [m] = await listVacanciesForMatching(t.store.db, { ids: [vacancy.id] });
    expect(m!.open).toBe(false);
    // The change log tells matching: the vacancy and the person changed in the placement's transaction.
    const changes = await t.store.db
      .selectFrom('change_log')
      .select(['entity', 'entity_id'])
      .where('entity_id', 'in', [vacancy.id, second])
      .execute();
    expect(changes.filter((c) => c.entity === 'vacancy').length).toBeGreaterThanOrEqual(3);
    expect(changes.some((c) => c.entity === 'profile' && c.entity_id === second)).toBe(true);

    // No post left: refused, and nothing of it is written (no outcome, the person still seeking).
    const three = await inject('POST', `/protection/cases/${third}/outcomes`, 'advisorA', employed(vacancy.id));
    expect(three.statusCode).toBe(409);
    expect(three.json().error.path).toBe('body.employment.vacancyId');
    expect(await count('protection_outcome', third)).toBe(0);
    expect((await inject('GET', `/profiles/${third}`, 'advisorA')).json().seeking).toBe(true);
  });

  it('refuses an incomplete or future outcome at the field', async () => {
    const id = await person();
    const future = await inject('POST', `/protection/cases/${id}/outcomes`, 'advisorA', {
      kind: 'lost-contact',
      date: daysFromToday(3),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'future_date', path: 'body.date' });
    const noJob = await inject('POST', `/protection/cases/${id}/outcomes`, 'advisorA', {
      kind: 'employed',
      date: daysFromToday(-1),
    });
    expect(noJob.json().error.path).toBe('body.employment');
    const ok = await inject('POST', `/protection/cases/${id}/outcomes`, 'advisorA', {
      kind: 'returned',
      date: daysFromToday(-1),
      returnedTo: 'SN',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await inject('GET', `/profiles/${id}`, 'advisorA')).json().seeking).toBe(false);
    expect(
      (
        await inject('POST', `/protection/cases/${id}/outcomes`, 'advisorB', {
          kind: 'lost-contact',
          date: daysFromToday(-1),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await inject('POST', `/protection/cases/${id}/outcomes`, 'employer', {
          kind: 'lost-contact',
          date: daysFromToday(-1),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('puts a missed follow-up on the advisor’s overdue list until it is done', async () => {
    const id = await person('Overdue person');
    const f = await inject('POST', `/protection/cases/${id}/follow-ups`, 'advisorA', {
      dueDate: daysFromToday(-2),
      purpose: 'Call about the contract',
    });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json()).toMatchObject({ overdue: true, assignedTo: u.advisorA!.id });
    await inject('POST', `/protection/cases/${id}/follow-ups`, 'advisorA', {
      dueDate: daysFromToday(5),
      purpose: 'Later',
    });

    const mine = (await inject('GET', '/protection/attention', 'advisorA')).json();
    expect(mine.overdue.map((x: { id: string }) => x.id)).toContain(f.json().id);
    expect(mine.overdue.find((x: { id: string }) => x.id === f.json().id)).toMatchObject({
      displayName: 'Overdue person',
    });
    expect(mine.overdue.some((x: { purpose: string }) => x.purpose === 'Later')).toBe(false);
    expect((await inject('GET', '/protection/attention', 'advisorA2')).json().overdue).toEqual([]);
    expect((await inject('GET', '/protection/attention', 'advisorB')).json().overdue).toEqual([]);

    const done = await inject('POST', `/protection/follow-ups/${f.json().id}/done`, 'advisorA', {
      version: 1,
      note: 'Reached',
    });
    expect(done.json()).toMatchObject({ overdue: false, doneNote: 'Reached' });
    expect(
      (await inject('GET', '/protection/attention', 'advisorA')).json().overdue.map((x: { id: string }) => x.id),
    ).not.toContain(f.json().id);
    expect(
      (await inject('POST', `/protection/follow-ups/${f.json().id}/done`, 'advisorA', { version: 1 })).statusCode,
    ).toBe(409);
  });

  it('keeps an action plan with goals, steps, owner and due date', async () => {
    const id = await person();
    const g = await inject('POST', `/protection/cases/${id}/goals`, 'advisorA', {
      title: 'Spanish to B1',
      owner: 'person',
      dueDate: '2026-12-01',
      steps: [{ text: 'Enrol in the course' }, { text: 'Sit the exam' }],
    });
    expect(g.statusCode, g.body).toBe(200);
    const edit = await inject('POST', `/protection/cases/${id}/goals`, 'advisorA', {
      id: g.json().id,
      version: 1,
      title: 'Spanish to B1',
      owner: 'advisor',
      ownerUserId: u.advisorA2!.id,
      dueDate: '2026-12-01',
      steps: [{ text: 'Enrol in the course', done: true }, { text: 'Sit the exam' }],
    });
    expect(edit.json()).toMatchObject({
      version: 2,
      ownerUserId: u.advisorA2!.id,
      steps: [{ done: true }, { done: false }],
    });
    const bad = await inject('POST', `/protection/cases/${id}/goals`, 'advisorA', {
      title: 'x',
      owner: 'advisor',
      ownerUserId: u.advisorB!.id,
      dueDate: null,
    });
    expect(bad.json().error.path).toBe('body.ownerUserId');
    const view = (await inject('GET', `/protection/cases/${id}`, 'adminA')).json();
    expect(view.goals).toHaveLength(1);
    expect(view.case).toMatchObject({ leadAdvisorId: u.advisorA!.id, advisorIds: [u.advisorA!.id] });
    expect((await inject('GET', `/protection/cases/${id}`, 'advisorB')).statusCode).toBe(404);
    expect((await inject('GET', `/protection/cases/${id}`, 'employer')).statusCode).toBe(403);
    expect((await inject('GET', `/protection/cases/${id}`, 'analyst')).statusCode).toBe(403);
  });

  it('refers to a directory service or, under the person’s consent, to another organisation which answers it', async () => {
    const id = await person();
    const service = (
      await inject('POST', '/protection/services', 'advisorA', {
        name: 'Clínica jurídica',
        category: 'legal-aid',
        country: 'ES',
        contact: 'Calle Mayor 1',
      })
    ).json();
    const wrong = await inject('POST', `/protection/cases/${id}/referrals`, 'advisorA', {
      category: 'health',
      serviceId: service.id,
    });
    expect(wrong.json().error.path).toBe('body.serviceId');
    const sent = await inject('POST', `/protection/cases/${id}/referrals`, 'advisorA', {
      category: 'legal-aid',
      serviceId: service.id,
    });
    expect(sent.json()).toMatchObject({ status: 'sent', serviceName: 'Clínica jurídica', source: 'advisor' });

    const toB = { category: 'shelter', targetOrganisationId: orgB };
    const refused = await inject('POST', `/protection/cases/${id}/referrals`, 'advisorA', toB);
    expect(refused.json().error).toMatchObject({ code: 'no_consent', path: 'body.targetOrganisationId' });
    expect(await count('protection_referral', id)).toBe(1);
    await giveConsent(
      { db: t.store.db, user: u.advisorA! },
      { migrantId: id, organisationId: orgA, purpose: 'share_with_organisation', targetOrganisationId: orgB },
    );
    const r = (await inject('POST', `/protection/cases/${id}/referrals`, 'advisorA', toB)).json();
    const incoming = (await inject('GET', '/protection/referrals/incoming', 'advisorB')).json().items;
    expect(incoming.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect((await inject('GET', '/protection/referrals/incoming', 'advisorA2')).json().items).toEqual([]);
    const accepted = await inject('POST', `/protection/referrals/${r.id}/status`, 'advisorB', {
      version: 1,
      status: 'accepted',
    });
    expect(accepted.json().status).toBe('accepted');
    // The receiving organisation sees the referral, not the case.
    expect((await inject('GET', `/protection/cases/${id}`, 'advisorB')).statusCode).toBe(404);
    const stranger = await t.user('advisor', await t.organisation());
    const strangerRes = await t.app.inject({
      method: 'POST',
      url: `/api/v1/protection/referrals/${r.id}/status`,
      headers: await t.headersFor(stranger),
      payload: { version: 2, status: 'completed' },
    });
    expect(strangerRes.statusCode).toBe(404);
  });

  it('hands a case on with the person’s agreement; a supervisor sees the team’s cases', async () => {
    const id = await person('Handed on');
    await inject('POST', `/protection/cases/${id}/follow-ups`, 'advisorA', {
      dueDate: daysFromToday(-1),
      purpose: 'Visit',
    });
    const noAgreement = await inject('POST', `/protection/cases/${id}/transfer`, 'advisorA', {
      toAdvisorId: u.advisorA2!.id,
      personAgreed: false,
    });
    expect(noAgreement.json().error.path).toBe('body.personAgreed');
    // Another advisor of the organisation who does not work on the case cannot hand it on.
    expect(
      (
        await inject('POST', `/protection/cases/${id}/transfer`, 'supervisorA', {
          toAdvisorId: u.supervisorA!.id,
          personAgreed: true,
        })
      ).statusCode,
    ).toBe(403);

    const team = await inject('PUT', `/protection/teams/${u.supervisorA!.id}`, 'adminA', {
      advisorIds: [u.advisorA2!.id],
    });
    expect(team.statusCode, team.body).toBe(200);
    expect(
      (await inject('PUT', `/protection/teams/${u.supervisorA!.id}`, 'advisorA', { advisorIds: [] })).statusCode,
    ).toBe(403);
    expect(
      (await inject('GET', '/protection/team', 'supervisorA'))
        .json()
        .items.map((x: { migrantId: string }) => x.migrantId),
    ).not.toContain(id);

    const moved = await inject('POST', `/protection/cases/${id}/transfer`, 'advisorA', {
      toAdvisorId: u.advisorA2!.id,
      personAgreed: true,
      note: 'Moves to the north office',
    });
    expect(moved.json()).toMatchObject({ leadAdvisorId: u.advisorA2!.id, advisorIds: [u.advisorA2!.id] });
    const seen = (await inject('GET', '/protection/team', 'supervisorA'))
      .json()
      .items.find((x: { migrantId: string }) => x.migrantId === id);
    expect(seen).toMatchObject({ displayName: 'Handed on', leadAdvisorId: u.advisorA2!.id, overdueFollowUps: 1 });

    // To another organisation: only under the person's consent to share with it.
    const refused = await inject('POST', `/protection/cases/${id}/transfer`, 'advisorA2', {
      toOrganisationId: orgB,
      personAgreed: true,
    });
    expect(refused.json().error).toMatchObject({ code: 'no_consent', path: 'body.toOrganisationId' });
    await giveConsent(
      { db: t.store.db, user: u.advisorA2! },
      { migrantId: id, organisationId: orgA, purpose: 'share_with_organisation', targetOrganisationId: orgB },
    );
    const out = await inject('POST', `/protection/cases/${id}/transfer`, 'advisorA2', {
      toOrganisationId: orgB,
      personAgreed: true,
    });
    expect(out.json()).toMatchObject({ organisationId: orgB, leadAdvisorId: null, advisorIds: [] });
    expect((await inject('GET', `/protection/cases/${id}`, 'advisorA2')).statusCode).toBe(404);
    expect((await inject('GET', `/profiles/${id}`, 'advisorA2')).statusCode).toBe(404);
    const there = (await inject('GET', `/protection/cases/${id}`, 'advisorB')).json();
    expect(there.followUps).toHaveLength(1);
    expect(there.transfers).toHaveLength(2);
    // An advisor there takes the unassigned case.
    const taken = await inject('POST', `/protection/cases/${id}/transfer`, 'advisorB', {
      toAdvisorId: u.advisorB!.id,
      personAgreed: true,
    });
    expect(taken.json().leadAdvisorId).toBe(u.advisorB!.id);
  });

  it('gives the labour-market figures its placements: counted under consent, by ISCO group, protected', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) placed.push(await person(`Placed ${i}`));
    // Last in this file: it loads a taxonomy, so outcomes are coded to ISCO (the welder is unit group 7212).
    const snapshot = readEscoSnapshot([writeEscoFixture({}, '0.0.8')]).snapshot;
    await importEscoSnapshot(t.store.db, snapshot, { activate: true, source: 'test fixture' });
    const today = dayOf(new Date());
    const url = (scope: string) =>
      `/labour-market/placements?level=isco4&from=${daysFromToday(-1)}&to=${daysFromToday(1)}&scope=${scope}`;
    for (let i = 0; i < 6; i++) {
      const id = placed[i]!;
      // Five consent to anonymised statistics; the sixth does not and must not count.
      if (i < 5) {
        await giveConsent(
          { db: t.store.db, user: u.advisorA! },
          { migrantId: id, organisationId: orgA, purpose: 'anonymised_statistics' },
        );
      }
      const r = await inject('POST', `/protection/cases/${id}/outcomes`, 'advisorA', {
        kind: 'employed',
        date: today,
        employment: {
          employerName: 'Hostal Mar Azul',
          occupationUri: FIXTURE.welder,
          sector: 'C',
          contractType: 'permanent',
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const r = await inject('GET', url('organisation'), 'analyst');
    expect(r.statusCode, r.body).toBe(200);
    const answer = r.json();
    expect(answer.available).toBe(true);
    // Welders are ISCO unit group 7212; five consenting people sit exactly at k = 5, which is published as is.
    const crafts = answer.rows.find((row: { code: string }) => row.code === '7212');
    expect(crafts.placements).toEqual({ value: 5, status: 'shown' });
    expect(crafts.label).toBe('7212 Welders and flamecutters');
    // Registered and placed today: zero days (durations carry ±5 % noise, and zero stays zero).
    expect(crafts.medianDaysToPlacement).toBe(0);
    expect(answer.rows.map((row: { code: string }) => row.code)).toEqual(['7212']);
    // Another organisation's advisor sees none of them in their organisation's figures.
    const other = (await inject('GET', url('organisation'), 'advisorB')).json();
    expect(other.total).toEqual({ value: 0, status: 'zero' });
    // A withdrawal takes a person out: four is under k and not published.
    await t.store.db
      .updateTable('consent')
      .set({ withdrawn_at: new Date() })
      .where('migrant_id', '=', placed[0]!)
      .where('purpose', '=', 'anonymised_statistics')
      .execute();
    const after = (await inject('GET', url('organisation'), 'analyst')).json();
    expect(after.rows.find((row: { code: string }) => row.code === '7212').placements.status).toBe('suppressed');
  });
});
