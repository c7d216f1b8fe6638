// The skills passport through the UI, against the real server: an advisor issues a passport from the person's page;
// the person, on a 360×740 phone, downloads it as JSON and as a PDF, makes a share link and its QR code; anyone, signed
// out, verifies it on the public page from the file and from a picture of the QR code; the advisor revokes it and
// the page says revoked. English and Arabic.
// Set-up through the API, as a client would: the person's account (an invitation) and their profile's content
// (recognition's advisor/assessor screens are on another branch; the interview's own browser test covers profiling).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsOf, PHONE, SHOTS_DIR, screenshot, seriousViolations } from './harness.js';
import { apiAs, migrantAccount } from './accounts.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();
const NAME = `Amina Diallo ${Date.now() % 10000}`;
const person = { migrantId: '', email: '', password: '' };
const files = { json: resolve(SHOTS_DIR, 'passport-download.json'), qr: resolve(SHOTS_DIR, 'passport-qr.png') };
// Real ESCO v1.1.1 concepts (cook and three of its essential skills), as the shipped taxonomy has them.
const COOK = 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e';
const SKILLS = [
  'http://data.europa.eu/esco/skill/0ff99f51-40d9-42f1-a1ec-377b2bb5e15f',
  'http://data.europa.eu/esco/skill/210827e3-3129-45a2-8683-70399f3f561f',
  'http://data.europa.eu/esco/skill/29b326ea-a9c8-4963-b35a-8541d0cdff77',
];

beforeAll(async () => {
  const account = await migrantAccount(corridor.url, corridor.users.orgAdmin, NAME);
  Object.assign(person, { migrantId: account.migrantId, email: account.email, password: account.password });
  const advisor = await apiAs(corridor.url, corridor.users.advisor);
  const profile = await advisor<{ version: number }>('GET', `/profiles/${person.migrantId}`);
  await advisor('PUT', `/profiles/${person.migrantId}`, {
    version: profile.version,
    displayName: NAME,
    originCountry: 'SN',
    currentCountry: 'ES',
    currentRegion: 'ES51',
    sex: 'female',
    birthYear: 1992,
    languages: [
      { lang: 'fr', native: true },
      { lang: 'es', listening: 'B1', reading: 'A2', speaking: 'B1', writing: 'A2' },
    ],
    qualifications: [{ title: 'CAP Cuisine', country: 'SN', year: 2012, eqfLevel: 3 }],
    experience: [{ occupationUri: COOK, country: 'SN', months: 48, formal: false }],
    skills: SKILLS.map((uri, i) => ({
      uri,
      evidence: i === 0 ? 'advisor-checked' : 'self-declared',
      source: i === 0 ? 'interview' : 'self-declared',
    })),
    seeking: true,
  });
}, 120_000);

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
  it('an advisor issues a passport from the person’s page', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload`);
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('link', { name: 'Skills passport: issue, revoke' }).click();
    await page.waitForURL(/\/passport$/);
    await page.getByRole('heading', { level: 1, name: `Skills passport of ${NAME}` }).waitFor();
    expect(await page.getByText('No passport yet.').count()).toBe(1);
    await page.getByRole('button', { name: 'Issue a skills passport' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Passport issued.');
    const item = page.locator('.passport-list li').first();
    await item.waitFor();
    expect(await item.innerText()).toMatch(/Valid[\s\S]*3 skills[\s\S]*Shows: name, country of origin, birth year/);
    await expectClean(page);
    await screenshot(page, 'passport-staff-en');
    await page.context().close();
  });

  it('the person downloads it on a phone, as JSON and as a PDF, and shares it with a link and its QR code', async () => {
    const page = await browser.page({ viewport: PHONE });
    await page.goto(`${corridor.url}/sign-in`);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
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

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Download (PDF with QR code)' }).click(),
    ]);
    const pdfPath = resolve(SHOTS_DIR, 'passport.pdf');
    await pdf.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

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
    await ar.locator('input[type=password]').fill(person.password);
    await ar.locator('form button[type=submit]').click();
    await ar.waitForURL(/\/me\/profile/);
    await ar.goto(`${corridor.url}/me/passport`);
    await ar.getByRole('heading', { level: 1, name: 'جواز المهارات' }).waitFor();
    expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await ar.locator('.passport-card').first().waitFor();
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
