// Outgoing e-mail from the server, against a local SMTP server started here: an invitation, a password-reset link
// and a contact request each send a mail (the request's says only that the inbox has something: no name, no
// details), and the answer tells the employer. Without SMTP the same actions work and say `emailed: false`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKind } from '../../db/testing.js';
import { recordConsent } from '../../identity/index.js';
import type { AuthUser } from '../../kernel/auth.js';
import { seedProfile } from '../../profiles/testing.js';
import { startTestSmtp, type TestSmtp } from '../../shared/testing-smtp.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { seedVacancy } from '../../vacancies/testing.js';

describe(`e-mail through SMTP (${testStoreKind()})`, () => {
  let smtp: TestSmtp;
  let t: TestApp;
  const u: Record<string, AuthUser> = {};
  const h: Record<string, Record<string, string>> = {};
  let ngo = '';

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ config: { smtpUrl: smtp.url, publicUrl: 'https://corridor.example.org' } });
    ngo = await t.organisation('NGO A');
    const employerOrg = await t.organisation('Hostal Mar Azul', 'employer');
    for (const [key, role, org] of [
      ['admin', 'org_admin', ngo],
      ['advisor', 'advisor', ngo],
      ['migrant', 'migrant', ngo],
      ['employer', 'employer', employerOrg],
    ] as const) {
      u[key] = await t.user(role, org);
      h[key] = await t.headersFor(u[key]!);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const post = (url: string, who: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h[who], payload });
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  it('sends the invitation and the password-reset link', async () => {
    const invited = await post(`/organisations/${ngo}/invitations`, 'admin', {
      email: 'new.advisor@example.org',
      name: 'Nour',
      role: 'advisor',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json().emailed).toBe(true);
    const reset = await post(`/users/${u.advisor!.id}/password-reset`, 'admin', {});
    expect(reset.json().emailed).toBe(true);
    await smtp.waitFor(2);
    expect(mailsTo('new.advisor@example.org')[0]!.raw).toContain(invited.json().acceptUrl);
    expect(mailsTo(u.advisor!.email)[0]!.raw).toContain(reset.json().resetUrl);
  });

  it('tells the person and their advisor of a contact request, and the employer of the answer, with no details', async () => {
    const migrantId = (
      await seedProfile(
        t.app.corridor.kernel,
        { user: u.advisor! },
        { displayName: 'Salma Youssef', userId: u.migrant!.id },
      )
    ).id;
    await t.app.corridor.kernel.execute(
      recordConsent,
      { user: u.advisor! },
      { migrantId, purpose: 'matching_with_employers' },
    );
    const vacancy = await seedVacancy(t.app.corridor.kernel, { user: u.employer! });
    const before = smtp.mails.length;
    const asked = await post('/contact-requests', 'employer', { vacancyId: vacancy.id, migrantId });
    expect(asked.statusCode).toBe(201);
    await smtp.waitFor(before + 2);
    const toPerson = mailsTo(u.migrant!.email).at(-1)!;
    expect(toPerson.raw).toContain('https://corridor.example.org/inbox');
    expect(mailsTo(u.advisor!.email).at(-1)!.raw).toContain('a contact request for a person you support');
    await post(`/contact-requests/${asked.json().id}/decision`, 'migrant', {
      accept: true,
      contact: { phone: '+34 600 987 654' },
    });
    await smtp.waitFor(before + 3);
    const toEmployer = mailsTo(u.employer!.email).at(-1)!;
    expect(toEmployer.raw).toContain('your contact request was answered');
    // Names and details stay in Corridor.
    for (const m of smtp.mails.slice(before)) {
      expect(m.raw).not.toContain('Salma');
      expect(m.raw).not.toContain('600 987 654');
    }
  });

  it('without SMTP the invitation still gives its link to hand over', async () => {
    const plain = await createTestApp();
    try {
      const org = await plain.organisation();
      const admin = await plain.user('org_admin', org);
      const res = await plain.app.inject({
        method: 'POST',
        url: `/api/v1/organisations/${org}/invitations`,
        headers: await plain.headersFor(admin),
        payload: { email: 'someone@example.org', name: 'Someone', role: 'advisor' },
      });
      expect(res.json()).toMatchObject({ emailed: false, acceptUrl: expect.stringContaining('/invitation#') });
    } finally {
      await plain.close();
    }
  });
});
