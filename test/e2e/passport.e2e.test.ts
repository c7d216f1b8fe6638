// The skills passport through the UI, against the real server: an advisor issues a passport from the person's page;
// the person, on a 360×740 phone, downloads it as JSON and as a PDF, makes a share link and its QR code; anyone, signed
// out, verifies it on the public page from the file and from a picture of the QR code; the advisor revokes it and
// the page says revoked. English and Arabic.
// Every step the people take is on screen, from the harness's seeded staff: the organisation's admin invites an
// assessor; the advisor adds the person ("Add a person", with their consent to profiling), makes their invitation
// link on the person's page, records the qualification with its diploma and requests recognition; the assessor
// assesses skills against an ESCO occupation (RPL) and recognises the qualification at an EQF level; then the passport.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { errorsOf, PASSWORD, PHONE, SHOTS_DIR, screenshot, seriousViolations } from './harness.js';
import { corridor, useBrowser } from './browser.js';
import { tinyPng } from '../../src/recognition/testing.js';

const browser = useBrowser();
const NAME = `Amina Diallo ${Date.now() % 10000}`;
const person = { migrantId: '', email: `amina.${Date.now()}@example.org`, invitation: '' };
const assessor = { email: `assessor.${Date.now()}@example.org`, name: 'Marta Ferreira', invitation: '' };
const files = { json: resolve(SHOTS_DIR, 'passport-download.json'), qr: resolve(SHOTS_DIR, 'passport-qr.png') };
const QUALIFICATION = 'CAP Cuisine';

/** Opens an invitation link and sets the password: the account exists from then on. */
async function acceptInvitation(link: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.page(viewport ? { viewport } : {});
  // The link names the instance's configured public URL; the test server listens elsewhere.
  await page.goto(`${corridor.url}${new URL(link).pathname}${new URL(link).hash}`);
  await page.locator('#new-password').fill(PASSWORD);
  await page.locator('#repeat-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.locator('nav.mainnav').waitFor({ state: 'attached' });
  return page;
}

/** The text a PDF's first page gives to copy and paste, screen readers and search. */
async function pdfText(path: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false }).promise;
  const items = (await (await doc.getPage(1)).getTextContent()).items;
  await doc.destroy();
  return items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('');
}

async function expectClean(page: Page) {
  // Kept before the checks, so a failing layout can be looked at.
  await screenshot(page, 'passport-last-checked');
  expect(await seriousViolations(page)).toEqual([]);
  expect(errorsOf(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function verifyFromFile(page: Page, path: string) {
  await page.locator('#passport-file').setInputFiles(path);
  await page.locator('#verdict').waitFor();
}

describe('skills passport', () => {
  it('the organisation’s admin invites an assessor, who sets their password', async () => {
    const admin = await browser.signedIn(corridor.users.orgAdmin);
    await admin.goto(`${corridor.url}/admin/invitations`);
    await admin.locator('#invite-name').fill(assessor.name);
    await admin.locator('#invite-email').fill(assessor.email);
    await admin.locator('#invite-role').selectOption('assessor');
    await admin.locator('form:has(#invite-name) button[type="submit"]').click();
    await admin.locator('#invite-link').waitFor();
    assessor.invitation = await admin.locator('#invite-link').inputValue();
    expect(assessor.invitation).toMatch(/\/invitation#/);
    await admin.context().close();
    const page = await acceptInvitation(assessor.invitation);
    await page.waitForURL(/\/recognition$/);
    await page.context().close();
  });

  it('the advisor adds the person, makes their invitation, records a qualification and requests recognition', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload`);
    const form = page.getByRole('region', { name: 'Add a person' });
    await form.getByLabel('Name the person wants to be called').fill(NAME);
    await form.getByLabel('Country of origin').selectOption('SN');
    await form.getByLabel('Country where the person lives now').selectOption('ES');
    await form.getByLabel('The person agreed that their skills profile is kept (consent to profiling)').check();
    await form.getByRole('button', { name: 'Add to caseload' }).click();
    await page.waitForURL(/\/caseload\/[0-9a-f-]{36}\?added=1$/);
    person.migrantId = /\/caseload\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // The person's own account: an invitation link made on their page, handed to them.
    await page.locator('#account-email').fill(person.email);
    await page.getByRole('button', { name: 'Create the invitation link' }).click();
    await page.locator('#account-link').waitFor();
    person.invitation = await page.locator('#account-link').inputValue();
    expect(person.invitation).toMatch(/\/invitation#/);

    await page.getByRole('link', { name: 'Qualifications and recognition' }).click();
    await page.waitForURL(/\/qualifications$/);
    const add = page.getByRole('region', { name: 'Add a qualification' });
    await add.getByLabel('Title as written on the certificate').fill(QUALIFICATION);
    await add.getByLabel(/Title translated/).fill('Vocational certificate in cooking');
    await add.getByLabel('Awarding body').fill('Ministère de la Formation professionnelle');
    await add.getByLabel('Country where it was awarded').selectOption('SN');
    await add.getByLabel(/^Year/).fill('2012');
    await add.getByRole('button', { name: 'Add the qualification' }).click();
    const item = page.locator('li.qualification').first();
    await item.waitFor();
    await item
      .locator('input[type="file"]')
      .setInputFiles({ name: 'cap.png', mimeType: 'image/png', buffer: tinyPng() });
    await item.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => item.locator('.documents li').count()).toBe(1);
    await item.getByRole('button', { name: 'Request recognition' }).click();
    await expect.poll(() => item.locator('.badge').innerText()).toBe('Being assessed');
    await expectClean(page);
    await page.context().close();
  });

  it('the assessor assesses the person’s skills as a cook (RPL) and recognises the qualification at EQF 3', async () => {
    const page = await browser.signedIn({ ...assessor, role: 'assessor' });
    await page.waitForURL(/\/recognition$/);
    await page.getByRole('link', { name: new RegExp(`${NAME}\\b`) }).click();
    await page.waitForURL(/\/recognition\/cases\/[0-9a-f-]{36}$/);
    const assess = page.getByRole('region', { name: 'Assessment' });
    await assess.getByLabel('I have checked the documents').check();
    await assess.getByRole('button', { name: 'Save the assessment' }).click();
    await expect.poll(() => page.locator('.badge').first().innerText()).toBe('Being assessed');

    const rpl = page.getByRole('region', { name: 'Skills assessment (RPL)' });
    await rpl.getByRole('combobox', { name: 'Occupation' }).fill('cook');
    await rpl
      .getByRole('listbox', { name: 'Occupation' })
      .getByRole('option', { name: /^cook\b/ })
      .first()
      .click();
    await rpl.getByRole('button', { name: 'Start the assessment' }).click();
    const rows = rpl.locator('table.checklist tbody tr');
    await rows.first().waitFor();
    await rows.nth(0).locator('select').nth(0).selectOption('practical_test');
    await rows.nth(0).locator('select').nth(1).selectOption('demonstrated');
    await rows.nth(1).locator('select').nth(0).selectOption('observation');
    await rows.nth(1).locator('select').nth(1).selectOption('demonstrated');
    await rpl.getByRole('button', { name: 'Complete the assessment' }).click();
    await expect.poll(() => rpl.innerText()).toMatch(new RegExp(`Completed on .* by ${assessor.name}`));

    const decide = page.getByRole('region', { name: 'Decide' });
    await decide.getByLabel('Recognised', { exact: true }).check();
    await decide.getByLabel('EQF level').selectOption('3');
    await decide.getByLabel('Comparable qualification').fill('Técnico en Cocina y Gastronomía');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Decision' }).innerText())
      .toMatch(/Recognised · EQF level 3/);
    await expectClean(page);
    await page.context().close();
  });

  it('an advisor issues a passport from the person’s page', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    // The caseload filtered by name; an earlier run's "Amina Diallo 123" must not match "Amina Diallo 1234".
    await page.goto(`${corridor.url}/caseload?name=${encodeURIComponent(NAME)}`);
    await page.getByRole('link', { name: NAME, exact: true }).click();
    await page.waitForURL(new RegExp(`/caseload/${person.migrantId}$`));
    await page.getByRole('link', { name: 'Skills passport: issue, revoke' }).click();
    await page.waitForURL(/\/passport$/);
    await page.getByRole('heading', { level: 1, name: `Skills passport of ${NAME}` }).waitFor();
    // The list loads after the heading: wait for it (a loaded machine answers it later than the heading shows).
    await page.getByText('No passport yet.').waitFor();
    await page.getByRole('button', { name: 'Issue a skills passport' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Passport issued.');
    const item = page.locator('.passport-list li').first();
    await item.waitFor();
    expect(await item.innerText()).toMatch(/Valid[\s\S]*2 skills[\s\S]*Shows: name, country of origin, birth year/);
    await expectClean(page);
    await screenshot(page, 'passport-staff-en');
    await page.context().close();
  });

  it('the person downloads it on a phone, as JSON and as a PDF, and shares it with a link and its QR code', async () => {
    // The invitation the advisor handed over, opened on the person's phone.
    const page = await acceptInvitation(person.invitation, PHONE);
    await page.waitForURL(/\/me\/profile/);
    await page.goto(`${corridor.url}/me/passport`);
    const card = page.locator('.passport-card').first();
    await card.waitFor();

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Download (JSON)' }).click(),
    ]);
    await json.saveAs(files.json);
    const credential = JSON.parse(readFileSync(files.json, 'utf8'));
    expect(credential.type).toContain('VerifiableCredential');
    expect(credential.credentialSubject.name).toBe(NAME);
    expect(credential.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    // What recognition decided, signed: the qualification at its EQF level, the skills as assessed with provenance.
    const today = new Date().toISOString().slice(0, 10);
    expect(credential.credentialSubject.qualifications).toEqual([
      expect.objectContaining({ name: QUALIFICATION, eqfLevel: 3, recognition: 'recognised', recognisedOn: today }),
    ]);
    const methods = credential.credentialSubject.skills.map((s: Record<string, string>) =>
      [s.evidenceLevel, s.method, s.assessedBy, s.assessedOn].join(' | '),
    );
    expect(methods.sort()).toEqual([
      `assessed | observation | ${assessor.name} | ${today}`,
      `assessed | practical test | ${assessor.name} | ${today}`,
    ]);

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Download (PDF with QR code)' }).click(),
    ]);
    const pdfPath = resolve(SHOTS_DIR, 'passport.pdf');
    await pdf.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const printed = await pdfText(pdfPath);
    expect(printed).toContain('Skills passport');
    expect(printed).toContain(NAME);

    await card.getByLabel('Link valid for').selectOption('7');
    await card.getByRole('button', { name: 'Make a link' }).click();
    const qr = card.getByRole('img', { name: 'QR code of the link' });
    await qr.waitFor();
    expect(await card.getByLabel('Link to your passport').inputValue()).toMatch(/\/verify#share=/);
    writeFileSync(files.qr, await qr.screenshot());
    await expectClean(page);
    await screenshot(page, 'passport-mine-en-phone');
    await page.context().close();

    // The same screen in Arabic, right to left.
    const ar = await browser.page({ viewport: PHONE, locale: 'ar' });
    await ar.goto(`${corridor.url}/sign-in`);
    await ar.locator('input[type=email]').fill(person.email);
    await ar.locator('input[type=password]').fill(PASSWORD);
    await ar.locator('form button[type=submit]').click();
    await ar.waitForURL(/\/me\/profile/);
    await ar.goto(`${corridor.url}/me/passport`);
    await ar.getByRole('heading', { level: 1, name: 'جواز المهارات' }).waitFor();
    expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await ar.locator('.passport-card').first().waitFor();
    // The PDF in the reader's language: the Arabic page, the skills' evidence and method in Arabic.
    const [arPdf] = await Promise.all([
      ar.waitForEvent('download'),
      ar.locator('.passport-card').first().getByRole('link', { name: 'تنزيل (PDF مع رمز QR)' }).click(),
    ]);
    const arPdfPath = resolve(SHOTS_DIR, 'passport-ar.pdf');
    await arPdf.saveAs(arPdfPath);
    const arPrinted = await pdfText(arPdfPath);
    for (const word of ['جواز', 'المهارات', 'مقيّمة', 'اختبار', 'عملي', 'بالإنجليزية'])
      expect(arPrinted).toContain(word);
    expect(arPrinted).not.toContain('?');
    await expectClean(ar);
    await screenshot(ar, 'passport-mine-ar-phone');
    await ar.context().close();
  });

  it('anyone verifies it without signing in, from the file and from the QR picture', async () => {
    const page = await browser.page({ viewport: PHONE });
    await page.goto(`${corridor.url}/verify`);
    await page.getByRole('heading', { level: 1, name: 'Check a skills passport' }).waitFor();
    await verifyFromFile(page, files.json);
    const verdict = page.locator('.verdict');
    expect(await verdict.locator('h2').innerText()).toBe('Valid');
    expect(await verdict.innerText()).toContain('The signature matches: nothing was changed since it was signed.');
    expect(await verdict.innerText()).toContain('The issuer is on this verifier’s trust list.');
    expect(await verdict.innerText()).toContain('Not revoked.');
    // What the assessor decided, as the verifier reads it.
    const today = new Date().toISOString().slice(0, 10);
    const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');
    expect(plain(await verdict.locator('.passport-qualifications').innerText())).toBe(
      `${QUALIFICATION} — EQF level 3 · recognised on ${today}`,
    );
    expect(plain(await verdict.innerText())).toContain(`assessed (practical test) · by ${assessor.name} on ${today}`);
    await expectClean(page);
    await screenshot(page, 'passport-verify-en-phone');

    // A changed skill: not valid, the signature named.
    const tampered = JSON.parse(readFileSync(files.json, 'utf8'));
    tampered.credentialSubject.skills[1].evidenceLevel = 'certified';
    const tamperedPath = resolve(SHOTS_DIR, 'passport-tampered.json');
    writeFileSync(tamperedPath, JSON.stringify(tampered));
    await page.reload();
    await verifyFromFile(page, tamperedPath);
    expect(await verdict.locator('h2').innerText()).toBe('Not valid');
    expect(await verdict.locator('[data-check="signature"]').innerText()).toContain(tampered.proof.verificationMethod);
    expect(await verdict.innerText()).toContain('Changed after signing: credentialSubject.skills.1.evidenceLevel');

    await page.reload();
    await page.getByLabel('Picture of a QR code').setInputFiles(files.qr);
    await page.locator('#verdict').waitFor();
    expect(await verdict.locator('h2').innerText()).toBe('Valid');
    expect(await verdict.innerText()).toContain(`Holder: ${NAME}`);
    await page.context().close();

    const ar = await browser.page({ viewport: PHONE, locale: 'ar' });
    await ar.goto(`${corridor.url}/verify`);
    await verifyFromFile(ar, files.json);
    expect(await ar.locator('.verdict h2').innerText()).toBe('صالح');
    expect(await ar.locator('.passport-qualifications').innerText()).toContain('المستوى 3 في الإطار الأوروبي');
    // Evidence levels and methods in Arabic; ESCO labels in English, said once.
    expect(await ar.locator('.passport-skills').innerText()).toContain('مقيّمة (اختبار عملي)');
    expect(await ar.locator('.verdict .notice').innerText()).toContain('بالإنجليزية');
    expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expectClean(ar);
    await screenshot(ar, 'passport-verify-ar-phone');
    await ar.context().close();
  });

  it('the advisor revokes it, and the verification page says revoked', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload/${person.migrantId}/passport`);
    const item = page.locator('.passport-list li').first();
    await item.waitFor();
    await item.getByRole('button', { name: 'Revoke' }).click();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT'); // the reason is asked first
    await item.getByLabel('Why revoke it?').fill('Issued with a wrong skill');
    await item.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Revoked. Verifiers now see it as revoked.');
    await expect.poll(() => page.locator('.passport-list li').first().innerText()).toMatch(/Revoked on/);
    await page.context().close();

    const anyone = await browser.page({ viewport: PHONE });
    await anyone.goto(`${corridor.url}/verify`);
    await verifyFromFile(anyone, files.json);
    const verdict = anyone.locator('.verdict');
    expect(await verdict.locator('h2').innerText()).toBe('Not valid');
    expect(await verdict.locator('[data-check="status"]').innerText()).toContain('Revoked by the issuer.');
    expect(await verdict.locator('[data-check="signature"]').innerText()).toContain('The signature matches');
    await expectClean(anyone);
    await screenshot(anyone, 'passport-verify-revoked-en-phone');
    await anyone.context().close();

    const ar = await browser.page({ viewport: PHONE, locale: 'ar' });
    await ar.goto(`${corridor.url}/verify`);
    await verifyFromFile(ar, files.json);
    expect(await ar.locator('[data-check="status"]').innerText()).toContain('ألغته الجهة المصدرة.');
    await screenshot(ar, 'passport-verify-revoked-ar-phone');
    await ar.context().close();
  });
});
