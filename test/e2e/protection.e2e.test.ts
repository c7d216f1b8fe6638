// Protection through the UI, against the real server: an employer publishing a vacancy reads the hiring guide of
// its country; an advisor screens a person (a trafficking indicator raises an urgent anti-trafficking referral),
// schedules a follow-up that is already overdue and finds it on their caseload home; the employer reads, on the
// candidate, how to hire them under their permit; the advisor records the placement, which closes the vacancy; the
// person, on a 360×740 phone, records what they paid, sees the cost in months of earnings and sends their advisor a
// confidential report, which the advisor finds on their home — English and Arabic.
// Set-up through the API, as a client would: the person's account (an invitation), their profile and their consent
// to be matched. Everything the issue asks to show is done on screen.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsOf, PHONE, screenshot, seriousViolations } from './harness.js';
import { apiAs, migrantAccount, type Call } from './accounts.js';
import { corridor, useBrowser } from './browser.js';

const browser = useBrowser();
const TITLE = 'Kitchen assistant, protection test';
const seeded = { migrantId: '', email: '', password: '', vacancyId: '' };
let advisor: Call;
let employer: Call;

const DOCS = resolve('docs/screens');
/** Keeps a screenshot for the docs (small: the first screenful). */
async function docShot(page: Page, name: string) {
  mkdirSync(DOCS, { recursive: true });
  const path = await screenshot(page, name);
  await page.screenshot({ path: resolve(DOCS, `${name}.png`), fullPage: false });
  return path;
}

function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  advisor = await apiAs(corridor.url, corridor.users.advisor);
  employer = await apiAs(corridor.url, corridor.users.employer);
  const account = await migrantAccount(corridor.url, corridor.users.orgAdmin, 'Samira Haddou');
  Object.assign(seeded, { migrantId: account.migrantId, email: account.email, password: account.password });
}, 120_000);

async function expectClean(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
  expect(errorsOf(page)).toEqual([]);
}

describe('protection', () => {
  it('an employer publishing a vacancy reads the hiring guide of the country', async () => {
    const page = await browser.signedIn(corridor.users.employer);
    await page.goto(`${corridor.url}/vacancies`);
    await page.getByRole('link', { name: 'Publish a vacancy' }).click();
    await page.waitForURL(/\/vacancies\/new$/);
    await page.locator('#vacancy-title').fill(TITLE);
    await page.locator('#vacancy-occupation').fill('kitchen assistant');
    await page
      .getByRole('listbox', { name: 'ESCO occupation' })
      .getByRole('option', { name: /^kitchen assistant/ })
      .first()
      .click();
    await page.locator('#vacancy-sector').selectOption('I');
    await page.locator('#vacancy-country').selectOption('ES');
    // The guide of every Spanish permit, from the same rules matching applies.
    const guide = page.locator('details.hiring-guide');
    await guide.locator('summary', { hasText: 'Hiring guide for Spain' }).click();
    await guide.getByRole('heading', { name: 'Work permit', exact: true }).waitFor();
    const text = await guide.innerText();
    expect(text).toContain('Example content, not legal advice.');
    expect(text).toContain('Register the worker with social security before the first day.');
    expect(text).toContain('Seasonal work in agriculture and hospitality');
    await page.locator('#vacancy-region').fill('ES51');
    await page.locator('#vacancy-posts').fill('1');
    await page.locator('#vacancy-contract').selectOption('seasonal');
    await page.locator('#vacancy-wage').fill('1450');
    await page.getByLabel('We pay all recruitment fees and related costs').check();
    await expectClean(page);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/vacancies\/[0-9a-f-]{36}$/);
    await page.context().close();

    // Set-up of the person (not part of what is shown): a profile that matches the vacancy, and their consent.
    const { items } = await employer<{
      items: { id: string; title: string; essentialSkills: string[]; occupationUri: string }[];
    }>('GET', '/vacancies');
    const v = items.find((x) => x.title === TITLE)!;
    seeded.vacancyId = v.id;
    const profile = await advisor<{ version: number; userId: string }>('GET', `/profiles/${seeded.migrantId}`);
    // Recorded with the person present (issue 11): no profile is kept or matched without it.
    await advisor('POST', `/migrants/${seeded.migrantId}/consents`, { purpose: 'profiling' });
    await advisor('PUT', `/profiles/${seeded.migrantId}`, {
      version: profile.version,
      displayName: 'Samira Haddou',
      originCountry: 'MA',
      currentCountry: 'ES',
      currentRegion: 'ES51',
      sex: 'female',
      birthYear: 1993,
      languages: [
        { lang: 'ar', native: true },
        { lang: 'es', listening: 'B1', reading: 'A2', speaking: 'B1', writing: 'A2' },
      ],
      experience: [{ occupationUri: v.occupationUri, country: 'MA', months: 36, formal: false }],
      skills: v.essentialSkills.slice(0, 4).map((uri) => ({ uri, evidence: 'advisor-checked', source: 'interview' })),
      workAuthorization: { permits: [{ country: 'ES', type: 'work-general', validUntil: '2029-12-31', sectors: [] }] },
      seeking: true,
    });
    await advisor('POST', `/migrants/${seeded.migrantId}/consents`, {
      purpose: 'matching_with_employers',
      fieldScopes: ['skills', 'experience', 'languages', 'availability', 'workAuthorization'],
    });
  });

  it('an advisor screens the person: a trafficking indicator raises an urgent referral; a missed follow-up is on their home', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload`);
    await page.getByRole('link', { name: 'Samira Haddou' }).click();
    await page.getByRole('link', { name: /^Case: plan, referrals/ }).click();
    await page.waitForURL(/\/case$/);
    await page.getByRole('heading', { level: 1, name: 'Samira Haddou' }).waitFor();

    const screening = page.locator('[data-part="screening"]');
    await screening.getByRole('button', { name: 'Screen now' }).click();
    await screening
      .getByLabel('Someone else controls where they go, their money or their contacts')
      .selectOption('yes');
    await screening
      .getByLabel('Note: Someone else controls where they go, their money or their contacts')
      .fill('The agent keeps her phone');
    await screening.getByLabel('Family supports them').selectOption('yes');
    expect(await screening.getByLabel('Factor: Family supports them').inputValue()).toBe('protective');
    await screening.getByLabel('Your judgement').fill('Needs specialised support before any placement talk.');
    await expectClean(page);
    await screening.getByRole('button', { name: 'Record the screening' }).click();
    await expect
      .poll(() => screening.getByRole('status').first().innerText())
      .toBe('Screening recorded. Urgent referrals raised now: Trafficking.');
    const referral = page.locator('[data-part="referrals"] li[data-category="anti-trafficking"]');
    await referral.waitFor();
    expect(await referral.innerText()).toMatch(
      /Anti-trafficking[\s\S]*Urgent[\s\S]*To be sent[\s\S]*Raised by the screening/,
    );
    // What was recorded is shown back to the case's advisor: factors and notes, no score.
    await screening.getByRole('heading', { name: /^Screening of / }).waitFor();
    expect(await screening.innerText()).toContain('Note: The agent keeps her phone');

    const followUps = page.locator('[data-part="follow-ups"]');
    await followUps.getByLabel('Due date').fill(isoDay(-1));
    await followUps.getByLabel('What to do').fill('Call about the shelter place');
    await followUps.getByRole('button', { name: 'Schedule the follow-up' }).click();
    await followUps.locator('li', { hasText: 'Call about the shelter place' }).getByText('Overdue').waitFor();
    await page.locator('[data-part="referrals"]').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await docShot(page, 'protection-case-en');
    await expectClean(page);

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Caseload' }).click();
    const attention = page.getByRole('region', { name: 'Needs your attention' });
    await attention.waitFor();
    const overdue = attention.locator('.overdue-list li', { hasText: 'Samira Haddou' });
    await overdue.waitFor();
    expect(await overdue.innerText()).toContain('Call about the shelter place — due');
    await expectClean(page);
    await page.context().close();
  });

  it('an employer reads on the candidate how to hire them under their permit', async () => {
    const page = await browser.signedIn(corridor.users.employer);
    await page.goto(`${corridor.url}/vacancies/${seeded.vacancyId}/candidates`);
    const card = page.locator('ol.cards li').first();
    await card.waitFor();
    const open = card.getByRole('button', {
      name: /^You can hire this person under the permit “Work permit” \(Spain\)/,
    });
    await open.click();
    const guide = card.locator('.hiring-guide .guide');
    await guide.getByRole('heading', { name: 'Steps' }).waitFor();
    const text = await guide.innerText();
    expect(text).toContain('Offer a written contract at the collective agreement’s wage.');
    expect(text).toContain('The worker pays no recruitment fee or cost');
    // Nothing of the screening reaches the employer.
    expect(await page.locator('main').innerText()).not.toMatch(/trafficking|shelter|agent keeps/i);
    await expectClean(page);
    await screenshot(page, 'protection-candidate-guide-en');
    await page.context().close();
  });

  it('the advisor records the placement, which fills the last post and closes the vacancy', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload/${seeded.migrantId}/case`);
    const outcomes = page.locator('[data-part="outcomes"]');
    await outcomes.waitFor();
    await outcomes.getByLabel('Outcome', { exact: true }).selectOption('employed');
    await outcomes.getByLabel('Vacancy filled (on Corridor)').selectOption({ label: TITLE });
    await expect.poll(() => outcomes.getByLabel('Employer').inputValue()).toBe('Hostal Mar Azul');
    await outcomes.getByRole('button', { name: 'Record the outcome' }).click();
    await expect
      .poll(() => outcomes.getByRole('status').innerText())
      .toBe(
        'Outcome recorded. The person is no longer in matching. The vacancy is now closed: all its posts are filled.',
      );
    expect(await outcomes.locator('li').first().innerText()).toMatch(/Employed[\s\S]*Hostal Mar Azul · Seasonal/);
    await expectClean(page);
    await page.context().close();
    const v = await employer<{ status: string; postsFilled: number }>('GET', `/vacancies/${seeded.vacancyId}`);
    expect(v).toMatchObject({ status: 'closed', postsFilled: 1 });
    const p = await advisor<{ seeking: boolean }>('GET', `/profiles/${seeded.migrantId}`);
    expect(p.seeking).toBe(false);
  });

  it('the person records fees on a phone and sees the cost in months of earnings, in English', async () => {
    const page = await browser.page({ viewport: PHONE });
    await signInAs(page, 'en');
    await page.getByRole('button', { name: /^Menu/ }).click();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Rights and fees' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Your rights and fees' }).waitFor();
    expect(await page.locator('.employer-pays').innerText()).toContain('You should not pay any fee to get a job.');

    const fees = page.locator('[data-part="fees"]');
    await fees.locator('#fee-amount').fill('-5');
    await fees.locator('#fee-currency').fill('XYZ');
    await fees.getByLabel('Date paid').fill(isoDay(-40));
    await fees.getByRole('button', { name: 'Add the cost' }).click();
    expect(await page.locator('#fee-amount-error').innerText()).toBe('Enter an amount of 0 or more.');
    expect(await page.locator('#fee-currency-error').innerText()).toBe(
      '“XYZ” is not a currency code (ISO 4217, for example EUR).',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fee-amount');

    await fees.locator('#fee-amount').fill('300');
    await fees.locator('#fee-currency').fill('EUR');
    await fees.getByRole('button', { name: 'Add the cost' }).click();
    await fees.locator('.fee-list li', { hasText: 'Recruitment fee' }).waitFor();

    const month = isoDay(-35).slice(0, 7);
    await fees.getByLabel('Month (YYYY-MM)').fill(month);
    await fees.locator('#fee-eAmount').fill('1200');
    await fees.locator('#fee-eCurrency').fill('EUR');
    await fees.getByLabel('Country of work').selectOption('ES');
    await fees.getByRole('button', { name: 'Save the earnings' }).click();
    await expect
      .poll(() => fees.locator('.indicator').innerText())
      .toContain('Recruitment cost: 0.25 months of earnings');
    expect(await fees.locator('.indicator').innerText()).toContain(
      '€300.00 paid, against €1,200.00 earned in the first month.',
    );

    // What the advisor recorded, in the person's language (English here), without the word "score".
    const record = page.getByRole('region', { name: 'What your advisor recorded about you' });
    await record.getByText('Someone else controls where they go, their money or their contacts: Yes').waitFor();
    expect(await record.innerText()).not.toMatch(/score/i);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectClean(page);
    await page.locator('[data-part="fees"] .indicator').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await docShot(page, 'protection-fees-en');

    // A confidential report to the advisor: empty is refused at the field, then sent.
    const report = page.getByRole('region', { name: 'Tell your advisor, confidentially' });
    await report.getByLabel('What it is about').selectOption('fee');
    await report.getByRole('button', { name: 'Send to my advisor' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-text');
    await report.getByLabel('What happened').fill('The agency now asks 200 euros more for the contract');
    await report.getByRole('button', { name: 'Send to my advisor' }).click();
    await expect.poll(() => report.getByRole('status').innerText()).toBe('Sent. Your advisor will read it.');
    await expectClean(page);
    await screenshot(page, 'protection-report-en-phone');
    await page.context().close();
  });

  it('the advisor signs in: their home shows the unread report and the overdue follow-up; the case reads it', async () => {
    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/`);
    await page.waitForURL(/\/caseload$/);
    const attention = page.getByRole('region', { name: 'Needs your attention' });
    await attention.getByRole('link', { name: 'Samira Haddou sent you a report (1 unread)' }).click();
    await page.waitForURL(/\/case$/);
    const screening = page.locator('[data-part="screening"]');
    await screening.getByText('The agency now asks 200 euros more for the contract').waitFor();
    await expectClean(page);
    // Read once, it leaves the list; the overdue follow-up stays until it is done.
    await page.goto(`${corridor.url}/`);
    await attention.locator('.overdue-list li', { hasText: 'Samira Haddou' }).waitFor();
    expect(await attention.innerText()).not.toContain('sent you a report');
    await page.context().close();
  });

  it('in Arabic: the person’s fee screen on a phone and the advisor’s case screen', async () => {
    const page = await browser.page({ viewport: PHONE, locale: 'ar' });
    await signInAs(page, 'ar');
    await page.goto(`${corridor.url}/me/protection`);
    await page.getByRole('heading', { level: 1, name: 'حقوقك وتكاليفك' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const fees = page.locator('[data-part="fees"]');
    await fees.locator('.indicator').waitFor();
    expect(await fees.locator('.indicator').innerText()).toContain('تكلفة التوظيف');
    // A date in the future is refused at its field.
    await fees.locator('#fee-amount').fill('50');
    await fees.locator('#fee-currency').fill('MAD');
    await fees.locator('#fee-paidOn').fill(isoDay(3));
    await fees.getByRole('button', { name: 'إضافة التكلفة' }).click();
    expect(await page.locator('#fee-paidOn-error').innerText()).toBe('هذا التاريخ في المستقبل.');
    await page
      .getByRole('region', { name: 'ما سجّله مستشارك عنك' })
      .getByText('شخص آخر يتحكم في تنقلاته أو ماله أو اتصالاته: نعم')
      .waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectClean(page);
    await fees.locator('.indicator').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await docShot(page, 'protection-fees-ar');
    await page.context().close();

    const desk = await browser.signedIn(corridor.users.advisor, { locale: 'ar' });
    await desk.goto(`${corridor.url}/caseload/${seeded.migrantId}/case`);
    await desk.getByRole('heading', { level: 1, name: 'Samira Haddou' }).waitFor();
    await desk
      .locator('[data-part="referrals"] li[data-category="anti-trafficking"] .card-title')
      .getByText('مكافحة الاتجار بالبشر')
      .waitFor();
    await expectClean(desk);
    await desk.locator('[data-part="referrals"]').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await docShot(desk, 'protection-case-ar');
    await desk.context().close();
  });

  it('a supervisor sees the team’s cases; the advisor hands the case on only with the person’s agreement', async () => {
    const boss = await browser.signedIn(corridor.users.orgAdmin);
    await boss.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Team cases' }).click();
    await boss.waitForURL(/\/protection\/team$/);
    const row = boss.locator('tbody tr', { hasText: 'Samira Haddou' });
    await row.waitFor();
    // Lead, overdue follow-ups, open referrals, open goals, last outcome — never what the screening says.
    expect(await row.locator('td').allInnerTexts()).toEqual(['Amal Haddad', '1', '1', '0', 'Employed']);
    expect(await boss.locator('main').innerText()).not.toMatch(/trafficking|agent keeps|shelter/i);
    await expectClean(boss);
    await screenshot(boss, 'protection-team-en');

    const page = await browser.signedIn(corridor.users.advisor);
    await page.goto(`${corridor.url}/caseload/${seeded.migrantId}/case`);
    const transfer = page.locator('[data-part="transfer"]');
    await transfer.getByLabel('To another advisor').selectOption({ label: 'Nadia Rahal' });
    await transfer.getByRole('button', { name: 'Transfer the case' }).click();
    // Not without the person's agreement: the box is named and focused, nothing moves.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('transfer-agreed');
    await transfer.getByLabel('The person agreed to this transfer').check();
    await transfer.getByRole('button', { name: 'Transfer the case' }).click();
    await expect.poll(() => transfer.getByRole('status').innerText()).toBe('The case is transferred.');
    await expectClean(page);
    await page.context().close();
    await boss.reload();
    await expect.poll(() => row.locator('td').first().innerText()).toBe('Nadia Rahal');
    await boss.context().close();
  });
});

async function signInAs(page: Page, lang: 'en' | 'ar') {
  await page.goto(`${corridor.url}/sign-in`);
  await page.locator('#signin-email').fill(seeded.email);
  await page.locator('#signin-password').fill(seeded.password);
  await page.locator('form button[type="submit"]').click();
  // Attached, not visible: on a phone the navigation folds behind the menu button.
  await page.locator('nav.mainnav').waitFor({ state: 'attached' });
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
}
