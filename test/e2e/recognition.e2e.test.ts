// Recognition through the UI, against the real server: an advisor records a person's qualification as written,
// uploads the diploma (a text file dressed as a PNG is refused by its content) and requests recognition; the
// assessor, from their queue, checks the documents, runs an RPL checklist against an ESCO occupation and decides;
// the person, on a 360×740 phone in Arabic, reads the decision in their language and sees the skills now "assessed",
// with who assessed them and how. Accounts are made as an organisation makes them (invitations, over the API);
// everything the users do is done on screen.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsOf, PASSWORD, PHONE, screenshot, seriousViolations } from './harness.js';
import { apiAs, migrantAccount, type Me } from './accounts.js';
import { corridor, useBrowser } from './browser.js';
import { startFreshCorridor, type FreshCorridor } from './fresh.js';
import { tinyPng } from '../../src/recognition/testing.js';

const browser = useBrowser();
const person = { name: `Youssef Amrani ${Date.now() % 10000}`, email: '', password: '', migrantId: '' };
const assessor = { email: '', name: 'Inés Ferrer', role: 'assessor' as const };
let caseUrl = '';

const DOCS = resolve('docs/screens');
async function docShot(page: Page, name: string) {
  mkdirSync(DOCS, { recursive: true });
  const path = await screenshot(page, name);
  await page.screenshot({ path: resolve(DOCS, `${name}.png`), fullPage: false });
  return path;
}

async function clean(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(errorsOf(page).filter((e) => !/status of 4(00|13)/.test(e))).toEqual([]);
}

beforeAll(async () => {
  const account = await migrantAccount(corridor.url, corridor.users.orgAdmin, person.name);
  Object.assign(person, { email: account.email, password: account.password, migrantId: account.migrantId });
  // Their consent to profiling, recorded with them present (issue 11): the advisor's screens then match them too.
  const advisor = await apiAs(corridor.url, corridor.users.advisor);
  await advisor('POST', `/migrants/${person.migrantId}/consents`, { purpose: 'profiling' });
  // The assessor's account, invited by the organisation's admin and accepted.
  const admin = await apiAs(corridor.url, corridor.users.orgAdmin);
  const me = await admin<Me>('GET', '/me');
  assessor.email = `assessor.${Date.now()}@example.org`;
  const { token } = await admin<{ token: string }>('POST', `/organisations/${me.organisation.id}/invitations`, {
    email: assessor.email,
    name: assessor.name,
    role: 'assessor',
  });
  const res = await fetch(`${corridor.url}/api/v1/auth/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: PASSWORD }),
  });
  expect(res.status).toBe(201);
}, 120_000);

describe('recognition', () => {
  it('advisor: records a qualification as written, uploads the diploma and requests recognition', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload?name=${encodeURIComponent(person.name)}`);
    await page.getByRole('link', { name: person.name }).click();
    await page.waitForURL(/\/caseload\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Qualifications and recognition' }).click();
    await page.waitForURL(/\/qualifications$/);
    await expect.poll(() => page.locator('h1').innerText()).toContain('Qualifications and recognition');

    const form = page.getByRole('region', { name: 'Add a qualification' });
    // Nothing filled in: the message, and focus on the first field.
    await form.getByRole('button', { name: 'Add the qualification' }).click();
    expect(await form.getByRole('alert').innerText()).toBe('Please fill in this field.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-originalTitle');
    await form.getByLabel('Title as written on the certificate').fill('دبلوم تقني متخصص في الكهرباء');
    await form.getByLabel(/Title translated/).fill('Specialised technician diploma in electricity');
    await form.getByLabel('Awarding body').fill('OFPPT');
    await form.getByLabel('Country where it was awarded').selectOption('MA');
    await form.getByLabel(/^Year/).fill('2019');
    await form.getByLabel(/Field of study/).fill('0713');
    await form.getByRole('button', { name: 'Add the qualification' }).click();
    const item = page.locator('li.qualification').first();
    await item.waitFor();
    expect(await item.innerText()).toContain('Recorded');

    // A text file named like a photo: refused by its content, nothing stored.
    const fileInput = item.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: 'diploma.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await item.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => item.getByRole('alert').innerText()).toMatch(/not a PDF, JPEG or PNG/);
    expect(await item.innerText()).toContain('No documents yet.');
    await fileInput.setInputFiles({ name: 'diploma.png', mimeType: 'image/png', buffer: tinyPng() });
    await item.getByRole('button', { name: 'Upload' }).click();
    await expect
      .poll(() => item.locator('.documents li').allInnerTexts())
      .toEqual([expect.stringMatching(/^diploma\.png/)]);

    await item.getByRole('button', { name: 'Request recognition' }).click();
    await expect.poll(() => item.locator('.badge').innerText()).toBe('Being assessed');
    expect(await item.innerText()).toContain('No decision yet');
    await clean(page);
    await docShot(page, 'recognition-advisor-en-desktop');
    await page.context().close();
  });

  it('assessor: checks the documents, assesses skills against an occupation and decides', async () => {
    const page = await browser.signedIn(assessor);
    await page.waitForURL(/\/recognition$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Recognition cases');
    await clean(page);
    await screenshot(page, 'recognition-queue-en-desktop');
    await page.getByRole('link', { name: new RegExp(person.name) }).click();
    await page.waitForURL(/\/recognition\/cases\/[0-9a-f-]{36}$/);
    caseUrl = page.url();
    await expect.poll(() => page.locator('h1').innerText()).toBe(person.name);
    expect(await page.getByRole('region', { name: 'As written' }).innerText()).toContain('diploma.png');

    const assess = page.getByRole('region', { name: 'Assessment' });
    await assess.getByLabel('I have checked the documents').check();
    await assess.getByLabel('Interview topic').fill('Workshop practice');
    await assess.getByLabel('What the person said').fill('Two years of wiring houses in Casablanca');
    await assess.getByLabel(/Comparison with the destination framework/).fill('Close to a Spanish Técnico (EQF 4)');
    await assess.getByRole('button', { name: 'Save the assessment' }).click();
    await expect.poll(() => page.locator('.badge').first().innerText()).toBe('Being assessed');

    // RPL: the occupation's essential skills become the checklist.
    const rpl = page.getByRole('region', { name: 'Skills assessment (RPL)' });
    await rpl.getByRole('combobox', { name: 'Occupation' }).fill('building electrician');
    await rpl
      .getByRole('listbox', { name: 'Occupation' })
      .getByRole('option', { name: /^building electrician/ })
      .first()
      .click();
    await rpl.getByRole('button', { name: 'Start the assessment' }).click();
    const rows = rpl.locator('table.checklist tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    const skillNames = await rows.locator('th').allInnerTexts();
    await rows.nth(0).locator('select').nth(0).selectOption('practical_test');
    await rows.nth(0).locator('select').nth(1).selectOption('demonstrated');
    await rows.nth(1).locator('select').nth(0).selectOption('observation');
    await rows.nth(1).locator('select').nth(1).selectOption('demonstrated');
    await clean(page);
    await screenshot(page, 'recognition-rpl-en-desktop');
    await rpl.getByRole('button', { name: 'Complete the assessment' }).click();
    await expect.poll(() => rpl.innerText()).toMatch(/Completed on .* by Inés Ferrer/);

    const decide = page.getByRole('region', { name: 'Decide' });
    await decide.getByLabel('Recognised', { exact: true }).check();
    await decide.getByLabel('EQF level').selectOption('4');
    await decide.getByLabel('Comparable qualification').fill('Técnico en Instalaciones Eléctricas y Automáticas');
    expect(await decide.getByLabel(/building electrician/).isChecked()).toBe(true);
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    const decision = page.getByRole('region', { name: 'Decision' });
    await decision.waitFor();
    expect(await decision.innerText()).toMatch(/Recognised · EQF level 4/);
    expect(await page.getByRole('region', { name: 'History' }).innerText()).toMatch(
      /Requested[\s\S]*Assessed[\s\S]*Decided/,
    );
    await clean(page);
    await docShot(page, 'recognition-case-en-desktop');

    // The same case in Arabic, right to left.
    await page.evaluate(() => localStorage.setItem('corridor.lang', 'ar'));
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('region', { name: 'القرار' }).innerText()).toMatch(/معترف بها/);
    await clean(page);
    await screenshot(page, 'recognition-case-ar-desktop');
    // The advisor's view of the person now says who assessed the skills.
    expect(skillNames.length).toBeGreaterThan(1);
    await page.context().close();
  });

  it('the person, on a phone in Arabic: reads the decision and sees the skills now assessed', async () => {
    const page = await browser.page({ locale: 'ar', viewport: PHONE });
    await page.goto(`${corridor.url}/sign-in`);
    await page.locator('#signin-email').fill(person.email);
    await page.locator('#signin-password').fill(person.password);
    await page.locator('form button[type="submit"]').click();
    await page.locator('nav.mainnav').waitFor({ state: 'attached' });
    await page.goto(`${corridor.url}/me/qualifications`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('مؤهلاتي');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const item = page.locator('li.qualification').first();
    await item.waitFor();
    await expect.poll(() => item.locator('.recognition-decision').innerText()).toMatch(/معترف بها/);
    expect(await item.innerText()).toContain('المستوى 4 في الإطار الأوروبي');
    expect(await item.innerText()).toContain('Técnico en Instalaciones Eléctricas y Automáticas');
    const assessed = page.locator('ul.assessed-skills li');
    await expect.poll(() => assessed.count()).toBe(2);
    expect(await assessed.first().innerText()).toMatch(/مُقيَّمة · (اختبار عملي|ملاحظة أثناء العمل) · Inés Ferrer/);
    await docShot(page, 'recognition-mine-ar-phone');
    await clean(page);
    await page.context().close();
  });

  it('the advisor sees the provenance beside the assessed skills on the profile', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload/${person.migrantId}`);
    const skills = page.getByRole('region', { name: /^Skills/ });
    await expect.poll(() => skills.locator('.provenance').count()).toBe(2);
    expect(await skills.innerText()).toMatch(/Assessed · by Inés Ferrer on/);
    expect(caseUrl).toMatch(/\/recognition\/cases\//);
    await clean(page);
    await screenshot(page, 'recognition-profile-provenance-en-desktop');
    await page.context().close();
  });
});

// Cross-organisation assessment, from an empty instance (`corridor admin init`, nothing seeded): the platform admin
// sets up an NGO and a qualifications authority; each administrator invites their staff; the NGO's advisor adds a
// person, records their qualification and diploma, requests recognition and, from the case screen, refers the case
// to the authority with the person's consent; the authority's assessor finds it in their queue, opens the diploma
// and decides; the person, on a phone in Arabic, reads the decision and who assessed it, and stops the sharing;
// the authority then no longer sees the case. Through the screens only.
describe('recognition by another organisation, from an empty instance', () => {
  const PASS = 'cross-border recognition';
  const NGO = 'Tangier Employment Service';
  const AUTHORITY = 'National Qualifications Authority';
  const who = { name: `Samira Haddad ${Date.now() % 10000}` };
  let fresh: FreshCorridor;
  let referredCase = '';
  let personLink = '';
  let assessorLink = '';

  beforeAll(async () => {
    fresh = await startFreshCorridor({ email: 'platform.referral@example.org', name: 'Paz Platform' });
  }, 240_000);
  afterAll(async () => fresh?.close());

  async function accept(link: string, options: Parameters<typeof browser.page>[0] = {}): Promise<Page> {
    const page = await browser.page(options);
    await page.goto(link);
    await page.locator('#new-password').fill(PASS);
    await page.locator('#repeat-password').fill(PASS);
    await page.locator('form button[type="submit"]').click();
    await page.locator('nav.mainnav').waitFor({ state: 'attached' });
    return page;
  }
  async function invite(admin: Page, name: string, email: string, role: string): Promise<string> {
    await admin.goto(`${fresh.url}/admin/invitations`);
    await admin.locator('#invite-name').fill(name);
    await admin.locator('#invite-email').fill(email);
    await admin.locator('#invite-role').selectOption(role);
    await admin.getByRole('button', { name: 'Create the invitation' }).click();
    await admin.locator('#invite-link').waitFor();
    return admin.locator('#invite-link').inputValue();
  }

  it('the platform admin sets up both organisations; their administrators invite an advisor and an assessor', async () => {
    const platform = await accept(fresh.adminInvitation);
    await platform.waitForURL(/\/platform\/organisations$/);
    const adminLinks: string[] = [];
    for (const [name, type, admin] of [
      [NGO, 'ngo', 'Olga Admin'],
      [AUTHORITY, 'assessment_body', 'Aziz Admin'],
    ] as const) {
      await platform.locator('#org-name').fill(name);
      await platform.locator('#org-type').selectOption(type);
      await platform.locator('#org-country').selectOption('MA');
      await platform.getByRole('button', { name: 'Create the organisation' }).click();
      await platform.locator('ul.cards > li', { hasText: name }).waitFor();
      const region = platform.getByRole('region', { name: `Invite an administrator for ${name}` });
      if (!(await region.isVisible()))
        await platform.getByRole('button', { name: `Invite an administrator for ${name}` }).click();
      await region.locator('#admin-invite-name').fill(admin);
      await region.locator('#admin-invite-email').fill(`${type}.admin.referral@example.org`);
      await region.getByRole('button', { name: 'Create the invitation' }).click();
      await platform.locator('#admin-invite-link').waitFor();
      adminLinks.push(await platform.locator('#admin-invite-link').inputValue());
    }
    await platform.context().close();
    const ngoAdmin = await accept(adminLinks[0]!);
    const advisorLink = await invite(ngoAdmin, 'Adel Advisor', 'advisor.referral@example.org', 'advisor');
    await ngoAdmin.context().close();
    const authorityAdmin = await accept(adminLinks[1]!);
    assessorLink = await invite(authorityAdmin, 'Inés Assessor', 'assessor.referral@example.org', 'assessor');
    await authorityAdmin.context().close();

    // The advisor adds the person (with their consent to profiling) and gives them an account.
    const advisor = await accept(advisorLink);
    await advisor.goto(`${fresh.url}/caseload`);
    await advisor.locator('#new-profile-name').fill(who.name);
    await advisor.locator('#new-profile-origin').selectOption('MA');
    await advisor.locator('#new-profile-current').selectOption('ES');
    await advisor.locator('#new-profile-contact').selectOption('ar');
    await advisor.getByLabel('The person agreed that their skills profile is kept (consent to profiling)').check();
    await advisor.getByRole('button', { name: 'Add to caseload' }).click();
    await advisor.waitForURL(/\/caseload\/[0-9a-f-]{36}\?added=1$/);
    await advisor.locator('#account-email').fill('samira.referral@example.org');
    await advisor.getByRole('button', { name: 'Create the invitation link' }).click();
    personLink = await advisor.locator('#account-link').inputValue();

    // Their qualification as written, the diploma, the request.
    await advisor.getByRole('link', { name: 'Qualifications and recognition' }).click();
    await advisor.waitForURL(/\/qualifications$/);
    const form = advisor.getByRole('region', { name: 'Add a qualification' });
    await form.getByLabel('Title as written on the certificate').fill('دبلوم تقني متخصص في الكهرباء');
    await form.getByLabel('Awarding body').fill('OFPPT');
    await form.getByLabel('Country where it was awarded').selectOption('MA');
    await form.getByRole('button', { name: 'Add the qualification' }).click();
    const item = advisor.locator('li.qualification').first();
    await item.waitFor();
    await item
      .locator('input[type="file"]')
      .setInputFiles({ name: 'diploma.png', mimeType: 'image/png', buffer: tinyPng() });
    await item.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => item.locator('.documents li').count()).toBe(1);
    await item.getByRole('button', { name: 'Request recognition' }).click();
    await item.getByRole('link', { name: 'Open the recognition case' }).click();
    await advisor.waitForURL(/\/recognition\/cases\/[0-9a-f-]{36}$/);
    referredCase = advisor.url();

    // Refer: without the person's consent ticked, the message and focus on the box; then with it.
    const referral = advisor.getByRole('region', { name: 'Refer to an assessing organisation' });
    // The employer-free list: the authority is there, the advisor's own organisation is not.
    const options = () => referral.locator('#referral-organisation option').allInnerTexts();
    await expect.poll(options).toContain(AUTHORITY);
    expect(await options()).not.toContain(NGO);
    await referral.locator('#referral-organisation').selectOption({ label: AUTHORITY });
    await referral.getByRole('button', { name: 'Refer the case' }).click();
    await expect.poll(() => referral.getByRole('alert').innerText()).toBe('Tick this once the person has agreed.');
    expect(await advisor.evaluate(() => document.activeElement?.id)).toBe('referral-consent');
    await referral.getByLabel('The person agrees that this organisation sees this case and its documents.').check();
    await referral.getByLabel(/Note for the assessing organisation/).fill('Regulated profession in Spain');
    await referral.getByRole('button', { name: 'Refer the case' }).click();
    await expect.poll(() => referral.innerText()).toContain(`Referred to ${AUTHORITY} on`);
    expect(await advisor.getByRole('region', { name: 'History' }).innerText()).toMatch(/Requested[\s\S]*Referred/);
    await clean(advisor);
    await docShot(advisor, 'recognition-referral-en-desktop');
    await advisor.context().close();
  }, 240_000);

  it('the authority’s assessor finds the case in their queue, opens the diploma and decides', async () => {
    const page = await accept(assessorLink);
    await page.goto(`${fresh.url}/recognition`);
    const entry = page.locator('ul.case-queue li', { hasText: who.name });
    await entry.waitFor();
    expect(await entry.innerText()).toContain(`Referred by ${NGO}`);
    await clean(page);
    await screenshot(page, 'recognition-referred-queue-en-desktop');
    await entry.getByRole('link').click();
    await page.waitForURL(referredCase);
    expect(await page.locator('[data-referred-from]').innerText()).toContain(`Referred by ${NGO}`);
    // The diploma opens (each opening is audited on the server).
    const doc = page.getByRole('region', { name: 'As written' }).getByRole('link', { name: 'diploma.png' });
    const status = await page.evaluate(
      async (href) => (await fetch(href)).status,
      (await doc.getAttribute('href')) ?? '',
    );
    expect(status).toBe(200);
    // The home organisation's RPL stays there; the referral panel is the home organisation's.
    expect(await page.getByRole('region', { name: 'Skills assessment (RPL)' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Refer to an assessing organisation' }).count()).toBe(0);

    const assess = page.getByRole('region', { name: 'Assessment' });
    await assess.getByLabel('I have checked the documents').check();
    await assess.getByRole('button', { name: 'Save the assessment' }).click();
    const decide = page.getByRole('region', { name: 'Decide' });
    await decide.waitFor();
    await decide.getByLabel('Recognised', { exact: true }).check();
    await decide.getByLabel('EQF level').selectOption('5');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    const decision = page.getByRole('region', { name: 'Decision' });
    await decision.waitFor();
    expect(await decision.innerText()).toMatch(/Recognised · EQF level 5/);
    expect(await decision.innerText()).toContain(`Assessed by ${AUTHORITY}`);
    await clean(page);
    await docShot(page, 'recognition-referred-case-en-desktop');
    await page.evaluate(() => localStorage.setItem('corridor.lang', 'ar'));
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.locator('[data-referred-from]').innerText()).toContain(`أحالتها ${NGO}`);
    await clean(page);
    await screenshot(page, 'recognition-referred-case-ar-desktop');
    await page.context().close();
  }, 180_000);

  it('the person, on a phone in Arabic, reads the decision and who assessed it, and stops sharing', async () => {
    const page = await accept(personLink, { locale: 'ar', viewport: PHONE });
    await page.goto(`${fresh.url}/me/qualifications`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('مؤهلاتي');
    const item = page.locator('li.qualification').first();
    await item.waitFor();
    await expect.poll(() => item.locator('.recognition-decision').innerText()).toMatch(/معترف بها/);
    expect(await item.locator('[data-assessed-by]').innerText()).toBe(`قيّمتها ${AUTHORITY}`);
    await clean(page);
    await docShot(page, 'recognition-referred-mine-ar-phone');
    await item.getByRole('button', { name: `إيقاف المشاركة مع ${AUTHORITY}` }).click();
    // The list reloads: the sharing line and its button are gone, the decision stays.
    await expect.poll(() => item.locator('.referral-line').count()).toBe(0);
    expect(await item.locator('.recognition-decision').innerText()).toMatch(/معترف بها/);
    await clean(page);
    await screenshot(page, 'recognition-referral-stopped-ar-phone');
    await page.context().close();

    // The authority's assessor no longer sees the case: not in the queue, not by its address.
    const assessor = await browser.page();
    await assessor.goto(`${fresh.url}/sign-in`);
    await assessor.locator('#signin-email').fill('assessor.referral@example.org');
    await assessor.locator('#signin-password').fill(PASS);
    await assessor.locator('form button[type="submit"]').click();
    await assessor.locator('nav.mainnav').waitFor({ state: 'attached' });
    await assessor.goto(`${fresh.url}/recognition`);
    await expect.poll(() => assessor.locator('main').innerText()).toContain('No cases here.');
    await assessor.goto(referredCase);
    await expect.poll(() => assessor.getByRole('alert').first().innerText()).not.toBe('');
    expect(await assessor.locator('h1').count()).toBe(0);
    await assessor.context().close();
  }, 180_000);
});
