// The vulnerability screening on both stores: alerts raise urgent referrals of the right category; answers are
// stored encrypted, read only by the case's advisors, their supervisor and the person, each read audited; never by
// employers, analysts (except protected counts), labour inspectors or other organisations; matching does not see
// them; erasure removes them.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../db/testing.js';
import { giveConsent } from '../identity/index.js';
import type { AuthUser } from '../kernel/auth.js';
import { listProfilesForMatching } from '../profiles/index.js';
import { seedProfile } from '../profiles/testing.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { screeningSource } from './statistics.js';
import { findPersonCipher } from '../kernel/person-keys.js';
import { createKeyring, fieldCipher } from '../shared/crypto.js';

const NOTE = 'The agent keeps her passport in his office';

describe(`vulnerability screening (${testStoreKind()})`, () => {
  let t: TestApp;
  let orgA: string;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};
  let person = '';
  let serviceId = '';

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
    await make('advisorA2', 'advisor', orgA);
    await make('supervisorA', 'advisor', orgA);
    await make('adminA', 'org_admin', orgA);
    await make('analystA', 'analyst', orgA);
    await make('migrantA', 'migrant', orgA);
    await make('migrantA2', 'migrant', orgA);
    await make('advisorB', 'advisor', orgB);
    await make('employer', 'employer', employerOrg);
    await make('inspector', 'labour_inspector', gov);
    await make('platformAdmin', 'platform_admin', gov);
    person = (
      await seedProfile(
        t.app.corridor.kernel,
        { user: u.advisorA! },
        { userId: u.migrantA!.id, displayName: 'Nadia S.' },
      )
    ).id;
    await seedProfile(t.app.corridor.kernel, { user: u.advisorA! }, { userId: u.migrantA2!.id });
    serviceId = (
      await inject('POST', '/protection/services', 'advisorA', {
        name: 'Anti-trafficking unit',
        category: 'anti-trafficking',
        country: 'ES',
        contact: '016',
      })
    ).json().id;
  }, 120_000);
  afterAll(async () => t?.close());

  function inject(method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: unknown) {
    return t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: h[who],
      ...(payload ? { payload: payload as object } : {}),
    });
  }
  const reads = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n from audit_log
        where entity = 'protection_screening' and action = 'read' and entity_id = ${person}`.execute(t.store.db)
    ).rows[0]!.n;
  const screening = {
    screenedOn: '2025-11-02',
    answers: [
      { question: 'documents-withheld', answer: 'yes', factor: 'risk', note: NOTE },
      { question: 'deceived-recruitment', answer: 'yes', factor: 'risk' },
      { question: 'under-18', answer: 'no', factor: 'neither' },
      { question: 'family-support', answer: 'yes', factor: 'protective', note: 'Sister in Valencia' },
    ],
    judgement: 'Likely trafficked for labour; needs the specialised unit first.',
  };

  it('raises an urgent referral of the right category for each alert, once', async () => {
    const matchingBefore = await listProfilesForMatching(t.store.db, t.app.corridor.cipher, { ids: [person] });
    const r = await inject('POST', `/protection/cases/${person}/screenings`, 'advisorA', screening);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().alerts).toEqual(['trafficking', 'forced-labour']);
    const referrals = r.json().referrals as {
      category: string;
      urgent: boolean;
      status: string;
      serviceId: string | null;
    }[];
    expect(referrals).toEqual([
      expect.objectContaining({
        category: 'anti-trafficking',
        urgent: true,
        status: 'sent',
        serviceId,
        source: 'screening',
      }),
      expect.objectContaining({ category: 'labour-rights', urgent: true, status: 'raised', serviceId: null }),
    ]);
    // The same situation screened again does not pile up referrals while they are open.
    const again = await inject('POST', `/protection/cases/${person}/screenings`, 'advisorA', {
      ...screening,
      screenedOn: '2025-11-03',
    });
    expect(again.json().referrals).toEqual([]);
    // Matching's view of the person is exactly what it was: it never sees the screening.
    expect(await listProfilesForMatching(t.store.db, t.app.corridor.cipher, { ids: [person] })).toEqual(matchingBefore);
  });

  it('stores the answers encrypted', async () => {
    const rows = await t.store.db
      .selectFrom('protection_screening')
      .select('sealed')
      .where('migrant_id', '=', person)
      .execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.sealed.startsWith('enc1.')).toBe(true);
      expect(r.sealed).not.toContain('passport');
      expect(r.sealed).not.toContain('documents-withheld');
    }
    // Under the person's own key, not the instance key: erasing the person's key unseals nothing anywhere.
    const instance = fieldCipher(createKeyring(t.config.secretKey, t.config.previousSecretKeys));
    const own = await findPersonCipher(t.store.db, instance, person);
    expect(own).not.toBeNull();
    const ids = await t.store.db
      .selectFrom('protection_screening')
      .select(['id', 'sealed'])
      .where('migrant_id', '=', person)
      .execute();
    for (const r of ids) {
      expect(() => instance.decryptJson(r.sealed, `protection.screening:${r.id}`)).toThrow();
      expect(own!.decryptJson<{ judgement: unknown }>(r.sealed, `protection.screening:${r.id}`)).toHaveProperty(
        'judgement',
      );
    }
  });

  it('lets the case’s advisors, their supervisor and the person read the answers, auditing every read', async () => {
    await inject('PUT', `/protection/teams/${u.supervisorA!.id}`, 'adminA', { advisorIds: [u.advisorA!.id] });
    for (const who of ['advisorA', 'supervisorA', 'migrantA']) {
      const before = await reads();
      const r = await inject('GET', `/protection/cases/${person}/confidential`, who);
      expect(r.statusCode, `${who}: ${r.body}`).toBe(200);
      expect(r.json().screenings[0].answers[0]).toMatchObject({
        question: 'documents-withheld',
        level: 'individual',
        factor: 'risk',
        note: NOTE,
      });
      expect(r.json().screenings[0]).not.toHaveProperty('score');
      expect(await reads()).toBe(before + 1);
      const entry = await t.store.db
        .selectFrom('audit_log')
        .select(['actor_user_id', 'fields', 'organisation_id'])
        .where('entity', '=', 'protection_screening')
        .where('action', '=', 'read')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ actor_user_id: u[who]!.id, organisation_id: orgA });
      expect(entry.fields).toContain('screening.answers');
    }
  });

  it('keeps the answers from everyone else, who learn nothing and leave no read', async () => {
    const before = await reads();
    const denied: [string, number][] = [
      ['advisorA2', 403], // same organisation, not on the case
      ['adminA', 403], // an org admin who supervises nobody on it
      ['advisorB', 404], // another organisation
      ['migrantA2', 404],
      ['employer', 403],
      ['analystA', 403],
      ['inspector', 403],
      ['platformAdmin', 403],
    ];
    for (const [who, status] of denied) {
      const r = await inject('GET', `/protection/cases/${person}/confidential`, who);
      expect(r.statusCode, who).toBe(status);
      expect(r.body).not.toContain('passport');
    }
    expect(await reads()).toBe(before);
    // A colleague sees the case (referrals by category), never the answers.
    const view = await inject('GET', `/protection/cases/${person}`, 'advisorA2');
    expect(view.json().mayReadScreening).toBe(false);
    expect(view.body).not.toContain('passport');
    expect(view.body).not.toContain('documents-withheld');
    // An employer with the person's consent sees the candidate, with nothing of the screening.
    await giveConsent(
      { db: t.store.db, user: u.advisorA! },
      { migrantId: person, organisationId: orgA, purpose: 'matching_with_employers' },
    );
    const candidate = await inject('GET', `/profiles/${person}/candidate-view`, 'employer');
    expect(candidate.statusCode).toBe(200);
    expect(candidate.body).not.toMatch(/passport|trafficking|screening|vulnerab/i);
    // A colleague may not screen someone else's case either.
    const screen = await inject('POST', `/protection/cases/${person}/screenings`, 'advisorA2', screening);
    expect(screen.statusCode).toBe(403);
  });

  it('moves the right to read with the case: a new lead reads, the previous one no longer does', async () => {
    const moved = await inject('POST', `/protection/cases/${person}/transfer`, 'advisorA', {
      toAdvisorId: u.advisorA2!.id,
      personAgreed: true,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await inject('GET', `/protection/cases/${person}/confidential`, 'advisorA2')).statusCode).toBe(200);
    expect((await inject('GET', `/protection/cases/${person}/confidential`, 'advisorA')).statusCode).toBe(403);
    await inject('POST', `/protection/cases/${person}/transfer`, 'advisorA2', {
      toAdvisorId: u.advisorA!.id,
      personAgreed: true,
    });
  });

  it('passes the person’s confidential report to their advisor, marked read once read', async () => {
    const sent = await inject('POST', `/protection/cases/${person}/reports`, 'migrantA', {
      kind: 'fee',
      text: 'The agency wants 400 euros more for the contract',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(
      (await inject('POST', `/protection/cases/${person}/reports`, 'migrantA2', { kind: 'fee', text: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await inject('POST', `/protection/cases/${person}/reports`, 'advisorA', { kind: 'fee', text: 'x' })).statusCode,
    ).toBe(403);
    const stored = await t.store.db.selectFrom('protection_report').select('sealed').executeTakeFirstOrThrow();
    expect(stored.sealed).not.toContain('400 euros');
    expect((await inject('GET', '/protection/attention', 'advisorA')).json().reports).toEqual([
      { migrantId: person, displayName: 'Nadia S.', count: 1 },
    ]);
    const read = (await inject('GET', `/protection/cases/${person}/confidential`, 'advisorA')).json();
    expect(read.reports[0]).toMatchObject({
      kind: 'fee',
      text: 'The agency wants 400 euros more for the contract',
      seenAt: null,
    });
    expect((await inject('GET', '/protection/attention', 'advisorA')).json().reports).toEqual([]);
  });

  it('counts people in statistics only under consent, and only as protected aggregates', async () => {
    const route = '/labour-market/screenings';
    const auditsOf = async (id: string) =>
      (
        await sql<{ n: number }>`select count(*)::int as n from audit_log
          where actor_user_id = ${id} and entity = 'protection_screening'`.execute(t.store.db)
      ).rows[0]!.n;
    // Nobody has consented to statistics yet: every count is zero, though two people were screened.
    const before = await auditsOf(u.analystA!.id);
    const r = await inject('GET', route, 'analystA');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().people).toEqual({ value: 0, status: 'zero' });
    expect(r.json().groups.every((g: { people: { value: number } }) => g.people.value === 0)).toBe(true);
    expect(r.body).not.toContain('passport');
    // Decrypting to count is a read: audited, even when it counts nobody.
    expect(await auditsOf(u.analystA!.id)).toBe(before + 1);
    for (const who of ['advisorA', 'employer', 'inspector', 'migrantA', 'adminA']) {
      expect((await inject('GET', route, who)).statusCode, who).toBe(403);
    }
    // The source applies the counting rule before it opens anything: nobody, then the one person who consented.
    const counted = (ids: readonly string[]) =>
      sql<{ migrant_id: string }>`select distinct migrant_id from consent where purpose = 'anonymised_statistics'
        and withdrawn_at is null`
        .execute(t.store.db)
        .then((x) => new Set(x.rows.map((row) => row.migrant_id).filter((id) => ids.includes(id))));
    expect(await screeningSource.people(t.store.db, t.app.corridor.cipher, counted)).toEqual([]);
    await giveConsent(
      { db: t.store.db, user: u.advisorA! },
      { migrantId: person, organisationId: orgA, purpose: 'anonymised_statistics' },
    );
    const one = await screeningSource.people(t.store.db, t.app.corridor.cipher, counted);
    expect(one).toHaveLength(1);
    expect(one[0]!.personId).toBe(person);
    expect(one[0]!.groups).toEqual(
      expect.arrayContaining(['individual:risk', 'household:protective', 'alert:trafficking']),
    );
    // Through the route (the labour-market control, k = 5) that one person shows nowhere, not even in the total.
    const hidden = (await inject('GET', route, 'analystA')).json();
    expect(hidden.people).toEqual({ value: null, status: 'suppressed' });
    for (const g of hidden.groups as { group: string; people: { value: number | null; status: string } }[]) {
      expect(g.people.status === 'suppressed' || g.people.value === 0, g.group).toBe(true);
    }
    expect(hidden.groups.find((g: { group: string }) => g.group === 'alert:trafficking').people.status).toBe(
      'suppressed',
    );
  });

  it('exports the record to the person and erases all of it', async () => {
    const exported = await inject('GET', '/me/export', 'migrantA');
    expect(exported.statusCode).toBe(200);
    // A copy of the ciphertexts, as a backup or an old row version would keep them.
    const copies = await t.store.db
      .selectFrom('protection_screening')
      .select(['id', 'sealed'])
      .where('migrant_id', '=', person)
      .execute();
    expect(copies.length).toBeGreaterThan(0);
    expect(exported.json().sections.protection.confidential.screenings[0].answers[0].note).toBe(NOTE);
    const erased = await inject('POST', `/migrants/${person}/erasure`, 'adminA', {
      confirm: true,
      reason: 'person asked',
    });
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    for (const table of [
      'protection_screening',
      'protection_report',
      'protection_referral',
      'protection_follow_up',
      'protection_case',
      'protection_transfer',
    ]) {
      const n = (
        await sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.table(table)} where migrant_id = ${person}`.execute(t.store.db)
      ).rows[0]!.n;
      expect(n, table).toBe(0);
    }
    expect((await inject('GET', `/protection/cases/${person}/confidential`, 'advisorA')).statusCode).toBe(404);
    // Crypto-shredding: the person's key is gone, and the instance key opens none of the copies.
    const instance = fieldCipher(createKeyring(t.config.secretKey, t.config.previousSecretKeys));
    expect(await findPersonCipher(t.store.db, instance, person)).toBeNull();
    for (const c of copies) expect(() => instance.decryptJson(c.sealed, `protection.screening:${c.id}`)).toThrow();
  });
});
