// Contact requests over HTTP on both stores: an employer asks only about someone whose consent lets it see them;
// the advisor and the person find it in their inbox; the person (or the advisor for them, recorded) accepts with the
// details they choose, which only then reach the employer, and only while consent lasts; a decline says so; the
// placement goes through protection's outcome (post filled, vacancy closed when full, person out of matching).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../db/testing.js';
import { recordConsent, withdrawConsentCommand } from '../../identity/index.js';
import type { AuthUser } from '../../kernel/auth.js';
import { seedProfile } from '../../profiles/testing.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { seedVacancy } from '../../vacancies/testing.js';
import { findPersonCipher, instanceCipher } from '../../kernel/person-keys.js';
import { sealLegacyContactMessages } from './store.js';

const today = () => new Date().toISOString().slice(0, 10);

describe(`contact requests (${testStoreKind()})`, () => {
  let t: TestApp;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const ngo = await t.organisation('NGO A');
    const other = await t.organisation('NGO B');
    const employerOrg = await t.organisation('Hostal Mar Azul', 'employer');
    const otherEmployer = await t.organisation('Other Employer', 'employer');
    const make = async (key: string, role: AuthUser['role'], org: string) => {
      u[key] = await t.user(role, org);
      h[key] = await t.headersFor(u[key]!);
    };
    await make('advisor', 'advisor', ngo);
    await make('admin', 'org_admin', ngo);
    await make('migrant', 'migrant', ngo);
    await make('advisorB', 'advisor', other);
    await make('employer', 'employer', employerOrg);
    await make('employer2', 'employer', otherEmployer);
  }, 120_000);
  afterAll(async () => t?.close());

  const kernel = () => t.app.corridor.kernel;
  const inject = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload: payload as object } : {}) });
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from contact_request`.execute(t.store.db)).rows[0]!.n;
  const person = async (name: string, extra: Record<string, unknown> = {}) =>
    (await seedProfile(kernel(), { user: u.advisor! }, { displayName: name, ...extra })).id;
  const consent = (migrantId: string, fieldScopes?: string[]) =>
    kernel().execute(
      recordConsent,
      { user: u.advisor! },
      { migrantId, purpose: 'matching_with_employers', ...(fieldScopes ? { fieldScopes } : {}) },
    );
  const vacancy = async (posts = 1) => (await seedVacancy(kernel(), { user: u.employer! }, { posts })).id;

  it('asks only about someone the employer may see, and shows the name only if consented', async () => {
    const v = await vacancy();
    const hidden = await person('Not Consenting');
    const before = await count();
    const refused = await inject('POST', '/contact-requests', 'employer', { vacancyId: v, migrantId: hidden });
    expect(refused.statusCode).toBe(404);
    expect(await count()).toBe(before);

    const visible = await person('Amina Kane');
    await consent(visible, ['skills', 'experience']);
    // Another employer's vacancy is not this employer's to ask from.
    const foreign = await inject('POST', '/contact-requests', 'employer2', { vacancyId: v, migrantId: visible });
    expect(foreign.statusCode).toBe(404);
    const asked = await inject('POST', '/contact-requests', 'employer', {
      vacancyId: v,
      migrantId: visible,
      message: 'Could you start in May?',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const view = asked.json();
    expect(view).toMatchObject({
      status: 'pending',
      candidate: { migrantId: visible, name: null, visible: true, reference: visible.slice(0, 8) },
      contact: null,
      unread: false,
    });
    // Asking again while it is open answers with the same request.
    const again = await inject('POST', '/contact-requests', 'employer', { vacancyId: v, migrantId: visible });
    expect(again.json().id).toBe(view.id);
  });

  it('reaches the advisor’s and the person’s inbox; the person accepts with the details they choose', async () => {
    const v = await vacancy();
    const migrantId = await person('Salma Youssef', { userId: u.migrant!.id });
    await consent(migrantId, ['displayName', 'skills']);
    const asked = (await inject('POST', '/contact-requests', 'employer', { vacancyId: v, migrantId })).json();
    expect(asked.candidate.name).toBe('Salma Youssef');

    expect((await inject('GET', '/contact-requests/unread', 'advisor')).json().unread).toBeGreaterThan(0);
    const inbox = (await inject('GET', '/contact-requests', 'migrant')).json();
    expect(inbox.requests).toHaveLength(1);
    expect(inbox.requests[0]).toMatchObject({
      id: asked.id,
      unread: true,
      message: null,
      employer: { name: 'Hostal Mar Azul' },
      candidate: { name: 'Salma Youssef' },
    });
    // Another organisation's advisor does not learn it exists; the employer cannot answer for the person.
    expect((await inject('GET', '/contact-requests', 'advisorB')).json().requests).toEqual([]);
    expect(
      (await inject('POST', `/contact-requests/${asked.id}/decision`, 'advisorB', { accept: false })).statusCode,
    ).toBe(404);
    expect(
      (await inject('POST', `/contact-requests/${asked.id}/decision`, 'employer', { accept: false })).statusCode,
    ).toBe(403);

    // Bad details: refused at the field, nothing changed.
    const bad = await inject('POST', `/contact-requests/${asked.id}/decision`, 'migrant', {
      accept: true,
      contact: { email: 'not an address' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.path).toBe('body.contact.email');
    const none = await inject('POST', `/contact-requests/${asked.id}/decision`, 'migrant', { accept: true });
    expect(none.json().error.path).toBe('body.contact.phone');
    expect(
      (await inject('GET', '/contact-requests', 'employer'))
        .json()
        .requests.find((r: { id: string }) => r.id === asked.id).status,
    ).toBe('pending');

    const accepted = await inject('POST', `/contact-requests/${asked.id}/decision`, 'migrant', {
      accept: true,
      contact: { name: 'Salma', phone: '+34 600 123 456' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedOnBehalf: false });
    const employerView = (await inject('GET', '/contact-requests', 'employer'))
      .json()
      .requests.find((r: { id: string }) => r.id === asked.id);
    expect(employerView).toMatchObject({
      status: 'accepted',
      unread: true,
      contact: { name: 'Salma', phone: '+34 600 123 456' },
    });
    // Opening the inbox marks it read.
    expect((await inject('POST', '/contact-requests/seen', 'employer', {})).json().marked).toBeGreaterThan(0);
    expect((await inject('GET', '/contact-requests/unread', 'employer')).json().unread).toBe(0);
    // Answered once: a second answer is refused.
    expect(
      (await inject('POST', `/contact-requests/${asked.id}/decision`, 'migrant', { accept: false })).statusCode,
    ).toBe(409);

    // The details are stored encrypted and the audit log names fields, never values.
    const stored = await sql<{
      c: string;
    }>`select contact_enc as c from contact_request where id = ${asked.id}`.execute(t.store.db);
    expect(stored.rows[0]!.c).toMatch(/^enc1\./);
    const leaked = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where cast(fields as text) like ${'%600 123%'} or cast(reason as text) like ${'%600 123%'}`.execute(
      t.store.db,
    );
    expect(leaked.rows[0]!.n).toBe(0);
    const audited = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where entity = 'contact_request' and entity_id = ${asked.id}`.execute(
      t.store.db,
    );
    expect(audited.rows[0]!.n).toBeGreaterThanOrEqual(3);

    // Consent withdrawn: the employer no longer sees the details (nor the name).
    const consents = (await inject('GET', `/migrants/${migrantId}/consents`, 'advisor')).json();
    const active = (consents.consents ?? consents).find((c: { withdrawnAt: string | null }) => !c.withdrawnAt);
    await kernel().execute(withdrawConsentCommand, { user: u.advisor! }, { migrantId, consentId: active.id });
    const after = (await inject('GET', '/contact-requests', 'employer'))
      .json()
      .requests.find((r: { id: string }) => r.id === asked.id);
    expect(after).toMatchObject({ contact: null, candidate: { name: null, visible: false } });
  });

  it('the advisor answers for the person only when they say so; a decline reaches the employer without details', async () => {
    const v = await vacancy();
    const migrantId = await person('Awa Ndiaye');
    await consent(migrantId);
    const asked = (await inject('POST', '/contact-requests', 'employer', { vacancyId: v, migrantId })).json();
    const unticked = await inject('POST', `/contact-requests/${asked.id}/decision`, 'advisor', { accept: false });
    expect(unticked.statusCode).toBe(400);
    expect(unticked.json().error.path).toBe('body.personAgreed');
    const declined = await inject('POST', `/contact-requests/${asked.id}/decision`, 'advisor', {
      accept: false,
      personAgreed: true,
    });
    expect(declined.json()).toMatchObject({ status: 'declined', decidedOnBehalf: true, contact: null });
    const seen = (await inject('GET', '/contact-requests', 'employer'))
      .json()
      .requests.find((r: { id: string }) => r.id === asked.id);
    expect(seen).toMatchObject({ status: 'declined', contact: null, unread: true });
    // No placement from a declined request.
    expect(
      (
        await inject('POST', `/contact-requests/${asked.id}/placement`, 'advisor', {
          startDate: today(),
          contractType: 'permanent',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('records the placement through protection: the post filled, the vacancy closed when full, the person out of matching', async () => {
    const v = await vacancy(1);
    const migrantId = await person('Hassan Darwish');
    await consent(migrantId);
    const asked = (await inject('POST', '/contact-requests', 'employer', { vacancyId: v, migrantId })).json();
    const early = await inject('POST', `/contact-requests/${asked.id}/placement`, 'advisor', {
      startDate: today(),
      contractType: 'permanent',
    });
    expect(early.statusCode).toBe(409);
    await inject('POST', `/contact-requests/${asked.id}/decision`, 'advisor', {
      accept: true,
      personAgreed: true,
      contact: { note: 'Through the advisor, Tuesdays' },
    });
    const future = await inject('POST', `/contact-requests/${asked.id}/placement`, 'advisor', {
      startDate: '2999-01-01',
      contractType: 'permanent',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.path).toBe('body.startDate');
    const placed = await inject('POST', `/contact-requests/${asked.id}/placement`, 'advisor', {
      startDate: today(),
      contractType: 'permanent',
    });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({
      outcome: { kind: 'employed', vacancyClosed: true, employment: { vacancyId: v, employerName: 'Hostal Mar Azul' } },
      request: { placementId: placed.json().outcome.id },
    });
    const vac = (await inject('GET', `/vacancies/${v}`, 'employer')).json();
    expect(vac).toMatchObject({ status: 'closed', postsFilled: 1 });
    expect((await inject('GET', `/profiles/${migrantId}`, 'advisor')).json().seeking).toBe(false);
    const twice = await inject('POST', `/contact-requests/${asked.id}/placement`, 'advisor', {
      startDate: today(),
      contractType: 'permanent',
    });
    expect(twice.statusCode).toBe(409);
    // Asking on a closed vacancy is refused.
    const other = await person('Late Candidate');
    await consent(other);
    expect((await inject('POST', '/contact-requests', 'employer', { vacancyId: v, migrantId: other })).statusCode).toBe(
      409,
    );
  });

  it('erasure removes the person’s requests', async () => {
    const v = await vacancy();
    const migrantId = await person('To Be Erased');
    await consent(migrantId);
    await inject('POST', '/contact-requests', 'employer', { vacancyId: v, migrantId });
    const erased = await inject('POST', `/migrants/${migrantId}/erasure`, 'admin', { confirm: true, reason: 'asked' });
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from contact_request where migrant_id = ${migrantId}`.execute(t.store.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('seals the message under the key of the person it is about; a message left in clear is sealed at start', async () => {
    const cipher = instanceCipher(t.config);
    const v = await vacancy();
    const migrantId = await person('Message Person');
    await consent(migrantId);
    const asked = await inject('POST', '/contact-requests', 'employer', {
      vacancyId: v,
      migrantId,
      message: 'Can you start Monday? qzxcontact',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().message).toBe('Can you start Monday? qzxcontact');
    const id: string = asked.json().id;
    const stored = () =>
      t.store.db.selectFrom('contact_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const row = await stored();
    expect(row.message).toBeNull();
    expect(JSON.stringify(row)).not.toContain('qzxcontact');
    const key = (await findPersonCipher(t.store.db, cipher, migrantId))!;
    expect(key.decrypt(row.message_enc!, `contact_request.message:${id}`)).toBe('Can you start Monday? qzxcontact');
    const inbox = async (who: string) =>
      (
        (await inject('GET', '/contact-requests', who)).json().requests as { id: string; message: string | null }[]
      ).find((r) => r.id === id)?.message;
    expect(await inbox('advisor')).toBe('Can you start Monday? qzxcontact');

    // As migration 0552 found it: the message in clear, no ciphertext.
    await t.store.db
      .updateTable('contact_request')
      .set({ message: 'legacy qzxcontact', message_enc: null })
      .where('id', '=', id)
      .execute();
    expect(await inbox('employer')).toBe('legacy qzxcontact');
    expect(await sealLegacyContactMessages(t.store.db, cipher, 1)).toBe(1);
    expect(await sealLegacyContactMessages(t.store.db, cipher)).toBe(0);
    const sealed = await stored();
    expect(sealed.message).toBeNull();
    expect(key.decrypt(sealed.message_enc!, `contact_request.message:${id}`)).toBe('legacy qzxcontact');
    expect(await inbox('advisor')).toBe('legacy qzxcontact');
    // The instance key alone opens nothing: only the person's key does, and erasure destroys it.
    expect(() => cipher.decrypt(sealed.message_enc!, `contact_request.message:${id}`)).toThrow();
  });
});
