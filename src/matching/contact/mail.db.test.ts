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

  it('writes in the recipient’s language: contact language, else the sender’s interface, else the country’s', async () => {
    // The NGO works in Spain, the employer in Morocco; neither user has a stored language.
    await t.store.db.updateTable('organisation').set({ country: 'ES' }).where('id', '=', ngo).execute();
    const employerOrg = u.employer!.organisationId;
    await t.store.db.updateTable('organisation').set({ country: 'MA' }).where('id', '=', employerOrg).execute();
    const inLang = (who: string, lang: string) => ({ ...h[who], 'accept-language': lang });
    const send = (url: string, who: string, lang: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: inLang(who, lang), payload });

    // An administrator working in French invites a colleague and resets a password: French.
    const before = smtp.mails.length;
    const invited = await send(`/organisations/${ngo}/invitations`, 'admin', 'fr-FR,fr;q=0.9,en;q=0.8', {
      email: 'camille@example.org',
      name: 'Camille',
      role: 'advisor',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    await send(`/users/${u.advisor!.id}/password-reset`, 'admin', 'ar', {});
    await smtp.waitFor(before + 2);
    const invitation = mailsTo('camille@example.org').at(-1)!;
    expect(invitation.subject).toBe('Corridor : NGO A vous invite');
    expect(invitation.text).toContain('Bonjour Camille,');
    expect(invitation.text).toContain(invited.json().acceptUrl);
    const reset = mailsTo(u.advisor!.email).at(-1)!;
    expect(reset.subject).toBe('Corridor: اختر كلمة مرور جديدة');
    expect(reset.text).toContain('افتح هذا الرابط خلال 24 ساعة');

    // A person whose contact language is Arabic gets their account in Arabic though the advisor works in Spanish;
    // one without a contact language in the advisor's Spanish.
    const arabic = await seedProfile(
      t.app.corridor.kernel,
      { user: u.advisor! },
      { displayName: 'Salma', contactLanguage: 'ar' },
    );
    const none = await seedProfile(t.app.corridor.kernel, { user: u.advisor! }, { displayName: 'Awa' });
    await send(`/profiles/${arabic.id}/invitation`, 'advisor', 'es-ES', { email: 'salma@example.org' });
    await send(`/profiles/${none.id}/invitation`, 'advisor', 'es-ES', { email: 'awa@example.org' });
    await smtp.waitFor(before + 4);
    expect(mailsTo('salma@example.org').at(-1)!.subject).toBe('Corridor: حسابك');
    expect(mailsTo('awa@example.org').at(-1)!.subject).toBe('Corridor: su cuenta');
    expect(mailsTo('awa@example.org').at(-1)!.text).toContain('Hola, Awa:');

    // A contact request asked from an English interface: the person (contact language French) in French, the
    // advisor in their organisation's country's Spanish; the answer reaches the employer in Moroccan Arabic… Arabic.
    const person = await t.user('migrant', ngo);
    h.person = await t.headersFor(person);
    const migrantId = (
      await seedProfile(
        t.app.corridor.kernel,
        { user: u.advisor! },
        { displayName: 'Moussa', userId: person.id, contactLanguage: 'fr' },
      )
    ).id;
    await t.app.corridor.kernel.execute(
      recordConsent,
      { user: u.advisor! },
      { migrantId, purpose: 'matching_with_employers' },
    );
    const vacancy = await seedVacancy(t.app.corridor.kernel, { user: u.employer! });
    const mark = smtp.mails.length;
    const asked = await send('/contact-requests', 'employer', 'en', { vacancyId: vacancy.id, migrantId });
    expect(asked.statusCode, asked.body).toBe(201);
    await smtp.waitFor(mark + 2);
    expect(mailsTo(person.email).at(-1)!.subject).toBe('Corridor : un employeur souhaite vous contacter');
    expect(mailsTo(u.advisor!.email).at(-1)!.subject).toBe(
      'Corridor: una solicitud de contacto para una persona que usted acompaña',
    );
    const decided = await send(`/contact-requests/${asked.json().id}/decision`, 'person', 'fr', {
      accept: true,
      contact: { phone: '+33 6 12 34 56 78' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await smtp.waitFor(mark + 3);
    const answer = mailsTo(u.employer!.email).at(-1)!;
    expect(answer.subject).toBe('Corridor: تم الرد على طلب التواصل');
    expect(answer.text).toContain('https://corridor.example.org/inbox');
    expect(answer.text).not.toContain('12 34 56 78');
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
